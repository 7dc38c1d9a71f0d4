/**
 * When the shakeout comes: the share of runs in which the market has shrunk to at most K active
 * players by each week (cumulative), with the weekly share of runs in which it happens as bars.
 */
import { round4, timeX, weekStartDate } from './axes.js';
import { CHART_HEIGHT, CHART_WIDTH, MARKET_MARK_COLOR, withConfig, type NamedChart } from './chart.js';
import type { McResult } from './inputs.js';

export function shakeoutTimingChart(result: McResult): NamedChart {
  const runs = Math.max(1, result.runs);
  let cumulative = 0;
  const values = result.market.shakeout.byWeek.map((count, index) => {
    cumulative += count;
    return { date: weekStartDate(result.startDate, index + 1), week: index + 1, runs: count, weekly: round4(count / runs), byThen: round4(cumulative / runs) };
  });
  const x = timeX(result.startDate, result.horizonWeeks);
  const k = result.shakeoutK;
  const p = result.market.shakeout.probability;
  const tooltip = [
    { field: 'date', type: 'nominal' as const, title: 'Week starting' },
    { field: 'week', type: 'quantitative' as const, title: 'Week' },
    { field: 'weekly', type: 'quantitative' as const, title: 'Shakeout this week (share of runs)', format: '.1%' },
    { field: 'byThen', type: 'quantitative' as const, title: 'Shakeout by then (share of runs)', format: '.1%' },
  ];
  return {
    name: 'shakeout',
    spec: withConfig({
      title: {
        text: 'When the shakeout comes',
        subtitle: `Share of runs in which at most ${k} players are still active, by week: ${Math.round(p.estimate * 100)}% of runs by the end (95% interval ${Math.round(p.low * 100)}–${Math.round(p.high * 100)}%)`,
      },
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      data: { values },
      encoding: { x, tooltip },
      layer: [
        {
          mark: { type: 'area', interpolate: 'step-after', color: MARKET_MARK_COLOR, opacity: 0.25, line: { color: MARKET_MARK_COLOR, strokeWidth: 2 } },
          encoding: { y: { field: 'byThen', type: 'quantitative', title: 'Share of runs', axis: { format: '.0%' }, scale: { domain: [0, 1] } } },
        },
        { mark: { type: 'bar', color: '#D55E00', opacity: 0.8, width: 3 }, encoding: { y: { field: 'weekly', type: 'quantitative', title: 'Share of runs' } } },
      ],
    }),
  };
}
