/**
 * Every distribution of RandomStream against its known mean and variance: 200,000 draws from a
 * fixed-seed stream, within 5 standard errors. Each case has its own stream (owner = case name).
 */
import { describe, expect, it } from 'vitest';
import { logGamma, RandomStream } from '../../sim/random/index.js';
import { expectFrequencies, expectMoments, sampleMoments } from '../support/moments.js';

const DRAWS = 200_000;

function streamFor(caseName: string): RandomStream {
  return RandomStream.of({ seed: 2024, replication: 0, owner: caseName, purpose: 'test' });
}

function draws(caseName: string, draw: (stream: RandomStream) => number, count = DRAWS): number[] {
  const stream = streamFor(caseName);
  return Array.from({ length: count }, () => draw(stream));
}

interface MomentCase {
  readonly name: string;
  readonly draw: (stream: RandomStream) => number;
  readonly mean: number;
  readonly variance: number;
}

function checkMoments(cases: readonly MomentCase[]): void {
  it.each(cases)('$name has mean $mean and variance $variance', ({ name, draw, mean, variance }) => {
    const stream = streamFor(name);
    expectMoments(sampleMoments(() => draw(stream), DRAWS), { mean, variance });
  });
}

const isInteger = (values: readonly number[]) => values.every((v) => Number.isInteger(v));

describe('continuous distributions', () => {
  const lognormalMean = Math.exp(0.5 + 0.4 ** 2 / 2);
  checkMoments([
    { name: 'uniform()', draw: (s) => s.uniform(), mean: 0.5, variance: 1 / 12 },
    { name: 'uniformBetween(2, 5)', draw: (s) => s.uniformBetween(2, 5), mean: 3.5, variance: 9 / 12 },
    { name: 'exponential(2)', draw: (s) => s.exponential(2), mean: 0.5, variance: 0.25 },
    { name: 'normal(3, 2)', draw: (s) => s.normal(3, 2), mean: 3, variance: 4 },
    { name: 'normal()', draw: (s) => s.normal(), mean: 0, variance: 1 },
    { name: 'lognormal(0.5, 0.4)', draw: (s) => s.lognormal(0.5, 0.4), mean: lognormalMean, variance: (Math.exp(0.16) - 1) * lognormalMean ** 2 },
    { name: 'lognormalWithMean(10, 0.5)', draw: (s) => s.lognormalWithMean(10, 0.5), mean: 10, variance: 25 },
    { name: 'lognormalWithMean(1, 2)', draw: (s) => s.lognormalWithMean(1, 2), mean: 1, variance: 4 },
    { name: 'gamma(0.3, 2) (shape < 1)', draw: (s) => s.gamma(0.3, 2), mean: 0.6, variance: 1.2 },
    { name: 'gamma(1)', draw: (s) => s.gamma(1), mean: 1, variance: 1 },
    { name: 'gamma(4.5, 0.5) (shape > 1)', draw: (s) => s.gamma(4.5, 0.5), mean: 2.25, variance: 1.125 },
    { name: 'beta(2, 5)', draw: (s) => s.beta(2, 5), mean: 2 / 7, variance: 10 / (49 * 8) },
    { name: 'beta(0.5, 0.5)', draw: (s) => s.beta(0.5, 0.5), mean: 0.5, variance: 0.125 },
    { name: 'beta(0.3, 3)', draw: (s) => s.beta(0.3, 3), mean: 0.3 / 3.3, variance: 0.9 / (3.3 ** 2 * 4.3) },
    { name: 'beta(0.001, 0.001) (both gammas underflow)', draw: (s) => s.beta(0.001, 0.001), mean: 0.5, variance: 1e-6 / (4e-6 * 1.002) },
  ]);

  it('keeps normal draws standard when calls alternate parameters (the spare variate)', () => {
    const stream = streamFor('alternating normals');
    const wide = sampleMoments(() => {
      stream.normal(0, 1);
      return stream.normal(10, 2);
    }, DRAWS);
    expectMoments(wide, { mean: 10, variance: 4 });
  });

  it('draws uniformBetween in [low, high), gamma above 0 and beta in (0, 1)', () => {
    expect(draws('range uniformBetween', (s) => s.uniformBetween(-1, 1)).every((v) => v >= -1 && v < 1)).toBe(true);
    expect(draws('range gamma', (s) => s.gamma(0.2)).every((v) => v >= 0)).toBe(true);
    expect(draws('range beta', (s) => s.beta(0.5, 2)).every((v) => v > 0 && v < 1)).toBe(true);
  });
});

describe('discrete distributions', () => {
  checkMoments([
    { name: 'integerBelow(6)', draw: (s) => s.integerBelow(6), mean: 2.5, variance: 35 / 12 },
    { name: 'bernoulli(0.3)', draw: (s) => (s.bernoulli(0.3) ? 1 : 0), mean: 0.3, variance: 0.21 },
    { name: 'poisson(3.5) (inversion)', draw: (s) => s.poisson(3.5), mean: 3.5, variance: 3.5 },
    { name: 'poisson(29.5) (inversion, top)', draw: (s) => s.poisson(29.5), mean: 29.5, variance: 29.5 },
    { name: 'poisson(30) (PTRS, bottom)', draw: (s) => s.poisson(30), mean: 30, variance: 30 },
    { name: 'poisson(120) (PTRS)', draw: (s) => s.poisson(120), mean: 120, variance: 120 },
    { name: 'poisson(500) (PTRS, top)', draw: (s) => s.poisson(500), mean: 500, variance: 500 },
    { name: 'poisson(2500) (normal approximation)', draw: (s) => s.poisson(2500), mean: 2500, variance: 2500 },
    { name: 'binomial(40, 0.2) (exact)', draw: (s) => s.binomial(40, 0.2), mean: 8, variance: 6.4 },
    { name: 'binomial(100, 0.29) (exact, n·p just below 30)', draw: (s) => s.binomial(100, 0.29), mean: 29, variance: 20.59 },
    { name: 'binomial(40, 0.85) (exact, p > 0.5)', draw: (s) => s.binomial(40, 0.85), mean: 34, variance: 5.1 },
    { name: 'binomial(1000, 0.3) (BTRD)', draw: (s) => s.binomial(1000, 0.3), mean: 300, variance: 210 },
    { name: 'binomial(1000, 0.96) (BTRD, p > 0.5)', draw: (s) => s.binomial(1000, 0.96), mean: 960, variance: 38.4 },
  ]);

  const poissonPmf = (mean: number) => (k: number) => Math.exp(-mean + k * Math.log(mean) - logGamma(k + 1));
  const binomialPmf = (n: number, p: number) => (k: number) =>
    Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p));

  it('gives poisson the Poisson probabilities in each regime', () => {
    const small = draws('pmf poisson(3.5)', (s) => s.poisson(3.5));
    expectFrequencies(small, [0, 1, 2, 3, 4, 5, 6, 8, 10], poissonPmf(3.5));
    const ptrs = draws('pmf poisson(120)', (s) => s.poisson(120));
    expectFrequencies(ptrs, [100, 110, 115, 120, 125, 130, 140], poissonPmf(120));
    expect(isInteger(small) && isInteger(ptrs) && small.every((k) => k >= 0)).toBe(true);
  });

  it('gives binomial the binomial probabilities in the exact regime, p below and above 0.5', () => {
    const low = draws('pmf binomial(40, 0.2)', (s) => s.binomial(40, 0.2));
    expectFrequencies(low, [0, 2, 4, 6, 8, 10, 12, 15], binomialPmf(40, 0.2));
    const high = draws('pmf binomial(40, 0.85)', (s) => s.binomial(40, 0.85));
    expectFrequencies(high, [28, 31, 33, 34, 35, 37, 40], binomialPmf(40, 0.85));
    expect(isInteger(low) && isInteger(high)).toBe(true);
    expect(low.every((k) => k >= 0 && k <= 40) && high.every((k) => k >= 0 && k <= 40)).toBe(true);
  });

  it('returns whole numbers in range, and the degenerate cases exactly', () => {
    const stream = streamFor('degenerate');
    expect(isInteger(draws('integers poisson(2500)', (s) => s.poisson(2500), 1_000))).toBe(true);
    expect(draws('integers binomial(50, 0.999)', (s) => s.binomial(50, 0.999), 1_000).every((k) => Number.isInteger(k) && k <= 50)).toBe(true);
    expect(draws('integerBelow(6) range', (s) => s.integerBelow(6), 10_000).every((k) => [0, 1, 2, 3, 4, 5].includes(k))).toBe(true);
    expect([stream.poisson(0), stream.poisson(-1), stream.binomial(0, 0.5), stream.binomial(9, 0), stream.binomial(9, 1)]).toEqual([0, 0, 0, 0, 9]);
  });

  it('ends binomial draws with p below 2⁻⁵³ (where 1 − p rounds to 1)', () => {
    const stream = streamFor('tiny p');
    expect([stream.binomial(1000, 1e-18), stream.binomial(10, 1e-300), stream.binomial(1000, 1 - 1e-17)]).toEqual([0, 0, 1000]);
  });

  it('rejects a Poisson mean that is not finite', () => {
    expect(() => streamFor('bad mean').poisson(Number.NaN)).toThrow('poisson: mean must be a finite number (got NaN)');
    expect(() => streamFor('bad mean').poisson(Infinity)).toThrow(RangeError);
  });
});

describe('shuffle', () => {
  it('returns a permutation of its input, in place', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = streamFor('shuffle permutation').shuffle(items);
    expect(shuffled).toBe(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('makes all 6 orders of 3 items equally likely', () => {
    const stream = streamFor('shuffle uniformity');
    const orders = Array.from({ length: 60_000 }, () => stream.shuffle(['a', 'b', 'c']).join(''));
    const ids = ['abc', 'acb', 'bac', 'bca', 'cab', 'cba'];
    expectFrequencies(orders.map((order) => ids.indexOf(order)), [0, 1, 2, 3, 4, 5], () => 1 / 6);
  });
});

describe('logGamma', () => {
  // Reference: Python 3 math.lgamma (and ln Γ(0.5) = ln √π, ln Γ(10) = ln 9! = ln 362880).
  it.each([
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [10, Math.log(362880)],
    [1, 0],
    [2, 0],
    [0.1, 2.2527126517342055],
    [3.5, 1.2009736023470738],
    [100, 359.1342053695754],
    [171.5, 709.1431630309282],
  ])('ln Γ(%f) = %f', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12);
  });

  it('satisfies Γ(x + 1) = x Γ(x)', () => {
    for (const x of [0.25, 1.7, 6.3, 42.42]) expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 12);
  });
});
