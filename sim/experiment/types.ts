/**
 * The result files of experiments (`mc.json`, `compare.json`, `sweep.csv` rows, `runs.ndjson`
 * lines) as types: plain data that depends on the inputs alone (no wall-clock time). Reports
 * read these; nothing here refers to a live market.
 */
import type { ExitReason as ModelExitReason } from '../model/players.js';

/** An estimate with a 95% interval. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export interface Quantiles {
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface ScenarioIdentity {
  name: string;
  file: string;
  hash: string;
}

/** Why a player left the market (the model's `ExitReason`, every one of them). */
export const EXIT_REASONS = ['bankruptcy', 'parent-cut-off', 'parent-loss-limit', 'wind-down', 'acquired'] as const satisfies readonly ModelExitReason[];
export type ExitReason = (typeof EXIT_REASONS)[number];
/** Fails to compile when the model gains a reason this list lacks. */
const everyReason: Record<ModelExitReason, true> = { bankruptcy: true, 'parent-cut-off': true, 'parent-loss-limit': true, 'wind-down': true, acquired: true };
void everyReason;

/** One replication's outcome: one line of `runs.ndjson`. */
export interface ReplicationSummary {
  replication: number;
  players: Array<{
    id: string;
    status: string;
    survivor: boolean;
    finalShare: number;
    /** 1 = largest final share among all players (ties broken by player order). */
    rank: number;
    exitWeek: number | null;
    /** Why the player left: bankruptcy, cut off by its parent, or acquired (null while operating). */
    exitReason: ExitReason | null;
    cashYuan: number;
    /** Pickup points operated at the horizon (0 once the player has left). */
    pickupPoints: number;
  }>;
  survivors: number;
  shakeoutWeek: number | null;
  finalHhi: number;
  /** The quantities a calibration asked for (`ReplicationTask.observe`), in its order. */
  observed?: number[];
}

export interface PlayerMcSummary {
  id: string;
  name: string;
  /** Survival probability with a Wilson 95% interval. */
  survival: Interval & { survivors: number; runs: number };
  exit: {
    exits: number;
    meanWeek: number | null;
    quantiles: Quantiles | null;
    /** Index w−1: runs in which the player exited in week w. */
    byWeek: number[];
    /** Exits by reason: how many runs, and the mean exit week of those (null when none). */
    byReason: Record<ExitReason, { exits: number; meanWeek: number | null }>;
  };
  /** Mean final GMV share with a t-based 95% interval, sd and quantiles. */
  finalShare: Interval & { sd: number; quantiles: Quantiles };
  rank: { first: number; top3: number };
}

export interface McResult {
  kind: 'mc';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  seed: number;
  runs: number;
  /**
   * False when the run was interrupted: the aggregates cover the `runs` replications completed
   * so far (`gbsim mc --resume` continues it). Absent in files written before this field existed.
   */
  complete?: boolean;
  /** With `--precision`: the target survival half-width, whether it was reached, and the cap. */
  precision?: { halfWidth: number; reached: boolean; widestHalfWidth: number; maxRuns: number };
  horizonWeeks: number;
  startDate: string;
  shakeoutK: number;
  players: PlayerMcSummary[];
  market: {
    survivors: { mean: number; /** index k: runs with exactly k survivors */ distribution: number[] };
    shakeout: { probability: Interval; meanWeek: number | null; quantiles: Quantiles | null; byWeek: number[] };
    finalHhi: Interval & { quantiles: Quantiles };
  };
}

/** A paired difference (scenario minus baseline) over common random numbers. */
export interface PairedDifference {
  estimate: number;
  /** The t 95% interval of the mean paired difference. */
  low: number;
  high: number;
  /** The test: exact McNemar (paired binary outcomes) or paired t (continuous ones). */
  test: 'mcnemar-exact' | 'paired-t';
  /** Two-sided p-value of that test. */
  p: number;
  /** p after Holm's adjustment over every test of this scenario against the baseline. */
  pHolm: number;
  /** For survival: replications where the player survived here but not in the baseline, and the reverse. */
  discordant?: { gained: number; lost: number };
  /** pHolm < 0.05 and the difference is not 0. */
  significant: boolean;
}

export interface CompareResult {
  kind: 'compare';
  gbsimVersion: string;
  seed: number;
  runs: number;
  /** False when the run was interrupted (aggregates over the runs completed so far). */
  complete?: boolean;
  /** The first scenario is the baseline. */
  scenarios: ScenarioIdentity[];
  players: Array<{
    id: string;
    name: string;
    /** Per scenario (same order as `scenarios`); null where the player is not in that scenario. */
    survival: Array<Interval | null>;
    finalShare: Array<Interval | null>;
    /** Per non-baseline scenario (index i ↔ scenarios[i + 1]). */
    survivalDifference: Array<PairedDifference | null>;
    finalShareDifference: Array<PairedDifference | null>;
    /** Per scenario: mean cash at the horizon over all runs, yuan (null where the player is not in it). */
    finalCashMean: Array<number | null>;
    /** Per non-baseline scenario: paired difference of the final cash, yuan (paired t). */
    finalCashDifference: Array<PairedDifference | null>;
    /** Per scenario: mean pickup points at the horizon over all runs (null where the player is not in it). */
    finalPointsMean: Array<number | null>;
    /** Per non-baseline scenario: paired difference of the pickup points at the horizon (paired t). */
    finalPointsDifference: Array<PairedDifference | null>;
    /** Per scenario: mean exit week over the runs in which the player left (null: never left, or not in it). */
    exitWeekMean: Array<number | null>;
    /**
     * Per non-baseline scenario: paired difference of the exit week, the horizon standing in for a
     * run in which the player never left (censored there), paired t.
     */
    exitWeekDifference: Array<PairedDifference | null>;
  }>;
  /** The whole market: per scenario, and paired differences vs the baseline (paired t). */
  market: {
    survivorsMean: number[];
    finalHhi: Interval[];
    survivorsDifference: PairedDifference[];
    finalHhiDifference: PairedDifference[];
  };
  /** The scenario values that differ between the scenarios (dotted paths; null where absent). */
  parameterDifferences: Array<{ path: string; values: unknown[] }>;
}

/** One point of a sweep: parameter values and the outcome measures at that point. */
export interface SweepPoint {
  point: number;
  values: Record<string, number>;
  players: Array<{ id: string; survival: Interval; finalShare: Interval }>;
  meanSurvivors: number;
  shakeoutProbability: number;
  meanFinalHhi: number;
}

export interface SweepResult {
  kind: 'sweep';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  /** grid, Latin hypercube, or a design file (csv: `vary` holds each column's range and the row count). */
  design: 'grid' | 'lhs' | 'csv';
  seed: number;
  runs: number;
  /** False when the run was interrupted (`points` then holds the points completed so far). */
  complete?: boolean;
  vary: Array<{ path: string; from: number; to: number; steps: number }>;
  points: SweepPoint[];
}
