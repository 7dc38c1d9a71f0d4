/**
 * gbsim as a library: `import { loadScenario, runOnce, monteCarlo, compare, sweep, sensitivity,
 * calibrate, fit, uncertainMonteCarlo } from 'gbsim'`.
 *
 *   loadScenario(file) → { ok, scenario } | { ok: false, issues }
 *     → runOnce / monteCarlo / compare / sweep / (library/design.ts:) sensitivity / calibrate /
 *       uncertainMonteCarlo → plain data: the result objects of the JSON files and the rows of the
 *       CSV/Parquet tables, exactly what the CLI writes for the same inputs
 *
 * These call the same functions as the `gbsim` commands (experiment/run-once, monte-carlo,
 * compare, sweep, sensitivity, calibration, uncertain-mc): no second implementation. Progress comes through `onProgress`, cancellation
 * through an `AbortSignal` (the result then covers the replications completed, `complete: false`),
 * and replications are reused from the cache unless `cache: false` (see docs/library.md).
 * Expected failures of a scenario file are data (`issues`); a wrong argument (runs < 1, a bad
 * `vary`) throws a `RangeError` naming it.
 */
import { openReplicationCache, type CacheSettings, type CacheStats, type ReplicationCache } from './experiment/cache.js';
import { compareRows, runCompare } from './experiment/compare.js';
import { runRows, survivalRows } from './experiment/mc-files.js';
import { runMonteCarlo, type Progress } from './experiment/monte-carlo.js';
import { prepareScenario, type PreparedScenario } from './experiment/prepare.js';
import { runOnce as runPrepared, runSummary } from './experiment/run-once.js';
import { eventRows, marketRows, provinceRows, weeklyRows, type Row } from './experiment/rows.js';
import { runSweep, sweepTables } from './experiment/sweep.js';
import { parseVary, type Design, type VarySpec } from './experiment/sweep-design.js';
import type { CompareResult, McResult, ReplicationSummary, SweepResult } from './experiment/types.js';
import { GBSIM_VERSION } from './experiment/version.js';
import { ScenarioError, formatIssues, type ScenarioIssue } from './scenario/issues.js';
import { checkExperiment, checkWhole } from './library/checks.js';

export type { CacheSettings, CacheStats } from './experiment/cache.js';
export type { Progress } from './experiment/monte-carlo.js';
export type { Row } from './experiment/rows.js';
export type { Design, VarySpec } from './experiment/sweep-design.js';
export type {
  CompareResult, Interval, McResult, PairedDifference, PlayerMcSummary, Quantiles, ReplicationSummary, ScenarioIdentity, SweepPoint, SweepResult,
} from './experiment/types.js';
export type { ScenarioIssue } from './scenario/issues.js';
export type { CalibrationResult, FitRow, ParameterSummary } from './experiment/calibration.js';
export type { AbcSettings } from './experiment/abc-smc.js';
export type { IndexName, IndexRow, SensitivityDesignSettings, SensitivityMethod, SensitivityResult } from './experiment/sensitivity.js';
export type { OutputUncertainty, SetSampling, UncertainMcResult } from './experiment/uncertain-mc.js';
export type { Factor } from './scenario/schema.js';
export type { FitSummary, FitTableRow } from './experiment/fit.js';
export {
  calibrate, fit, sensitivity, uncertainMonteCarlo,
  type CalibrateOptions, type CalibrationRunResult, type FitOptions, type FitRunResult, type DesignExperimentOptions, type ObservationInput,
  type SensitivityAnalysisOptions, type SensitivityRunResult, type UncertainMonteCarloOptions, type UncertainMonteCarloResult,
} from './library/design.js';
export { INDEX_COLUMNS } from './experiment/sensitivity.js';
export { FIT_COLUMNS } from './experiment/calibration.js';
export { FIT_TABLE_COLUMNS } from './experiment/fit.js';
export { UNCERTAINTY_COLUMNS } from './experiment/uncertain-mc.js';
export { toCsv } from './experiment/csv.js';
export { toParquet } from './experiment/tables.js';
export { COMPARE_COLUMNS } from './experiment/compare.js';
export { RUN_ROW_COLUMNS, SURVIVAL_COLUMNS } from './experiment/mc-files.js';
export { EVENT_COLUMNS, MARKET_ROW_COLUMNS, PROVINCE_ROW_COLUMNS, WEEKLY_COLUMNS } from './experiment/rows.js';

/** gbsim's version (package.json). */
export const version: string = GBSIM_VERSION;

export interface ScenarioOptions {
  /** `path=value` overrides, as `--set` (applied in order, after `extends`). */
  sets?: readonly string[];
  /** Directory that relative paths start from (default `process.cwd()`). */
  cwd?: string;
  /** Let the scenario read files outside `cwd` and its own folder (`--allow-outside`). */
  allowOutside?: boolean;
}

/** A loaded, validated scenario, ready to run. Treat it as opaque apart from the fields below. */
export interface Scenario {
  /** The file as named. */
  readonly file: string;
  readonly name: string;
  /** The scenario's own seed (the default of every function's `seed`). */
  readonly seed: number;
  /** sha256 of the merged, validated scenario (as in the result files). */
  readonly hash: string;
  readonly horizonWeeks: number;
  readonly players: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** @internal */
  readonly prepared: PreparedScenario;
  /** @internal */
  readonly options: Required<ScenarioOptions>;
}

export type LoadScenarioResult =
  | { ok: true; scenario: Scenario }
  /** Every problem of the file (and of the files it extends or names), and the same as text for people. */
  | { ok: false; issues: Array<ScenarioIssue & { file: string }>; message: string };

/** Loads, merges, overrides and validates a scenario file (YAML or JSON). */
export async function loadScenario(file: string, options: ScenarioOptions = {}): Promise<LoadScenarioResult> {
  const resolved = { sets: [...(options.sets ?? [])], cwd: options.cwd ?? process.cwd(), allowOutside: options.allowOutside ?? false };
  let prepared: PreparedScenario;
  try {
    prepared = prepareScenario(file, resolved);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return {
      ok: false,
      issues: error.failures.flatMap((failure) => failure.issues.map((issue) => ({ ...issue, file: issue.file ?? failure.file }))),
      message: error.failures.map((failure) => formatIssues(failure.file, failure.issues)).join('\n\n'),
    };
  }
  const { params } = prepared;
  return {
    ok: true,
    scenario: {
      file,
      name: params.name,
      seed: prepared.scenario.seed,
      hash: prepared.source.hash,
      horizonWeeks: params.horizonWeeks,
      players: params.players.map((p) => ({ id: p.id, name: p.name })),
      prepared,
      options: resolved,
    },
  };
}

export interface RunOnceOptions {
  /** Default: the scenario's seed. */
  seed?: number;
  /** Weeks to run (default: the scenario's horizon). */
  weeks?: number;
  /** The shakeout is the first week with at most K operating players (default 5). */
  shakeoutK?: number;
}

/** One run: summary.json, and the rows of weekly.csv, market.csv, events.csv and provinces.csv. */
export interface RunOnceResult {
  summary: ReturnType<typeof runSummary>;
  weekly: Row[];
  market: Row[];
  events: Row[];
  provinces: Row[];
}

/** Runs the scenario once (as `gbsim run`). */
export async function runOnce(scenario: Scenario, options: RunOnceOptions = {}): Promise<RunOnceResult> {
  checkWhole('seed', options.seed, 0);
  checkWhole('weeks', options.weeks, 1);
  checkWhole('shakeoutK', options.shakeoutK, 0);
  const result = runPrepared(scenario.prepared, options);
  return { summary: runSummary(scenario.prepared, result), weekly: weeklyRows(result), market: marketRows(result), events: eventRows(result), provinces: provinceRows(result) };
}

/** What every experiment accepts. */
export interface ExperimentOptions {
  /** Default: the (first) scenario's seed. Replication r draws from the streams of (seed, r). */
  seed?: number;
  /** The shakeout is the first week with at most K operating players (default 5). */
  shakeoutK?: number;
  /** Worker threads (default 1: this thread). Results do not depend on it. */
  workers?: number;
  /** Aborting stops the experiment; the result covers the replications completed (`complete: false`). */
  signal?: AbortSignal;
  /** Called as replications complete: `done` of `total`. */
  onProgress?: (progress: Progress) => void;
  /** The replication cache: false turns it off; default on, where $GBSIM_CACHE_DIR (or ~/.cache/gbsim) says. */
  cache?: boolean | CacheSettings;
}

export interface MonteCarloOptions extends ExperimentOptions {
  /** Replications (with `precision`: the batch size). */
  runs: number;
  /** Add batches of `runs` until every survival 95% half-width is below `halfWidth`, up to `maxRuns`. */
  precision?: { halfWidth: number; maxRuns?: number };
}

/** mc.json, the rows of survival.csv, the lines of runs.ndjson and those as tidy rows (runs.parquet). */
export interface MonteCarloResult {
  /** Null only when no replication completed before an abort. */
  result: McResult | null;
  complete: boolean;
  survival: Row[];
  runs: ReplicationSummary[];
  runRows: Row[];
  cache: CacheStats | null;
}

/** Monte Carlo replications of one scenario (as `gbsim mc`). */
export async function monteCarlo(scenario: Scenario, options: MonteCarloOptions): Promise<MonteCarloResult> {
  checkWhole('runs', options.runs, 1);
  checkExperiment(options);
  if (options.precision !== undefined && !(options.precision.halfWidth > 0 && options.precision.halfWidth < 0.5)) {
    throw new RangeError(`precision.halfWidth must lie strictly between 0 and 0.5 (got ${options.precision.halfWidth})`);
  }
  checkWhole('precision.maxRuns', options.precision?.maxRuns, 1);
  const cache = cacheOf(options.cache);
  const runs: ReplicationSummary[] = [];
  const report = await runMonteCarlo({
    ...experimentOf(scenario, options, cache),
    prepared: scenario.prepared,
    runs: options.runs,
    shard: null,
    precision: options.precision === undefined ? null : { halfWidth: options.precision.halfWidth, maxRuns: options.precision.maxRuns ?? 10_000 },
    out: null,
    onSummary: (summary) => runs.push(summary),
  });
  if (!report.ok) throw new RangeError(report.problems.join('\n'));
  const { result, complete } = report.value;
  return { result, complete, survival: result === null ? [] : survivalRows(result), runs, runRows: runs.flatMap(runRows), cache: cache?.stats ?? null };
}

/** compare.json and the rows of compare.csv. */
export interface CompareRunResult {
  result: CompareResult | null;
  complete: boolean;
  rows: Row[];
  cache: CacheStats | null;
}

/** Several scenarios under common random numbers, the first the baseline (as `gbsim compare`). */
export async function compare(scenarios: readonly Scenario[], options: ExperimentOptions & { runs: number }): Promise<CompareRunResult> {
  if (scenarios.length < 2) throw new RangeError(`compare needs at least two scenarios (got ${scenarios.length})`);
  checkWhole('runs', options.runs, 1);
  checkExperiment(options);
  const cache = cacheOf(options.cache);
  const report = await runCompare({ ...experimentOf(scenarios[0]!, options, cache), prepared: scenarios.map((s) => s.prepared), preparedWith: scenarios.map((s) => s.options), runs: options.runs });
  return { result: report.result, complete: report.complete, rows: report.result === null ? [] : compareRows(report.result), cache: cache?.stats ?? null };
}

export interface SweepOptions extends ExperimentOptions {
  /** Dimensions: `path=from..to:steps` as on the command line, or objects. */
  vary: ReadonlyArray<string | VarySpec>;
  /** grid (default): every combination; lhs: a Latin hypercube of `points` points. */
  design?: Design;
  points?: number;
  /** Replications per point. */
  runs: number;
}

/** sweep.json and the rows of sweep.csv (`points`) and sweep-players.csv (`players`). */
export interface SweepRunResult {
  result: SweepResult | null;
  complete: boolean;
  points: Row[];
  players: Row[];
  cache: CacheStats | null;
}

/** The scenario at every point of a design (as `gbsim sweep`). */
export async function sweep(scenario: Scenario, options: SweepOptions): Promise<SweepRunResult> {
  const design = options.design ?? 'grid';
  checkWhole('runs', options.runs, 1);
  checkWhole('points', options.points, 1);
  checkExperiment(options);
  if (design === 'lhs' && options.points === undefined) throw new RangeError('design lhs needs the number of points: points');
  const vary = options.vary.map((v) => {
    if (typeof v !== 'string') return v;
    const parsed = parseVary(v, design);
    if (!parsed.ok) throw new RangeError(parsed.problems.join('\n'));
    return parsed.value;
  });
  if (vary.length === 0) throw new RangeError('sweep needs at least one vary dimension');
  const cache = cacheOf(options.cache);
  const report = await runSweep({ ...experimentOf(scenario, options, cache), base: scenario.prepared, vary, design, lhsPoints: options.points ?? 0, runs: options.runs, shard: null, out: null });
  if (!report.ok) throw new RangeError(report.problems.join('\n'));
  const { result, complete } = report.value;
  const tables = result === null ? null : sweepTables(result);
  return { result, complete, points: tables?.points.rows ?? [], players: tables?.players.rows ?? [], cache: cache?.stats ?? null };
}

function cacheOf(setting: ExperimentOptions['cache']): ReplicationCache | null {
  return openReplicationCache(typeof setting === 'object' ? setting : { enabled: setting ?? true });
}

function experimentOf(scenario: Scenario, options: ExperimentOptions, cache: ReplicationCache | null) {
  return {
    sets: scenario.options.sets,
    cwd: scenario.options.cwd,
    allowOutside: scenario.options.allowOutside,
    seed: options.seed ?? scenario.seed,
    shakeoutK: options.shakeoutK ?? 5,
    workers: options.workers ?? 1,
    signal: options.signal,
    onProgress: options.onProgress,
    cache,
  };
}
