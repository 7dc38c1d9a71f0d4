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

  it('give the weekly tables\' values, per day, over windows and cumulated as documented', () => {
    const week = 12;
    const ids = result.playerIds;
    const window = (p: string, span: number, f: (r: (typeof rows)[number]) => number) => sum(upTo(p, week).filter((r) => (r.week as number) > week - span), f) * span / Math.min(span, week);
    const loss = (r: (typeof rows)[number]) => -(r.operatingProfitYuan as number);
    const expected: Record<string, (player: string) => number> = {
      pickup_points: (p) => at(p, week).pickupPoints as number,
      provinces: (p) => at(p, week).provinces as number,
      share: (p) => at(p, week).share as number,
      orders_per_day: (p) => (at(p, week).orders as number) / 7,
      gmv_yuan_per_day: (p) => (at(p, week).gmvYuan as number) / 7,
      gmv_yuan_per_year: (p) => window(p, 52, (r) => r.gmvYuan as number),
      operating_loss_yuan_per_quarter: (p) => window(p, 13, loss),
      operating_loss_yuan_per_year: (p) => window(p, 52, loss),
      cumulative_operating_loss_yuan: (p) => sum(upTo(p, week), loss),
      cash_raised_yuan: (p) => sum(upTo(p, week).filter((r) => (r.week as number) > week - 4), (r) => r.fundingYuan as number),
      status: (p) => (['active', 'retreating'].includes(at(p, week).status as string) ? 1 : 0),
      users: (p) => at(p, week).adopters as number,
      basket_yuan: (p) => (at(p, week).gmvYuan as number) / (at(p, week).orders as number),
      commission_rate: (p) => at(p, week).commissionRate as number,
      fine_yuan: (p) => sum(upTo(p, week).filter((r) => (r.week as number) > week - 4), (r) => r.finesYuan as number),
    };
    expect(Object.keys(expected).sort()).toEqual(Object.keys(METRICS).sort());
    for (const [metric, value] of Object.entries(expected)) {
      const got = observe(result, ids.map((_, j) => ({ name: metric, metric, player: j, week })));
      ids.forEach((id, j) => expect(got[j], `${metric} of ${id}`).toBeCloseTo(value(id), 4));
    }
    // the market: the market table where it has the column, else the players summed
    const marketOf = (metric: string) => observe(result, [{ name: metric, metric, player: null, week }])[0]!;
    expect(marketOf('pickup_points')).toBe(market[week - 1]!.pickupPoints);
    expect(marketOf('orders_per_day')).toBeCloseTo((market[week - 1]!.orders as number) / 7, 6);
    expect(marketOf('cumulative_operating_loss_yuan')).toBeCloseTo(ids.reduce((s, id) => s + expected.cumulative_operating_loss_yuan!(id), 0), 0);
    expect(Number.isNaN(marketOf('status'))).toBe(true);
    expect(at(ids[0]!, week).orders as number).toBeGreaterThan(0);
  });

  it('give NaN for a week outside the run', () => {
    expect(observe(result, [{ name: 'x', metric: 'share', player: 0, week: 21 }])).toEqual([NaN]);
  });
});
