/**
 * What changes between scenarios: for each player, the paired difference (scenario minus
 * baseline, over common random numbers) in survival probability and in final share, with 95%
 * intervals, one row of panels per compared scenario. A filled dot is a difference whose interval
 * excludes zero; a hollow one is not. Each measure keeps one scale down its column (at least ±1
 * point), so the scenarios compare at a glance.
 */
import { round4 } from './axes.js';
import { CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import type { CompareResult } from './inputs.js';
import { extent, focusNote, focusOn, refsOf } from './focus.js';
import { playerColorEncoding, playerY } from './players.js';

const MEASURES = [
  { key: 'survivalDifference', label: 'Survival probability (percentage points)' },
  { key: 'finalShareDifference', label: 'Final share (percentage points)' },
] as const;

interface DifferenceRow {
  scenario: string;
  measure: string;
  player: string;
  playerName: string;
  estimate: number;
  low: number;
  high: number;
  significant: boolean;
}

function differenceRows(result: CompareResult, players: CompareResult['players'], comparisons: string[]): DifferenceRow[] {
  const pp = (v: number) => round4(v * 100);
  return comparisons.flatMap((scenario, i) =>
    players.flatMap((p) =>
      MEASURES.flatMap((measure) => {
        const d = p[measure.key][i];
        if (d === null || d === undefined) return [];
        return [{ scenario, measure: measure.label, player: p.id, playerName: p.name, estimate: pp(d.estimate), low: pp(d.low), high: pp(d.high), significant: d.significant }];
      }),
    ),
  );
}

/** A player's largest absolute difference in survival or final share over the comparisons. */
function largestDifference(player: CompareResult['players'][number]): number {
  let largest = 0;
  for (const measure of MEASURES) for (const d of player[measure.key]) if (d != null) largest = Math.max(largest, Math.abs(d.estimate));
  return largest;
}

export function compareDifferencesChart(result: CompareResult): NamedChart {
  const focus = focusOn(result.players, largestDifference);
  const players = refsOf(focus.shown);
  const baseline = result.scenarios[0]?.name ?? 'baseline';
  const comparisons = result.scenarios.slice(1).map((s) => `${s.name} − ${baseline}`);
  const values = differenceRows(result, focus.shown, comparisons);
  const common = {
    y: playerY(players),
    color: playerColorEncoding(players, { legend: false }),
    tooltip: [
      { field: 'playerName', type: 'nominal' as const, title: 'Player' },
      { field: 'scenario', type: 'nominal' as const, title: 'Comparison' },
      { field: 'measure', type: 'nominal' as const, title: 'Measure' },
      { field: 'estimate', type: 'quantitative' as const, title: 'Difference (pp)', format: '+.1f' },
      { field: 'low', type: 'quantitative' as const, title: '95% interval from (pp)', format: '+.1f' },
      { field: 'high', type: 'quantitative' as const, title: '95% interval to (pp)', format: '+.1f' },
      { field: 'significant', type: 'nominal' as const, title: 'Interval excludes zero' },
    ],
  };
  const panel = (measure: (typeof MEASURES)[number], column: number) => {
    // The second column sits next to the first: same players, same order, no second set of names.
    const y = column === 0 ? common.y : { ...common.y, axis: { ...common.y.axis, labels: false } };
    const rows = values.filter((row) => row.measure === measure.label);
    const domain = extent(rows.flatMap((row) => [row.low, row.high]), [-1, 1]);
    const x = {
      type: 'quantitative' as const,
      title: null,
      scale: { domain, nice: true },
      axis: { grid: true, format: ',.1~f', labelExpr: "datum.value > 0 ? '+' + datum.label : datum.label" },
    };
    return {
      title: { text: measure.label, anchor: 'middle' as const, fontSize: 13 },
      transform: [{ filter: { field: 'measure', equal: measure.label } }],
      facet: {
        row: {
          field: 'scenario',
          type: 'nominal' as const,
          title: null,
          sort: comparisons,
          header: { labelAngle: 0, labelAlign: 'left' as const, labelAnchor: 'start' as const, labelOrient: 'top' as const, labelFontWeight: 'bold' as const },
        },
      },
      spec: {
        width: Math.floor((CHART_WIDTH - 60) / 2),
        height: { step: 26 },
        layer: [
          { mark: { type: 'rule' as const, color: '#333333', strokeWidth: 1 }, encoding: { x: { datum: 0, type: 'quantitative' as const } } },
          { mark: { type: 'rule' as const, strokeWidth: 3, opacity: 0.55 }, encoding: { ...common, y, x: { ...x, field: 'low' }, x2: { field: 'high' } } },
          { transform: [{ filter: 'datum.significant' }], mark: { type: 'point' as const, filled: true, size: 90, opacity: 1 }, encoding: { ...common, y, x: { ...x, field: 'estimate' } } },
          {
            transform: [{ filter: '!datum.significant' }],
            mark: { type: 'point' as const, filled: false, size: 90, strokeWidth: 2, opacity: 1, fill: '#ffffff' },
            encoding: { ...common, y, x: { ...x, field: 'estimate' } },
          },
        ],
      },
    };
  };
  return {
    name: 'differences',
    spec: withConfig({
      title: {
        text: `What changes against ${baseline}`,
        subtitle: `Paired differences (scenario − baseline) over ${result.runs.toLocaleString('en-US')} runs with common random numbers, 95% intervals; filled dot = interval excludes zero${focusNote(focus, 'differences', 'compare.csv')}`,
      },
      data: { values },
      hconcat: MEASURES.map(panel),
      spacing: 24,
    }),
  };
}
