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
import { cachedRunner, type ReplicationCache } from './cache.js';
import { tableFile, type TableFormat } from './tables.js';
import { checkOutputDir, writeOutputs } from './files.js';
import { McAccumulator } from './mc-aggregate.js';
import { parseSweepPointLine } from './line-schemas.js';
import { jsonText, MC_FILES, readIdentity } from './mc-files.js';
import { resumeMessages, shardMessages } from './messages.js';
import { mcHeader, scenarioRef, type Progress } from './monte-carlo.js';
import { LineAppender, readLines, truncateFile } from './ndjson.js';
import { runInOrder } from './ordered.js';
import type { PreparedScenario } from './prepare.js';
import type { Row } from './rows.js';
import { createRunner } from './runner.js';
import { shardRange, type Checked, type Range, type ShardSpec } from './shards.js';
import { designSizeProblems, gridPoints, latinHypercubePoints, type Design, type VarySpec } from './sweep-design.js';
import { sweepPointRefs } from './sweep-points.js';
import type { McResult, ReplicationSummary, ScenarioIdentity, SweepPoint, SweepResult } from './types.js';
import { GBSIM_VERSION } from './version.js';
import { contentHash } from '../scenario/identity.js';

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
  /** sha256 of a design file's values (design `csv`): resume and merge check it. */
  designHash?: string;
  /** Points in the whole design. */
  points: number;
  shard: (ShardSpec & Range) | null;
}

export interface SweepOptions {
  /** Run replications in a worker thread even with one worker, so signals are handled at once (the CLI does). */
  offMainThread?: boolean;
  /** The scenario with the base `--set` overrides (those in `sets`). */
  base: PreparedScenario;
  sets: readonly string[];
  cwd: string;
  allowOutside?: boolean;
  vary: VarySpec[];
  design: Design;
  /** Latin-hypercube points (ignored for a grid). */
  lhsPoints: number;
  /** The points of a design file (design `csv`): one value per --vary path, in `vary` order. */
  designRows?: number[][];
  seed: number;
  runs: number;
  shakeoutK: number;
  workers: number;
  shard: ShardSpec | null;
  /** `resume`: continue the sweep in `dir` from its sweep-points.ndjson; with `format`: sweep.csv and sweep-players.csv, or their .parquet (default csv). */
  out: { dir: string; force: boolean; resume?: boolean; format?: TableFormat } | null;
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
export function designPoints(vary: readonly VarySpec[], design: Design, lhsPoints: number, seed: number, rows: number[][] = []): number[][] {
  if (design === 'csv') return rows;
  return design === 'grid' ? gridPoints(vary) : latinHypercubePoints(vary, lhsPoints, seed);
}

export async function runSweep(options: SweepOptions): Promise<Checked<SweepReport>> {
  const tooLarge = options.design === 'csv' ? [] : designSizeProblems(options.vary, options.design, options.lhsPoints);
  if (tooLarge.length > 0) return { ok: false, problems: tooLarge };
  const values = designPoints(options.vary, options.design, options.lhsPoints, options.seed, options.designRows);
  const shard = options.shard !== null && options.shard.count > 1 ? options.shard : null;
  if (shard !== null && shard.count > values.length) return { ok: false, problems: [shardMessages.moreShardsThanItems(shard, values.length, 'points')] };
  const range = shard === null ? { from: 0, to: values.length } : shardRange(values.length, shard);
  const identity = sweepIdentity(options, values.length, shard && { ...shard, ...range });
  const refs = await sweepPointRefs(options, values, range);
  if (refs === null) return { ok: true, value: { identity, result: null, complete: false, range, done: 0 } };
  const header = mcHeader(options.base, options.seed, options.shakeoutK);
  const points: SweepPoint[] = [];
  const opened = options.out === null ? { ok: true as const, value: null } : openOutput(options.out, identity, range, header.players.length, points);
  if (!opened.ok) return opened;
  const appender = opened.value;
  const resumedPoints = points.length;
  const { runs } = options;
  let accumulator = new McAccumulator(header);
  const pointCount = range.to - range.from;
  const runner = cachedRunner(createRunner(Math.max(1, Math.min(options.workers, pointCount * runs)), options.offMainThread === true), options.cache ?? null);
  options.onProgress?.({ done: resumedPoints * runs, total: pointCount * runs, resumed: resumedPoints * runs });
  try {
    const outcome = await runInOrder<ReplicationSummary>({
      start: (range.from + resumedPoints) * runs,
      end: () => range.to * runs,
      window: runner.window,
      signal: options.signal,
      execute: (task) => runner.run({ scenario: refs[Math.floor(task / runs) - range.from]!, seed: options.seed, replication: task % runs, shakeoutK: options.shakeoutK }),
      accept: (task, summary) => {
        accumulator.add(summary);
        options.onProgress?.({ done: task + 1 - range.from * runs, total: pointCount * runs, resumed: resumedPoints * runs });
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
    vary: options.vary.map((v) => ({ ...v, steps: options.design === 'grid' ? v.steps : points })),
    ...(options.design === 'csv' ? { designHash: contentHash(options.designRows) } : {}),
    points,
    shard,
  };
}


/**
 * Prepares the output folder: a fresh start, or with `resume` the replay of an earlier sweep's
 * sweep-points.ndjson (the same identity in every field; every line checked, in order) into
 * `points`, the file cut back to its last whole line.
 */
function openOutput(out: NonNullable<SweepOptions['out']>, identity: SweepIdentity, range: Range, playerCount: number, points: SweepPoint[]): Checked<LineAppender> {
  const previous = out.resume ? readIdentity<SweepIdentity>(out.dir) : null;
  if (previous === null) return { ok: true, value: startOutput(out, identity) };
  if ('error' in previous) return { ok: false, problems: [resumeMessages.unreadable(previous.file, previous.error)] };
  const fields: Array<keyof SweepIdentity> = ['kind', 'gbsimVersion', 'scenario', 'design', 'seed', 'runs', 'shakeoutK', 'vary', 'points', 'shard'];
  const problems = fields
    .filter((field) => JSON.stringify(previous.value[field]) !== JSON.stringify(identity[field]))
    .map((field) => resumeMessages.differs(previous.file, String(field), JSON.stringify(previous.value[field]) ?? 'nothing', JSON.stringify(identity[field])));
  if (problems.length > 0) return { ok: false, problems };
  const file = join(out.dir, SWEEP_FILES.points);
  const paths = identity.vary.map((v) => v.path);
  let keep = 0;
  for (const line of readLines(file)) {
    const point = range.from + points.length;
    if (!line.complete || point >= range.to) break;
    const parsed = parseSweepPointLine(line.text, point, paths, playerCount);
    if ('problem' in parsed) return { ok: false, problems: [resumeMessages.badLine(file, line.number, parsed.problem)] };
    points.push(parsed.point);
    keep = line.end;
  }
  truncateFile(file, keep);
  return { ok: true, value: new LineAppender(file, false) };
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
  // False on every row of an interrupted sweep: the CSV says it is partial, as sweep.json does.
  const complete = result.complete !== false;
  const wide = result.points.map((point) => {
    const row: Record<string, number | boolean> = { point: point.point, ...point.values, meanSurvivors: point.meanSurvivors, shakeoutProbability: point.shakeoutProbability, meanFinalHhi: point.meanFinalHhi, complete };
    for (const p of point.players) Object.assign(row, { [`survival.${p.id}`]: p.survival.estimate, [`low.${p.id}`]: p.survival.low, [`high.${p.id}`]: p.survival.high, [`meanShare.${p.id}`]: p.finalShare.estimate });
    return row;
  });
  const wideColumns = ['point', ...paths, 'meanSurvivors', 'shakeoutProbability', 'meanFinalHhi', ...ids.flatMap((id) => [`survival.${id}`, `low.${id}`, `high.${id}`, `meanShare.${id}`]), 'complete'];
  const tidy = result.points.flatMap((point) =>
    point.players.map((p) => ({
      point: point.point, ...point.values, player: p.id,
      survival: p.survival.estimate, survivalLow: p.survival.low, survivalHigh: p.survival.high,
      finalShareMean: p.finalShare.estimate, finalShareLow: p.finalShare.low, finalShareHigh: p.finalShare.high, complete,
    })),
  );
  const tidyColumns = ['point', ...paths, 'player', 'survival', 'survivalLow', 'survivalHigh', 'finalShareMean', 'finalShareLow', 'finalShareHigh', 'complete'];
  return { points: { rows: wide, columns: wideColumns }, players: { rows: tidy, columns: tidyColumns } };
}
