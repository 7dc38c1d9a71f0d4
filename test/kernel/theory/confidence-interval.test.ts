import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile, tInterval } from '../../support/confidence-interval.js';

describe('studentTQuantile', () => {
  // Reference: scipy.stats.t.ppf(0.975, df) (SciPy 1.17), = R's qt(0.975, df).
  const reference975: ReadonlyArray<readonly [number, number]> = [
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [5, 2.5705818356363146],
    [10, 2.228138851986274],
    [19, 2.0930240544083087],
    [29, 2.045229642132703],
    [100, 1.9839715185235518],
    [1000, 1.9623390808264083],
  ];

  it.each(reference975)('gives t(0.975, %i) = %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 9);
  });

  it('gives the 0.995 quantiles (scipy.stats.t.ppf(0.995, df))', () => {
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.604094871349992, 9);
    expect(studentTQuantile(0.995, 29)).toBeCloseTo(2.756385903670605, 9);
  });

  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    for (const p of [0.6, 0.9, 0.99]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
  });

  it('is symmetric about zero and approaches the normal quantile', () => {
    expect(studentTQuantile(0.5, 7)).toBeCloseTo(0, 12);
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 12);
    // Reference: scipy.stats.norm.ppf(0.975) = 1.959963984540054.
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959963984540054, 5);
  });

  it('inverts the CDF (scipy.stats.t.cdf(2, 5) = 0.9490302605850708, t.cdf(-1, 3) = 0.19550110947788524)', () => {
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850708, 12);
    expect(studentTCdf(-1, 3)).toBeCloseTo(0.19550110947788524, 12);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('tInterval', () => {
  it('is mean ± t(0.975, n − 1) · s/√n', () => {
    // values 1..5: mean 3, s² = 2.5, half-width = 2.7764451051977934 · √(2.5/5).
    const interval = tInterval([1, 2, 3, 4, 5]);
    expect(interval.mean).toBe(3);
    expect(interval.halfWidth).toBeCloseTo(2.7764451051977934 * Math.sqrt(0.5), 10);
    expect(interval.low).toBeCloseTo(3 - interval.halfWidth, 12);
    expect(interval.count).toBe(5);
  });

  it('needs at least two values', () => {
    expect(() => tInterval([1])).toThrow(RangeError);
  });
});
