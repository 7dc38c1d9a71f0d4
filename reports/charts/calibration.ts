/**
 * Calibration charts:
 *   parameters  each parameter's prior and posterior 90% intervals with their medians (one row per
 *               parameter, each on its own scale)
 *   fit         each series (player × metric): the observations with their stated ranges, and the
 *               simulated values over the posterior (mean, 5–95%); out-of-sample points hollow
 */
import { round4 } from './axes.js';
import { withConfig, type NamedChart } from './chart.js';
import type { CalibrationResult } from './inputs.js';

export function calibrationParametersChart(result: CalibrationResult): NamedChart {
  const values = result.parameters.flatMap((p) => [
    { parameter: p.path, which: 'prior', low: p.prior.p05, median: p.prior.p50, high: p.prior.p95 },
    { parameter: p.path, which: 'posterior', low: p.posterior.p05, median: p.posterior.p50, high: p.posterior.p95 },
  ]);
  const x = { type: 'quantitative' as const, title: null, scale: { zero: false } };
  const color = { field: 'which', type: 'nominal' as const, title: null, scale: { domain: ['prior', 'posterior'], range: ['#9DA5AE', '#E45756'] } };
  return {
    name: 'calibration-parameters',
    spec: withConfig({
      title: { text: 'What the observations say about each parameter', subtitle: 'Prior and posterior 90% intervals with medians; a posterior as wide as its prior means the observations do not inform that parameter' },
      data: { values },
      facet: { row: { field: 'parameter', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelLimit: 320 } } },
      resolve: { scale: { x: 'independent' } },
      spec: {
        width: 420,
        height: { step: 16 },
        encoding: { y: { field: 'which', type: 'nominal', title: null, axis: null, sort: ['prior', 'posterior'] }, color },
        layer: [
          { mark: { type: 'rule', strokeWidth: 4, opacity: 0.7 }, encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' } } },
          { mark: { type: 'point', filled: true, size: 60 }, encoding: { x: { ...x, field: 'median' }, tooltip: [{ field: 'parameter' }, { field: 'which' }, { field: 'low', format: ',.4~g' }, { field: 'median', format: ',.4~g' }, { field: 'high', format: ',.4~g' }] } },
        ],
      },
    } as never),
  };
}

/** One observed point with its stated range and the simulated mean with its 5–95% range; `sample` says whether it was fitted (or in sample). */
export interface ObservedSimulated {
  series: string;
  date: string;
  observed: number;
  observedLow: number;
  observedHigh: number;
  simulated: number;
  simulatedLow: number;
  simulatedHigh: number;
  sample: string;
  [extra: string]: string | number;
}

/**
 * Simulated against observed, one panel per series: the simulated range and mean (red), the
 * observation and its stated range (black; hollow where `sample` is the second of `samples`).
 * Shared by the calibration report and `gbsim fit`'s.
 */
export function observedSimulatedChart(name: string, subtitle: string, values: readonly ObservedSimulated[], samples: readonly [string, string], extraTooltip: readonly string[] = []): NamedChart {
  const x = { field: 'date', type: 'temporal' as const, title: null };
  const y = { type: 'quantitative' as const, title: null, scale: { zero: false } };
  const tooltip = [{ field: 'series' }, { field: 'date' }, { field: 'observed', format: ',.4~g' }, { field: 'simulated', format: ',.4~g' }, { field: 'simulatedLow', format: ',.4~g' }, { field: 'simulatedHigh', format: ',.4~g' }, ...extraTooltip.map((field) => ({ field })), { field: 'sample' }];
  return {
    name,
    spec: withConfig({
      title: { text: 'Simulated against observed', subtitle },
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
          { mark: { type: 'point', color: '#333333', size: 50 }, encoding: { x, y: { ...y, field: 'observed' }, fill: { field: 'sample', type: 'nominal', scale: { domain: [...samples], range: ['#333333', '#ffffff'] }, title: null }, tooltip } },
        ],
      },
    } as never),
  };
}

export function calibrationFitChart(result: CalibrationResult): NamedChart {
  const values = result.fit.map((f) => ({
    series: `${f.player} · ${f.metric}`,
    date: f.date,
    observed: round4(f.observed),
    observedLow: f.low ?? f.observed,
    observedHigh: f.high ?? f.observed,
    simulated: round4(f.simulatedMean),
    simulatedLow: round4(f.simulatedP05),
    simulatedHigh: round4(f.simulatedP95),
    sample: f.fitted ? 'fitted' : 'out of sample',
  }));
  return observedSimulatedChart('calibration-fit', 'Observed values with their stated ranges (black; hollow: out of sample) and the posterior\'s simulated mean with its 5–95% range (red)', values, ['fitted', 'out of sample']);
}

export function calibrationCharts(result: CalibrationResult): NamedChart[] {
  return [calibrationParametersChart(result), calibrationFitChart(result)];
}
