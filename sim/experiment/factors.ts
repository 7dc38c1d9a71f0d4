/**
 * Uncertain parameters (factors) as the experiments use them: each factor maps a probability
 * u ∈ [0, 1) to a value by its inverse CDF, so every design (Morris grid, Sobol' sequence, Latin
 * hypercube, ABC's normal scores) is built on the unit cube and the distribution is applied last.
 *
 *   uniform       low + u·(high − low)
 *   log-uniform   low·(high/low)^u
 *   triangular    the closed-form inverse CDF with the mode
 *   normal        mean + sd·Φ⁻¹(Φ(a) + u·(Φ(b) − Φ(a))), truncated to [low, high] when given
 *   beta          low + (high − low)·I⁻¹_u(α, β) (the regularized incomplete beta, inverted by bisection)
 *   discrete      the first value whose cumulative weight exceeds u·total
 *
 * A continuous factor with `integer: true` rounds its value to the nearest whole number (half away
 * from zero), for paths that take whole numbers.
 *
 * An unbounded side of a normal has no value at u = 0 or 1: u is kept inside [0.001, 0.999] there
 * (the Morris grid's end levels are then the 0.1% and 99.9% quantiles).
 */
import type { Factor } from '../scenario/schema.js';
import { normalQuantile, regularizedIncompleteBeta } from './stats.js';

/** Where the unbounded side of a normal factor is cut (probability). */
export const NORMAL_TAIL_CUT = 0.001;

/** Φ(x), the standard normal CDF (Numerical Recipes' erfc, relative error < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** The value of `factor` at probability `u` (its inverse CDF; see the module comment). */
export function factorValue(factor: Factor, u: number): number {
  const value = continuousValue(factor, u);
  return 'integer' in factor && factor.integer === true ? roundHalfAway(value) : value;
}

/** The nearest whole number, halves away from zero (−2.5 → −3, 2.5 → 3). */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

function continuousValue(factor: Factor, u: number): number {
  switch (factor.distribution) {
    case 'uniform':
      return factor.low + u * (factor.high - factor.low);
    case 'log-uniform':
      return factor.low * (factor.high / factor.low) ** u;
    case 'triangular':
      return triangularQuantile(factor.low, factor.mode, factor.high, u);
    case 'normal':
      return truncatedNormalQuantile(factor.mean, factor.sd, factor.low, factor.high, u);
    case 'beta':
      return factor.low + (factor.high - factor.low) * betaQuantile(factor.alpha, factor.beta, u);
    case 'discrete':
      return discreteQuantile(factor.values, factor.weights, u);
  }
}

/** Every factor's value at the point `u` of the unit cube. */
export function factorValues(factors: readonly Factor[], u: readonly number[]): number[] {
  return factors.map((factor, i) => factorValue(factor, u[i]!));
}

function triangularQuantile(low: number, mode: number, high: number, u: number): number {
  const split = (mode - low) / (high - low);
  return u < split ? low + Math.sqrt(u * (high - low) * (mode - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

function truncatedNormalQuantile(mean: number, sd: number, low: number | undefined, high: number | undefined, u: number): number {
  const a = low === undefined ? 0 : normalCdf((low - mean) / sd);
  const b = high === undefined ? 1 : normalCdf((high - mean) / sd);
  const p = Math.min(Math.max(a + u * (b - a), low === undefined ? NORMAL_TAIL_CUT : 0), high === undefined ? 1 - NORMAL_TAIL_CUT : 1);
  const value = mean + sd * normalQuantile(Math.min(Math.max(p, 1e-300), 1 - 1e-16));
  return Math.min(Math.max(value, low ?? -Infinity), high ?? Infinity);
}

/** I⁻¹_u(α, β) by bisection on [0, 1] (60 halvings: below 1e-17). */
function betaQuantile(alpha: number, beta: number, u: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedIncompleteBeta(mid, alpha, beta) < u) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function discreteQuantile(values: readonly number[], weights: readonly number[] | undefined, u: number): number {
  const w = weights ?? values.map(() => 1);
  const total = w.reduce((sum, x) => sum + x, 0);
  let cumulative = 0;
  for (let i = 0; i < values.length; i++) {
    cumulative += w[i]!;
    if (u * total < cumulative) return values[i]!;
  }
  return values[values.length - 1]!;
}
