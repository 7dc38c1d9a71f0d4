/**
 * Sensitivity indices from a design's outputs, each with a bootstrap 95% percentile interval
 * (rows resampled with replacement from the stream (seed, 'bootstrap'); the same resamples serve
 * every output, so the indices of one output are read together).
 *
 *   Morris   per factor from the r elementary effects EE = Δy / Δu (u on the unit scale):
 *            μ = mean EE, μ* = mean |EE| (Campolongo et al. 2007), σ = sd EE (n − 1);
 *            resampled: trajectories
 *   Sobol    V = the variance (divisor n) of f(A) and f(B) pooled;
 *            S1_i = mean(f(B)·(f(AB_i) − f(A))) / V   (Saltelli et al. 2010, table 2 (b))
 *            ST_i = mean((f(A) − f(AB_i))²) / (2V)     (Jansen 1999)
 *            outputs centred first on the mean of f(A) and f(B) (Sobol' & Levitan 1993; S1's
 *            estimator is not shift-invariant, and centring lowers its variance, as SciPy does);
 *            resampled: base rows
 */
import { RandomStream } from '../random/index.js';
import type { MorrisDesign } from './gsa-design.js';

export interface IndexEstimate {
  estimate: number;
  low: number;
  high: number;
}

export interface MorrisIndices {
  muStar: IndexEstimate;
  mu: IndexEstimate;
  sigma: IndexEstimate;
}

export interface SobolIndices {
  firstOrder: IndexEstimate;
  total: IndexEstimate;
}

/** Resamples of `count` rows: `resamples` lists of row indices, drawn with replacement. */
export function bootstrapResamples(count: number, resamples: number, seed: number): Int32Array[] {
  const stream = RandomStream.of({ seed, replication: 0, owner: 'indices', purpose: 'bootstrap' });
  return Array.from({ length: resamples }, () => Int32Array.from({ length: count }, () => stream.integerBelow(count)));
}

/** The 2.5% and 97.5% points of `values` (linear interpolation between order statistics). */
export function percentileInterval(values: readonly number[]): { low: number; high: number } {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return { low: NaN, high: NaN };
  const at = (q: number) => {
    const position = q * (finite.length - 1);
    const below = Math.floor(position);
    const above = Math.min(below + 1, finite.length - 1);
    return finite[below]! + (position - below) * (finite[above]! - finite[below]!);
  };
  return { low: at(0.025), high: at(0.975) };
}

function withInterval(estimate: number, resampled: readonly number[]): IndexEstimate {
  return { estimate, ...percentileInterval(resampled) };
}

/** Elementary effects of one output: `effects[t][i]` for trajectory t and factor i. */
export function elementaryEffects(design: MorrisDesign, outputs: readonly number[]): number[][] {
  const k = design.order[0]?.length ?? 0;
  return design.trajectories.map((points, t) => {
    const effects = new Array<number>(k);
    design.order[t]!.forEach((i, step) => {
      const du = points[step + 1]![i]! - points[step]![i]!;
      effects[i] = (outputs[t * (k + 1) + step + 1]! - outputs[t * (k + 1) + step]!) / du;
    });
    return effects;
  });
}

function morrisStatistics(effects: readonly number[][], rows: ArrayLike<number>, i: number): [number, number, number] {
  const n = rows.length;
  let sum = 0;
  let absolute = 0;
  for (let t = 0; t < n; t++) {
    const e = effects[rows[t]!]![i]!;
    sum += e;
    absolute += Math.abs(e);
  }
  const mean = sum / n;
  let squares = 0;
  for (let t = 0; t < n; t++) squares += (effects[rows[t]!]![i]! - mean) ** 2;
  return [absolute / n, mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0];
}

/** μ*, μ and σ of every factor for one output (see the module comment). */
export function morrisIndices(design: MorrisDesign, outputs: readonly number[], resamples: readonly Int32Array[]): MorrisIndices[] {
  const effects = elementaryEffects(design, outputs);
  const all = Int32Array.from(effects, (_, t) => t);
  const k = design.order[0]?.length ?? 0;
  return Array.from({ length: k }, (_, i) => {
    const [muStar, mu, sigma] = morrisStatistics(effects, all, i);
    const again = resamples.map((rows) => morrisStatistics(effects, rows, i));
    return {
      muStar: withInterval(muStar, again.map((s) => s[0])),
      mu: withInterval(mu, again.map((s) => s[1])),
      sigma: withInterval(sigma, again.map((s) => s[2])),
    };
  });
}

/** f(A), f(AB_i) and f(B) of the Saltelli layout (k + 2 outputs per base row). */
export function saltelliBlocks(outputs: readonly number[], k: number): { fA: number[]; fB: number[]; fAB: number[][] } {
  const n = outputs.length / (k + 2);
  const fA: number[] = [];
  const fB: number[] = [];
  const fAB = Array.from({ length: k }, () => [] as number[]);
  for (let j = 0; j < n; j++) {
    const at = j * (k + 2);
    fA.push(outputs[at]!);
    for (let i = 0; i < k; i++) fAB[i]!.push(outputs[at + 1 + i]!);
    fB.push(outputs[at + k + 1]!);
  }
  return { fA, fB, fAB };
}

function sobolStatistics(fA: readonly number[], fB: readonly number[], fABi: readonly number[], rows: ArrayLike<number>): [number, number] {
  const n = rows.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += fA[rows[t]!]! + fB[rows[t]!]!;
  mean /= 2 * n;
  let variance = 0;
  let first = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const j = rows[t]!;
    variance += (fA[j]! - mean) ** 2 + (fB[j]! - mean) ** 2;
    first += fB[j]! * (fABi[j]! - fA[j]!);
    total += (fA[j]! - fABi[j]!) ** 2;
  }
  variance /= 2 * n;
  return variance > 0 ? [first / n / variance, total / (2 * n) / variance] : [NaN, NaN];
}

/** S1 and ST of every factor for one output (see the module comment); NaN when the output does not vary. */
export function sobolIndices(outputs: readonly number[], k: number, resamples: readonly Int32Array[]): SobolIndices[] {
  const blocks = saltelliBlocks(outputs, k);
  const mean = (blocks.fA.reduce((sum, y) => sum + y, 0) + blocks.fB.reduce((sum, y) => sum + y, 0)) / (2 * blocks.fA.length);
  const centre = (values: number[]) => values.map((y) => y - mean);
  const fA = centre(blocks.fA);
  const fB = centre(blocks.fB);
  const fAB = blocks.fAB.map(centre);
  const all = Int32Array.from(fA, (_, j) => j);
  return fAB.map((fABi) => {
    const [first, total] = sobolStatistics(fA, fB, fABi, all);
    const again = resamples.map((rows) => sobolStatistics(fA, fB, fABi, rows));
    return { firstOrder: withInterval(first, again.map((s) => s[0])), total: withInterval(total, again.map((s) => s[1])) };
  });
}
