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
import { join, resolve } from 'node:path';
import { checkOutputDir, writeOutputs } from './files.js';
import { McAccumulator } from './mc-aggregate.js';
import { MC_FILE_NAMES, MC_FILES, jsonText, mcResultFiles, parseSummaryLine, runsTableFile, type McIdentity } from './mc-files.js';
import type { TableFormat } from './tables.js';
import { mergeMessages } from './messages.js';
import { LineAppender, readLines } from './ndjson.js';
import type { Checked } from './shards.js';
import { SWEEP_FILE_NAMES, SWEEP_FILES, sweepFiles, sweepResult, type SweepIdentity } from './sweep.js';
import type { McResult, SweepPoint, SweepResult } from './types.js';

type ShardIdentity = (McIdentity | SweepIdentity) & { shard: NonNullable<McIdentity['shard']> };

interface Shard {
  dir: string;
  identity: ShardIdentity;
}

export type MergeReport = { kind: 'mc'; result: McResult; shards: number } | { kind: 'sweep'; result: SweepResult; shards: number };

/** Merges the shards in `dirs` into `out` (see the module comment). */
export function mergeShards(dirs: readonly string[], out: { dir: string; force: boolean; format?: TableFormat }): Checked<MergeReport> {
  const read = dirs.map(readShard);
  const problems = read.flatMap((r) => ('problem' in r ? [r.problem] : []));
  if (problems.length > 0) return { ok: false, problems };
  const shards = (read as Shard[]).slice().sort((a, b) => a.identity.shard.index - b.identity.shard.index);
  problems.push(...disagreements(shards), ...coverage(shards), ...shards.flatMap(incompleteness));
  if (shards.some((s) => resolve(s.dir) === resolve(out.dir))) problems.push(`--out ${out.dir} is one of the shards; write the merged result elsewhere`);
  if (problems.length > 0) return { ok: false, problems };
  const first = shards[0]!.identity;
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
  ['design', (i) => (i.kind === 'sweep' ? `${i.design} ${JSON.stringify(i.vary)}` : null)],
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

/** A problem when a shard's lines do not cover its block exactly, or one is not sound. */
function incompleteness(shard: Shard): string[] {
  const { identity, dir } = shard;
  const expected = identity.shard.to - identity.shard.from;
  const file = join(dir, identity.kind === 'mc' ? MC_FILES.runs : SWEEP_FILES.points);
  let done = 0;
  for (const line of readLines(file)) {
    if (!line.complete || done >= expected) break;
    if (identity.kind === 'mc') {
      const parsed = parseSummaryLine(line.text, identity.shard.from + done, identity);
      if ('problem' in parsed) return [`${file}:${line.number}: ${parsed.problem}`];
    }
    done += 1;
  }
  return done === expected ? [] : [mergeMessages.incomplete(dir, identity.shard.index, identity.shard.count, done, expected)];
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
