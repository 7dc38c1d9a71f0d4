/**
 * Designs of global sensitivity analysis on the unit cube [0, 1]^k (factor values come later,
 * through each factor's inverse CDF):
 *
 *   Morris   r trajectories of k + 1 points on a p-level grid, each step moving one factor by
 *            Δ = p / (2(p − 1)) (Morris 1991). `candidates` trajectories are drawn and the r with
 *            the largest spread kept (Campolongo, Cariboni & Saltelli 2007's distance), chosen
 *            greedily: the farthest pair first, then each time the candidate farthest from those
 *            kept (Ruano et al. 2012), instead of Campolongo's search over every combination.
 *   Saltelli N base rows from a 2k-dimensional Sobol' sequence, points 2^m .. 2^m + N − 1 with 2^m
 *            the smallest power of 2 ≥ N (the first block, where point 1 is 0.5 in every dimension
 *            and so makes A = B, is skipped whole, which keeps the net's balance; as SALib does):
 *            A = the first k columns, B = the last k, AB_i = A with column i from B. Points are
 *            laid out per row j as A_j, AB_1j, ..., AB_kj, B_j (k + 2 points per row).
 */
import { RandomStream } from '../random/index.js';
import { SOBOL_MAX_DIMENSIONS, sobolPoints } from './sobol-sequence.js';

export interface MorrisDesign {
  levels: number;
  delta: number;
  /** r trajectories, each k + 1 points of k coordinates. */
  trajectories: number[][][];
  /** For each trajectory, the factor that changes at step s (s = 0..k−1). */
  order: number[][];
}

/** Morris trajectories (see the module comment), drawn from the stream keyed by `seed`. */
export function morrisDesign(k: number, r: number, levels: number, candidates: number, seed: number): MorrisDesign {
  const stream = RandomStream.of({ seed, replication: 0, owner: 'morris', purpose: 'design' });
  const delta = levels / (2 * (levels - 1));
  const pool = Array.from({ length: Math.max(candidates, r) }, () => trajectory(k, levels, delta, stream));
  const chosen = selectSpread(pool.map((t) => t.points), r);
  return { levels, delta, trajectories: chosen.map((i) => pool[i]!.points), order: chosen.map((i) => pool[i]!.order) };
}

function trajectory(k: number, levels: number, delta: number, stream: RandomStream): { points: number[][]; order: number[] } {
  const point = Array.from({ length: k }, () => stream.integerBelow(levels) / (levels - 1));
  const order = stream.shuffle(Array.from({ length: k }, (_, i) => i));
  const points = [point.slice()];
  for (const i of order) {
    point[i] = point[i]! + delta <= 1 + 1e-12 ? point[i]! + delta : point[i]! - delta;
    point[i] = Math.round(point[i]! * (levels - 1)) / (levels - 1);
    points.push(point.slice());
  }
  return { points, order };
}

/** Campolongo's distance between two trajectories: the sum of the distances between their points. */
export function trajectoryDistance(a: readonly number[][], b: readonly number[][]): number {
  let sum = 0;
  for (const p of a) for (const q of b) sum += Math.hypot(...p.map((x, i) => x - q[i]!));
  return sum;
}

/** Indices of `r` trajectories of `pool` chosen greedily for spread (in the order chosen). */
function selectSpread(pool: readonly number[][][], r: number): number[] {
  if (pool.length === r) return pool.map((_, i) => i);
  const distance = pool.map((a, i) => pool.map((b, j) => (j < i ? 0 : trajectoryDistance(a, b))));
  const d = (i: number, j: number) => (i < j ? distance[i]![j]! : distance[j]![i]!);
  let best: [number, number] = [0, 1];
  for (let i = 0; i < pool.length; i++) for (let j = i + 1; j < pool.length; j++) if (d(i, j) > d(best[0], best[1])) best = [i, j];
  const chosen = [...best];
  const toChosen = pool.map((_, i) => d(i, best[0]) + d(i, best[1]));
  while (chosen.length < r) {
    let next = -1;
    for (let i = 0; i < pool.length; i++) if (!chosen.includes(i) && (next < 0 || toChosen[i]! > toChosen[next]!)) next = i;
    chosen.push(next);
    for (let i = 0; i < pool.length; i++) toChosen[i]! += d(i, next);
  }
  return chosen;
}

/** The Saltelli design's points (see the module comment): N·(k + 2) points of k coordinates. */
export function saltelliDesign(k: number, n: number): number[][] {
  if (2 * k > SOBOL_MAX_DIMENSIONS) throw new RangeError(`Sobol' analysis of ${k} factors needs ${2 * k} dimensions of the Sobol' sequence; at most ${SOBOL_MAX_DIMENSIONS / 2} factors`);
  const skip = 2 ** Math.ceil(Math.log2(Math.max(1, n)));
  const base = sobolPoints(skip + n, 2 * k).slice(skip);
  const points: number[][] = [];
  for (const row of base) {
    const a = row.slice(0, k);
    const b = row.slice(k);
    points.push(a);
    for (let i = 0; i < k; i++) points.push(a.map((x, j) => (j === i ? b[i]! : x)));
    points.push(b);
  }
  return points;
}
