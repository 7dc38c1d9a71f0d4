/**
 * The chart of `gbsim fit`: each series (player × metric) with the observations and their stated
 * ranges, and the scenario's simulated mean with the 5–95% range of its runs; out-of-sample
 * observations hollow. Rows without a simulated value are left out.
 */
import { round4 } from './axes.js';
import { observedSimulatedChart } from './calibration.js';
import type { NamedChart } from './chart.js';
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
  return observedSimulatedChart('fit', `Observed values with their stated ranges (black; hollow: out of sample) and the mean of ${result.runs} runs with their 5–95% range (red)`, values, ['in sample', 'out of sample'], ['inside']);
}
