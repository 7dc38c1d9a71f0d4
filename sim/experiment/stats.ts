/**
 * The statistics of Monte Carlo results: 95% intervals for a proportion (Wilson) and for a mean
 * (Student t), running moments (Welford) and the quantiles of the normal and t distributions.
 *
 *   values in replication order → RunningMoments → mean ± t(0.975, n − 1) · sd / √n
 *   k successes of n            → Wilson score interval
 *
 * Hand-written rather than taken from a statistics package: the functions are small, tested
 * against published reference values, and their last bits cannot change under a dependency
 * upgrade (result files must stay byte-identical across versions of the toolchain).
 */
import { logGamma } from '../random/index.js';
import type { Interval } from './types.js';

/** The 0.975 quantile of the standard normal (Reference: qnorm(0.975) = 1.959963984540054). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score 95% interval for k successes in n trials (n ≥ 1). The bounds are exactly 0 when
 * k = 0 and exactly 1 when k = n (the formula gives them only up to rounding).
 */
export function wilsonInterval(k: number, n: number, z = Z_95): Interval {
  if (!(Number.isInteger(k) && Number.isInteger(n) && n >= 1 && k >= 0 && k <= n)) {
    throw new RangeError(`wilsonInterval: need whole numbers 0 ≤ k ≤ n, n ≥ 1 (got k = ${k}, n = ${n})`);
  }
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    estimate: p,
    low: k === 0 ? 0 : Math.max(0, centre - halfWidth),
    high: k === n ? 1 : Math.min(1, centre + halfWidth),
  };
}

/** Mean and variance of a stream of values, updated one value at a time (Welford's algorithm). */
export class RunningMoments {
  count = 0;
  mean = 0;
  private sumOfSquares = 0;

  add(value: number): void {
    this.count += 1;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.sumOfSquares += delta * (value - this.mean);
  }

  /** Sample variance (n − 1 denominator); 0 for fewer than two values. */
  get variance(): number {
    return this.count < 2 ? 0 : this.sumOfSquares / (this.count - 1);
  }

  get sd(): number {
    return Math.sqrt(this.variance);
  }
}

/**
 * The t-based 95% interval for the mean of `moments` (n ≥ 1), clipped to `domain`, the range the
 * quantity can take (a share lies in [0, 1]). One value says nothing about the spread: the
 * interval is then the whole domain.
 */
export function tInterval(moments: RunningMoments, domain: readonly [number, number]): Interval {
  const [lowest, highest] = domain;
  const n = moments.count;
  if (n < 1) throw new RangeError('tInterval: need at least one value');
  if (n === 1) return { estimate: moments.mean, low: lowest, high: highest };
  const halfWidth = studentTQuantile(0.975, n - 1) * Math.sqrt(moments.variance / n);
  return {
    estimate: moments.mean,
    low: Math.max(lowest, moments.mean - halfWidth),
    high: Math.min(highest, moments.mean + halfWidth),
  };
}

/** Coefficients of Acklam's rational approximation to the normal quantile (relative error < 1.15e-9). */
const ACKLAM = {
  a: [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239],
  b: [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1],
  c: [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783],
  d: [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416],
} as const;

function polynomial(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((sum, c) => sum * x + c, 0);
}

/** The p-quantile of the standard normal, 0 < p < 1 (Acklam's algorithm). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: need 0 < p < 1 (got ${p})`);
  const { a, b, c, d } = ACKLAM;
  if (p < 0.02425 || p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log(Math.min(p, 1 - p)));
    const x = polynomial(c, q) / (polynomial(d, q) * q + 1);
    return p < 0.5 ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (polynomial(a, r) * q) / (polynomial(b, r) * r + 1);
}

/** Continued fraction of the incomplete beta function (Numerical Recipes' betacf, modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const guard = (value: number) => (Math.abs(value) < tiny ? tiny : value);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let fraction = d;
  for (let m = 1; m <= 1000; m++) {
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

/** The regularized incomplete beta function I_x(a, b) for 0 ≤ x ≤ 1 and a, b > 0. */
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

/** Above this many degrees of freedom the Cornish–Fisher expansion is exact to ~1e-12. */
const LARGE_DF = 1000;

/** Cornish–Fisher expansion of the t quantile about the normal one, four terms in 1/df. */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

const tQuantileCache = new Map<string, number>();

/**
 * The p-quantile of Student's t with `df` degrees of freedom (df may be Infinity): bisection on
 * the CDF for df ≤ 1000, the Cornish–Fisher expansion above. Accurate to better than 1e-9.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`studentTQuantile: need 0 < p < 1 and df > 0 (got p = ${p}, df = ${df})`);
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  const key = `${p}|${df}`;
  const cached = tQuantileCache.get(key);
  if (cached !== undefined) return cached;
  const value = df > LARGE_DF ? cornishFisherT(normalQuantile(p), df) : bisectTQuantile(p, df);
  if (tQuantileCache.size < 10_000) tQuantileCache.set(key, value);
  return value;
}

function bisectTQuantile(p: number, df: number): number {
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-14 * high; i++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * Exact two-sided McNemar test for paired binary outcomes: of the discordant pairs, `gained`
 * went 0 → 1 and `lost` 1 → 0; under no difference each is Binomial(gained + lost, ½).
 * p = min(1, 2·P(X ≤ min(gained, lost))). No discordant pair: p = 1.
 */
export function mcnemarExactP(gained: number, lost: number): number {
  const n = gained + lost;
  if (n === 0) return 1;
  const k = Math.min(gained, lost);
  // Σ_{i ≤ k} C(n, i) / 2^n, summed in log space so that n in the millions stays finite.
  let logTerm = -n * Math.LN2; // i = 0
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}

/**
 * Two-sided p-value of the paired t test that the mean of the differences in `moments` is 0.
 * Fewer than two values: 1. All differences equal: 0 when they are not 0, else 1.
 */
export function pairedTTestP(moments: RunningMoments): number {
  const n = moments.count;
  if (n < 2) return 1;
  if (moments.variance === 0) return moments.mean === 0 ? 1 : 0;
  const t = moments.mean / Math.sqrt(moments.variance / n);
  return Math.min(1, 2 * (1 - studentTCdf(Math.abs(t), n - 1)));
}

/**
 * Holm's step-down adjustment of a family of p-values (controls the family-wise error rate):
 * the i-th smallest becomes max over j ≤ i of min(1, (m − j + 1)·p_(j)). Same order as given.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
