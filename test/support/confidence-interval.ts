/**
 * Student-t confidence intervals over independent replications, for the theory tests.
 *
 *   replication means ──> mean, standard error ──> mean ± t(1 − α/2, R − 1) · s / √R
 *
 * The t quantile is the product's own (`sim/experiment/stats.ts`), so the reference-value tests
 * of this helper check the code that mc and compare use.
 */
import { studentTQuantile } from '../../sim/experiment/stats.js';

export { regularizedIncompleteBeta, studentTCdf, studentTQuantile } from '../../sim/experiment/stats.js';

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
