import { beforeAll, describe, expect, it } from 'vitest';
import type { PlayerOutcome } from '../../sim/model/results.js';
import { runMarket } from '../../sim/model/run.js';
import { tInterval } from '../support/confidence-interval.js';
import { mirroredCells, paramsWithCells, province, smallScenario, twin } from '../support/scenarios.js';


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
