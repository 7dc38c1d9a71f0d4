/**
 * `gbsim merge`: shards of one experiment → the result an unsharded run would have written, byte
 * for byte.
 *
 *   read every shard.json → check they belong together (same kind, version, scenario hash, seed,
 *   runs, K, design, shard count; every index once) and are complete → stream their lines in
 *   shard order (which is replication or point order) → the aggregate and result files
 *
 * Every problem is reported at once, as data; nothing is written unless all shards are sound.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutputDir, writeOutputs } from './files.js';
import { McAccumulator } from './mc-aggregate.js';
import { MC_FILE_NAMES, MC_FILES, jsonText, mcResultFiles, parseSummaryLine, runsTableFile, type McIdentity } from './mc-files.js';
import type { TableFormat } from './tables.js';
import { parseSweepPointLine } from './line-schemas.js';
import { mergeMessages } from './messages.js';
import { realOrResolved } from './output-lock.js';
import { LineAppender, readLines } from './ndjson.js';
import { shardRange, type Checked } from './shards.js';
import { SWEEP_FILE_NAMES, SWEEP_FILES, sweepFiles, sweepResult, type SweepIdentity } from './sweep.js';
import type { McResult, SweepPoint, SweepResult } from './types.js';
import { GBSIM_VERSION } from './version.js';
import { POINTS_FILE, revivePointLine, type PointLine } from './design-run.js';
import { SENSITIVITY_FILE_NAMES, writeMergedSensitivity, type SensitivityIdentity, type SensitivityResult } from './sensitivity.js';
import { UNCERTAIN_MC_FILE_NAMES, writeMergedUncertainMc, type UncertainMcIdentity, type UncertainMcResult } from './uncertain-mc.js';

type ShardIdentity = (McIdentity | SweepIdentity | SensitivityIdentity | UncertainMcIdentity) & { shard: NonNullable<McIdentity['shard']> };

interface Shard {
  dir: string;
  identity: ShardIdentity;
}

export type MergeReport =
  | { kind: 'mc'; result: McResult; shards: number }
  | { kind: 'sweep'; result: SweepResult; shards: number }
  | { kind: 'sensitivity'; result: SensitivityResult; shards: number }
  | { kind: 'mc-uncertainty'; result: UncertainMcResult; shards: number };

/** Merges the shards in `dirs` into `out` (see the module comment). */
export function mergeShards(dirs: readonly string[], out: { dir: string; force: boolean; format?: TableFormat }): Checked<MergeReport> {
  const read = dirs.map(readShard);
  const problems = read.flatMap((r) => ('problem' in r ? [r.problem] : []));
  if (problems.length > 0) return { ok: false, problems };
  const shards = (read as Shard[]).slice().sort((a, b) => a.identity.shard.index - b.identity.shard.index);
  problems.push(...disagreements(shards), ...coverage(shards), ...shards.flatMap(foreign), ...shards.flatMap(misplaced));
  if (problems.length === 0) problems.push(...shards.flatMap(incompleteness));
  if (shards.some((s) => realOrResolved(s.dir) === realOrResolved(out.dir))) problems.push(`--out ${out.dir} is one of the shards; write the merged result elsewhere`);
  if (problems.length > 0) return { ok: false, problems };
  const first = shards[0]!.identity;
  if (first.kind === 'sensitivity') {
    checkOutputDir(out.dir, SENSITIVITY_FILE_NAMES, out.force);
    return { ok: true, value: { kind: 'sensitivity', result: writeMergedSensitivity(first, mergePoints(shards, out.dir), out.dir), shards: shards.length } };
  }
  if (first.kind === 'mc-uncertainty') {
    checkOutputDir(out.dir, UNCERTAIN_MC_FILE_NAMES, out.force);
    return { ok: true, value: { kind: 'mc-uncertainty', result: writeMergedUncertainMc(first, mergePoints(shards, out.dir), out.dir), shards: shards.length } };
  }
  if (first.kind === 'mc') {
    checkOutputDir(out.dir, MC_FILE_NAMES, out.force);
    return { ok: true, value: { kind: 'mc', result: mergeMc(shards, first, out.dir, out.format ?? 'csv'), shards: shards.length } };
  }
  checkOutputDir(out.dir, SWEEP_FILE_NAMES, out.force);
  return { ok: true, value: { kind: 'sweep', result: mergeSweep(shards, first, out.dir, out.format ?? 'csv'), shards: shards.length } };
}

function readShard(dir: string): Shard | { problem: string } {
  const file = join(dir, MC_FILES.shard);
  if (!existsSync(file)) return { problem: mergeMessages.notAShard(dir) };
  try {
    const identity = JSON.parse(readFileSync(file, 'utf8')) as ShardIdentity;
    if (typeof identity?.shard?.index !== 'number') return { problem: mergeMessages.notAShard(dir) };
    return { dir, identity };
  } catch (error) {
    return { problem: mergeMessages.unreadable(file, (error as Error).message) };
  }
}

/** The fields every shard must share, each as text. */
const SHARED: Array<[string, (identity: ShardIdentity) => unknown]> = [
  ['kind', (i) => i.kind],
  ['gbsim version', (i) => i.gbsimVersion],
  ['scenario hash', (i) => i.scenario?.hash],
  ['seed', (i) => i.seed],
  ['runs', (i) => i.runs],
  ['shakeout K', (i) => i.shakeoutK],
  ['number of shards', (i) => i.shard.count],
  ['design', (i) => (i.kind === 'sweep' ? `${i.design} ${JSON.stringify(i.vary)} ${i.designHash ?? ''}` : i.kind === 'sensitivity' ? JSON.stringify([i.method, i.design, i.factors, i.bootstrap]) : i.kind === 'mc-uncertainty' ? JSON.stringify([i.sampling, i.sets, i.factors]) : null)],
];

function disagreements(shards: readonly Shard[]): string[] {
  return SHARED.flatMap(([field, get]) => {
    const values = shards.map((s) => [s.dir, JSON.stringify(get(s.identity)) ?? 'nothing'] as [string, string]);
    return new Set(values.map(([, value]) => value)).size > 1 ? [mergeMessages.disagree(field, values)] : [];
  });
}

/** Every index 1..n exactly once. */
function coverage(shards: readonly Shard[]): string[] {
  const count = shards[0]!.identity.shard.count;
  const problems: string[] = [];
  const missing: number[] = [];
  for (let index = 1; index <= count; index++) {
    const holders = shards.filter((s) => s.identity.shard.index === index);
    if (holders.length === 0) missing.push(index);
    if (holders.length > 1) problems.push(mergeMessages.duplicate(index, holders.map((s) => s.dir)));
  }
  if (missing.length > 0) problems.push(mergeMessages.missing(missing, count));
  return problems;
}

/** A shard written by another gbsim version (its lines may not mean what this version's do). */
function foreign(shard: Shard): string[] {
  const version = shard.identity.gbsimVersion;
  return version === GBSIM_VERSION ? [] : [mergeMessages.otherVersion(shard.dir, String(version), GBSIM_VERSION)];
}

/** A shard whose block is not the one its index gives (overlapping or gapped ranges). */
function misplaced(shard: Shard): string[] {
  const { identity, dir } = shard;
  const total = identity.kind === 'mc' ? identity.runs : identity.points;
  if (!Number.isSafeInteger(total) || total < 1) return [mergeMessages.unreadable(join(dir, MC_FILES.shard), `bad total ${String(total)}`)];
  const expected = shardRange(total, identity.shard);
  const { from, to } = identity.shard;
  return from === expected.from && to === expected.to ? [] : [mergeMessages.badRange(dir, identity.shard.index, identity.shard.count, { from, to }, expected)];
}

/** A problem when a shard's lines do not cover its block exactly, or one is not sound. */
function incompleteness(shard: Shard): string[] {
  const { identity, dir } = shard;
  const expected = identity.shard.to - identity.shard.from;
  const file = join(dir, identity.kind === 'mc' ? MC_FILES.runs : identity.kind === 'sweep' ? SWEEP_FILES.points : POINTS_FILE);
  let done = 0;
  for (const line of readLines(file)) {
    if (!line.complete || done >= expected) break;
    const problem =
      identity.kind === 'mc'
        ? lineProblem(identity, identity.shard.from + done, line.text)
        : identity.kind === 'sweep'
          ? pointProblem(identity, identity.shard.from + done, line.text)
          : null;
    if (problem !== null) return [`${file}:${line.number}: ${problem}; the file is damaged`];
    done += 1;
  }
  return done === expected ? [] : [mergeMessages.incomplete(dir, identity.shard.index, identity.shard.count, done, expected)];
}

function lineProblem(identity: McIdentity, replication: number, text: string): string | null {
  const parsed = parseSummaryLine(text, replication, identity);
  return 'problem' in parsed ? parsed.problem : null;
}

function pointProblem(identity: SweepIdentity, point: number, text: string): string | null {
  const parsed = parseSweepPointLine(text, point, identity.vary.map((v) => v.path), null);
  return 'problem' in parsed ? parsed.problem : null;
}

/** Each shard's first `to − from` complete lines, shard after shard. */
function* shardLines(shards: readonly Shard[], name: string): Generator<string> {
  for (const { dir, identity } of shards) {
    let left = identity.shard.to - identity.shard.from;
    for (const line of readLines(join(dir, name))) {
      if (left-- <= 0) break;
      yield line.text;
    }
  }
}

function mergeMc(shards: readonly Shard[], first: McIdentity, dir: string, format: TableFormat): McResult {
  const identity: McIdentity = { ...first, shard: null };
  const accumulator = new McAccumulator(identity);
  writeOutputs(dir, { [MC_FILES.identity]: jsonText(identity) });
  const appender = new LineAppender(join(dir, MC_FILES.runs), true);
  try {
    for (const text of shardLines(shards, MC_FILES.runs)) {
      appender.write(text);
      accumulator.add(JSON.parse(text));
    }
  } finally {
    appender.close();
  }
  const result = accumulator.result(true);
  const runs = format === 'parquet' ? runsTableFile(join(dir, MC_FILES.runs), format) : {};
  writeOutputs(dir, { ...mcResultFiles(result, format), ...runs });
  return result;
}

function mergeSweep(shards: readonly Shard[], first: SweepIdentity, dir: string, format: TableFormat): SweepResult {
  const identity: SweepIdentity = { ...first, shard: null };
  const points: SweepPoint[] = [];
  const appender = new LineAppender(join(dir, SWEEP_FILES.points), true);
  try {
    for (const text of shardLines(shards, SWEEP_FILES.points)) {
      appender.write(text);
      points.push(JSON.parse(text) as SweepPoint);
    }
  } finally {
    appender.close();
  }
  const result = sweepResult(identity, points, true);
  writeOutputs(dir, { [MC_FILES.identity]: jsonText(identity), ...sweepFiles(result, format) });
  return result;
}

/** The design points of the shards, in order, also written to `dir`'s design-points.ndjson. */
function mergePoints(shards: readonly Shard[], dir: string): PointLine[] {
  const points: PointLine[] = [];
  const appender = new LineAppender(join(dir, POINTS_FILE), true);
  try {
    for (const text of shardLines(shards, POINTS_FILE)) {
      appender.write(text);
      points.push(revivePointLine(JSON.parse(text) as PointLine));
    }
  } finally {
    appender.close();
  }
  return points;
}
