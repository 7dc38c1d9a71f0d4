/**
 * Sample moments with their standard errors, for checking a distribution's draws against its known
 * mean and variance within a number of standard errors.
 */
import { expect } from 'vitest';

export interface SampleMoments {
  readonly count: number;
  readonly mean: number;
  /** Unbiased sample variance. */
  readonly variance: number;
  /** Fourth central moment of the sample, for the standard error of the variance. */
  readonly fourthCentralMoment: number;
}

/** Draws `count` values and returns their moments. */
export function sampleMoments(draw: () => number, count: number): SampleMoments {
  const values = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const value = draw();
    values[i] = value;
    sum += value;
  }
  const mean = sum / count;
  let second = 0;
  let fourth = 0;
  for (const value of values) {
    const squared = (value - mean) ** 2;
    second += squared;
    fourth += squared * squared;
  }
  return { count, mean, variance: second / (count - 1), fourthCentralMoment: fourth / count };
}

/**
 * Expects the sample mean within `z` standard errors √(σ²/n) of `mean`, and the sample variance
 * within `z` standard errors √((μ₄ − σ⁴)/n) of `variance` (μ₄ estimated from the sample).
 */
export function expectMoments(sample: SampleMoments, expected: { mean: number; variance: number }, z = 5): void {
  const meanError = Math.sqrt(expected.variance / sample.count);
  const varianceError = Math.sqrt(Math.max(sample.fourthCentralMoment - sample.variance ** 2, 0) / sample.count);
  expect(Math.abs(sample.mean - expected.mean), `mean ${sample.mean} vs ${expected.mean} (SE ${meanError})`).toBeLessThan(z * meanError);
  expect(Math.abs(sample.variance - expected.variance), `variance ${sample.variance} vs ${expected.variance} (SE ${varianceError})`).toBeLessThan(
    z * varianceError,
  );
}

/** Expects the frequency of each value k in `ks` within `z` standard errors of `probability(k)`. */
export function expectFrequencies(draws: readonly number[], ks: readonly number[], probability: (k: number) => number, z = 5): void {
  const counts = new Map<number, number>();
  for (const value of draws) counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const k of ks) {
    const p = probability(k);
    const frequency = (counts.get(k) ?? 0) / draws.length;
    const error = Math.sqrt((p * (1 - p)) / draws.length);
    expect(Math.abs(frequency - p), `P(X = ${k}): ${frequency} vs ${p} (SE ${error})`).toBeLessThan(z * error);
  }
}
