/**
 * ABC-SMC: approximate Bayesian computation by sequential Monte Carlo (Toni et al. 2009), with
 * Beaumont et al. (2009)'s adaptive Gaussian kernel (covariance twice the weighted covariance of
 * the previous population) and tolerances set as a quantile of the previous distances (Del Moral
 * et al. 2012).
 *
 * It works on normal scores z (one per factor, prior N(0, 1)): a factor's value is its inverse
 * CDF at Φ(z). The posterior is the same whatever the coordinates, and in z every prior is a
 * standard normal, so bounded, skewed and discrete priors need no special kernels.
 *
 *   generation 0   N particles from the prior (tolerance ∞)
 *   generation t   ε_t = α-quantile of generation t−1's distances; proposals in batches: pick a
 *                  particle by weight, move it by N(0, 2Σ); keep those within ε_t, in proposal
 *                  order, until N are kept; weight w ∝ φ(z) / Σ_j w_j K(z | z_j)
 *
 * Proposals come from the stream (seed, generation, 'abc-<batch>'), and particles are kept in
 * proposal order, so the result does not depend on how (or how fast) a batch is evaluated.
 */
import { RandomStream } from '../random/index.js';

export interface AbcSettings {
  particles: number;
  generations: number;
  /** Quantile of the previous distances that sets the next tolerance (0 < α < 1). */
  alpha: number;
  /** Stop when a generation would need more evaluations than this in total. */
  maxEvaluations: number;
  seed: number;
}

export interface Particle {
  z: number[];
  distance: number;
  /** The simulated quantities (means over replications), as the evaluator returned them. */
  outputs: number[];
}

export interface Generation {
  epsilon: number;
  particles: Particle[];
  /** Normalized importance weights, one per particle. */
  weights: number[];
  /** Proposals evaluated in this generation. */
  evaluations: number;
}

export interface AbcOutcome {
  generations: Generation[];
  /** Why it stopped: 'done', 'budget' (--max-evaluations), or 'interrupted'. */
  stopped: 'done' | 'budget' | 'interrupted';
}

/** Evaluates the proposals of one batch: their outputs and distances, or fewer when interrupted. */
export type BatchEvaluator = (generation: number, batch: number, zs: readonly number[][]) => Promise<{ results: Array<{ outputs: number[]; distance: number }>; complete: boolean }>;

/** The α-quantile of `values` (order statistic, no interpolation). */
function quantile(values: readonly number[], alpha: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(alpha * sorted.length) - 1))]!;
}

/** Weighted covariance of the particles' z. */
function weightedCovariance(particles: readonly Particle[], weights: readonly number[]): number[][] {
  const k = particles[0]!.z.length;
  const mean = new Array<number>(k).fill(0);
  particles.forEach((p, i) => p.z.forEach((z, d) => (mean[d]! += weights[i]! * z)));
  const cov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  particles.forEach((p, i) => {
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) cov[a]![b]! += weights[i]! * (p.z[a]! - mean[a]!) * (p.z[b]! - mean[b]!);
  });
  return cov;
}

/** Lower Cholesky factor of a symmetric positive semi-definite matrix (a small ridge keeps it definite). */
export function cholesky(matrix: readonly number[][]): number[][] {
  const k = matrix.length;
  const ridge = 1e-9 * Math.max(1e-12, ...matrix.map((row, i) => row[i]!));
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]![j]! + (i === j ? ridge : 0);
      for (let m = 0; m < j; m++) sum -= l[i]![m]! * l[j]![m]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(sum, 1e-300)) : sum / l[j]![j]!;
    }
  }
  return l;
}

/** log of the Gaussian kernel density N(x; mean, LLᵀ), up to the constant shared by all. */
function logKernel(x: readonly number[], mean: readonly number[], l: readonly number[][]): number {
  const k = x.length;
  const y = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    let sum = x[i]! - mean[i]!;
    for (let m = 0; m < i; m++) sum -= l[i]![m]! * y[m]!;
    y[i] = sum / l[i]![i]!;
  }
  return -0.5 * y.reduce((s, v) => s + v * v, 0);
}

function logPrior(z: readonly number[]): number {
  return -0.5 * z.reduce((s, v) => s + v * v, 0);
}

interface Kernel {
  previous: Generation;
  l: number[][];
  cumulative: number[];
}

function propose(k: number, count: number, generation: number, batch: number, seed: number, kernel: Kernel | null): number[][] {
  const stream = RandomStream.of({ seed, replication: generation, owner: `abc-${batch}`, purpose: 'calibration' });
  return Array.from({ length: count }, () => {
    const noise = Array.from({ length: k }, () => stream.normal());
    if (kernel === null) return noise;
    const u = stream.uniform();
    let j = kernel.cumulative.findIndex((c) => u < c);
    if (j < 0) j = kernel.cumulative.length - 1;
    const centre = kernel.previous.particles[j]!.z;
    return centre.map((c, i) => c + kernel.l[i]!.reduce((sum, lij, m) => sum + lij * noise[m]!, 0));
  });
}

function weightsOf(particles: readonly Particle[], kernel: Kernel | null): number[] {
  if (kernel === null) return particles.map(() => 1 / particles.length);
  const logs = particles.map((p) => {
    const terms = kernel.previous.particles.map((q, j) => Math.log(kernel.previous.weights[j]!) + logKernel(p.z, q.z, kernel.l));
    const top = Math.max(...terms);
    const logMix = top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0));
    return logPrior(p.z) - logMix;
  });
  const top = Math.max(...logs);
  const raw = logs.map((v) => Math.exp(v - top));
  const total = raw.reduce((s, v) => s + v, 0);
  return raw.map((v) => v / total);
}

/** Runs ABC-SMC over `k` factors (see the module comment). */
export async function abcSmc(k: number, settings: AbcSettings, evaluate: BatchEvaluator): Promise<AbcOutcome> {
  const generations: Generation[] = [];
  let evaluations = 0;
  for (let t = 0; t < settings.generations; t++) {
    const previous = generations[t - 1];
    const epsilon = previous === undefined ? Infinity : quantile(previous.particles.map((p) => p.distance), settings.alpha);
    let kernel: Kernel | null = null;
    if (previous !== undefined) {
      const cov = weightedCovariance(previous.particles, previous.weights).map((row) => row.map((v) => 2 * v));
      let running = 0;
      kernel = { previous, l: cholesky(cov), cumulative: previous.weights.map((w) => (running += w)) };
    }
    const kept: Particle[] = [];
    let tried = 0;
    for (let batch = 0; kept.length < settings.particles; batch++) {
      const rate = tried === 0 ? 1 : Math.max(kept.length / tried, 0.02);
      const size = batch === 0 ? settings.particles : Math.min(10 * settings.particles, Math.ceil((settings.particles - kept.length) / rate));
      if (evaluations + size > settings.maxEvaluations) return { generations, stopped: 'budget' };
      const zs = propose(k, size, t, batch, settings.seed, kernel);
      const { results, complete } = await evaluate(t, batch, zs);
      evaluations += results.length;
      tried += results.length;
      for (let i = 0; i < results.length && kept.length < settings.particles; i++) {
        if (results[i]!.distance <= epsilon) kept.push({ z: zs[i]!, ...results[i]! });
      }
      if (!complete) return { generations, stopped: 'interrupted' };
    }
    generations.push({ epsilon, particles: kept, weights: weightsOf(kept, kernel), evaluations: tried });
  }
  return { generations, stopped: 'done' };
}
