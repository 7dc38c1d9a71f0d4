/**
 * Monte Carlo of the 2nd order (`gbsim mc --uncertainty`): an outer loop over parameter sets drawn
 * from the scenario's uncertain parameters (a Latin hypercube or a Sobol' sequence on the unit
 * cube, through each factor's inverse CDF), an inner loop of R replications of each set on common
 * random numbers. It separates what we do not know about the parameters from run-to-run luck:
 *
 *   per output and set s: the mean m_s and sd d_s over the R runs (design-points.ndjson)
 *   mean             the mean of m_s over the sets
 *   parameter interval  2.5% and 97.5% points of m_s across the sets (what the parameters do;
 *                    m_s still carries some run noise, so this interval is slightly wide)
 *   within-set interval the 95% interval of one set's estimate from its R runs, at the mean:
 *                    Wilson for survival (0/1 outputs), mean ± t·sd/√R otherwise
 *   parameter share  between-set variance / total variance, the between-set part corrected for
 *                    the run noise inside m_s: max(0, var(m_s) − mean(d_s²)/R) (ANOVA estimator)
 *
 *   sets → runDesign (workers, shards, resume) → uncertainty.json, uncertainty.csv, uncertainty-sets.csv
 */
import type { Factor } from '../scenario/schema.js';
import { toCsv } from './csv.js';
import { POINTS_FILE, runDesign, type PointLine } from './design-run.js';
import { factorValues } from './factors.js';
import { writeOutputs } from './files.js';
import { percentileInterval } from './gsa-indices.js';
import { MC_FILES, jsonText } from './mc-files.js';
import { shardMessages } from './messages.js';
import type { Progress } from './monte-carlo.js';
import type { PointModel } from './point-model.js';
import { shardRange, type Checked, type Range, type ShardSpec } from './shards.js';
import { sobolPoints } from './sobol-sequence.js';
import { studentTQuantile, wilsonInterval } from './stats.js';
import { latinHypercubePoints } from './sweep-design.js';
import type { Row } from './rows.js';
import type { ScenarioIdentity } from './types.js';
import { GBSIM_VERSION } from './version.js';

export const UNCERTAIN_MC_FILES = {
  result: 'uncertainty.json',
  table: 'uncertainty.csv',
  sets: 'uncertainty-sets.csv',
} as const;

export const UNCERTAIN_MC_FILE_NAMES: readonly string[] = [...Object.values(UNCERTAIN_MC_FILES), POINTS_FILE, MC_FILES.identity, MC_FILES.shard, MC_FILES.manifest];

export type SetSampling = 'lhs' | 'sobol';

export interface UncertainMcIdentity {
  kind: 'mc-uncertainty';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  factors: Factor[];
  outputs: string[];
  sampling: SetSampling;
  sets: number;
  seed: number;
  runs: number;
  shakeoutK: number;
  points: number;
  shard: (ShardSpec & Range) | null;
  [key: string]: unknown;
}

export interface OutputUncertainty {
  output: string;
  mean: number;
  parameterLow: number;
  parameterHigh: number;
  withinLow: number;
  withinHigh: number;
  /** Share of the output's variance that comes from the parameters (0..1; NaN when it does not vary). */
  parameterShare: number;
}

export interface UncertainMcResult {
  kind: 'mc-uncertainty';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  factors: Factor[];
  sampling: SetSampling;
  sets: number;
  seed: number;
  runs: number;
  outputs: OutputUncertainty[];
}

/** The parameter sets on the unit cube: a Latin hypercube (seeded) or Sobol' points 1..N. */
export function parameterSets(k: number, sets: number, sampling: SetSampling, seed: number): number[][] {
  if (sampling === 'sobol') return sobolPoints(sets + 1, k).slice(1);
  const unit = Array.from({ length: k }, (_, i) => ({ path: String(i), from: 0, to: 1, steps: 0 }));
  return latinHypercubePoints(unit, sets, seed);
}

export interface UncertainMcOptions {
  scenario: ScenarioIdentity;
  factors: readonly Factor[];
  model: PointModel;
  sampling: SetSampling;
  sets: number;
  seed: number;
  runs: number;
  shakeoutK: number;
  shard: ShardSpec | null;
  out: { dir: string; resume: boolean; force: boolean } | null;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface UncertainMcReport {
  identity: UncertainMcIdentity;
  result: UncertainMcResult | null;
  complete: boolean;
  range: Range;
  done: number;
  resumed: number;
  /** The design's points run or read back, in design order (the lines of design-points.ndjson). */
  points: PointLine[];
}

export async function runUncertainMc(options: UncertainMcOptions): Promise<Checked<UncertainMcReport>> {
  const values = parameterSets(options.factors.length, options.sets, options.sampling, options.seed).map((u) => factorValues(options.factors, u));
  const shard = options.shard !== null && options.shard.count > 1 ? options.shard : null;
  if (shard !== null && shard.count > values.length) return { ok: false, problems: [shardMessages.moreShardsThanItems(shard, values.length, 'parameter sets')] };
  const range = shard === null ? { from: 0, to: values.length } : shardRange(values.length, shard);
  const identity: UncertainMcIdentity = {
    kind: 'mc-uncertainty',
    gbsimVersion: GBSIM_VERSION,
    scenario: options.scenario,
    factors: [...options.factors],
    outputs: [...options.model.outputs],
    sampling: options.sampling,
    sets: options.sets,
    seed: options.seed,
    runs: options.runs,
    shakeoutK: options.shakeoutK,
    points: values.length,
    shard: shard && { ...shard, ...range },
  };
  const run = await runDesign({
    identity, values, range, runs: options.runs, model: options.model,
    out: options.out && { ...options.out, fileNames: UNCERTAIN_MC_FILE_NAMES },
    signal: options.signal, onProgress: options.onProgress,
  });
  if (!run.ok) return run;
  const { points, complete, resumed } = run.value;
  const result = shard === null && complete ? uncertainMcResult(identity, points) : null;
  if (options.out !== null && result !== null) writeOutputs(options.out.dir, uncertainMcFiles(result, points));
  return { ok: true, value: { identity, result, complete, range, done: points.length, resumed, points } };
}

function isIndicator(name: string): boolean {
  return name.startsWith('survival.');
}

/**
 * The range a market output cannot leave (a share in [0, 1], an HHI in [0, 10,000], counts and
 * weeks ≥ 0); the within-set t interval is clipped to it, as a mean of such values cannot lie
 * outside it. Outputs of other models are left unbounded.
 */
export function naturalRange(name: string): { low: number; high: number } {
  if (name.startsWith('finalShare.')) return { low: 0, high: 1 };
  if (name === 'finalHhi') return { low: 0, high: 10_000 };
  if (name === 'survivors' || name === 'shakeoutWeek') return { low: 0, high: Infinity };
  return { low: -Infinity, high: Infinity };
}

/** The decomposition of every output (see the module comment). */
export function uncertainMcResult(identity: UncertainMcIdentity, points: readonly PointLine[]): UncertainMcResult {
  const R = identity.runs;
  const outputs = identity.outputs.map((output, o): OutputUncertainty => {
    const means = points.map((p) => p.outputs[o]!);
    const n = means.length;
    const mean = means.reduce((sum, m) => sum + m, 0) / n;
    const between = n > 1 ? means.reduce((sum, m) => sum + (m - mean) ** 2, 0) / (n - 1) : 0;
    const within = points.reduce((sum, p) => sum + p.sd[o]! ** 2, 0) / n;
    const corrected = Math.max(0, between - within / R);
    const total = corrected + within;
    const parameter = percentileInterval(means);
    const range = naturalRange(output);
    const halfWidth = (R > 1 ? studentTQuantile(0.975, R - 1) : NaN) * Math.sqrt(within / R);
    const withinInterval = isIndicator(output)
      ? wilsonInterval(Math.round(mean * R), R)
      : { low: Math.max(range.low, mean - halfWidth), high: Math.min(range.high, mean + halfWidth) };
    return { output, mean, parameterLow: parameter.low, parameterHigh: parameter.high, withinLow: withinInterval.low, withinHigh: withinInterval.high, parameterShare: total > 0 ? corrected / total : NaN };
  });
  const { kind, gbsimVersion, scenario, factors, sampling, sets, seed, runs } = identity;
  return { kind, gbsimVersion, scenario, factors, sampling, sets, seed, runs, outputs };
}

/** The columns of uncertainty.csv. */
export const UNCERTAINTY_COLUMNS: readonly string[] = ['output', 'mean', 'parameterLow', 'parameterHigh', 'withinLow', 'withinHigh', 'parameterShare'];

/** The rows of uncertainty.csv (`outputs`) and uncertainty-sets.csv (`sets`: one row per parameter set, its values and mean outputs). */
export function uncertainMcTables(result: UncertainMcResult, points: readonly PointLine[]): Record<'outputs' | 'sets', { rows: Row[]; columns: string[] }> {
  const paths = result.factors.map((f) => f.path);
  const names = result.outputs.map((o) => o.output);
  const sets = points.map((p) => ({
    set: p.point,
    ...Object.fromEntries(paths.map((path, i) => [path, p.values[i]!])),
    ...Object.fromEntries(names.map((name, o) => [name, p.outputs[o]!])),
  }));
  return {
    outputs: { rows: result.outputs.map((o) => ({ ...o })), columns: [...UNCERTAINTY_COLUMNS] },
    sets: { rows: sets, columns: ['set', ...paths, ...names] },
  };
}

export function uncertainMcFiles(result: UncertainMcResult, points: readonly PointLine[]): Record<string, string> {
  const tables = uncertainMcTables(result, points);
  return {
    [UNCERTAIN_MC_FILES.result]: jsonText(result),
    [UNCERTAIN_MC_FILES.table]: toCsv(tables.outputs.rows, tables.outputs.columns),
    [UNCERTAIN_MC_FILES.sets]: toCsv(tables.sets.rows, tables.sets.columns),
  };
}

export function writeMergedUncertainMc(identity: UncertainMcIdentity, points: readonly PointLine[], dir: string): UncertainMcResult {
  const whole = { ...identity, shard: null };
  const result = uncertainMcResult(whole, points);
  writeOutputs(dir, { [MC_FILES.identity]: jsonText(whole), ...uncertainMcFiles(result, points) });
  return result;
}
