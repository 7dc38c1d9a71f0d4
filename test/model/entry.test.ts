import { describe, expect, it } from 'vitest';
import { runMarket } from '../../sim/model/run.js';
import { paramsOf, player, smallScenario } from '../support/scenarios.js';

describe('entry', () => {
  // Start 2020-06-01 (day 0); 8 weeks; week w clears on day 7w.
  const base = smallScenario({ horizonWeeks: 8 });
  const P = 3;
  const withGamma = (overrides: Parameters<typeof player>[1]) => paramsOf({ ...base, players: [...base.players, player('gamma', overrides)] });

  it('an entrant dated on a clearing day takes part from the next week, whose first day it is', () => {
    // 2020-07-20 is day 49: week 7 clears that day, then gamma enters; week 8 is its first.
    const result = runMarket(withGamma({ entryDate: '2020-07-20' }), { seed: 1 });
    const t = result.weekly!.player;
    expect(result.weekly!.status[6 * P + 2]).toBe(0);
    expect(t.gmvYuan[6 * P + 2]).toBe(0);
    expect(result.weekly!.status[7 * P + 2]).toBe(1);
    expect(t.newPoints[7 * P + 2]).toBeGreaterThan(0);
    expect(t.gmvYuan[7 * P + 2]).toBeGreaterThan(0);
    expect(result.events.find((e) => e.kind === 'entry' && e.player === 'gamma')).toMatchObject({ day: 49, week: 8, date: '2020-07-20' });
  });

  // Week convention (market.ts): a clearing day is the first day of the next week, so an event dated
  // on the last clearing day (day 7·horizonWeeks) falls after the run and is not applied.
  it('an entrant dated on the last clearing day would start week 9, after the run: it never enters', () => {
    // 2020-07-27 is day 56, the last week's clearing day.
    const result = runMarket(withGamma({ entryDate: '2020-07-27' }), { seed: 1 });
    expect(result.players[2]!.status).toBe('pending');
    expect(result.events.filter((e) => e.player === 'gamma')).toEqual([]);
  });

  it('an entrant opens its initial points at entry, without paying to recruit them', () => {
    // 1,000 initial points, none opened by weekly expansion.
    const result = runMarket(withGamma({ expansion: { targetNewPointsPerWeek: 0, initialPoints: 1000, pointsPerThousandHouseholds: 4 } }), { seed: 1 });
    const t = result.weekly!.player;
    expect(result.events.find((e) => e.kind === 'entry' && e.player === 'gamma')!.text).toContain('with 1000 pickup points');
    expect([t.pickupPoints[2], t.newPoints[2], t.recruitingYuan[2]]).toEqual([1000, 0, 0]);
  });
});
