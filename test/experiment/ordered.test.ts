import { appendFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LineAppender, readLines, truncateFile } from '../../sim/experiment/ndjson.js';
import { runInOrder } from '../../sim/experiment/ordered.js';
import { RandomStream } from '../../sim/random/index.js';
import { temporaryFolder } from './fixtures.js';

/** A task that resolves after a seeded random delay of 0–4 ms, so completions arrive out of order. */
function delayed(stream: RandomStream) {
  return (index: number) => new Promise<number>((resolve) => setTimeout(() => resolve(index * index), stream.integerBelow(5)));
}

describe('runInOrder', () => {
  it('accepts every result exactly once, in index order, whatever order they finish in', async () => {
    const accepted: Array<[number, number]> = [];
    const outcome = await runInOrder({
      start: 3, end: () => 40, window: 6,
      execute: delayed(RandomStream.of({ seed: 1, replication: 0, owner: 'test', purpose: 'test' })),
      accept: (index, value) => accepted.push([index, value]),
    });
    expect(outcome).toEqual({ next: 40, interrupted: false });
    expect(accepted).toEqual(Array.from({ length: 37 }, (_, i) => [i + 3, (i + 3) ** 2]));
  });

  it('never has more than the window in flight or waiting', async () => {
    let inFlight = 0;
    let most = 0;
    await runInOrder({
      start: 0, end: () => 30, window: 4,
      execute: async (index) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, index % 3));
        inFlight--;
        return index;
      },
      accept: () => {},
    });
    expect(most).toBe(4);
  });

  it('runs on while end() grows (precision batches)', async () => {
    let end = 5;
    const accepted: number[] = [];
    await runInOrder({ start: 0, end: () => end, window: 3, execute: async (i) => i, accept: (i) => {
      accepted.push(i);
      if (i === end - 1 && end < 15) end += 5;
    } });
    expect(accepted).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it('stops on abort with a complete prefix and drops what was in flight', async () => {
    const controller = new AbortController();
    const accepted: number[] = [];
    const outcome = await runInOrder({
      start: 0, end: () => 1000, window: 4, signal: controller.signal,
      execute: delayed(RandomStream.of({ seed: 2, replication: 0, owner: 'test', purpose: 'test' })),
      accept: (index) => {
        accepted.push(index);
        if (index === 9) controller.abort();
      },
    });
    expect(outcome).toEqual({ next: 10, interrupted: true });
    expect(accepted).toEqual(Array.from({ length: 10 }, (_, i) => i));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(accepted).toHaveLength(10);
  });

  it('rejects with the first failure once nothing is in flight', async () => {
    const run = runInOrder({ start: 0, end: () => 20, window: 3, execute: async (i) => {
      if (i === 7) throw new Error('replication 7 broke');
      return i;
    }, accept: () => {} });
    await expect(run).rejects.toThrow('replication 7 broke');
  });
});

describe('ndjson files', () => {
  const folder = temporaryFolder('ndjson');
  afterAll(folder.remove);

  it('reads complete lines back and reports a torn last line as incomplete', () => {
    const file = folder.path('runs.ndjson');
    const appender = new LineAppender(file, true);
    for (let i = 0; i < 3; i++) appender.write(JSON.stringify({ replication: i, text: 'é'.repeat(i * 30_000) }));
    appender.close();
    appendFileSync(file, '{"replication":3,"te');
    const lines = [...readLines(file)];
    expect(lines.map((l) => l.complete)).toEqual([true, true, true, false]);
    expect(lines.slice(0, 3).map((l) => (JSON.parse(l.text) as { replication: number }).replication)).toEqual([0, 1, 2]);
    expect((JSON.parse(lines[2]!.text) as { text: string }).text).toBe('é'.repeat(60_000));
    truncateFile(file, lines[2]!.end);
    expect([...readLines(file)].map((l) => l.complete)).toEqual([true, true, true]);
  });

  it('reads nothing from a missing or empty file', () => {
    expect([...readLines(folder.path('none.ndjson'))]).toEqual([]);
    writeFileSync(folder.path('empty.ndjson'), '');
    expect([...readLines(folder.path('empty.ndjson'))]).toEqual([]);
  });
});
