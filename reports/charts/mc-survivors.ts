/** How many survive: the distribution of the number of survivors over the runs. */
import { MARKET_MARK_COLOR, withConfig, type NamedChart } from './chart.js';
import type { McResult } from './inputs.js';

export function survivorsCountChart(result: McResult): NamedChart {
  const runs = Math.max(1, result.runs);
  const values = result.market.survivors.distribution.map((count, k) => ({ survivors: k, runs: count, probability: count / runs }));
  return {
    name: 'survivors-count',
    spec: withConfig({
      title: {
        text: 'How many players survive',
        subtitle: `Share of ${result.runs.toLocaleString('en-US')} runs ending with each number of survivors (mean ${result.market.survivors.mean.toFixed(1)})`,
      },
      width: Math.min(680, 60 * values.length + 40),
      height: 220,
      data: { values },
      encoding: {
        x: { field: 'survivors', type: 'ordinal', title: 'Number of survivors', axis: { labelAngle: 0 } },
        y: { field: 'probability', type: 'quantitative', title: 'Share of runs', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        tooltip: [
          { field: 'survivors', type: 'ordinal', title: 'Survivors' },
          { field: 'runs', type: 'quantitative', title: 'Runs' },
          { field: 'probability', type: 'quantitative', title: 'Share of runs', format: '.1%' },
        ],
      },
      layer: [
        { mark: { type: 'bar', color: MARKET_MARK_COLOR, width: { band: 0.7 } } },
        { mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 12, color: '#333333' }, encoding: { text: { field: 'probability', format: '.0%' } } },
      ],
    }),
  };
}
