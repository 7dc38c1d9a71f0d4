import { describe, expect, it } from 'vitest';
import { METRICS, observe } from '../../sim/experiment/observe.js';
import { marketRows, weeklyRows } from '../../sim/experiment/rows.js';
import { runMarket } from '../../sim/model/run.js';
import { paramsOf, smallScenario } from '../support/scenarios.js';

describe('observed metrics read from a run', () => {
  const params = paramsOf(smallScenario({ horizonWeeks: 20 }));
  const result = runMarket(params, { seed: 3, replication: 0, record: true, shakeoutK: 5 });
  const rows = weeklyRows(result);
  const market = marketRows(result);
  const at = (player: string, week: number) => rows.find((r) => r.player === player && r.week === week)!;
  const upTo = (player: string, week: number) => rows.filter((r) => r.player === player && (r.week as number) <= week);
  const sum = (list: typeof rows, f: (r: (typeof rows)[number]) => number) => list.reduce((s, r) => s + f(r), 0);

  it('give the weekly tables\' values, per day and cumulated as documented', () => {
    const week = 12;
    const ids = result.playerIds;
    const expected: Record<string, (player: string) => number> = {
      'pickup-points': (p) => at(p, week).pickupPoints as number,
      provinces: (p) => at(p, week).provinces as number,
      'orders-per-day': (p) => (at(p, week).orders as number) / 7,
      'gmv-yuan-week': (p) => at(p, week).gmvYuan as number,
      'gmv-yuan-cumulative': (p) => sum(upTo(p, week), (r) => r.gmvYuan as number),
      share: (p) => at(p, week).share as number,
      'operating-loss-yuan-cumulative': (p) => -sum(upTo(p, week), (r) => (r.revenueYuan as number) - (r.logisticsYuan as number) - (r.commissionYuan as number) - (r.subsidyYuan as number) - (r.recruitingYuan as number) - (r.fixedYuan as number) - (r.managementPenaltyYuan as number)),
      'cash-raised-yuan-cumulative': (p) => sum(upTo(p, week), (r) => r.fundingYuan as number),
      operating: (p) => (['active', 'retreating'].includes(at(p, week).status as string) ? 1 : 0),
      'market-gmv-yuan-week': () => market[week - 1]!.gmvYuan as number,
      'market-orders-per-day': () => (market[week - 1]!.orders as number) / 7,
      'market-pickup-points': () => market[week - 1]!.pickupPoints as number,
    };
    expect(Object.keys(expected).sort()).toEqual(Object.keys(METRICS).sort());
    for (const [metric, value] of Object.entries(expected)) {
      const players = METRICS[metric]!.perPlayer ? ids : [''];
      const specs = players.map((id, j) => ({ name: `${metric}.${id}`, metric, player: id === '' ? null : j, week }));
      const got = observe(result, specs);
      players.forEach((id, j) => expect(got[j], `${metric} of ${id || 'the market'}`).toBeCloseTo(value(id), 6));
    }
    expect(at(ids[0]!, week).orders as number).toBeGreaterThan(0);
  });

  it('give NaN for a week outside the run', () => {
    expect(observe(result, [{ name: 'x', metric: 'share', player: 0, week: 21 }])).toEqual([NaN]);
  });
});
