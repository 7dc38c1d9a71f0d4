/**
 * Final market shares across runs, drawn from their quantiles: a line from the 5th to the 95th
 * percentile, a box from the 25th to the 75th, a tick at the median and a dot at the mean.
 */
import { round4 } from './axes.js';
import { CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import type { McResult } from './inputs.js';
import { extent, focusNote, focusOn, refsOf } from './focus.js';
import { playerColorEncoding, playerY } from './players.js';

export function finalSharesChart(result: McResult): NamedChart {
  const focus = focusOn(result.players, (p) => p.finalShare.estimate);
  const players = refsOf(focus.shown);
  const values = focus.shown.map((p) => ({
    player: p.id,
    playerName: p.name,
    mean: round4(p.finalShare.estimate),
    p05: round4(p.finalShare.quantiles.p05),
    p25: round4(p.finalShare.quantiles.p25),
    p50: round4(p.finalShare.quantiles.p50),
    p75: round4(p.finalShare.quantiles.p75),
    p95: round4(p.finalShare.quantiles.p95),
  }));
  const top = Math.min(1, Math.max(0.1, Math.ceil(extent(values.map((v) => v.p95), [0, 0])[1] * 10 + 0.5) / 10));
  const x = { type: 'quantitative' as const, title: 'Final share of weekly GMV', scale: { domain: [0, top] }, axis: { format: '.0%', grid: true } };
  const tooltip = [
    { field: 'playerName', type: 'nominal' as const, title: 'Player' },
    { field: 'mean', type: 'quantitative' as const, title: 'Mean', format: '.1%' },
    { field: 'p05', type: 'quantitative' as const, title: '5th percentile', format: '.1%' },
    { field: 'p25', type: 'quantitative' as const, title: '25th percentile', format: '.1%' },
    { field: 'p50', type: 'quantitative' as const, title: 'Median', format: '.1%' },
    { field: 'p75', type: 'quantitative' as const, title: '75th percentile', format: '.1%' },
    { field: 'p95', type: 'quantitative' as const, title: '95th percentile', format: '.1%' },
  ];
  return {
    name: 'final-shares',
    spec: withConfig({
      title: {
        text: 'Final market shares',
        subtitle: `Over ${result.runs.toLocaleString('en-US')} runs: line 5th–95th percentile, box 25th–75th, tick the median, dot the mean${focusNote(focus, 'mean final share', 'survival.csv')}`,
      },
      width: CHART_WIDTH,
      height: { step: 30 },
      data: { values },
      encoding: { y: playerY(players), color: playerColorEncoding(players, { legend: false }), tooltip },
      layer: [
        { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x: { ...x, field: 'p05' }, x2: { field: 'p95' } } },
        { mark: { type: 'bar', size: 16, opacity: 0.55 }, encoding: { x: { ...x, field: 'p25' }, x2: { field: 'p75' } } },
        { mark: { type: 'tick', thickness: 2.5, size: 20 }, encoding: { x: { ...x, field: 'p50' } } },
        { mark: { type: 'point', filled: true, size: 40, opacity: 1, stroke: '#ffffff', strokeWidth: 0.8 }, encoding: { x: { ...x, field: 'mean' } } },
      ],
    }),
  };
}
