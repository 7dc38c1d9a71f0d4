/**
 * `gbsim sweep`: the scenario at every point of a design (grid or Latin hypercube), each point the
 * scenario with `--set path=value` overrides, run for N replications with the same seeds at every
 * point (common random numbers), so differences between points are the parameters' effect.
 *
 *   design → points (validated up front) → tasks p·N + r in order → per point: aggregate
 *     → a SweepPoint line in sweep-points.ndjson → sweep.json, sweep.csv, sweep-players.csv
 *
 * A shard runs a contiguous block of points and writes shard.json and sweep-points.ndjson;
 * `gbsim merge` puts the blocks together.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioSync } from '../scenario/load.js';
import { ScenarioError } from '../scenario/issues.js';
import { cachedRunner, resolvedScenarioHash, type ReplicationCache } from './cache.js';
import { tableFile, type TableFormat } from './tables.js';
import { checkOutputDir, writeOutputs } from './files.js';
import { McAccumulator } from './mc-aggregate.js';
import { jsonText, MC_FILES } from './mc-files.js';
import { shardMessages } from './messages.js';
import { mcHeader, scenarioRef, type Progress } from './monte-carlo.js';
import { LineAppender } from './ndjson.js';
import { runInOrder } from './ordered.js';
import type { PreparedScenario } from './prepare.js';
import type { ScenarioRef } from './replication.js';
import type { Row } from './rows.js';
import { createRunner } from './runner.js';
import { shardRange, type Checked, type Range, type ShardSpec } from './shards.js';
import { gridPoints, latinHypercubePoints, setOverride, type Design, type VarySpec } from './sweep-design.js';
import type { McResult, ReplicationSummary, ScenarioIdentity, SweepPoint, SweepResult } from './types.js';
import { GBSIM_VERSION } from './version.js';

export const SWEEP_FILES = {
  points: 'sweep-points.ndjson',
  result: 'sweep.json',
  table: 'sweep.csv',
  players: 'sweep-players.csv',
} as const;

export const SWEEP_FILE_NAMES: readonly string[] = [...Object.values(SWEEP_FILES), 'sweep.parquet', 'sweep-players.parquet', MC_FILES.identity, MC_FILES.shard, MC_FILES.manifest];

/** What a sweep was asked to do (experiment.json, or shard.json for a shard). */
export interface SweepIdentity {
  kind: 'sweep';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  design: Design;
  seed: number;
  runs: number;
  shakeoutK: number;
  vary: VarySpec[];
  /** Points in the whole design. */
  points: number;
  shard: (ShardSpec & Range) | null;
}

export interface SweepOptions {
  /** The scenario with the base `--set` overrides (those in `sets`). */
  base: PreparedScenario;
  sets: readonly string[];
  cwd: string;
  allowOutside?: boolean;
  vary: VarySpec[];
  design: Design;
  /** Latin-hypercube points (ignored for a grid). */
  lhsPoints: number;
  seed: number;
  runs: number;
  shakeoutK: number;
  workers: number;
  shard: ShardSpec | null;
  /** With `format`: sweep.csv and sweep-players.csv, or their .parquet (default csv). */
  out: { dir: string; force: boolean; format?: TableFormat } | null;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Replications already run are read from here, and new ones stored (null or absent: no cache). */
  cache?: ReplicationCache | null;
}

export interface SweepReport {
  identity: SweepIdentity;
  /** The whole sweep (null for a shard). */
  result: SweepResult | null;
  complete: boolean;
  range: Range;
  /** Points completed in the range. */
  done: number;
}

/** The design's points, each a value per --vary (see sweep-design.ts). */
export function designPoints(vary: readonly VarySpec[], design: Design, lhsPoints: number, seed: number): number[][] {
  return design === 'grid' ? gridPoints(vary) : latinHypercubePoints(vary, lhsPoints, seed);
}

export async function runSweep(options: SweepOptions): Promise<Checked<SweepReport>> {
  const values = designPoints(options.vary, options.design, options.lhsPoints, options.seed);
  const shard = options.shard !== null && options.shard.count > 1 ? options.shard : null;
  if (shard !== null && shard.count > values.length) return { ok: false, problems: [shardMessages.moreShardsThanItems(shard, values.length, 'points')] };
  const range = shard === null ? { from: 0, to: values.length } : shardRange(values.length, shard);
  const identity = sweepIdentity(options, values.length, shard && { ...shard, ...range });
  const refs = pointRefs(options, values, range);
  const appender = options.out === null ? null : startOutput(options.out, identity);
  const header = mcHeader(options.base, options.seed, options.shakeoutK);
  const { runs } = options;
  const points: SweepPoint[] = [];
  let accumulator = new McAccumulator(header);
  const pointCount = range.to - range.from;
  const runner = cachedRunner(createRunner(Math.max(1, Math.min(options.workers, pointCount * runs))), options.cache ?? null);
  options.onProgress?.({ done: 0, total: pointCount * runs, resumed: 0 });
  try {
    const outcome = await runInOrder<ReplicationSummary>({
      start: range.from * runs,
      end: () => range.to * runs,
      window: runner.window,
      signal: options.signal,
      execute: (task) => runner.run({ scenario: refs[Math.floor(task / runs) - range.from]!, seed: options.seed, replication: task % runs, shakeoutK: options.shakeoutK }),
      accept: (task, summary) => {
        accumulator.add(summary);
        options.onProgress?.({ done: task + 1 - range.from * runs, total: pointCount * runs, resumed: 0 });
        if (task % runs !== runs - 1) return;
        const p = Math.floor(task / runs);
        const point = sweepPoint(p, options.vary, values[p]!, accumulator.result(true));
        appender?.write(JSON.stringify(point));
        points.push(point);
        accumulator = new McAccumulator(header);
      },
    });
    const complete = !outcome.interrupted;
    const result = shard === null ? sweepResult(identity, points, complete) : null;
    if (options.out !== null && result !== null && points.length > 0) writeOutputs(options.out.dir, sweepFiles(result, options.out.format));
    return { ok: true, value: { identity, result, complete, range, done: points.length } };
  } finally {
    appender?.close();
    await runner.close();
  }
}

function sweepIdentity(options: SweepOptions, points: number, shard: SweepIdentity['shard']): SweepIdentity {
  const { base } = options;
  return {
    kind: 'sweep',
    gbsimVersion: GBSIM_VERSION,
    scenario: { name: base.params.name, file: base.file, hash: base.source.hash },
    design: options.design,
    seed: options.seed,
    runs: options.runs,
    shakeoutK: options.shakeoutK,
    vary: options.vary.map((v) => ({ ...v, steps: options.design === 'lhs' ? points : v.steps })),
    points,
    shard,
  };
}

/**
 * Each point of the range as a scenario reference, validated now: a value the schema rejects
 * stops the sweep before anything runs, with every bad point's problems.
 */
function pointRefs(options: SweepOptions, values: readonly number[][], range: Range): ScenarioRef[] {
  const base = scenarioRef(options.base, options.sets, options.cwd, options.allowOutside);
  const refs: ScenarioRef[] = [];
  const failures: ScenarioError['failures'][number][] = [];
  for (let p = range.from; p < range.to; p++) {
    const sets = [...options.sets, ...options.vary.map((spec, d) => setOverride(spec, values[p]![d]!))];
    const loaded = loadScenarioSync(base.file, { sets, cwd: options.cwd, allowOutside: options.allowOutside });
    if (loaded.ok) refs.push({ ...base, sets, hash: loaded.source.hash, resolved: resolvedScenarioHash(loaded.source) });
    else failures.push({ file: `${options.base.file} (point ${p}: ${sets.slice(options.sets.length).join(' ')})`, issues: loaded.issues });
  }
  if (failures.length > 0) throw new ScenarioError(failures);
  return refs;
}

function startOutput(out: { dir: string; force: boolean }, identity: SweepIdentity): LineAppender {
  checkOutputDir(out.dir, SWEEP_FILE_NAMES, out.force);
  for (const name of SWEEP_FILE_NAMES) rmSync(join(out.dir, name), { force: true });
  writeOutputs(out.dir, { [identity.shard === null ? MC_FILES.identity : MC_FILES.shard]: jsonText(identity) });
  return new LineAppender(join(out.dir, SWEEP_FILES.points), true);
}

/** One point's outcome measures from its Monte Carlo aggregate. */
export function sweepPoint(point: number, vary: readonly VarySpec[], values: readonly number[], result: McResult): SweepPoint {
  return {
    point,
    values: Object.fromEntries(vary.map((spec, d) => [spec.path, values[d]!])),
    players: result.players.map((p) => ({
      id: p.id,
      survival: { estimate: p.survival.estimate, low: p.survival.low, high: p.survival.high },
      finalShare: { estimate: p.finalShare.estimate, low: p.finalShare.low, high: p.finalShare.high },
    })),
    meanSurvivors: result.market.survivors.mean,
    shakeoutProbability: result.market.shakeout.probability.estimate,
    meanFinalHhi: result.market.finalHhi.estimate,
  };
}

export function sweepResult(identity: SweepIdentity, points: SweepPoint[], complete: boolean): SweepResult {
  return {
    kind: 'sweep',
    gbsimVersion: identity.gbsimVersion,
    scenario: identity.scenario,
    design: identity.design,
    seed: identity.seed,
    runs: identity.runs,
    complete,
    vary: identity.vary.map(({ path, from, to, steps }) => ({ path, from, to, steps })),
    points,
  };
}

/** sweep.json, sweep.csv (one row per point) and sweep-players.csv (one row per point per player), or their .parquet. */
export function sweepFiles(result: SweepResult, format: TableFormat = 'csv'): Record<string, string | Uint8Array> {
  const tables = sweepTables(result);
  return {
    [SWEEP_FILES.result]: jsonText(result),
    ...tableFile('sweep', tables.points.rows, tables.points.columns, format),
    ...tableFile('sweep-players', tables.players.rows, tables.players.columns, format),
  };
}

/** The rows and columns of sweep.csv (`points`, wide: one row per point) and sweep-players.csv (`players`, tidy). */
export function sweepTables(result: SweepResult): Record<'points' | 'players', { rows: Row[]; columns: string[] }> {
  const paths = result.vary.map((v) => v.path);
  const ids = result.points[0]?.players.map((p) => p.id) ?? [];
  const wide = result.points.map((point) => {
    const row: Record<string, number> = { point: point.point, ...point.values, meanSurvivors: point.meanSurvivors, shakeoutProbability: point.shakeoutProbability, meanFinalHhi: point.meanFinalHhi };
    for (const p of point.players) Object.assign(row, { [`survival.${p.id}`]: p.survival.estimate, [`low.${p.id}`]: p.survival.low, [`high.${p.id}`]: p.survival.high, [`meanShare.${p.id}`]: p.finalShare.estimate });
    return row;
  });
  const wideColumns = ['point', ...paths, 'meanSurvivors', 'shakeoutProbability', 'meanFinalHhi', ...ids.flatMap((id) => [`survival.${id}`, `low.${id}`, `high.${id}`, `meanShare.${id}`])];
  const tidy = result.points.flatMap((point) =>
    point.players.map((p) => ({
      point: point.point, ...point.values, player: p.id,
      survival: p.survival.estimate, survivalLow: p.survival.low, survivalHigh: p.survival.high,
      finalShareMean: p.finalShare.estimate, finalShareLow: p.finalShare.low, finalShareHigh: p.finalShare.high,
    })),
  );
  const tidyColumns = ['point', ...paths, 'player', 'survival', 'survivalLow', 'survivalHigh', 'finalShareMean', 'finalShareLow', 'finalShareHigh'];
  return { points: { rows: wide, columns: wideColumns }, players: { rows: tidy, columns: tidyColumns } };
}
