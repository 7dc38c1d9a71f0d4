/**
 * What a chart function returns (a named vega-lite spec) and the look every chart shares: sizes,
 * fonts, titles that start at the left, quiet grids.
 */
import type { Config, TopLevelSpec } from 'vega-lite';

/** A chart of a report: `name` names its files (`charts/<name>.svg`), `spec` is vega-lite. */
export interface NamedChart {
  name: string;
  spec: TopLevelSpec;
}

/** Plot width of every chart (pixels); time charts share it so their axes line up. */
export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 260;

/** Colour of marks that stand for the whole market rather than a player (no player has it). */
export const MARKET_MARK_COLOR = '#6B7785';

/** The fonts: the reader's sans-serif, DejaVu Sans where nothing else is installed (PNG rendering). */
export const FONT = 'Helvetica Neue, Helvetica, Arial, DejaVu Sans, sans-serif';

export const CHART_CONFIG: Config = {
  font: FONT,
  padding: 8,
  background: '#ffffff',
  title: { anchor: 'start', fontSize: 16, fontWeight: 'bold', subtitleFontSize: 13, subtitleColor: '#555555', offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', titleColor: '#333333', labelColor: '#333333', gridColor: '#e6e6e6' },
  legend: { labelFontSize: 12, titleFontSize: 13 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  view: { stroke: null },
  line: { strokeWidth: 2 },
};

/** Adds the shared config to a spec. */
export function withConfig(spec: TopLevelSpec): TopLevelSpec {
  return { ...spec, config: { ...CHART_CONFIG, ...spec.config } } as TopLevelSpec;
}
