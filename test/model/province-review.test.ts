/**
 * The province review while staying (`capital.staying.provinceReview`): every `everyWeeks` weeks
 * each judged player proposes to leave the provinces outside home that do not pay; in each province
 * only the proposer with the least GMV there leaves at that review, and a parent's strategic value
 * of the province's GMV counts for it.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../sim/model/results.js';
import { runMarket } from '../../sim/model/run.js';
import { checkRunInvariants } from '../support/invariants.js';
import { paramsOf, player, smallScenario } from '../support/scenarios.js';

const everywhere = { targetNewPointsPerWeek: 0, initialFootprint: [{ province: 'north', points: 400 }, { province: 'south', points: 400 }] };
/** Half the households adopt at once; each province's variable margin is negative (logistics of 5 yuan an order on a 15-yuan basket against 12% net take), so every player proposes to leave every province outside home. */
const costly = { cashYuan: 1e12, expansion: everywhere };
const base = smallScenario();

function run(strategicValueShareOfGmv = 0) {
  const params = paramsOf(
    smallScenario({
      demand: { ...base.demand!, adoptedShareAtFirstService: 0.5 },
      horizonWeeks: 12,
      capital: { staying: { minWeeksActive: 0, windowWeeks: 1, negativeWeeks: 520, provinceReview: { everyWeeks: 4, minWeeksInProvince: 2 } } },
      parents: [{ id: 'bigco', name: 'BigCo', budgetYuan: 1e12, lossToleranceYuan: 1e12, strategicValueShareOfGmv }],
      players: [
        player('alpha', { ...costly, homeProvinces: ['north'] }),
        player('beta', { ...costly, kind: 'unit', parent: 'bigco', cashYuan: 0 }),
        player('gamma', { ...costly, cashYuan: 1e12 }),
      ],
    }),
  );
  return { params, result: runMarket(params, { seed: 11 }) };
}

/** The week and province of each withdrawal: "NAME withdraws from PROVINCE: ...". */
function retreats(result: RunResult): { week: number; player: string; province: string }[] {
  return result.events
    .filter((e) => e.kind === 'province-retreat')
    .map((e) => ({ week: e.week, player: e.player, province: /withdraws from (\w+)/.exec(e.text)![1]!.toLowerCase() }));
}

describe('the province review while staying', () => {
  it('lets only the player with the least GMV in a province leave it at each review, never a home province', () => {
    const { params, result } = run();
    const left = retreats(result);
    expect(left.length).toBeGreaterThan(0);
    const P = result.playerIds.length;
    const provinces = result.weekly!.provinces;
    const provinceIndex = (id: string) => (id === 'north' ? 0 : 1);
    for (const { week, player: id, province } of left) {
      // Reviews happen every 4 weeks; a withdrawal logged in the review of week w is in row w.
      expect(week % 4, `${id} leaves ${province} in week ${week}`).toBe(0);
      expect(id === 'alpha' && province === 'north').toBe(false);
      const gmv = (j: number) => result.weekly!.province.gmvYuan[((week - 1) * provinces + provinceIndex(province)) * P + j]!;
      const j = result.playerIds.indexOf(id);
      for (let k = 0; k < P; k++) {
        const home = result.playerIds[k] === 'alpha' && province === 'north';
        if (k !== j && !home && gmv(k) > 0) expect(gmv(j), `${id} is the weakest in ${province} in week ${week}`).toBeLessThanOrEqual(gmv(k));
      }
    }
    // At most one withdrawal per province per review.
    const keys = left.map(({ week, province }) => `${week} ${province}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Alpha keeps its home; every province outside home that costs this much is left in the end.
    expect(left.filter((l) => l.province === 'north').map((l) => l.player).sort()).toEqual(['beta', 'gamma']);
    expect(left.filter((l) => l.province === 'south').map((l) => l.player).sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(checkRunInvariants(result, params)).toEqual([]);
  });

  it("keeps a unit in provinces its parent values enough for their GMV, whatever they cost it", () => {
    const { result } = run(1);
    const left = retreats(result);
    expect(left.some((l) => l.player === 'beta')).toBe(false);
    expect(left.some((l) => l.player === 'gamma')).toBe(true);
  });
});
