/**
 * Student-t confidence intervals over independent replications, for the theory tests.
 *
 *   replication means ──> mean, standard error ──> mean ± t(1 − α/2, R − 1) · s / √R
 *
 * The t quantile inverts the t CDF, which is a regularized incomplete beta function evaluated by
 * its continued fraction (modified Lentz), so no table is needed for any degrees of freedom.
 */
import { logGamma } from '../../sim/random/index.js';

/** Continued fraction of the incomplete beta function I_x(a, b) (Numerical Recipes' betacf). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const guard = (value: number) => (Math.abs(value) < tiny ? tiny : value);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let fraction = d;
  for (let m = 1; m <= 500; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    fraction *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return fraction;
}

/** The regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1, a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with `df` degrees of freedom (bisection on the CDF). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`studentTQuantile: need 0 < p < 1 and df > 0 (got p = ${p}, df = ${df})`);
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-13 * high; i++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** A two-sided confidence interval for a mean. */
export interface ConfidenceInterval {
  readonly mean: number;
  readonly halfWidth: number;
  readonly low: number;
  readonly high: number;
  /** Replications it was computed from. */
  readonly count: number;
}

/** The t-interval for the mean of independent, identically distributed values (≥ 2 of them). */
export function tInterval(values: readonly number[], confidence = 0.95): ConfidenceInterval {
  const count = values.length;
  if (count < 2) throw new RangeError(`tInterval: need at least 2 values (got ${count})`);
  const mean = values.reduce((sum, v) => sum + v, 0) / count;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (count - 1);
  const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, count - 1) * Math.sqrt(variance / count);
  return { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, count };
}
