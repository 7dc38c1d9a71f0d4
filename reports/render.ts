/**
 * Chart spec → picture, in three stages: compile (vega-lite → vega, refusing any warning: a
 * warning means a chart silently differs from what its code says), render (vega → SVG, in Node
 * without a canvas) and rasterise (SVG → PNG with resvg, fonts from the system).
 *
 *   vega-lite spec ──compileChart──> vega spec ──renderSvg──> SVG ──svgToPng──> PNG
 */
import { compile } from 'vega-lite';
import { View, parse, type LoggerInterface, type Spec as VegaSpec } from 'vega';
import type { NamedChart } from './charts/chart.js';
import { vegaSafe } from './charts/vega-text.js';

/** The font PNGs use where the chart's own families are missing (Debian: fonts-dejavu-core). */
export const PNG_FALLBACK_FONT = 'DejaVu Sans';

/** A chart whose compilation or rendering produced warnings or errors. */
export class ChartWarningError extends Error {
  constructor(readonly chart: string, readonly warnings: string[]) {
    super(`chart "${chart}": ${warnings.length} warning(s) from vega: ${warnings.join('; ')}`);
    this.name = 'ChartWarningError';
  }
}

/** A vega/vega-lite logger that keeps warnings and errors instead of printing them. */
export function collectingLogger(messages: string[]): LoggerInterface {
  let level = 2; // vega's Warn
  const keep = (...args: unknown[]) => messages.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  const logger: LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]) {
      keep(...args);
      return logger;
    },
    warn(...args: unknown[]) {
      keep(...args);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/** vega-lite → vega (every string made parseable by vega first: `vegaSafe`); throws ChartWarningError when vega-lite warns. */
export function compileChart(chart: NamedChart): VegaSpec {
  const messages: string[] = [];
  const compiled = compile(vegaSafe(chart.spec), { logger: collectingLogger(messages) }).spec;
  if (messages.length > 0) throw new ChartWarningError(chart.name, messages);
  return compiled;
}

/** vega → SVG text (no canvas needed); throws ChartWarningError when vega warns while rendering. */
export async function renderSvg(name: string, spec: VegaSpec): Promise<string> {
  const messages: string[] = [];
  const view = new View(parse(spec), { renderer: 'none', logger: collectingLogger(messages), logLevel: 2 });
  try {
    const svg = await view.toSVG();
    if (messages.length > 0) throw new ChartWarningError(name, messages);
    return svg;
  } finally {
    view.finalize();
  }
}

/** SVG → PNG at `scale` times the SVG's size, text in the system's fonts (DejaVu Sans if nothing else). */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  // The charts name FONT; where none of its families is installed, resvg falls back to DejaVu Sans.
  const resvg = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: PNG_FALLBACK_FONT }, fitTo: { mode: 'zoom', value: scale } });
  return resvg.render().asPng();
}
