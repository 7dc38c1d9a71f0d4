/**
 * Concentration: the Herfindahl–Hirschman index of GMV shares week by week, against the
 * antitrust thresholds of the US Horizontal Merger Guidelines (2010): below 1,500 unconcentrated,
 * 1,500–2,500 moderately concentrated, above 2,500 highly concentrated.
 */
import { CHART_HEIGHT, CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import { dateTooltip, round4, timeX } from './axes.js';
import type { RunData } from './inputs.js';

export const HHI_THRESHOLDS = [
  { hhi: 1500, label: '1,500: moderately concentrated above' },
  { hhi: 2500, label: '2,500: highly concentrated above' },
] as const;

export function concentrationChart(data: RunData): NamedChart {
  const values = data.market
    .filter((row) => row.activePlayers > 0)
    .map((row) => ({ date: row.date, hhi: Math.round(row.hhi), cr3: round4(row.cr3), activePlayers: row.activePlayers }));
  const highest = Math.max(0, ...values.map((row) => row.hhi));
  const top = Math.min(10_000, Math.max(3_000, Math.ceil((highest * 1.05) / 500) * 500));
  const x = timeX(data.startDate, data.horizonWeeks);
  const y = { type: 'quantitative' as const, title: 'HHI (0–10,000)', scale: { domain: [0, top] }, axis: { format: ',d' } };
  return {
    name: 'concentration',
    spec: withConfig({
      title: { text: 'Market concentration (HHI)', subtitle: 'Herfindahl–Hirschman index of GMV shares, with the US merger-guideline thresholds (2010)' },
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      layer: [
        {
          data: { values: [{ from: 2500, to: top }] },
          mark: { type: 'rect', color: '#D55E00', opacity: 0.07 },
          encoding: { y: { ...y, field: 'from' }, y2: { field: 'to' } },
        },
        {
          data: { values: HHI_THRESHOLDS.map((t) => ({ ...t })) },
          mark: { type: 'rule', color: '#8a4a1c', strokeDash: [5, 4], strokeWidth: 1.2 },
          encoding: { y: { ...y, field: 'hhi' } },
        },
        {
          data: { values: HHI_THRESHOLDS.map((t) => ({ ...t })) },
          mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -4, dy: -3, color: '#8a4a1c', fontSize: 12 },
          encoding: { y: { ...y, field: 'hhi' }, x: { value: CHART_WIDTH }, text: { field: 'label' } },
        },
        {
          data: { values },
          mark: { type: 'line', color: '#333333', strokeWidth: 2.2, point: { size: 14, filled: true, color: '#333333', opacity: 0 } },
          encoding: {
            x,
            y: { ...y, field: 'hhi' },
            tooltip: [
              dateTooltip(),
              { field: 'hhi', type: 'quantitative', title: 'HHI', format: ',d' },
              { field: 'cr3', type: 'quantitative', title: 'Top-3 share (CR3)', format: '.1%' },
              { field: 'activePlayers', type: 'quantitative', title: 'Active players' },
            ],
          },
        },
      ],
    }),
  };
}
