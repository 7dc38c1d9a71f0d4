import { beforeAll, describe, expect, it } from 'vitest';
import type { PlayerOutcome } from '../../sim/model/results.js';
import type { CellRow } from '../../sim/model/params.js';
import { runMarket } from '../../sim/model/run.js';
import { tInterval } from '../support/confidence-interval.js';
import { cellRow, paramsWithCells, player, province, smallScenario } from '../support/scenarios.js';

/** The same nine cells in each of two provinces: a city, four townships, four villages. */
function mirroredCells(): CellRow[] {
  return ['east', 'west'].flatMap((p) => [
    cellRow(`${p}-city`, p, { tier: 'city', households: 120_000, candidateShops: 1000, spendYuanPerHouseholdWeek: 400, groupBuyShareOfSpend: 0.12, reachableHouseholdShare: 0.8 }),
    ...[0, 1, 2, 3].map((i) => cellRow(`${p}-t${i}`, p, { tier: 'township', households: 60_000, candidateShops: 600, spendYuanPerHouseholdWeek: 280, groupBuyShareOfSpend: 0.15, reachableHouseholdShare: 0.65 })),
    ...[0, 1, 2, 3].map((i) => cellRow(`${p}-v${i}`, p, { tier: 'village', households: 50_000, candidateShops: 600, spendYuanPerHouseholdWeek: 230, groupBuyShareOfSpend: 0.15, reachableHouseholdShare: 0.55 })),
  ]);
}

/** Two players alike in everything but their name and home, each at home in one mirrored province. */
const twin = (id: string, home: string) =>
  player(id, {
    homeProvinces: [home],
    cashYuan: 3e7,
    takeRate: 0.25,
    subsidyPerOrderYuan: 0.5,
    fixedCostYuanPerProvinceWeek: 1e5,
    headquartersCostYuanPerWeek: 3e5,
    recruitCostYuanPerPoint: 300,
    expansion: { targetNewPointsPerWeek: 500, pointsPerThousandHouseholds: 4 },
  });

describe('symmetry', () => {
  // Orders earn a small margin and brand utility follows a random walk (sd 0.3 a week): a player
  // that falls behind cannot cover its fixed costs and runs out of cash in about a quarter of runs.
  const params = paramsWithCells(
    smallScenario({
      horizonWeeks: 52,
      geography: { ...smallScenario().geography, provinces: [province('east', ['west']), province('west')] },
      demand: { bass: { pPerWeek: 0.01, qPerWeek: 0.15 }, logit: { betaPricePerYuan: 0.3, betaDensity: 0.8, betaAssortment: 0.5 }, basketYuan: 15, brandShockSdPerWeek: 0.3 },
      players: [twin('alpha', 'east'), twin('beta', 'west')],
    }),
    mirroredCells(),
  );
  const N = 200;
  let outcomes: PlayerOutcome[][] = [];
  beforeAll(() => {
    outcomes = Array.from({ length: N }, (_, i) => runMarket(params, { seed: 1 + i, record: false }).players);
  });
  it('is tuned so that survival is uncertain', () => {
    const withExits = outcomes.filter((players) => players.some((p) => p.status === 'exited')).length;
    expect(withExits).toBeGreaterThan(0.2 * N);
    expect(withExits).toBeLessThan(0.95 * N);
  });

  it('gives identical players in mirrored provinces equal survival odds', () => {
    // Paired by seed (the two survivals are negatively correlated, so an independent
    // two-proportion bound would be too narrow): mean of survived(alpha) − survived(beta).
    const survived = (p: { status: string }) => (p.status === 'active' ? 1 : 0);
    const ci = tInterval(outcomes.map((players) => survived(players[0]!) - survived(players[1]!)), 0.99);
    expect(ci.halfWidth).toBeLessThan(0.2);
    expect(0, `p_alpha − p_beta = ${ci.mean} ± ${ci.halfWidth}`).toBeGreaterThanOrEqual(ci.low);
    expect(0, `p_alpha − p_beta = ${ci.mean} ± ${ci.halfWidth}`).toBeLessThanOrEqual(ci.high);
  });

  it('gives them equal mean final shares', () => {
    const ci = tInterval(outcomes.map((players) => players[0]!.finalShare - players[1]!.finalShare), 0.99);
    expect(ci.halfWidth).toBeLessThan(0.2);
    expect(0, `share_alpha − share_beta = ${ci.mean} ± ${ci.halfWidth}`).toBeGreaterThanOrEqual(ci.low);
    expect(0, `share_alpha − share_beta = ${ci.mean} ± ${ci.halfWidth}`).toBeLessThanOrEqual(ci.high);
  });
});
