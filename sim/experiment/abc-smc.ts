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
 *
 * The importance weights φ(z) / Σ_j w_j K(z | z_j) degenerate as factors are added: the mixture
 * of kernels around 200 particles in 13 dimensions is lumpy, so its density at a proposal varies
 * by orders of magnitude (the china-2020 calibration's posterior was worth 7 equally weighted
 * particles of 200). `method: 'mcmc'` avoids weights altogether, after Drovandi & Pettitt (2011):
 *
 *   generation t   ε_t = α-quantile of generation t−1's distances; keep the particles within it;
 *                  draw the rest again (uniformly) from those kept; move each redrawn particle by
 *                  Metropolis–Hastings steps: propose z' = z + N(0, (2.38²/k)·Σ_kept) (the scaling
 *                  that is optimal for random-walk Metropolis, Roberts, Gelman & Gilks 1997), accept when
 *                  u < φ(z')/φ(z) (tested before the model runs, so a proposal the prior refuses
 *                  costs nothing) and d(z') ≤ ε_t. The first step's acceptance rate p sets the
 *                  number of steps R = ⌈log 0.01 / log(1 − p)⌉ (at most 100), so that each redrawn
 *                  particle moves at least once with probability 0.99.
 *
 * Each step targets the ABC posterior at ε_t, so the particles stay equally weighted; what a
 * generation is worth is then the number of distinct particles, reported with it.
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
  /** 'importance' (weighted particles, the default when absent) or 'mcmc' (equally weighted, moved by Metropolis–Hastings steps). */
  method?: AbcMethod;
}

export type AbcMethod = 'importance' | 'mcmc';
export const ABC_METHODS: readonly AbcMethod[] = ['importance', 'mcmc'];

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
  /** Method 'mcmc': the Metropolis–Hastings steps taken, proposals made (including those the prior refused before any run) and accepted. */
  moves?: { steps: number; proposals: number; accepted: number };
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

/** `centre` moved by L·noise (a draw of N(0, LLᵀ) from standard normal `noise`). */
function moved(centre: readonly number[], l: readonly number[][], noise: readonly number[]): number[] {
  return centre.map((c, i) => c + l[i]!.reduce((sum, lim, m) => sum + lim * noise[m]!, 0));
}

function propose(k: number, count: number, generation: number, batch: number, seed: number, kernel: Kernel | null): number[][] {
  const stream = RandomStream.of({ seed, replication: generation, owner: `abc-${batch}`, purpose: 'calibration' });
  return Array.from({ length: count }, () => {
    const noise = Array.from({ length: k }, () => stream.normal());
    if (kernel === null) return noise;
    const u = stream.uniform();
    let j = kernel.cumulative.findIndex((c) => u < c);
    if (j < 0) j = kernel.cumulative.length - 1;
    return moved(kernel.previous.particles[j]!.z, kernel.l, noise);
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
  if (settings.method === 'mcmc') return abcSmcMcmc(k, settings, evaluate);
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

/** At most this many Metropolis–Hastings steps per generation (method 'mcmc'). */
const MAX_STEPS = 100;
/** Each redrawn particle should move at least once with probability 1 − this. */
const STUCK_PROBABILITY = 0.01;

/** Method 'mcmc' (see the module comment): equally weighted particles moved within each tolerance. */
async function abcSmcMcmc(k: number, settings: AbcSettings, evaluate: BatchEvaluator): Promise<AbcOutcome> {
  const n = settings.particles;
  const equal = new Array<number>(n).fill(1 / n);
  const generations: Generation[] = [];
  let evaluations = 0;
  if (n > settings.maxEvaluations) return { generations, stopped: 'budget' };
  const first = propose(k, n, 0, 0, settings.seed, null);
  const start = await evaluate(0, 0, first);
  evaluations += start.results.length;
  if (!start.complete) return { generations, stopped: 'interrupted' };
  generations.push({ epsilon: Infinity, particles: first.map((z, i) => ({ z, ...start.results[i]! })), weights: equal, evaluations: n });
  for (let t = 1; t < settings.generations; t++) {
    const previous = generations[t - 1]!.particles;
    const epsilon = quantile(previous.map((p) => p.distance), settings.alpha);
    const kept = previous.filter((p) => p.distance <= epsilon);
    const redraw = RandomStream.of({ seed: settings.seed, replication: t, owner: 'abc-redraw', purpose: 'calibration' });
    const particles = [...kept, ...Array.from({ length: n - kept.length }, () => kept[Math.min(kept.length - 1, Math.floor(redraw.uniform() * kept.length))]!)];
    const moving = particles.map((_, i) => i).slice(kept.length);
    const l = cholesky(weightedCovariance(kept, kept.map(() => 1 / kept.length)).map((row) => row.map((v) => (2.38 ** 2 / k) * v)));
    let steps = Infinity;
    let proposals = 0;
    let accepted = 0;
    let evaluated = 0;
    for (let step = 0; step < steps; step++) {
      const stream = RandomStream.of({ seed: settings.seed, replication: t, owner: `abc-${step}`, purpose: 'calibration' });
      const candidates: number[] = [];
      const zs: number[][] = [];
      for (const i of moving) {
        const z = particles[i]!.z;
        const noise = Array.from({ length: k }, () => stream.normal());
        const next = moved(z, l, noise);
        if (Math.log(stream.uniform()) < logPrior(next) - logPrior(z)) (candidates.push(i), zs.push(next));
      }
      if (evaluations + zs.length > settings.maxEvaluations) return { generations, stopped: 'budget' };
      const { results, complete } = await evaluate(t, step, zs);
      evaluations += results.length;
      evaluated += results.length;
      if (!complete) return { generations, stopped: 'interrupted' };
      let acceptedNow = 0;
      results.forEach((result, c) => {
        if (result.distance <= epsilon) (particles[candidates[c]!] = { z: zs[c]!, ...result }), (acceptedNow += 1);
      });
      proposals += moving.length;
      accepted += acceptedNow;
      if (step === 0) {
        const rate = moving.length === 0 ? 1 : acceptedNow / moving.length;
        steps = rate >= 1 ? 1 : rate <= 0 ? MAX_STEPS : Math.min(MAX_STEPS, Math.ceil(Math.log(STUCK_PROBABILITY) / Math.log(1 - rate)));
      }
    }
    generations.push({ epsilon, particles, weights: equal, evaluations: evaluated, moves: { steps, proposals, accepted } });
  }
  return { generations, stopped: 'done' };
}

