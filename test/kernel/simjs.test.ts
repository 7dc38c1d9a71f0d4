import { describe, expect, it } from 'vitest';

describe('loading simjs through the kernel', () => {
  it('leaves no global window behind', async () => {
    expect('window' in globalThis).toBe(false);
    const { Kernel } = await import('../../sim/kernel/index.js');
    const kernel = new Kernel();
    kernel.schedule(1, () => {});
    expect(kernel.runAll()).toBe(1);
    expect('window' in globalThis).toBe(false);
  });

  it('exposes the simjs classes the kernel uses', async () => {
    const { simjs } = await import('../../sim/kernel/simjs.js');
    expect([typeof simjs.Sim, typeof simjs.Entity, typeof simjs.Request]).toEqual(['function', 'function', 'function']);
  });
});
