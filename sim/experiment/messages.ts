/**
 * The messages of expected experiment failures (bad shards, resuming the wrong run, merging
 * shards that do not belong together), as functions so tests compare against the same text.
 * Each names the value, the rule and, where it can, the fix.
 */
import type { ShardSpec } from './shards.js';

export const shardMessages = {
  badShard: (text: string) => `--shard must be i/n, e.g. --shard 2/4 (got "${text}")`,
  outOfRange: (spec: ShardSpec, source: string) => `shard ${spec.index} of ${spec.count} (from ${source}) is not one of 1..${spec.count}`,
  slurmSource: (env: Readonly<Record<string, string | undefined>>) =>
    `SLURM_ARRAY_TASK_ID=${env.SLURM_ARRAY_TASK_ID}, SLURM_ARRAY_TASK_MIN=${env.SLURM_ARRAY_TASK_MIN ?? '(unset, taken as 0)'}, SLURM_ARRAY_TASK_COUNT=${env.SLURM_ARRAY_TASK_COUNT}; use a contiguous --array such as 0-3 or 1-4, or pass --shard i/n`,
  slurmCountDiffers: (count: number, shards: number) => `--shards ${shards} differs from the job array's SLURM_ARRAY_TASK_COUNT=${count}`,
  shardsWithoutIndex: (shards: number) =>
    `--shards ${shards} needs JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job); elsewhere use --shard i/${shards}`,
  precisionWithShards: '--precision decides the number of runs as it goes, so it cannot be split into shards; give --runs N instead',
  moreShardsThanItems: (spec: ShardSpec, total: number, what: string) =>
    `shard ${spec.index}/${spec.count}: more shards than ${what} (${total}); use at most ${total} shards`,
};

export const resumeMessages = {
  unreadable: (file: string, reason: string) => `cannot resume from ${file}: ${reason}`,
  differs: (file: string, field: string, was: string, now: string) =>
    `cannot resume: ${file} was written with ${field} ${was}, this run has ${now} (start afresh with --force, or use another --out)`,
  fewerRuns: (file: string, held: number, asked: number) =>
    `cannot resume: ${file} holds ${held} completed replications, more than the ${asked} asked for; give --runs ${held} or more, or add --force to drop the replications beyond ${asked}`,
  badLine: (file: string, line: number, reason: string) => `${file}:${line}: ${reason}; the file is damaged (start afresh with --force)`,
};

export const mergeMessages = {
  notAShard: (dir: string) => `${dir}: no shard.json here (is it the --out of a gbsim mc, sweep or sensitivity run with --shard?)`,
  unreadable: (file: string, reason: string) => `${file}: cannot read it (${reason})`,
  disagree: (field: string, values: Array<[string, string]>) =>
    `the shards disagree on ${field}: ${values.map(([dir, value]) => `${dir} has ${value}`).join(', ')}`,
  missing: (indexes: number[], count: number) => `shard${indexes.length > 1 ? 's' : ''} ${indexes.join(', ')} of ${count} missing`,
  duplicate: (index: number, dirs: string[]) => `shard ${index} given twice: ${dirs.join(' and ')}`,
  otherVersion: (dir: string, was: string, now: string) => `${dir}: written by gbsim ${was}, this is gbsim ${now}; merge with the version that wrote the shards, or run them again`,
  badRange: (dir: string, index: number, count: number, got: { from: number; to: number }, expected: { from: number; to: number }) =>
    `${dir}: shard ${index}/${count} claims items ${got.from}–${got.to - 1}, but that shard holds ${expected.from}–${expected.to - 1} (overlapping or damaged shard.json)`,
  incomplete: (dir: string, index: number, count: number, done: number, expected: number) =>
    `${dir}: shard ${index}/${count} is incomplete (${done} of ${expected} done); finish it with the same command and --resume`,
};
