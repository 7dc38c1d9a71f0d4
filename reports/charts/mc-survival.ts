/** Who survives: each player's probability of surviving to the horizon, with its 95% interval. */
import { addDays, round4 } from './axes.js';
import { CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import type { McResult } from './inputs.js';
import { longDate } from '../words.js';
import { focusNote, focusOn, refsOf } from './focus.js';
import { playerColorEncoding, playerY } from './players.js';

export function survivalChart(result: McResult): NamedChart {
  const endDate = addDays(result.startDate, 7 * result.horizonWeeks);
  const focus = focusOn(result.players, (p) => p.finalShare.estimate);
  const values = focus.shown.map((p) => ({
    player: p.id,
    playerName: p.name,
    estimate: round4(p.survival.estimate),
    low: round4(p.survival.low),
    high: round4(p.survival.high),
    survivors: p.survival.survivors,
    runs: p.survival.runs,
  }));
  const x = { type: 'quantitative' as const, title: 'Probability of surviving', scale: { domain: [0, 1] }, axis: { format: '.0%', grid: true } };
  const players = refsOf(focus.shown);
  const tooltip = [
    { field: 'playerName', type: 'nominal' as const, title: 'Player' },
    { field: 'estimate', type: 'quantitative' as const, title: 'Survives', format: '.1%' },
    { field: 'low', type: 'quantitative' as const, title: '95% interval from', format: '.1%' },
    { field: 'high', type: 'quantitative' as const, title: '95% interval to', format: '.1%' },
    { field: 'survivors', type: 'quantitative' as const, title: 'Runs survived' },
    { field: 'runs', type: 'quantitative' as const, title: 'Runs' },
  ];
  return {
    name: 'survival',
    spec: withConfig({
      title: { text: `Who survives to ${longDate(endDate)}`, subtitle: `Share of ${result.runs.toLocaleString('en-US')} runs in which each player survives, with 95% (Wilson) intervals${focusNote(focus, 'mean final share', 'survival.csv')}` },
      width: CHART_WIDTH,
      height: { step: 30 },
      data: { values },
      encoding: { y: playerY(players), color: playerColorEncoding(players, { legend: false }), tooltip },
      layer: [
        { mark: { type: 'rule', strokeWidth: 3, opacity: 0.55 }, encoding: { x: { ...x, field: 'low' }, x2: { field: 'high' } } },
        { mark: { type: 'point', filled: true, size: 110, opacity: 1 }, encoding: { x: { ...x, field: 'estimate' } } },
        { mark: { type: 'text', align: 'left', dx: 8, fontSize: 12, color: '#333333' }, encoding: { x: { ...x, field: 'high' }, text: { field: 'estimate', format: '.0%' }, color: { value: '#333333' } } },
      ],
    }),
  };
}
