/**
 * Goodness of fit of integer draws against an exact pmf: the binomial pmf in log space, the total
 * variation distance with the level sampling noise alone gives it, and a binned chi-square.
 */
import { logGamma } from '../../sim/random/index.js';

/** ln P(X = k) for X ~ Binomial(n, p), 0 < p < 1, from ln Γ (error about 1e-8 at n = 1e6). */
export function binomialLogPmf(n: number, p: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** The exact pmf on [low, high] (whole numbers), as an array indexed from `low`. */
export interface PmfTable {
  readonly low: number;
  readonly probabilities: Float64Array;
}

/** Binomial(n, p) probabilities on mean ± `sds` standard deviations, clipped to [0, n]. */
export function binomialPmfTable(n: number, p: number, sds = 12): PmfTable {
  const sd = Math.sqrt(n * p * (1 - p));
  const low = Math.max(0, Math.floor(n * p - sds * sd));
  const high = Math.min(n, Math.ceil(n * p + sds * sd));
  const probabilities = new Float64Array(high - low + 1);
  for (let k = low; k <= high; k++) probabilities[k - low] = Math.exp(binomialLogPmf(n, p, k));
  return { low, probabilities };
}

/** Counts of each value of `draws` on the table's range; values outside go to `outside`. */
export function countDraws(draws: ArrayLike<number>, table: PmfTable): { counts: Float64Array; outside: number } {
  const counts = new Float64Array(table.probabilities.length);
  let outside = 0;
  for (let i = 0; i < draws.length; i++) {
    const index = (draws[i] as number) - table.low;
    if (index >= 0 && index < counts.length) counts[index] = (counts[index] as number) + 1;
    else outside++;
  }
  return { counts, outside };
}

/** Total variation ½·Σ|f̂(k) − f(k)| between the draws' frequencies and the table (outside draws count in full). */
export function totalVariation(draws: ArrayLike<number>, table: PmfTable): number {
  const { counts, outside } = countDraws(draws, table);
  let sum = outside / draws.length;
  for (let i = 0; i < counts.length; i++) sum += Math.abs((counts[i] as number) / draws.length - (table.probabilities[i] as number));
  return sum / 2;
}

/**
 * The total variation an exact sampler shows on average from sampling noise alone with `count`
 * draws: ½·Σ E|f̂(k) − f(k)| ≈ ½·Σ √(2 f(k)(1 − f(k)) / (π·count)) (the normal approximation of
 * each cell's count, which overstates the noise of cells with few expected draws).
 */
export function noiseTotalVariation(table: PmfTable, count: number): number {
  let sum = 0;
  for (const f of table.probabilities) sum += Math.sqrt((2 * f * (1 - f)) / (Math.PI * count));
  return sum / 2;
}

/**
 * Pearson's chi-square of the draws over `bins` bins of (nearly) equal exact probability, with
 * everything below and above the table in the end bins, and its Wilson–Hilferty z-score (about
 * standard normal for an exact sampler; large when the draws do not follow the pmf).
 */
export function binnedChiSquare(draws: ArrayLike<number>, table: PmfTable, bins: number): { statistic: number; df: number; z: number } {
  const binOf = new Int32Array(table.probabilities.length); // each table entry's bin
  let cumulative = 0;
  let bin = 0;
  for (let i = 0; i < binOf.length; i++) {
    binOf[i] = bin;
    cumulative += table.probabilities[i] as number;
    if (bin < bins - 1 && cumulative >= (bin + 1) / bins) bin++;
  }
  const binCount = (binOf[binOf.length - 1] as number) + 1;
  const expected = new Float64Array(binCount);
  for (let i = 0; i < binOf.length; i++) expected[binOf[i]!] = expected[binOf[i]!]! + table.probabilities[i]!;
  const observed = new Float64Array(binCount);
  for (let i = 0; i < draws.length; i++) {
    const index = Math.min(Math.max((draws[i] as number) - table.low, 0), binOf.length - 1);
    observed[binOf[index]!] = observed[binOf[index]!]! + 1;
  }
  let statistic = 0;
  for (let b = 0; b < expected.length; b++) {
    const e = (expected[b] as number) * draws.length;
    statistic += ((observed[b] as number) - e) ** 2 / e;
  }
  const df = expected.length - 1;
  const z = (Math.cbrt(statistic / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  return { statistic, df, z };
}
