/**
 * How well one scenario, as it stands, matches observed facts: R replications on the scenario's
 * seeds, each observation read from every run's weekly tables (observe.ts, the calibration's
 * reading), then per observation the mean over the runs that have a value, the 5% and 95% of those
 * runs, the scaled error of the mean (calibration's scale: half the stated range, else 10% of the
 * value) and whether the observed range meets the simulated 90% range.
 *
 *   observations + scenario → replications 0 … R − 1 in order (runInOrder: any number of workers
 *     gives the same rows) → per observation: values of the runs → FitTableRow
 *
 * `gbsim calibrate` gives the same table at its posterior; this one scores any scenario (a
 * what-if, a hand-made variant) against the same CSV without fitting anything.
 */
import type { Factor } from '../scenario/schema.js';
import { weightedQuantile } from './calibration.js';
import { factorValues } from './factors.js';
import type { Progress } from './monte-carlo.js';
import { observationScale, type Observation } from './observations.js';
import { meetsSimulatedRange } from './simulated-range.js';
import { runInOrder } from './ordered.js';
import type { PointModel } from './point-model.js';
import { parameterSets } from './uncertain-mc.js';

export interface FitTableRow {
  line: number;
  date: string;
  player: string;
  metric: string;
  /** Why the row has no simulated value or is out of sample ('' when it is compared in sample). */
  note: string;
  observed: number;
  low: number | null;
  high: number | null;
  /** Runs that gave a value (a run without one: the player has no orders for a basket, say). */
  runsWithValue: number;
  simulatedMean: number | null;
  simulatedP05: number | null;
  simulatedP95: number | null;
  /** (simulated mean − observed) / scale, null without a simulated value. */
  scaledError: number | null;
  /** Whether [low, high] (or the value) meets [p05, p95]; null without a simulated value. */
  inside: boolean | null;
  source: string;
}

/** The columns of fit.csv. */
export const FIT_TABLE_COLUMNS: readonly string[] = ['line', 'date', 'player', 'metric', 'note', 'observed', 'low', 'high', 'runsWithValue', 'simulatedMean', 'simulatedP05', 'simulatedP95', 'scaledError', 'inside', 'source'];

/** The rows of fit.csv from each run's observed values (`values[r][i]`: run r, observation i; NaN for none). */
export function fitRows(observations: readonly Observation[], values: readonly (readonly number[])[]): FitTableRow[] {
  return observations.map((o, i) => {
    const sims = values.map((run) => run[i]!).filter((x) => Number.isFinite(x));
    const base = { line: o.line, date: o.date, player: o.player === '' ? 'market' : o.player, metric: o.metric, note: o.note, observed: o.value, low: o.low, high: o.high, runsWithValue: sims.length, source: o.source };
    if (sims.length === 0) return { ...base, simulatedMean: null, simulatedP05: null, simulatedP95: null, scaledError: null, inside: null };
    const weights = sims.map(() => 1 / sims.length);
    const mean = sims.reduce((s, x) => s + x, 0) / sims.length;
    const p05 = weightedQuantile(sims, weights, 0.05);
    const p95 = weightedQuantile(sims, weights, 0.95);
    return { ...base, simulatedMean: mean, simulatedP05: p05, simulatedP95: p95, scaledError: (mean - o.value) / observationScale(o), inside: meetsSimulatedRange({ ...base, simulatedP05: p05, simulatedP95: p95 }) };
  });
}

export interface FitSummary {
  /** Rows compared in sample (note ''), those inside the simulated range, and the median |scaled error| of them (null when none). */
  compared: number;
  inside: number;
  medianAbsScaledError: number | null;
  /** The same for the rows out of sample (after --fit-until). */
  outOfSample: { compared: number; inside: number; medianAbsScaledError: number | null };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function fitSummary(rows: readonly FitTableRow[]): FitSummary {
  const compared = rows.filter((r) => r.inside !== null);
  const part = (note: string) => {
    const these = compared.filter((r) => r.note === note);
    return { compared: these.length, inside: these.filter((r) => r.inside).length, medianAbsScaledError: median(these.map((r) => Math.abs(r.scaledError!))) };
  };
  return { ...part(''), outOfSample: part('out of sample') };
}

/** fit.json: what was scored, how, and the table. */
export interface FitResult {
  kind: 'fit';
  gbsimVersion: string;
  scenario: { name: string; file: string; hash: string };
  /** The observations file, as given. */
  targets: string;
  seed: number;
  runs: number;
  fitUntil: string | null;
  set: string[];
  /** With --uncertainty: the uncertain parameters each run drew (a Latin hypercube over the runs); null without. */
  uncertainty?: { factors: string[]; file: string | null } | null;
  summary: FitSummary;
  rows: FitTableRow[];
}

export interface FitRunOptions {
  observations: readonly Observation[];
  /** The scenario as a point model with no factors; its last outputs are the observations, in order. */
  model: PointModel;
  runs: number;
  /**
   * One parameter set per run (the model's factors, in natural units), or none: run r then takes
   * set r on seed (S, r), so the simulated range is the parameters' predictive range (as in
   * calibration's fit table), not only run-to-run luck. See `uncertainRunValues`.
   */
  parameterValues?: readonly (readonly number[])[];
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface FitRun {
  rows: FitTableRow[];
  /** Replications accepted (all of them unless interrupted). */
  runs: number;
  complete: boolean;
}

/** Runs replications 0 … runs − 1 of the scenario and tabulates the fit (see the module comment). */
export async function runFit(options: FitRunOptions): Promise<FitRun> {
  const { model, runs, observations } = options;
  const offset = model.outputs.length - observations.length;
  const values: number[][] = [];
  options.onProgress?.({ done: 0, total: runs, resumed: 0 });
  try {
    const sets = options.parameterValues;
    if (sets !== undefined && sets.length !== runs) throw new RangeError(`runFit: ${sets.length} parameter sets for ${runs} runs`);
    if (sets === undefined) model.check([[]], 0, 1);
    else model.check(sets, 0, runs);
    const outcome = await runInOrder<number[]>({
      start: 0,
      end: () => runs,
      window: model.window,
      signal: options.signal,
      execute: (replication) => (sets === undefined ? model.evaluate(0, [], replication) : model.evaluate(replication, sets[replication]!, replication)),
      accept: (replication, outputs) => {
        values.push(outputs.slice(offset));
        options.onProgress?.({ done: replication + 1, total: runs, resumed: 0 });
      },
    });
    return { rows: fitRows(observations, values), runs: values.length, complete: !outcome.interrupted };
  } finally {
    await model.close();
  }
}

/**
 * The parameter sets of `gbsim fit --uncertainty`: a Latin hypercube of `runs` points (seeded by
 * `seed`) over the factors, through each factor's inverse CDF. With a posterior's `discrete`
 * marginals this draws each run's parameters from the posterior (marginals only, as
 * `mc --uncertainty` does).
 */
export function uncertainRunValues(factors: readonly Factor[], runs: number, seed: number): number[][] {
  return parameterSets(factors.length, runs, 'lhs', seed).map((u) => factorValues(factors, u));
}
