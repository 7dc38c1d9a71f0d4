/**
 * `gbsim sensitivity`: global sensitivity of every output to the scenario's uncertain factors.
 *
 *   factors → unit-cube design (Morris trajectories or Saltelli's A/B/AB_i on a Sobol' sequence)
 *     → factor values (inverse CDFs) → runDesign: R replications per point, common random numbers
 *     → per output: Morris μ*, μ, σ or Sobol S1, ST, each with a bootstrap 95% interval
 *     → sensitivity.json, sensitivity-indices.csv (tidy), sensitivity-design.csv (one row per point)
 *
 * Indices are computed from the points in design order only, so a run, its shards merged, or an
 * interrupted run resumed give the same bytes.
 */

import type { Factor } from '../scenario/schema.js';
import { toCsv } from './csv.js';
import { runDesign, POINTS_FILE, type PointLine } from './design-run.js';
import { factorValues } from './factors.js';
import { writeOutputs } from './files.js';
import { morrisDesign, saltelliDesign, type MorrisDesign } from './gsa-design.js';
import { bootstrapResamples, morrisIndices, sobolIndices } from './gsa-indices.js';
import { MC_FILES, jsonText } from './mc-files.js';
import type { Progress } from './monte-carlo.js';
import type { PointModel } from './point-model.js';
import { shardMessages } from './messages.js';
import { shardRange, type Checked, type Range, type ShardSpec } from './shards.js';
import type { Row } from './rows.js';
import type { ScenarioIdentity } from './types.js';
import { GBSIM_VERSION } from './version.js';

export const SENSITIVITY_FILES = {
  result: 'sensitivity.json',
  indices: 'sensitivity-indices.csv',
  design: 'sensitivity-design.csv',
} as const;

export const SENSITIVITY_FILE_NAMES: readonly string[] = [...Object.values(SENSITIVITY_FILES), POINTS_FILE, MC_FILES.identity, MC_FILES.shard, MC_FILES.manifest];

export type SensitivityMethod = 'morris' | 'sobol';

export interface SensitivityDesignSettings {
  method: SensitivityMethod;
  /** Morris: trajectories kept (r), grid levels (p, even) and candidate trajectories drawn. */
  trajectories: number;
  levels: number;
  candidates: number;
  /** Sobol: base rows N (the design has N·(k + 2) points). */
  baseSamples: number;
}

/** What a sensitivity analysis was asked to do (experiment.json or shard.json). */
export interface SensitivityIdentity {
  kind: 'sensitivity';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  method: SensitivityMethod;
  design: SensitivityDesignSettings;
  factors: Factor[];
  outputs: string[];
  seed: number;
  runs: number;
  shakeoutK: number;
  bootstrap: number;
  /** Points in the whole design. */
  points: number;
  shard: (ShardSpec & Range) | null;
  [key: string]: unknown;
}

export type IndexName = 'muStar' | 'mu' | 'sigma' | 'S1' | 'ST';

/** One index of one factor for one output. */
export interface IndexRow {
  output: string;
  factor: string;
  index: IndexName;
  estimate: number;
  low: number;
  high: number;
}

export interface SensitivityResult {
  kind: 'sensitivity';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  method: SensitivityMethod;
  design: SensitivityDesignSettings;
  factors: Factor[];
  outputs: string[];
  seed: number;
  runs: number;
  points: number;
  bootstrap: number;
  indices: IndexRow[];
}

export interface SensitivityOptions {
  scenario: ScenarioIdentity;
  factors: readonly Factor[];
  design: SensitivityDesignSettings;
  model: PointModel;
  seed: number;
  runs: number;
  shakeoutK: number;
  bootstrap: number;
  shard: ShardSpec | null;
  out: { dir: string; resume: boolean; force: boolean } | null;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface SensitivityReport {
  identity: SensitivityIdentity;
  result: SensitivityResult | null;
  complete: boolean;
  range: Range;
  done: number;
  resumed: number;
  /** The design's points run or read back, in design order (the lines of design-points.ndjson). */
  points: PointLine[];
}

interface UnitDesign {
  unit: number[][];
  morris: MorrisDesign | null;
}

/** The design on the unit cube (see the module comment); depends on the settings and seed only. */
export function unitDesign(settings: SensitivityDesignSettings, k: number, seed: number): UnitDesign {
  if (settings.method === 'sobol') return { unit: saltelliDesign(k, settings.baseSamples), morris: null };
  const morris = morrisDesign(k, settings.trajectories, settings.levels, settings.candidates, seed);
  return { unit: morris.trajectories.flat(), morris };
}

export async function runSensitivity(options: SensitivityOptions): Promise<Checked<SensitivityReport>> {
  const k = options.factors.length;
  const design = unitDesign(options.design, k, options.seed);
  const values = design.unit.map((u) => factorValues(options.factors, u));
  const shard = options.shard !== null && options.shard.count > 1 ? options.shard : null;
  if (shard !== null && shard.count > values.length) return { ok: false, problems: [shardMessages.moreShardsThanItems(shard, values.length, 'points')] };
  const range = shard === null ? { from: 0, to: values.length } : shardRange(values.length, shard);
  const identity: SensitivityIdentity = {
    kind: 'sensitivity',
    gbsimVersion: GBSIM_VERSION,
    scenario: options.scenario,
    method: options.design.method,
    design: options.design,
    factors: [...options.factors],
    outputs: [...options.model.outputs],
    seed: options.seed,
    runs: options.runs,
    shakeoutK: options.shakeoutK,
    bootstrap: options.bootstrap,
    points: values.length,
    shard: shard && { ...shard, ...range },
  };
  const run = await runDesign({
    identity,
    values,
    range,
    runs: options.runs,
    model: options.model,
    out: options.out && { ...options.out, fileNames: SENSITIVITY_FILE_NAMES },
    signal: options.signal,
    onProgress: options.onProgress,
  });
  if (!run.ok) return run;
  const { points, complete, resumed } = run.value;
  const result = shard === null && complete ? sensitivityResult(identity, points) : null;
  if (options.out !== null && result !== null) writeOutputs(options.out.dir, sensitivityFiles(result, points));
  return { ok: true, value: { identity, result, complete, range, done: points.length, resumed, points } };
}

/** The indices of every output from the design's points, in design order. */
export function sensitivityResult(identity: SensitivityIdentity, points: readonly PointLine[]): SensitivityResult {
  const k = identity.factors.length;
  const design = unitDesign(identity.design, k, identity.seed);
  const rows = identity.method === 'sobol' ? identity.design.baseSamples : identity.design.trajectories;
  const resamples = bootstrapResamples(rows, identity.bootstrap, identity.seed);
  const indices: IndexRow[] = [];
  identity.outputs.forEach((output, o) => {
    const y = points.map((p) => p.outputs[o]!);
    const row = (factor: number, index: IndexName, value: { estimate: number; low: number; high: number }) =>
      indices.push({ output, factor: identity.factors[factor]!.path, index, estimate: value.estimate, low: value.low, high: value.high });
    if (design.morris !== null) {
      morrisIndices(design.morris, y, resamples).forEach((m, i) => {
        row(i, 'muStar', m.muStar);
        row(i, 'mu', m.mu);
        row(i, 'sigma', m.sigma);
      });
    } else {
      sobolIndices(y, k, resamples).forEach((s, i) => {
        row(i, 'S1', s.firstOrder);
        row(i, 'ST', s.total);
      });
    }
  });
  const { kind, gbsimVersion, scenario, method, design: settings, factors, outputs, seed, runs, points: count, bootstrap } = identity;
  return { kind, gbsimVersion, scenario, method, design: settings, factors, outputs, seed, runs, points: count, bootstrap, indices };
}

/** The columns of sensitivity-indices.csv. */
export const INDEX_COLUMNS: readonly string[] = ['output', 'factor', 'index', 'estimate', 'low', 'high'];

/** The rows of sensitivity-indices.csv (`indices`) and sensitivity-design.csv (`design`: one row per point, its values and mean outputs). */
export function sensitivityTables(result: SensitivityResult, points: readonly PointLine[]): Record<'indices' | 'design', { rows: Row[]; columns: string[] }> {
  const paths = result.factors.map((f) => f.path);
  const design = points.map((p) => ({
    point: p.point,
    ...Object.fromEntries(paths.map((path, i) => [path, p.values[i]!])),
    ...Object.fromEntries(result.outputs.map((name, o) => [name, p.outputs[o]!])),
  }));
  return {
    indices: { rows: result.indices.map((row) => ({ ...row })), columns: [...INDEX_COLUMNS] },
    design: { rows: design, columns: ['point', ...paths, ...result.outputs] },
  };
}

/** sensitivity.json, the tidy indices and the design with its outputs. */
export function sensitivityFiles(result: SensitivityResult, points: readonly PointLine[]): Record<string, string> {
  const tables = sensitivityTables(result, points);
  return {
    [SENSITIVITY_FILES.result]: jsonText(result),
    [SENSITIVITY_FILES.indices]: toCsv(tables.indices.rows, tables.indices.columns),
    [SENSITIVITY_FILES.design]: toCsv(tables.design.rows, tables.design.columns),
  };
}

/** `--over-time`: every player's share in every week, as outputs `share.<player>.week<w>`. */
export function weeklyShareSpecs(ids: readonly string[], weeks: number) {
  return ids.flatMap((id, player) => Array.from({ length: weeks }, (_, w) => ({ name: `share.${id}.week${w + 1}`, metric: 'share', player, week: w + 1 })));
}

/** The merged points of a sensitivity analysis's shards → its result files in `dir`. */
export function writeMergedSensitivity(identity: SensitivityIdentity, points: readonly PointLine[], dir: string): SensitivityResult {
  const whole = { ...identity, shard: null };
  const result = sensitivityResult(whole, points);
  writeOutputs(dir, { [MC_FILES.identity]: jsonText(whole), ...sensitivityFiles(result, points) });
  return result;
}


