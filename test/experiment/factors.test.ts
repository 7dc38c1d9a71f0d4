import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { factorValue, normalCdf } from '../../sim/experiment/factors.js';
import { SOBOL_MAX_DIMENSIONS, sobolPoints } from '../../sim/experiment/sobol-sequence.js';
import { regularizedIncompleteBeta } from '../../sim/experiment/stats.js';
import type { Factor } from '../../sim/scenario/schema.js';

const at = (factor: Factor, u: number) => factorValue(factor, u);

describe('factor distributions (inverse CDFs on [0, 1))', () => {
  it('maps u to uniform, log-uniform and triangular values by their closed forms', () => {
    expect(at({ path: 'x', distribution: 'uniform', low: 2, high: 6 }, 0.25)).toBe(3);
    expect(at({ path: 'x', distribution: 'log-uniform', low: 1, high: 100 }, 0.5)).toBeCloseTo(10, 12);
    const triangle: Factor = { path: 'x', distribution: 'triangular', low: 0, mode: 1, high: 4 };
    // F(mode) = (mode − low)/(high − low) = 0.25, and the median solves (4 − x)² / 12 = 0.5
    expect(at(triangle, 0.25)).toBeCloseTo(1, 12);
    expect(at(triangle, 0.5)).toBeCloseTo(4 - Math.sqrt(6), 12);
  });

  it('truncates a normal to its bounds and keeps its median where symmetric', () => {
    const normal: Factor = { path: 'x', distribution: 'normal', mean: 10, sd: 2, low: 8, high: 12 };
    expect(at(normal, 0.5)).toBeCloseTo(10, 6);
    expect(at(normal, 0)).toBeCloseTo(8, 6);
    expect(at(normal, 0.999999)).toBeLessThanOrEqual(12);
    // An unbounded side is cut at the 0.1% quantile: 10 − 3.0902·2
    expect(at({ path: 'x', distribution: 'normal', mean: 10, sd: 2 }, 0)).toBeCloseTo(10 - 3.090232 * 2, 4);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
  });

  it('inverts the beta CDF and scales it to [low, high]', () => {
    for (const u of [0.1, 0.5, 0.9]) {
      const x = at({ path: 'x', distribution: 'beta', alpha: 2, beta: 5, low: 0, high: 1 }, u);
      expect(regularizedIncompleteBeta(x, 2, 5)).toBeCloseTo(u, 10);
    }
    expect(at({ path: 'x', distribution: 'beta', alpha: 2, beta: 2, low: 10, high: 20 }, 0.5)).toBeCloseTo(15, 10);
  });

  it('rounds the draws of an integer: true factor to the nearest whole number, halves away from zero', () => {
    const whole: Factor = { path: 'x', distribution: 'uniform', low: -3, high: 3, integer: true };
    expect(factorValue(whole, 0)).toBe(-3);
    expect(factorValue(whole, 0.25)).toBe(-2); // −1.5 → −2
    expect(factorValue(whole, 0.75)).toBe(2); // 1.5 → 2
    expect(factorValue(whole, 0.6)).toBe(1); // 0.6 → 1
    expect(factorValue({ ...whole, integer: false }, 0.6)).toBeCloseTo(0.6, 12);
    const skewed: Factor = { path: 'x', distribution: 'log-uniform', low: 100, high: 10_000, integer: true };
    for (let u = 0; u < 1; u += 0.037) expect(Number.isInteger(factorValue(skewed, u))).toBe(true);
  });

  it('gives discrete values in proportion to their weights', () => {
    const discrete: Factor = { path: 'x', distribution: 'discrete', values: [1, 2, 3], weights: [1, 2, 1] };
    expect([0, 0.24, 0.25, 0.74, 0.75, 0.99].map((u) => at(discrete, u))).toEqual([1, 1, 2, 2, 3, 3]);
  });
});

describe('the Sobol\' sequence', () => {
  it('starts at the origin and halves every dimension in its first two points', () => {
    const points = sobolPoints(4, 3);
    expect(points).toEqual([[0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75]]);
  });

  it('puts exactly one of its first 2^m points in each of 2^m strata of every dimension', () => {
    const m = 8;
    const points = sobolPoints(2 ** m, SOBOL_MAX_DIMENSIONS);
    for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
      const strata = new Set(points.map((p) => Math.floor(p[d]! * 2 ** m)));
      expect(strata.size, `dimension ${d + 1}`).toBe(2 ** m);
    }
  });

  it('puts exactly one of its first 16 points in each 4 × 4 cell of the first two dimensions (a (0, m, 2)-net)', () => {
    const cells = new Set(sobolPoints(16, 2).map(([x, y]) => `${Math.floor(x! * 4)},${Math.floor(y! * 4)}`));
    expect(cells.size).toBe(16);
  });

  const scipy = spawnSync('python3', ['-c', 'from scipy.stats import qmc'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!scipy)(`equals SciPy's unscrambled Sobol' points in all ${SOBOL_MAX_DIMENSIONS} dimensions${scipy ? '' : ' (skipped: python3 with scipy is not on this machine)'}`, () => {
    const script = `from scipy.stats import qmc; import json; print(json.dumps(qmc.Sobol(${SOBOL_MAX_DIMENSIONS}, scramble=False).random(256).tolist()))`;
    const reference = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as number[][];
    expect(sobolPoints(256, SOBOL_MAX_DIMENSIONS)).toEqual(reference);
  });
});
