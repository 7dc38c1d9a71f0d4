import { describe, expect, it } from 'vitest';
import { createUniform, RandomStream, type StreamKey } from '../../sim/random/index.js';

const BASE: StreamKey = { seed: 42, replication: 3, owner: 'xingsheng', purpose: 'adoption' };

function firstDraws(key: StreamKey, count = 1_000): number[] {
  const uniform = createUniform(key);
  return Array.from({ length: count }, () => uniform());
}

describe('stream keying', () => {
  it('gives the same sequence for the same key', () => {
    expect(firstDraws({ ...BASE })).toEqual(firstDraws(BASE));
  });

  it.each<[string, Partial<StreamKey>]>([
    ['owner', { owner: 'meituan' }],
    ['purpose', { purpose: 'expansion' }],
    ['replication', { replication: 4 }],
    ['seed', { seed: 43 }],
  ])('gives a different sequence when the %s differs', (_, change) => {
    const base = firstDraws(BASE, 100);
    const changed = firstDraws({ ...BASE, ...change }, 100);
    expect(changed.filter((u, i) => u === base[i]).length).toBeLessThan(3);
  });

  it('leaves a stream unchanged when another stream is created and drawn from in between', () => {
    const alone = firstDraws(BASE, 200);
    const stream = createUniform(BASE);
    const interleaved: number[] = [];
    for (let i = 0; i < 100; i++) interleaved.push(stream());
    const extra = RandomStream.of({ ...BASE, owner: 'new player' });
    for (let i = 0; i < 500; i++) extra.normal();
    for (let i = 0; i < 100; i++) interleaved.push(stream());
    expect(interleaved).toEqual(alone);
  });

  it('draws uniforms in [0, 1)', () => {
    const draws = firstDraws(BASE, 100_000);
    expect(draws.every((u) => u >= 0 && u < 1)).toBe(true);
  });

  it('builds RandomStream.of(key) on the uniforms of createUniform(key)', () => {
    const stream = RandomStream.of(BASE);
    expect(Array.from({ length: 50 }, () => stream.uniform())).toEqual(firstDraws(BASE, 50));
  });
});
