import { describe, expect, it } from 'vitest';
import { runMarket } from '../../sim/model/run.js';
import { paramsOf, player, smallScenario } from '../support/scenarios.js';

describe('entry', () => {
  // Start 2020-06-01 (day 0); 8 weeks; week w clears on day 7w.
  const base = smallScenario({ horizonWeeks: 8 });
  const P = 3;
  const withGamma = (overrides: Parameters<typeof player>[1]) => paramsOf({ ...base, players: [...base.players, player('gamma', overrides)] });

  it('an entrant dated on a clearing day takes part in the week that clears that day', () => {
    // 2020-07-20 is day 49, week 7's clearing day.
    const result = runMarket(withGamma({ entryDate: '2020-07-20' }), { seed: 1 });
    const t = result.weekly!.player;
    expect(result.weekly!.status[5 * P + 2]).toBe(0);
    expect(result.weekly!.status[6 * P + 2]).toBe(1);
    expect(t.newPoints[6 * P + 2]).toBeGreaterThan(0);
    expect(t.gmvYuan[6 * P + 2]).toBeGreaterThan(0);
  });

  // Bug: market.ts `scheduleScenario` schedules entries only when `day < horizonDay`, while
  // events (funding, regulation) are kept when `day <= horizonDay`. An entry dated on the last
  // clearing day (day 7·horizonWeeks) is dropped, though on any other clearing day it would take
  // part in that week (PRIORITY.entry runs before the weekly cycle). Fix: `day <= horizonDay`.
  it('an entrant dated on the last clearing day takes part in the last week', () => {
    // 2020-07-27 is day 56, week 8's clearing day.
    const result = runMarket(withGamma({ entryDate: '2020-07-27' }), { seed: 1 });
    expect(result.players[2]!.status).toBe('active');
    expect(result.weekly!.player.newPoints[7 * P + 2]).toBeGreaterThan(0);
  });

  it('an entrant opens its initial points at entry, without paying to recruit them', () => {
    // 1,000 initial points, none opened by weekly expansion.
    const result = runMarket(withGamma({ expansion: { targetNewPointsPerWeek: 0, initialPoints: 1000, pointsPerThousandHouseholds: 4 } }), { seed: 1 });
    const t = result.weekly!.player;
    expect(result.events.find((e) => e.kind === 'entry' && e.player === 'gamma')!.text).toContain('with 1000 pickup points');
    expect([t.pickupPoints[2], t.newPoints[2], t.recruitingYuan[2]]).toEqual([1000, 0, 0]);
  });
});
