/**
 * The binomial sampler against the exact pmf (computed in log space) where it uses BTRD
 * (n·min(p, 1−p) ≥ 30): total variation at the level of sampling noise, a binned chi-square, the
 * probability beyond 3σ on each side, mean and variance on many seeds, and the boundaries. The
 * normal approximation used there before (TV 0.011–0.016 in the skewed cases, upper 3σ tail 30–37%
 * too light) fails every total-variation and tail check below and the chi-square of
 * Binomial(1000, 0.05) and Binomial(200, 0.4) (checked by running these tests against it).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stirlingCorrection } from '../../sim/random/binomial.js';
import { RandomStream } from '../../sim/random/index.js';
import { binnedChiSquare, binomialPmfTable, noiseTotalVariation, totalVariation, type PmfTable } from '../support/goodness-of-fit.js';
import { expectMoments, sampleMoments } from '../support/moments.js';

const PMF_DRAWS = 300_000;

function streamFor(name: string, seed = 2024): RandomStream {
  return RandomStream.of({ seed, replication: 0, owner: name, purpose: 'test' });
}

const drawCache = new Map<string, Float64Array>();

/** PMF_DRAWS draws of Binomial(n, p) from the stream named after the case (shared by the checks of one case). */
function drawsOf(n: number, p: number): Float64Array {
  const key = `binomial(${n}, ${p})`;
  let draws = drawCache.get(key);
  if (draws === undefined) {
    const stream = streamFor(key);
    draws = new Float64Array(PMF_DRAWS);
    for (let i = 0; i < PMF_DRAWS; i++) draws[i] = stream.binomial(n, p);
    drawCache.set(key, draws);
  }
  return draws;
}

/** P(X > mean + 3σ) and P(X < mean − 3σ) from the exact table. */
function exactTails(table: PmfTable, mean: number, sd: number): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  table.probabilities.forEach((f, i) => {
    const k = table.low + i;
    if (k > mean + 3 * sd) upper += f;
    if (k < mean - 3 * sd) lower += f;
  });
  return { upper, lower };
}

// Skewed cases where the old normal approximation was furthest off (its TV in the comment).
const skewedCases = [
  { n: 1000, p: 0.05 }, // 0.016
  { n: 100, p: 0.3 }, // 0.011, n·p at the BTRD threshold
  { n: 1000, p: 0.95 }, // 0.016, by symmetry
  { n: 1_000_000_000, p: 1e-7 }, // 0.013, huge n with tiny p
];

describe('binomial draws in the BTRD regime follow the exact pmf', () => {
  it.each(skewedCases)('Binomial($n, $p) is within sampling noise of the exact pmf in total variation', ({ n, p }) => {
    const table = binomialPmfTable(n, p);
    const noise = noiseTotalVariation(table, PMF_DRAWS);
    // An exact sampler shows about `noise` (≈ 0.003 here); the old approximation showed ≥ 0.011.
    expect(totalVariation(drawsOf(n, p), table)).toBeLessThan(noise + 0.004);
  });

  it.each(skewedCases)('Binomial($n, $p) puts the exact probability beyond 3σ on each side', ({ n, p }) => {
    const mean = n * p;
    const sd = Math.sqrt(n * p * (1 - p));
    const exact = exactTails(binomialPmfTable(n, p), mean, sd);
    const draws = drawsOf(n, p);
    const upper = draws.filter((k) => k > mean + 3 * sd).length / draws.length;
    const lower = draws.filter((k) => k < mean - 3 * sd).length / draws.length;
    const se = (f: number) => Math.sqrt((f * (1 - f)) / draws.length);
    expect(Math.abs(upper - exact.upper), `upper tail ${upper} vs ${exact.upper}`).toBeLessThan(4.5 * se(exact.upper));
    expect(Math.abs(lower - exact.lower), `lower tail ${lower} vs ${exact.lower}`).toBeLessThan(4.5 * se(exact.lower));
  });

  it.each([
    { n: 1000, p: 0.05 },
    { n: 200, p: 0.4 },
    { n: 60, p: 0.5 },
    { n: 1_000_000, p: 0.3 },
    { n: 1_000_000_000, p: 0.3 },
  ])('Binomial($n, $p) fits the exact pmf in 40 bins of equal probability (chi-square)', ({ n, p }) => {
    const { z, df } = binnedChiSquare(drawsOf(n, p), binomialPmfTable(n, p), 40);
    expect(df).toBeGreaterThanOrEqual(30);
    expect(z, 'Wilson–Hilferty z of the chi-square statistic').toBeLessThan(4);
  });
});

describe('binomial moments on many seeds', () => {
  it.each([
    { n: 1000, p: 0.05 },
    { n: 200, p: 0.6 },
    { n: 1_000_000_000, p: 0.3 },
  ])('Binomial($n, $p) has mean np and variance np(1 − p) on each of 20 seeds', ({ n, p }) => {
    for (let seed = 1; seed <= 20; seed++) {
      const stream = streamFor(`moments binomial(${n}, ${p})`, seed);
      expectMoments(sampleMoments(() => stream.binomial(n, p), 10_000), { mean: n * p, variance: n * p * (1 - p) });
    }
  });
});

describe('binomial boundaries and contract', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('returns 0 for n = 0, p = 0 or p < 0, and n for p = 1 or p > 1, without drawing', () => {
    const stream = streamFor('boundaries');
    const reference = streamFor('boundaries');
    expect([stream.binomial(0, 0.5), stream.binomial(1e9, 0), stream.binomial(40, -0.1), stream.binomial(-3, 0.5)]).toEqual([0, 0, 0, 0]);
    expect([stream.binomial(1e9, 1), stream.binomial(40, 1.5), stream.binomial(0, 1)]).toEqual([1e9, 40, 0]);
    expect(stream.uniform()).toBe(reference.uniform());
  });

  it('stays within [0, n] and whole on both sides of the inversion/BTRD threshold', () => {
    const stream = streamFor('threshold');
    for (const [n, p] of [
      [100, 0.29],
      [100, 0.3],
      [60, 0.5],
      [61, 0.5],
      [100, 0.71],
      [1_000_000_000, 0.5],
    ] as const) {
      for (let i = 0; i < 20_000; i++) {
        const k = stream.binomial(n, p);
        if (!Number.isInteger(k) || k < 0 || k > n) expect.fail(`binomial(${n}, ${p}) gave ${k}`);
      }
    }
  });

  it('rejects a fractional or non-finite n and a p that is NaN', () => {
    const stream = streamFor('bad input');
    expect(() => stream.binomial(10.5, 0.3)).toThrow('binomial: n must be a whole number of trials (got 10.5)');
    expect(() => stream.binomial(Number.NaN, 0.3)).toThrow(RangeError);
    expect(() => stream.binomial(Infinity, 0.3)).toThrow(RangeError);
    expect(() => stream.binomial(100, Number.NaN)).toThrow('binomial: p must be a probability (got NaN)');
  });

  it('draws only from its stream: the same key gives the same draws, and Math.random is never called', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    const one = streamFor('same key');
    const two = streamFor('same key');
    const first = Array.from({ length: 2_000 }, (_, i) => one.binomial(1000 + i, 0.2));
    const second = Array.from({ length: 2_000 }, (_, i) => two.binomial(1000 + i, 0.2));
    expect(first).toEqual(second);
    expect(random).not.toHaveBeenCalled();
  });
});

describe('stirlingCorrection', () => {
  // Reference: ln k! − (k + ½) ln(k + 1) + (k + 1) − ½ ln 2π at 40 digits (mpmath).
  it.each([
    [0, 0.08106146679532725822],
    [9, 0.0083305634333628712565],
    [10, 0.007573675487951840795],
    [15, 0.0052076559196096404407],
    [100, 0.00082507981224258843774],
    [12345, 6.7498245030867715074e-6],
    [1_000_000_000, 8.3333333250000000081e-11],
  ])('fc(%i) = %f', (k, expected) => {
    expect(Math.abs(stirlingCorrection(k) - expected)).toBeLessThan(1e-12);
  });
});
