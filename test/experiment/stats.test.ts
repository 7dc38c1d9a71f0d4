import { describe, expect, it } from 'vitest';
import { BinnedHistogram, WeekCounts } from '../../sim/experiment/histogram.js';
import { RunningMoments, Z_95, normalQuantile, studentTCdf, studentTQuantile, tInterval, wilsonInterval } from '../../sim/experiment/stats.js';

function momentsOf(values: number[]): RunningMoments {
  const moments = new RunningMoments();
  for (const v of values) moments.add(v);
  return moments;
}

describe('wilsonInterval', () => {
  // Reference: the Wilson score interval, (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) with
  // z = 1.959964, evaluated separately in Python; the first two are the values the issue quotes.
  it.each([
    [0, 10, 0, 0.2775328],
    [5, 10, 0.2365931, 0.7634069],
    [10, 10, 0.7224672, 1],
    [1, 4, 0.04558726, 0.6993582],
    [95, 100, 0.8882495, 0.9784563],
  ])('gives k = %i of n = %i the interval [%f, %f]', (k, n, low, high) => {
    const interval = wilsonInterval(k, n);
    expect(interval.estimate).toBe(k / n);
    expect(interval.low).toBeCloseTo(low, 6);
    expect(interval.high).toBeCloseTo(high, 6);
  });

  it('puts the bounds exactly at 0 and 1 when every run fails or succeeds', () => {
    expect(wilsonInterval(0, 37).low).toBe(0);
    expect(wilsonInterval(37, 37).high).toBe(1);
  });

  it('rejects counts that are not 0 ≤ k ≤ n, n ≥ 1', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/0 ≤ k ≤ n/);
    expect(() => wilsonInterval(0, 0)).toThrow(/n ≥ 1/);
    expect(() => wilsonInterval(1.5, 4)).toThrow(/whole numbers/);
  });
});

describe('studentTQuantile', () => {
  // Reference: R qt(p, df). Closed forms agree: df 1 is tan(π(p − ½)); df 2 is (2p − 1)/√(2p(1 − p)).
  it.each([
    [0.975, 1, 12.70620474],
    [0.975, 2, 4.30265273],
    [0.975, 5, 2.57058184],
    [0.975, 10, 2.22813885],
    [0.975, 30, 2.04227246],
    [0.975, 100, 1.98397152],
    [0.975, 1000, 1.96233908],
    [0.975, 5000, 1.96043855],
    [0.995, 10, 3.16927267],
    [0.9, 2, 1.88561808],
    [0.025, 5, -2.57058184],
  ])('gives t(%f, %i) = %f to 1e-7', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 7);
  });

  it('tends to the normal quantile 1.959964 as the degrees of freedom grow', () => {
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963985, 8);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(Z_95, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8); // qnorm(0.001)
  });

  it('is continuous where it switches from bisection to the Cornish–Fisher expansion', () => {
    const below = studentTQuantile(0.975, 1000);
    const above = studentTQuantile(0.975, 1001);
    expect(below - above).toBeGreaterThan(0);
    expect(below - above).toBeLessThan(1e-5);
  });

  it('inverts the CDF', () => {
    for (const df of [1, 3, 7, 29, 250]) expect(studentTCdf(studentTQuantile(0.9, df), df)).toBeCloseTo(0.9, 12);
  });
});

describe('tInterval', () => {
  it('gives 1..5 the interval of R t.test(1:5): [1.036757, 4.963243]', () => {
    const interval = tInterval(momentsOf([1, 2, 3, 4, 5]), [-Infinity, Infinity]);
    expect(interval.estimate).toBe(3);
    expect(interval.low).toBeCloseTo(1.036757, 6);
    expect(interval.high).toBeCloseTo(4.963243, 6);
  });

  it('clips to the domain, and is the whole domain for a single value', () => {
    expect(tInterval(momentsOf([0, 0, 0, 0.1]), [0, 1]).low).toBe(0);
    expect(tInterval(momentsOf([0.4]), [0, 1])).toEqual({ estimate: 0.4, low: 0, high: 1 });
  });

  it('is exactly [m, m] when every value is m', () => {
    expect(tInterval(momentsOf([0, 0, 0]), [-1, 1])).toEqual({ estimate: 0, low: 0, high: 0 });
    expect(tInterval(momentsOf([0.3, 0.3, 0.3]), [0, 1])).toEqual({ estimate: 0.3, low: 0.3, high: 0.3 });
  });
});

describe('RunningMoments', () => {
  it('gives the sample mean and variance (Welford)', () => {
    const moments = momentsOf([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(moments.mean).toBe(5);
    expect(moments.variance).toBeCloseTo(32 / 7, 12);
    expect(momentsOf([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]).variance).toBeCloseTo(30, 6);
  });
});

describe('quantiles from tallies', () => {
  it('gives the inverse empirical CDF of weeks exactly (type 1)', () => {
    const weeks = new WeekCounts();
    for (const w of [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]) weeks.add(w);
    // Sorted: 1 1 2 3 3 4 5 5 6 9; k = ⌈p·10⌉: p05 → 1st, p25 → 3rd, p50 → 5th, p75 → 8th, p95 → 10th.
    expect(weeks.quantiles()).toEqual({ p05: 1, p25: 2, p50: 3, p75: 5, p95: 9 });
    expect(weeks.mean).toBe(3.9);
    expect(weeks.byWeek(4)).toEqual([2, 1, 2, 1, 2, 1, 0, 0, 1]);
    expect(new WeekCounts().quantiles()).toBeNull();
  });

  it('reports shares to half a bin, exactly at 0 and 1', () => {
    const shares = new BinnedHistogram(1000, 0, 1);
    for (const s of [0, 0, 0.1234, 0.5, 1, 1, 1, 0.25, 0.75, 0.3333]) shares.add(s);
    // Sorted: 0 0 0.1234 0.25 0.3333 0.5 0.75 1 1 1.
    expect(shares.quantiles()).toEqual({ p05: 0, p25: 0.1235, p50: 0.3335, p75: 1, p95: 1 });
  });

  it('never reports a quantile outside the values seen', () => {
    const hhi = new BinnedHistogram(100, 0, 10_000);
    for (let i = 0; i < 5; i++) hhi.add(5012.5);
    expect(hhi.quantiles()).toEqual({ p05: 5012.5, p25: 5012.5, p50: 5012.5, p75: 5012.5, p95: 5012.5 });
  });
});
