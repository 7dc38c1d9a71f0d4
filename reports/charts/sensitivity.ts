/**
 * Sensitivity charts, one panel per output:
 *   Morris  μ* against σ: factors far right matter; far up, they act non-linearly or through
 *           interactions; μ*'s 95% bootstrap interval as a horizontal rule
 *   Sobol   first-order (S1) and total (ST) indices per factor as bars with 95% intervals
 *   over time (with --over-time) μ* or ST of each player's weekly share, week by week, per factor
 */
import { round4 } from './axes.js';
import { withConfig, type NamedChart } from './chart.js';
import type { SensitivityResult } from './inputs.js';

const PANEL_WIDTH = 220;
const COLUMNS = 3;

const WEEKLY = /^share\.(.*)\.week(\d+)$/;

function indexRows(result: SensitivityResult, names: readonly string[]) {
  const rows = new Map<string, Record<string, string | number | null>>();
  for (const row of result.indices) {
    if (!names.includes(row.index) || WEEKLY.test(row.output)) continue;
    const key = `${row.output}|${row.factor}`;
    const entry = rows.get(key) ?? { output: row.output, factor: row.factor };
    const value = (x: number) => (Number.isFinite(x) ? round4(x) : null);
    Object.assign(entry, { [row.index]: value(row.estimate), [`${row.index}Low`]: value(row.low), [`${row.index}High`]: value(row.high) });
    rows.set(key, entry);
  }
  return [...rows.values()];
}

export function morrisChart(result: SensitivityResult): NamedChart {
  const values = indexRows(result, ['muStar', 'sigma']);
  const factor = { field: 'factor', type: 'nominal' as const, title: 'Factor', scale: { scheme: 'tableau10' }, legend: { labelLimit: 400 } };
  const tooltip = [
    { field: 'output', type: 'nominal' as const, title: 'Output' },
    { field: 'factor', type: 'nominal' as const, title: 'Factor' },
    { field: 'muStar', type: 'quantitative' as const, title: 'μ*', format: ',.4~g' },
    { field: 'muStarLow', type: 'quantitative' as const, title: 'μ* 95% from', format: ',.4~g' },
    { field: 'muStarHigh', type: 'quantitative' as const, title: 'μ* 95% to', format: ',.4~g' },
    { field: 'sigma', type: 'quantitative' as const, title: 'σ', format: ',.4~g' },
  ];
  return {
    name: 'morris',
    spec: withConfig({
      title: { text: 'Which factors matter (Morris screening)', subtitle: `μ* (mean absolute elementary effect over the factor's whole range) against σ; ${result.design.trajectories} trajectories × ${result.runs} runs per point` },
      data: { values },
      facet: { field: 'output', type: 'nominal', title: null, sort: result.outputs.filter((o) => !WEEKLY.test(o)) },
      columns: COLUMNS,
      resolve: { scale: { x: 'independent', y: 'independent' } },
      spec: {
        width: PANEL_WIDTH,
        height: 180,
        layer: [
          { mark: { type: 'rule', strokeWidth: 2, opacity: 0.5 }, encoding: { x: { field: 'muStarLow', type: 'quantitative', title: 'μ*' }, x2: { field: 'muStarHigh' }, y: { field: 'sigma', type: 'quantitative', title: 'σ' }, color: factor } },
          { mark: { type: 'point', filled: true, size: 80 }, encoding: { x: { field: 'muStar', type: 'quantitative', title: 'μ*' }, y: { field: 'sigma', type: 'quantitative', title: 'σ' }, color: factor, tooltip } },
        ],
      },
    } as never),
  };
}

export function sobolChart(result: SensitivityResult): NamedChart {
  const values = indexRows(result, ['S1', 'ST']).flatMap((row) => [
    { output: row.output, factor: row.factor, index: 'first order (S1)', estimate: row.S1 ?? null, low: row.S1Low ?? null, high: row.S1High ?? null },
    { output: row.output, factor: row.factor, index: 'total (ST)', estimate: row.ST ?? null, low: row.STLow ?? null, high: row.STHigh ?? null },
  ]);
  const y = { field: 'factor', type: 'nominal' as const, title: null, sort: result.factors.map((f) => f.path), axis: { labelLimit: 320 } };
  const color = { field: 'index', type: 'nominal' as const, title: 'Index', scale: { range: ['#4C78A8', '#F58518'] } };
  const x = { type: 'quantitative' as const, title: 'Share of the output\'s variance', scale: { domain: [0, 1], clamp: true } };
  return {
    name: 'sobol',
    spec: withConfig({
      title: { text: 'How much of each output\'s variance each factor explains (Sobol)', subtitle: `First-order and total indices with bootstrap 95% intervals; ${result.design.baseSamples} base samples × ${result.factors.length + 2} points × ${result.runs} runs` },
      data: { values },
      facet: { field: 'output', type: 'nominal', title: null, sort: result.outputs.filter((o) => !WEEKLY.test(o)) },
      columns: COLUMNS,
      spec: {
        width: PANEL_WIDTH,
        height: { step: 12 },
        encoding: { y, yOffset: { field: 'index', type: 'nominal' }, color },
        layer: [
          { mark: { type: 'bar', opacity: 0.85 }, encoding: { x: { ...x, field: 'estimate' }, tooltip: [{ field: 'output' }, { field: 'factor' }, { field: 'index' }, { field: 'estimate', format: '.3f' }, { field: 'low', format: '.3f' }, { field: 'high', format: '.3f' }] } },
          { mark: { type: 'rule', color: '#333333' }, encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' } } },
        ],
      },
    } as never),
  };
}

/** With --over-time: each player's weekly-share index (μ* or ST) week by week, one line per factor. */
export function overTimeChart(result: SensitivityResult): NamedChart | null {
  const index = result.method === 'morris' ? 'muStar' : 'ST';
  const values = result.indices.flatMap((row) => {
    const match = WEEKLY.exec(row.output);
    if (match === null || row.index !== index || !Number.isFinite(row.estimate)) return [];
    return [{ player: match[1]!, week: Number(match[2]), factor: row.factor, estimate: round4(row.estimate), low: round4(row.low), high: round4(row.high) }];
  });
  if (values.length === 0) return null;
  const color = { field: 'factor', type: 'nominal' as const, title: 'Factor', scale: { scheme: 'tableau10' }, legend: { labelLimit: 400 } };
  const x = { field: 'week', type: 'quantitative' as const, title: 'Week' };
  const y = { type: 'quantitative' as const, title: result.method === 'morris' ? 'μ* of the weekly share' : 'ST of the weekly share' };
  return {
    name: 'sensitivity-over-time',
    spec: withConfig({
      title: { text: 'When each factor matters', subtitle: `${result.method === 'morris' ? 'μ*' : 'Total Sobol index'} of every player's weekly share, week by week, with bootstrap 95% bands` },
      data: { values },
      facet: { field: 'player', type: 'nominal', title: null },
      columns: 2,
      spec: {
        width: 320,
        height: 160,
        layer: [
          { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } },
          { mark: { type: 'line' }, encoding: { x, y: { ...y, field: 'estimate' }, color, tooltip: [{ field: 'player' }, { field: 'week' }, { field: 'factor' }, { field: 'estimate', format: '.3f' }] } },
        ],
      },
    } as never),
  };
}

export function sensitivityCharts(result: SensitivityResult): NamedChart[] {
  const overTime = overTimeChart(result);
  return [result.method === 'morris' ? morrisChart(result) : sobolChart(result), ...(overTime === null ? [] : [overTime])];
}
