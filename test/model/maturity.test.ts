/**
 * Survival comes from profit and staying power, not from the length of the run:
 *   - a two-player subsidy war run for ten years ends (an exit, or both subsidies down) and its
 *     survivor earns an operating profit over the last 26 weeks in ≥ 95% of runs;
 *   - in china-2020 someone earns money before the horizon;
 *   - china-2020 run three times as long: every survivor is profitable at the end, and every exit
 *     after the horizon is a decision on value (a wind-down or a parent's cut-off) or a bankruptcy,
 *     never a loss tolerance running out;
 *   - a ban on selling below cost leaves no week in which a player's average order is sold below
 *     its variable cost.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import type { RunResult } from '../../sim/model/results.js';
import { runMarket } from '../../sim/model/run.js';
import { ROOT } from '../scenario/helpers.js';

function columnOf(result: RunResult, name: 'operatingProfitYuan' | 'subsidyPerOrderYuan' | 'contributionYuan' | 'gmvYuan', j: number): number[] {
  const P = result.playerIds.length;
  return Array.from({ length: result.horizonWeeks }, (_, w) => result.weekly!.player[name][w * P + j]!);
}

function run(file: string, sets: string[], replication: number): RunResult {
  const prepared = prepareScenario(join(ROOT, file), { sets, cwd: ROOT });
  return runMarket(prepared.params, { seed: prepared.scenario.seed, replication, geography: prepared.geography });
}

describe('maturity of a subsidy war (520 weeks, 20 runs)', { timeout: 600_000 }, () => {
  const prepared = prepareScenario(join(ROOT, 'scenarios/teaching/subsidy-war.yaml'), { sets: ['horizonWeeks=520'], cwd: ROOT });
  const results = Array.from({ length: 20 }, (_, r) => runMarket(prepared.params, { seed: prepared.scenario.seed, replication: r, geography: prepared.geography }));

  it('ends the war (an exit, or every survivor below its peak subsidy) and leaves a profitable survivor in ≥ 95% of runs', () => {
    let mature = 0;
    for (const result of results) {
      const survivors = result.players.map((p, j) => ({ p, j })).filter(({ p }) => p.survivor);
      const someoneLeft = result.players.some((p) => p.status === 'exited' || p.status === 'acquired');
      const subsidiesDown = survivors.every(({ j }) => {
        const subsidy = columnOf(result, 'subsidyPerOrderYuan', j);
        return subsidy.at(-1)! < Math.max(...subsidy);
      });
      const profitable = survivors.length > 0 && survivors.every(({ j }) => columnOf(result, 'operatingProfitYuan', j).slice(-26).reduce((a, b) => a + b, 0) > 0);
      if ((someoneLeft || subsidiesDown) && profitable) mature++;
    }
    expect(mature).toBeGreaterThanOrEqual(19);
  });
});

describe('china-2020 run three times as long (312 weeks)', { timeout: 600_000 }, () => {
  // The first 104 weeks of this run are the shipped horizon's run, draw for draw.
  const result = run('scenarios/china-2020.yaml', ['horizonWeeks=312'], 0);

  it('has a player with profitable weeks before the shipped horizon (week 104)', () => {
    const profitable = result.playerIds.filter((_, j) => {
      const gmv = columnOf(result, 'gmvYuan', j);
      return columnOf(result, 'operatingProfitYuan', j).some((p, w) => w < 104 && p > 0 && gmv[w]! > 0);
    });
    expect(profitable.length).toBeGreaterThan(0);
  });

  it('ends with profitable survivors, and no exit after week 104 is a loss tolerance running out', () => {
    expect(result.survivors.length).toBeGreaterThan(0);
    for (const id of result.survivors) {
      const j = result.playerIds.indexOf(id);
      expect(columnOf(result, 'operatingProfitYuan', j).slice(-26).reduce((a, b) => a + b, 0), id).toBeGreaterThan(0);
    }
    const lateExits = result.players.filter((p) => p.exitWeek !== null && p.exitWeek > 104);
    for (const exit of lateExits) expect(['wind-down', 'parent-cut-off', 'bankruptcy', 'acquired'], exit.id).toContain(exit.exitReason);
  });
});

describe('a ban on selling below cost', () => {
  it('leaves no player-week after its date with the average order below its variable cost', () => {
    for (const replication of [0, 1, 2]) {
      const result = run('scenarios/teaching/subsidy-war.yaml', ['events=[{kind: below-cost-ban, date: 2021-03-08}]'], replication);
      const from = 10; // 2021-03-08 is day 63, the first day of week 10
      let checked = 0;
      result.playerIds.forEach((_, j) => {
        const contribution = columnOf(result, 'contributionYuan', j);
        const gmv = columnOf(result, 'gmvYuan', j);
        for (let w = from - 1; w < result.horizonWeeks; w++) {
          if (gmv[w]! < 1) continue;
          checked++;
          expect(contribution[w]!, `week ${w + 1} player ${j}`).toBeGreaterThanOrEqual(-1e-9 * gmv[w]! - 1e-6);
        }
      });
      expect(checked).toBeGreaterThan(50);
      const unbanned = run('scenarios/teaching/subsidy-war.yaml', [], replication);
      const belowCost = unbanned.playerIds.some((_, j) => columnOf(unbanned, 'contributionYuan', j).some((c, w) => w >= from - 1 && c < 0 && columnOf(unbanned, 'gmvYuan', j)[w]! > 0));
      expect(belowCost).toBe(true);
    }
  });
});
