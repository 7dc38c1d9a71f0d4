/**
 * The headquarters cost: fixed by default; with `headquartersFixedShare` f < 1, a player serving
 * fewer provinces than at its peak pays H·(f + (1 − f)·provinces ÷ peak), exactly.
 */
import { describe, expect, it } from 'vitest';
import { headquartersCost, headquartersSavedPerProvince } from '../../sim/model/economics.js';
import { Market } from '../../sim/model/market.js';
import type { PlayerState } from '../../sim/model/players.js';
import { withdraw } from '../../sim/model/retreat.js';
import { paramsOf, player, smallScenario } from '../support/scenarios.js';

/** Fixed costs of weeks 1–3 for a player in both provinces that leaves `south` after week 1. */
function fixedCosts(headquartersFixedShare?: number) {
  const params = paramsOf(
    smallScenario({
      horizonWeeks: 3,
      players: [
        player('alpha', {
          headquartersCostYuanPerWeek: 1e6,
          fixedCostYuanPerProvinceWeek: 2e5,
          ...(headquartersFixedShare === undefined ? {} : { headquartersFixedShare }),
          expansion: { targetNewPointsPerWeek: 0, initialFootprint: [{ province: 'north', points: 500 }, { province: 'south', points: 500 }] },
        }),
      ],
    }),
  );
  const market = new Market(params, { seed: 5, replication: 0, record: true });
  market.kernel.runUntil(7.5);
  withdraw(market.context, market.players[0]!, 1, 0);
  market.run();
  const t = market.tables!.player;
  return { fixed: Array.from(t.fixedYuan), provinces: Array.from(t.provinces) };
}

describe('the headquarters cost', () => {
  it('is the same every week by default, whatever the footprint', () => {
    const { fixed, provinces } = fixedCosts();
    expect(provinces).toEqual([2, 1, 1]);
    expect(fixed).toEqual(provinces.map((n, w) => 2e5 * n + 1e6));
  });

  it('shrinks by (1 − f)·(1 − provinces ÷ peak) when the player serves fewer provinces than at its peak', () => {
    const { fixed, provinces } = fixedCosts(0.4);
    expect(provinces).toEqual([2, 1, 1]);
    const headquarters = [1e6, 1e6 * (0.4 + (0.6 * 1) / 2), 1e6 * (0.4 + (0.6 * 1) / 2)];
    expect(fixed).toEqual(provinces.map((n, w) => 2e5 * n + headquarters[w]!));
  });

  it('with f = 1 gives the same run as leaving it out', () => {
    expect(fixedCosts(1)).toEqual(fixedCosts());
  });

  it('saves H·(1 − f) ÷ peak for each province left, which the shrink before an exit counts as a province cost', () => {
    const state = (fixed: number, provinces: number, peak: number) =>
      ({ params: { headquartersCostYuanPerWeek: 1e6, headquartersFixedShare: fixed }, peakProvinces: peak, figures: { provinces } }) as unknown as PlayerState;
    expect(headquartersSavedPerProvince(state(0.4, 3, 4))).toBe((1e6 * 0.6) / 4);
    expect(headquartersSavedPerProvince(state(1, 3, 4))).toBe(0);
    expect(headquartersSavedPerProvince(state(0.4, 0, 0))).toBe(0);
    // The cost is the fixed part plus what each province served carries.
    for (const provinces of [0, 1, 2, 3, 4]) {
      const player = state(0.4, provinces, 4);
      expect(headquartersCost(player)).toBeCloseTo(0.4 * 1e6 + provinces * headquartersSavedPerProvince(player), 6);
    }
  });
});
