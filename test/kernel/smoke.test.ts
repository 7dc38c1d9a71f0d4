import { describe, expect, it } from 'vitest';
import { Kernel } from '../../sim/kernel/index.js';

describe('Kernel', () => {
  it('runs in segments without losing the first event past the segment end', () => {
    const kernel = new Kernel();
    const log: Array<[string, number]> = [];
    kernel.schedule(1, () => log.push(['a', kernel.now]));
    kernel.schedule(2, () => log.push(['b', kernel.now]));
    kernel.schedule(3, () => log.push(['c', kernel.now]));
    kernel.runUntil(1.5);
    expect(log).toEqual([['a', 1]]);
    expect(kernel.now).toBe(1.5);
    kernel.runUntil(10);
    expect(log).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect((globalThis as { window?: unknown }).window).toBeUndefined();
  });
});
