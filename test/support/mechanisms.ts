/**
 * The mechanism table: each row changes one thing in a small scenario and states which way an
 * outcome must move. Both arms run the same seeds and replications (common random numbers), so
 * the paired differences isolate the change. Used by `test/model/mechanisms-*.test.ts` (each
 * interval must exclude 0 in the stated direction) and by `bench/mechanism-table.ts`, which
 * prints the table the README shows.
 */
import { join } from 'node:path';
import { prepareScenario, type PreparedScenario } from '../../sim/experiment/prepare.js';
import { studentTQuantile } from '../../sim/experiment/stats.js';
import { runMarket } from '../../sim/model/run.js';
import type { RunResult } from '../../sim/model/results.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Arm {
  file: string;
  sets?: string[];
}

export interface Mechanism {
  /** What changes, in words. */
  change: string;
  /** The outcome and its expected direction, in words. */
  expectation: string;
  base: Arm;
  variant: Arm;
  /** The outcome of one run. */
  outcome: (result: RunResult) => number;
  /** The variant's outcome must be larger (+1) or smaller (−1) than the base's. */
  direction: 1 | -1;
  runs: number;
}

export interface MechanismEffect {
  mechanism: Mechanism;
  baseMean: number;
  variantMean: number;
  /** Mean paired difference (variant − base) and its 95% t interval. */
  difference: number;
  low: number;
  high: number;
  /** The interval excludes 0 on the expected side. */
  holds: boolean;
}

const player = (result: RunResult, id: string) => result.players[result.playerIds.indexOf(id)]!;
const column = (result: RunResult, name: 'operatingProfitYuan' | 'gmvYuan' | 'subsidyYuan' | 'contributionYuan' | 'orders', id: string) => {
  const j = result.playerIds.indexOf(id);
  const P = result.playerIds.length;
  return Array.from({ length: result.horizonWeeks }, (_, w) => result.weekly!.player[name][w * P + j]!);
};
/** Weeks a player lasted (its exit week, or the horizon + 1 when it never left). */
const weeksLasted = (result: RunResult, id: string) => player(result, id).exitWeek ?? result.horizonWeeks + 1;
/** The first week any player made an operating profit (horizon + 1 when none did). */
const firstProfitableWeek = (result: RunResult) => {
  let first = result.horizonWeeks + 1;
  for (const id of result.playerIds) {
    const profit = column(result, 'operatingProfitYuan', id);
    const gmv = column(result, 'gmvYuan', id);
    const w = profit.findIndex((p, k) => p > 0 && gmv[k]! > 0);
    if (w >= 0) first = Math.min(first, w + 1);
  }
  return first;
};
/** Σ over players and weeks of operating losses (yuan, ≥ 0). */
const totalLosses = (result: RunResult) =>
  result.playerIds.reduce((sum, id) => sum + column(result, 'operatingProfitYuan', id).reduce((s, p) => s + Math.max(0, -p), 0), 0);

/** A player's mean GMV share over the first `weeks` weeks. */
const meanShare = (result: RunResult, id: string, weeks: number) => {
  const j = result.playerIds.indexOf(id);
  const P = result.playerIds.length;
  let sum = 0;
  for (let w = 0; w < weeks; w++) sum += result.weekly!.player.share[w * P + j]!;
  return sum / weeks;
};

/** A player's GMV share in the last week. */
const finalShare = (result: RunResult, id: string) => result.weekly!.player.share[(result.horizonWeeks - 1) * result.playerIds.length + result.playerIds.indexOf(id)]!;

const teaching = (name: string) => `scenarios/teaching/${name}.yaml`;

export const MECHANISMS: readonly Mechanism[] = [
  {
    change: "more cash for an incumbent facing a deep-pocket entrant (Red 300 million → 3 billion yuan)",
    expectation: "Red's weeks in the market rise",
    base: { file: teaching('deep-pocket-entrant') },
    variant: { file: teaching('deep-pocket-entrant'), sets: ['players.red.cashYuan=3e9'] },
    outcome: (r) => weeksLasted(r, 'red'),
    direction: 1,
    runs: 8,
  },
  {
    change: 'a harsher investor-appetite shock in week 20 (× 0.3 → × 0.05)',
    expectation: 'venture-funded players last fewer weeks in all',
    base: { file: teaching('fundraising') },
    variant: { file: teaching('fundraising'), sets: ['events[0].appetiteMultiplier=0.05'] },
    outcome: (r) => weeksLasted(r, 'red') + weeksLasted(r, 'blue'),
    direction: -1,
    runs: 16,
  },
  {
    change: "a higher management penalty outside home for Red (0.8 → 2.0)",
    expectation: "Red's mean share over the first year falls",
    base: { file: teaching('regional-retreat') },
    variant: { file: teaching('regional-retreat'), sets: ['players.red.managementPenaltyOutsideHome=2'] },
    outcome: (r) => meanShare(r, 'red', 52),
    direction: -1,
    runs: 8,
  },
  {
    change: 'single-homing shops (multi-homing cap 2 → 1) against a late deep-pocket entrant',
    expectation: 'the mean weekly HHI rises',
    base: { file: teaching('deep-pocket-entrant'), sets: ['network.multiHomingCap=2'] },
    variant: { file: teaching('deep-pocket-entrant'), sets: ['network.multiHomingCap=1'] },
    outcome: (r) => Array.from(r.weekly!.market.hhi).reduce((a, b) => a + b, 0) / r.horizonWeeks,
    direction: 1,
    runs: 8,
  },
  {
    change: 'a bigger logistics advantage over retail (3.5x → 6x)',
    expectation: 'the first profitable week comes earlier',
    base: { file: teaching('base') },
    variant: { file: teaching('base'), sets: ['costs.advantageOverRetail=6'] },
    outcome: firstProfitableWeek,
    direction: -1,
    runs: 8,
  },
  {
    change: 'a ban on selling below cost from week 10 of a subsidy war',
    expectation: 'the players lose less money in all',
    base: { file: teaching('subsidy-war') },
    variant: { file: teaching('subsidy-war'), sets: ['events=[{kind: below-cost-ban, date: 2021-03-08}]'] },
    outcome: totalLosses,
    direction: -1,
    runs: 8,
  },
  {
    change: "a more patient parent (loss tolerance 400 million → 1.2 billion yuan)",
    expectation: 'its unit stays longer',
    base: { file: teaching('parent-cut-off') },
    variant: { file: teaching('parent-cut-off'), sets: ['parents.bigco.lossToleranceYuan=1.2e9'] },
    outcome: (r) => weeksLasted(r, 'green'),
    direction: 1,
    runs: 8,
  },
  {
    change: "a parent that values its unit's customers for its other businesses (strategic value 0 → 10% of the unit's GMV; loss tolerance 5 billion yuan in both, so the value of staying decides)",
    expectation: 'its unit stays longer',
    base: { file: teaching('parent-cut-off'), sets: ['parents.bigco.lossToleranceYuan=5e9'] },
    variant: { file: teaching('parent-cut-off'), sets: ['parents.bigco.lossToleranceYuan=5e9', 'parents.bigco.strategicValueShareOfGmv=0.1'] },
    outcome: (r) => weeksLasted(r, 'green'),
    direction: 1,
    runs: 8,
  },
  {
    change: 'a bigger market (households × 4) for a subsidy war',
    expectation: 'at least as many survivors; here more (Bresnahan–Reiss)',
    base: { file: teaching('subsidy-war') },
    variant: { file: teaching('subsidy-war'), sets: ['geography.provinces.east.households=8000000', 'geography.provinces.west.households=6000000'] },
    outcome: (r) => r.survivors.length,
    direction: 1,
    runs: 8,
  },
  {
    change: 'higher fixed costs (headquarters 0.4 → 2 million yuan a week)',
    expectation: 'fewer survivors',
    base: { file: teaching('base') },
    variant: { file: teaching('base'), sets: ['players.red.headquartersCostYuanPerWeek=2e6', 'players.blue.headquartersCostYuanPerWeek=2e6'] },
    outcome: (r) => r.survivors.length,
    direction: -1,
    runs: 8,
  },
  {
    change: "a headquarters that shrinks with the footprint (Red's fixed share of it 1 → 0.2) where Red retreats to its home province",
    expectation: "Red's weeks in the market rise",
    base: { file: teaching('regional-retreat') },
    variant: { file: teaching('regional-retreat'), sets: ['players.red.headquartersFixedShare=0.2'] },
    outcome: (r) => weeksLasted(r, 'red'),
    direction: 1,
    runs: 16,
  },
  {
    change: 'rivals that judge their provinces while they stay (capital.staying.provinceReview: none → every 13 weeks, after 26 in a province) where Red, with a lean headquarters (fixed share 0.2), retreats to its home province',
    expectation: "Red's GMV share at the horizon rises",
    base: { file: teaching('regional-retreat'), sets: ['players.red.headquartersFixedShare=0.2'] },
    variant: {
      file: teaching('regional-retreat'),
      sets: ['players.red.headquartersFixedShare=0.2', 'capital.staying.provinceReview.everyWeeks=13', 'capital.staying.provinceReview.minWeeksInProvince=26'],
    },
    outcome: (r) => finalShare(r, 'red'),
    direction: 1,
    runs: 16,
  },
];

const prepared = new Map<string, PreparedScenario>();
function prepare(arm: Arm): PreparedScenario {
  const key = `${arm.file}|${(arm.sets ?? []).join('|')}`;
  let scenario = prepared.get(key);
  if (!scenario) prepared.set(key, (scenario = prepareScenario(join(ROOT, arm.file), { sets: arm.sets ?? [], cwd: ROOT })));
  return scenario;
}

/** Runs replication `r` of an arm with the scenario's seed (outcome only). */
export function runArm(arm: Arm, replication: number): RunResult {
  const scenario = prepare(arm);
  return runMarket(scenario.params, { seed: scenario.scenario.seed, replication, geography: scenario.geography });
}

/** Runs both arms on common random numbers and returns the paired effect. */
export function measureMechanism(mechanism: Mechanism): MechanismEffect {
  const differences: number[] = [];
  let baseSum = 0;
  let variantSum = 0;
  for (let r = 0; r < mechanism.runs; r++) {
    const base = mechanism.outcome(runArm(mechanism.base, r));
    const variant = mechanism.outcome(runArm(mechanism.variant, r));
    baseSum += base;
    variantSum += variant;
    differences.push(variant - base);
  }
  const n = differences.length;
  const mean = differences.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(differences.reduce((s, d) => s + (d - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  const low = mean - half;
  const high = mean + half;
  return {
    mechanism,
    baseMean: baseSum / n,
    variantMean: variantSum / n,
    difference: mean,
    low,
    high,
    holds: mechanism.direction > 0 ? low > 0 : high < 0,
  };
}
