/**
 * Issue 13, honest statistics in compare: exact McNemar for paired survival, a paired t test
 * for paired shares, Holm's adjustment over each comparison's family; values checked against
 * SciPy (scipy.stats.binomtest, ttest_1samp) and hand-computed Holm adjustments.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../sim/random/index.js';
import { holmAdjust, mcnemarExactP, pairedTTestP, RunningMoments } from '../../sim/experiment/stats.js';

describe('the exact McNemar test', () => {
  it.each([
    [0, 4, 0.125],
    [4, 0, 0.125],
    [1, 9, 0.021484375],
    [40, 60, 0.05688793364098089],
    [0, 0, 1],
    [5, 5, 1],
  ])('gives p for %i gained and %i lost discordant pairs as scipy.stats.binomtest does', (gained, lost, p) => {
    expect(mcnemarExactP(gained, lost)).toBeCloseTo(p, 12);
  });

  it('stays finite and symmetric for a million discordant pairs', () => {
    const p = mcnemarExactP(499_000, 501_000);
    expect(Number.isFinite(p)).toBe(true);
    expect(p).toBe(mcnemarExactP(501_000, 499_000));
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.06);
  });
});

describe('the paired t test', () => {
  it('is 1 for fewer than two values or all-zero differences, 0 for identical nonzero ones', () => {
    const of = (values: number[]) => values.reduce((m, v) => (m.add(v), m), new RunningMoments());
    expect(pairedTTestP(of([0.3]))).toBe(1);
    expect(pairedTTestP(of([0, 0, 0]))).toBe(1);
    expect(pairedTTestP(of([0.2, 0.2, 0.2]))).toBe(0);
  });
});

describe("Holm's adjustment", () => {
  it('matches the step-down rule by hand and never lowers a p-value', () => {
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005]).map((p) => Number(p.toFixed(12)))).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    const raw = [0.001, 0.2, 0.03, 0.04, 0.5, 0.0001];
    holmAdjust(raw).forEach((p, i) => expect(p).toBeGreaterThanOrEqual(raw[i]!));
  });

  it('keeps the family-wise error rate at 5% for 16 true null tests (simulated uniform p-values)', () => {
    const stream = RandomStream.of({ seed: 13, replication: 0, owner: 'test', purpose: 'holm' } as never);
    const uniform = () => stream.uniform();
    let anyRejected = 0;
    const families = 4000;
    for (let f = 0; f < families; f++) {
      const p = Array.from({ length: 16 }, uniform);
      if (holmAdjust(p).some((q) => q < 0.05)) anyRejected += 1;
    }
    // Holm's family-wise rate for 16 independent true nulls: 1 − (1 − 0.05/16)^16 ≈ 0.0488 (± 0.0034 here).
    expect(anyRejected / families).toBeLessThan(0.0488 + 4 * 0.0034);
    expect(anyRejected / families).toBeGreaterThan(0.0488 - 4 * 0.0034);
  });
});

describe('gbsim compare', () => {
  it('compares cash, survivors and HHI too, and names the parameters that differ', async () => {
    const { gbsim, temporaryFolder, writeSymmetricScenario } = await import('../experiment/fixtures.js');
    const { readFileSync } = await import('node:fs');
    const folder = temporaryFolder('compare-more');
    try {
      const twins = writeSymmetricScenario(folder.dir, 26);
      const out = folder.path('out');
      const { status, stdout } = await gbsim('compare', twins, twins, '--runs', '4', '--workers', '1', '--set', 'seed=3', '--out', out, '--quiet');
      expect(status).toBe(0);
      const result = JSON.parse(readFileSync(`${out}/compare.json`, 'utf8'));
      expect(result.parameterDifferences).toEqual([]);
      expect(stdout).toContain('The scenarios have the same parameters');
      expect(result.market.survivorsDifference[0]).toMatchObject({ estimate: 0, p: 1, significant: false });
      expect(result.players[0].finalCashDifference[0]).toMatchObject({ estimate: 0, significant: false });
    } finally {
      folder.remove();
    }
  });

  it('lists the values that differ between two scenarios by path', async () => {
    const { parameterDifferences } = await import('../../sim/experiment/compare.js');
    const a = { name: 'a', players: [{ id: 'red', cashYuan: 1 }, { id: 'blue', cashYuan: 2 }], horizonWeeks: 52 };
    const b = { name: 'b', players: [{ id: 'red', cashYuan: 5 }, { id: 'blue', cashYuan: 2 }], horizonWeeks: 52, extra: true };
    expect(parameterDifferences([a, b])).toEqual([{ path: 'players.red.cashYuan', values: [1, 5] }, { path: 'extra', values: [null, true] }]);
  });
});
