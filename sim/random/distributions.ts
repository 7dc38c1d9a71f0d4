/**
 * Distributions drawn from a stream's uniforms. Each function documents its parametrisation;
 * the tests check every one against its known mean and variance.
 */
import { drawBinomial } from './binomial.js';
import { createUniform, type StreamKey, type UniformSource } from './streams.js';

const TWO_PI = 2 * Math.PI;

/** A named stream with the distributions the model needs. */
export class RandomStream {
  private spareNormal = NaN;

  constructor(private readonly uniform01: UniformSource) {}

  static of(key: StreamKey): RandomStream {
    return new RandomStream(createUniform(key));
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.uniform01();
  }

  /** Uniform on [low, high). */
  uniformBetween(low: number, high: number): number {
    return low + (high - low) * this.uniform01();
  }

  /** Uniform integer in {0, ..., n-1}. */
  integerBelow(n: number): number {
    return Math.floor(this.uniform01() * n);
  }

  /** Bernoulli(p): true with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform01() < p;
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.uniform01()) / rate;
  }

  /** Normal(mean, sd), Box–Muller with the second variate kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mean + sd * z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform01()));
    const angle = TWO_PI * this.uniform01();
    this.spareNormal = radius * Math.sin(angle);
    return mean + sd * radius * Math.cos(angle);
  }

  /** Lognormal: exp(Normal(mu, sigma)); mean exp(mu + sigma²/2). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Lognormal with the given mean and coefficient of variation. */
  lognormalWithMean(mean: number, cv: number): number {
    const sigma2 = Math.log(1 + cv * cv);
    return Math.exp(this.normal(Math.log(mean) - sigma2 / 2, Math.sqrt(sigma2)));
  }

  /**
   * Poisson(mean): inversion below 30, PTRS up to 500, normal approximation (rounded, ≥ 0) above.
   * A mean ≤ 0 gives 0; a mean that is not finite is an error.
   */
  poisson(mean: number): number {
    if (!Number.isFinite(mean)) throw new RangeError(`poisson: mean must be a finite number (got ${mean})`);
    if (mean <= 0) return 0;
    if (mean > 500) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let product = this.uniform01();
      while (product > limit) {
        k++;
        product *= this.uniform01();
      }
      return k;
    }
    return this.poissonPtrs(mean);
  }

  /** Hörmann's PTRS transformed rejection for 30 ≤ mean ≤ 500. */
  private poissonPtrs(mean: number): number {
    const slam = Math.sqrt(mean);
    const logLam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform01() - 0.5;
      const v = this.uniform01();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logLam - logGamma(k + 1)) {
        return k;
      }
    }
  }

  /**
   * Binomial(n, p), exact: CDF inversion when n·min(p, 1−p) < 30, Hörmann's BTRD above (see
   * binomial.ts). n ≤ 0 or p ≤ 0 gives 0, p ≥ 1 gives n; a fractional or non-finite n, or p = NaN,
   * is a RangeError.
   */
  binomial(n: number, p: number): number {
    return drawBinomial(this.uniform01, n, p);
  }

  /** Gamma(shape, scale): mean shape·scale (Marsaglia–Tsang; boosted for shape < 1). */
  gamma(shape: number, scale = 1): number {
    if (shape < 1) {
      const boost = Math.pow(1 - this.uniform01(), 1 / shape);
      return this.gamma(shape + 1, scale) * boost;
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform01();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /**
   * Beta(a, b): mean a/(a+b), from two gammas. With a shape below 1 the gammas are combined as
   * logarithms, since both can underflow to 0 for small shapes (0/0 would give NaN).
   */
  beta(a: number, b: number): number {
    if (a >= 1 && b >= 1) {
      const x = this.gamma(a);
      const y = this.gamma(b);
      return x / (x + y);
    }
    const logX = this.logGammaDraw(a);
    const logY = this.logGammaDraw(b);
    return 1 / (1 + Math.exp(logY - logX));
  }

  /** ln of a Gamma(shape, 1) draw, taking the same uniforms as `gamma(shape)`. */
  private logGammaDraw(shape: number): number {
    if (shape < 1) {
      const logBoost = Math.log(1 - this.uniform01()) / shape;
      return this.logGammaDraw(shape + 1) + logBoost;
    }
    return Math.log(this.gamma(shape));
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform01() * (i + 1));
      const held = items[i];
      items[i] = items[j];
      items[j] = held;
    }
    return items;
  }
}

/** ln Γ(x) for x > 0 (Lanczos, |error| < 1e-14). */
export function logGamma(x: number): number {
  const g = 7;
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = coefficients[0] as number;
  for (let i = 1; i < g + 2; i++) sum += (coefficients[i] as number) / (shifted + i);
  const t = shifted + g + 0.5;
  return 0.5 * Math.log(TWO_PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}
