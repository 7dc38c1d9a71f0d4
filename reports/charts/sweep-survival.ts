/**
 * Survival across a sweep. One varied parameter: each player's survival probability against the
 * parameter, with its 95% interval as a band. Two: one heatmap per player (parameters on the axes,
 * survival as colour, a colour-blind-safe sequential scheme). Other counts: survival against each
 * parameter in turn (the others vary too).
 */
import { axisTitle, formatParameter, parameterLabel, parameterUnit, round4, type DisplayUnit } from './axes.js';
import { CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import type { PlayerRef, SweepResult } from './inputs.js';
import { focusNote, focusOn } from './focus.js';
import { pickPlayersParam, pickedOpacity, playerColorEncoding, playerNameExpr } from './players.js';

/** Each varied parameter's display unit, in `vary` order. */
function varyUnits(result: SweepResult): DisplayUnit[] {
  return result.vary.map((v) => parameterUnit(v.path, result.points.map((point) => point.values[v.path] ?? Number.NaN)));
}

/**
 * Flat rows: one per sweep point per player; parameter values (in their display units) as `v0`,
 * `v1`, ... since a path's dots would read as nested fields.
 */
function sweepRows(result: SweepResult, names: Map<string, string>, units: DisplayUnit[]) {
  return result.points.flatMap((point) =>
    point.players.filter((p) => names.has(p.id)).map((p) => {
      const row: Record<string, string | number> = {
        point: point.point,
        player: p.id,
        playerName: names.get(p.id) ?? p.id,
        survival: round4(p.survival.estimate),
        low: round4(p.survival.low),
        high: round4(p.survival.high),
      };
      result.vary.forEach((v, i) => (row[`v${i}`] = round4((point.values[v.path] ?? Number.NaN) / units[i]!.divisor)));
      return row;
    }),
  );
}

/** The players of a sweep in the order its points list them (the scenario's order). */
export function sweepPlayers(result: SweepResult, names: ReadonlyMap<string, string> = new Map()): PlayerRef[] {
  return (result.points[0]?.players ?? []).map((p) => ({ id: p.id, name: names.get(p.id) ?? p.id }));
}

const survivalAxis = { title: 'Probability of surviving', scale: { domain: [0, 1] }, axis: { format: '.0%' } };

function valueTooltips(result: SweepResult, units: DisplayUnit[]) {
  return result.vary.map((v, i) => ({ field: `v${i}`, type: 'quantitative' as const, title: axisTitle(v.path, units[i]!), format: ',.4~r' }));
}

export function sweepSurvivalChart(result: SweepResult, everyPlayer: readonly PlayerRef[]): NamedChart {
  const focus = focusOn(everyPlayer, (_, j) => meanShare(result, j));
  const players = focus.shown;
  const names = new Map(players.map((p) => [p.id, p.name]));
  const units = varyUnits(result);
  const values = sweepRows(result, names, units);
  const base = {
    title: { text: 'Survival across the sweep', subtitle: `${subtitle(result)}${focusNote(focus, 'mean final share over the points', 'sweep-players.csv')}` },
    data: { values },
  };
  const tooltip = [
    { field: 'playerName', type: 'nominal' as const, title: 'Player' },
    ...valueTooltips(result, units),
    { field: 'survival', type: 'quantitative' as const, title: 'Survives', format: '.1%' },
    { field: 'low', type: 'quantitative' as const, title: '95% interval from', format: '.1%' },
    { field: 'high', type: 'quantitative' as const, title: '95% interval to', format: '.1%' },
  ];
  if (result.vary.length === 2) return { name: 'sweep-survival', spec: withConfig({ ...base, ...heatmaps(result, players, units, tooltip) }) };
  return { name: 'sweep-survival', spec: withConfig({ ...base, ...lines(result, players, units, tooltip) }) };
}

/** The mean final share of the `j`th player over the sweep's points. */
function meanShare(result: SweepResult, j: number): number {
  let sum = 0;
  for (const point of result.points) sum += point.players[j]?.finalShare.estimate ?? 0;
  return result.points.length === 0 ? 0 : sum / result.points.length;
}

function subtitle(result: SweepResult): string {
  const format = (path: string, value: number) => formatParameter(path, value, [result.vary.find((v) => v.path === path)?.from ?? value, value]);
  const varied = result.vary.map((v) => `${v.path} from ${format(v.path, v.from)} to ${format(v.path, v.to)}`).join(' and ');
  return `${result.design === 'lhs' ? 'Latin hypercube' : result.design === 'csv' ? 'Design file' : 'Grid'} over ${varied}; ${result.runs.toLocaleString('en-US')} runs per point`;
}

function lines(result: SweepResult, players: readonly PlayerRef[], units: DisplayUnit[], tooltip: object[]) {
  const grid = result.design === 'grid' && result.vary.length === 1;
  const panels = result.vary.map((v, i) => {
    const x = { field: `v${i}`, type: 'quantitative' as const, title: axisTitle(v.path, units[i]!), scale: { zero: false, nice: false }, axis: { format: ',.4~r', grid: false } };
    const color = playerColorEncoding(players, { symbol: 'stroke' });
    return {
      width: result.vary.length === 1 ? CHART_WIDTH : 320,
      height: 260,
      layer: [
        ...(grid ? [{ mark: { type: 'line' as const }, encoding: { x, y: { field: 'survival', type: 'quantitative' as const, ...survivalAxis }, color, opacity: pickedOpacity() } }] : []),
        ...(grid ? [{ mark: { type: 'area' as const, opacity: 0.12 }, encoding: { x, y: { field: 'low', type: 'quantitative' as const, ...survivalAxis }, y2: { field: 'high' }, color, opacity: pickedOpacity(0.15, 0.02) } }] : []),
        {
          ...(i === 0 ? { params: [pickPlayersParam()] } : {}),
          mark: { type: 'point' as const, filled: true, size: 40 },
          encoding: { x, y: { field: 'survival', type: 'quantitative' as const, ...survivalAxis }, color, opacity: pickedOpacity(), tooltip },
        },
      ],
    };
  });
  return panels.length === 1 ? panels[0]! : { hconcat: panels };
}

function heatmaps(result: SweepResult, players: readonly PlayerRef[], units: DisplayUnit[], tooltip: object[]) {
  const [a, b] = result.vary as [SweepResult['vary'][number], SweepResult['vary'][number]];
  const grid = result.design === 'grid';
  const axisType = grid ? ('ordinal' as const) : ('quantitative' as const);
  const x = { field: 'v0', type: axisType, title: axisTitle(parameterLabel(a.path), units[0]!), axis: { format: ',.4~r', labelAngle: 0 }, ...(grid ? {} : { scale: { zero: false } }) };
  const y = { field: 'v1', type: axisType, title: axisTitle(parameterLabel(b.path), units[1]!), axis: { format: ',.4~r' }, ...(grid ? { sort: 'descending' as const } : { scale: { zero: false } }) };
  const color = { field: 'survival', type: 'quantitative' as const, title: 'Survives', scale: { scheme: 'viridis', domain: [0, 1] }, legend: { format: '.0%' } };
  const cells = Math.max(1, a.steps) * Math.max(1, b.steps);
  const size = Math.max(180, Math.min(220, 40 * Math.max(a.steps, b.steps)));
  return {
    facet: { field: 'player', type: 'nominal' as const, title: null, sort: players.map((p) => p.id), header: { labelExpr: playerNameExpr(players, 'value'), labelFontWeight: 'bold' as const } },
    columns: 3,
    spacing: { row: 24, column: 48 },
    spec: {
      width: size,
      height: size,
      layer: [
        grid
          ? { mark: { type: 'rect' as const }, encoding: { x, y, color, tooltip } }
          : { mark: { type: 'point' as const, filled: true, size: 60 }, encoding: { x, y, color, tooltip } },
        ...(grid && cells <= 64
          ? [{ mark: { type: 'text' as const, fontSize: 11 }, encoding: { x, y, text: { field: 'survival', type: 'quantitative' as const, format: '.0%' }, color: { condition: { test: 'datum.survival > 0.6', value: '#000000' }, value: '#ffffff' } } }]
          : []),
      ],
    },
  };
}
