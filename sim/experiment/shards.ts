/**
 * Splitting an experiment across machines: shard i of n (1 ≤ i ≤ n) takes a contiguous block of
 * the replications (mc) or points (sweep), so the blocks in shard order are the whole run in
 * order. The shard comes from `--shard i/n`, or from the batch system's environment:
 *
 *   Slurm job arrays       SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN + 1 of SLURM_ARRAY_TASK_COUNT
 *   Kubernetes Indexed Job JOB_COMPLETION_INDEX (0-based) + 1 of --shards n
 *
 * Everything here is a pure function of its arguments (the environment is passed in).
 */
import { shardMessages } from './messages.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** A half-open block of indices [from, to). */
export interface Range {
  from: number;
  to: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Parses `i/n`. */
export function parseShard(text: string): Checked<ShardSpec> {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return { ok: false, problems: [shardMessages.badShard(text)] };
  return checkShard({ index: Number(match[1]), count: Number(match[2]) }, `--shard ${text}`);
}

function checkShard(spec: ShardSpec, source: string): Checked<ShardSpec> {
  const whole = Number.isInteger(spec.index) && Number.isInteger(spec.count);
  if (!whole || spec.count < 1 || spec.index < 1 || spec.index > spec.count) return { ok: false, problems: [shardMessages.outOfRange(spec, source)] };
  return { ok: true, value: spec };
}

export interface ShardOptions {
  shard?: string;
  shards?: number;
}

/**
 * The shard this process should run: `--shard` first, then Slurm's array variables, then a
 * Kubernetes completion index with `--shards`; null when nothing asks for sharding. A shard
 * `1/1` is the whole run.
 */
export function resolveShard(options: ShardOptions, env: Readonly<Record<string, string | undefined>>): Checked<ShardSpec | null> {
  if (options.shard !== undefined) return parseShard(options.shard);
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  const slurmCount = env.SLURM_ARRAY_TASK_COUNT;
  if (slurmId !== undefined && slurmCount !== undefined) {
    const index = Number(slurmId) - Number(env.SLURM_ARRAY_TASK_MIN ?? 0) + 1;
    const count = Number(slurmCount);
    if (options.shards !== undefined && options.shards !== count) return { ok: false, problems: [shardMessages.slurmCountDiffers(count, options.shards)] };
    return checkShard({ index, count }, shardMessages.slurmSource(env));
  }
  if (options.shards !== undefined) {
    const completion = env.JOB_COMPLETION_INDEX;
    if (completion === undefined || !/^\d+$/.test(completion)) return { ok: false, problems: [shardMessages.shardsWithoutIndex(options.shards)] };
    return checkShard({ index: Number(completion) + 1, count: options.shards }, `JOB_COMPLETION_INDEX=${completion} with --shards ${options.shards}`);
  }
  return { ok: true, value: null };
}

/** Shard i of n's block of `total` items: [⌊(i−1)·total/n⌋, ⌊i·total/n⌋). */
export function shardRange(total: number, spec: ShardSpec): Range {
  return { from: Math.floor(((spec.index - 1) * total) / spec.count), to: Math.floor((spec.index * total) / spec.count) };
}
