/**
 * The chart of `gbsim fit`: each series (player × metric) with the observations and their stated
 * ranges, and the scenario's simulated mean with the 5–95% range of its runs; out-of-sample
 * observations hollow. Rows without a simulated value are left out.
 */
import { round4 } from './axes.js';
import { withConfig, type NamedChart } from './chart.js';
import type { FitResult } from './inputs.js';

export function fitChart(result: FitResult): NamedChart {
  const values = result.rows
    .filter((r) => r.simulatedMean !== null)
    .map((r) => ({
      series: `${r.player} · ${r.metric}`,
      date: r.date,
      observed: round4(r.observed),
      observedLow: r.low ?? r.observed,
      observedHigh: r.high ?? r.observed,
      simulated: round4(r.simulatedMean!),
      simulatedLow: round4(r.simulatedP05!),
      simulatedHigh: round4(r.simulatedP95!),
      sample: r.note === 'out of sample' ? 'out of sample' : 'in sample',
      inside: r.inside ? 'yes' : 'no',
    }));
  const x = { field: 'date', type: 'temporal' as const, title: null };
  const y = { type: 'quantitative' as const, title: null, scale: { zero: false } };
  return {
    name: 'fit',
    spec: withConfig({
      title: { text: 'Simulated against observed', subtitle: `Observed values with their stated ranges (black; hollow: out of sample) and the mean of ${result.runs} runs with their 5–95% range (red)` },
      data: { values },
      facet: { field: 'series', type: 'nominal', title: null },
      columns: 2,
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: 320,
        height: 160,
        layer: [
          { mark: { type: 'rule', color: '#E45756', strokeWidth: 3, opacity: 0.5 }, encoding: { x, y: { ...y, field: 'simulatedLow' }, y2: { field: 'simulatedHigh' } } },
          { mark: { type: 'tick', color: '#E45756', thickness: 2 }, encoding: { x, y: { ...y, field: 'simulated' } } },
          { mark: { type: 'rule', color: '#333333' }, encoding: { x, y: { ...y, field: 'observedLow' }, y2: { field: 'observedHigh' } } },
          { mark: { type: 'point', color: '#333333', size: 50 }, encoding: { x, y: { ...y, field: 'observed' }, fill: { field: 'sample', type: 'nominal', scale: { domain: ['in sample', 'out of sample'], range: ['#333333', '#ffffff'] }, title: null }, tooltip: [{ field: 'series' }, { field: 'date' }, { field: 'observed', format: ',.4~g' }, { field: 'simulated', format: ',.4~g' }, { field: 'simulatedLow', format: ',.4~g' }, { field: 'simulatedHigh', format: ',.4~g' }, { field: 'inside' }, { field: 'sample' }] } },
        ],
      },
    } as never),
  };
}
