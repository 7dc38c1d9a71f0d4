import { describe, expect, it } from 'vitest';
import { shardMessages } from '../../sim/experiment/messages.js';
import { parseShard, resolveShard, shardRange } from '../../sim/experiment/shards.js';

describe('shards', () => {
  it('parses i/n and rejects anything else', () => {
    expect(parseShard('2/4')).toEqual({ ok: true, value: { index: 2, count: 4 } });
    expect(parseShard('2 / 4')).toEqual({ ok: true, value: { index: 2, count: 4 } });
    expect(parseShard('two')).toEqual({ ok: false, problems: [shardMessages.badShard('two')] });
    expect(parseShard('0/4').ok).toBe(false);
    expect(parseShard('5/4').ok).toBe(false);
  });

  it('splits replications into contiguous blocks that cover them once, in order', () => {
    for (const [total, count] of [[200, 3], [10, 10], [7, 2], [10_000, 16]] as const) {
      const blocks = Array.from({ length: count }, (_, i) => shardRange(total, { index: i + 1, count }));
      expect(blocks[0]!.from).toBe(0);
      expect(blocks.at(-1)!.to).toBe(total);
      blocks.slice(1).forEach((block, i) => expect(block.from).toBe(blocks[i]!.to));
      for (const block of blocks) expect(block.to - block.from).toBeGreaterThanOrEqual(Math.floor(total / count));
    }
  });

  it('prefers --shard to the environment', () => {
    expect(resolveShard({ shard: '1/2' }, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ ok: true, value: { index: 1, count: 2 } });
  });

  it('reads Slurm job arrays numbered from 0 or from 1', () => {
    expect(resolveShard({}, { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ ok: true, value: { index: 1, count: 4 } });
    expect(resolveShard({}, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ ok: true, value: { index: 4, count: 4 } });
    expect(resolveShard({}, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ ok: true, value: { index: 4, count: 4 } });
    const outside = resolveShard({}, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4' });
    expect(outside.ok).toBe(false);
    expect(resolveShard({}, { SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4' }).ok).toBe(false);
    expect(!outside.ok && outside.problems[0]).toMatch(/SLURM_ARRAY_TASK_MIN=\(unset, taken as 0\).*--array such as 0-3/);
  });

  it('reads a Kubernetes completion index (0-based) with --shards', () => {
    expect(resolveShard({ shards: 3 }, { JOB_COMPLETION_INDEX: '2' })).toEqual({ ok: true, value: { index: 3, count: 3 } });
    expect(resolveShard({ shards: 3 }, {})).toEqual({ ok: false, problems: [shardMessages.shardsWithoutIndex(3)] });
    expect(resolveShard({ shards: 3 }, { JOB_COMPLETION_INDEX: '3' }).ok).toBe(false);
  });

  it('is not sharded when nothing asks for it', () => {
    expect(resolveShard({}, { JOB_COMPLETION_INDEX: '2' })).toEqual({ ok: true, value: null });
  });
});
