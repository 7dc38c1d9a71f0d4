/**
 * The points of a parameter sweep: each `--vary path=a..b:steps` is one dimension; a point is one
 * value per dimension.
 *
 *   grid  the Cartesian product of `steps` evenly spaced values from a to b (ends included),
 *         the first --vary varying slowest
 *   lhs   a Latin hypercube of N points: each dimension's range cut into N equal strata, each
 *         stratum used by exactly one point, at a uniform position inside it; the strata are
 *         matched across dimensions by random permutations from a seeded stream
 */
import { RandomStream } from '../random/index.js';
import type { Checked } from './shards.js';

export interface VarySpec {
  path: string;
  from: number;
  to: number;
  /** Values per dimension (grid); for lhs the number of points. */
  steps: number;
}

/** grid, Latin hypercube, or the rows of a design file (`--design FILE.csv`). */
export type Design = 'grid' | 'lhs' | 'csv';

/** Parses `path=a..b:steps` (`:steps` optional for lhs, where it is ignored). */
export function parseVary(text: string, design: Design): Checked<VarySpec> {
  const equals = text.indexOf('=');
  const dots = text.indexOf('..', equals + 1);
  const bad = (why: string): Checked<VarySpec> => ({ ok: false, problems: [`--vary ${text}: ${why} (write path=from..to:steps, e.g. players.red.cashYuan=1e8..5e8:5)`] });
  if (equals <= 0 || dots < 0) return bad('not of the form path=from..to:steps');
  const path = text.slice(0, equals).trim();
  if (text[dots + 2] === '.') return bad('"..." is not a range: write from..to with two dots');
  const parts = text.slice(dots + 2).split(':');
  if (parts.length > 2) return bad(`more than one ":" (got ${parts.length - 1})`);
  if (path === 'seed') return bad('the seed is not a parameter to sweep: each point already runs --runs replications with their own draws; use --seed for the whole sweep');
  const [toText, stepsText] = parts;
  const from = Number(text.slice(equals + 1, dots));
  const to = Number(toText);
  if (text.slice(equals + 1, dots).trim() === '' || !Number.isFinite(from)) return bad('"from" is not a number');
  if (toText === undefined || toText.trim() === '' || !Number.isFinite(to)) return bad('"to" is not a number');
  if (stepsText === undefined) return design === 'lhs' ? { ok: true, value: { path, from, to, steps: 0 } } : bad('a grid needs the number of steps');
  const steps = Number(stepsText);
  if (!Number.isInteger(steps) || steps < 1) return bad(`steps must be a whole number ≥ 1 (got "${stepsText}")`);
  if (steps === 1 && from !== to) return bad('one step cannot reach both ends; use from..from:1 or at least 2 steps');
  return { ok: true, value: { path, from, to, steps } };
}

/** `steps` evenly spaced values from `from` to `to`, both ends exact. */
export function linearValues(from: number, to: number, steps: number): number[] {
  if (steps === 1) return [from];
  return Array.from({ length: steps }, (_, i) => (from * (steps - 1 - i) + to * i) / (steps - 1));
}

/** Every combination of the dimensions' values, the first dimension varying slowest. */
export function gridPoints(vary: readonly VarySpec[]): number[][] {
  return vary.reduce<number[][]>(
    (points, spec) => points.flatMap((point) => linearValues(spec.from, spec.to, spec.steps).map((value) => [...point, value])),
    [[]],
  );
}

/** `count` Latin-hypercube points (see the module comment), drawn from the stream keyed by `seed`. */
export function latinHypercubePoints(vary: readonly VarySpec[], count: number, seed: number): number[][] {
  const stream = RandomStream.of({ seed, replication: 0, owner: 'sweep', purpose: 'design' });
  const columns = vary.map((spec) => {
    const strata = stream.shuffle(Array.from({ length: count }, (_, i) => i));
    return strata.map((stratum) => spec.from + ((spec.to - spec.from) * (stratum + stream.uniform())) / count);
  });
  return Array.from({ length: count }, (_, i) => columns.map((column) => column[i]!));
}

/** The `--set` override of one dimension at one value (the number's shortest exact form). */
export function setOverride(spec: VarySpec, value: number): string {
  return `${spec.path}=${String(value)}`;
}

/** Most points a sweep may have (each runs --runs replications; 10,000 points are hours of work). */
export const MAX_SWEEP_POINTS = 10_000;

/** The number of points a design has, computed without enumerating them (may exceed 2^53 as a float). */
export function designSize(vary: readonly VarySpec[], design: Design, lhsPoints: number): number {
  return design === 'grid' ? vary.reduce((product, spec) => product * spec.steps, 1) : lhsPoints;
}

/** The problem of a design with more than MAX_SWEEP_POINTS points, or none. */
export function designSizeProblems(vary: readonly VarySpec[], design: Design, lhsPoints: number): string[] {
  const size = designSize(vary, design, lhsPoints);
  if (size <= MAX_SWEEP_POINTS) return [];
  const what = design === 'grid' ? `the grid has ${vary.map((v) => v.steps).join(' × ')} = ${size.toLocaleString('en-US')} points` : `--points ${size.toLocaleString('en-US')}`;
  return [`${what}; a sweep may have at most ${MAX_SWEEP_POINTS.toLocaleString('en-US')} points (split it into several sweeps, or use --design lhs with fewer points)`];
}

/**
 * `--vary` dimensions whose field takes whole numbers (`whole(path)`) but whose values would not
 * all be whole: a Latin hypercube draws fractions, a grid whose step is not whole has fractional
 * values. Told once per dimension, before any point is checked (each point would fail alike).
 */
export function wholeNumberVaryProblems(vary: readonly VarySpec[], design: Design, whole: (path: string) => boolean): string[] {
  return vary.flatMap((spec) => {
    if (!whole(spec.path)) return [];
    const range = `--vary ${spec.path}=${spec.from}..${spec.to}`;
    if (design === 'lhs') return [`${range}: "${spec.path}" takes whole numbers, but a Latin hypercube draws fractions; use a grid with whole steps (or a design file of whole numbers)`];
    if (design !== 'grid') return [];
    const fraction = linearValues(spec.from, spec.to, spec.steps).find((value) => !Number.isInteger(value));
    return fraction === undefined ? [] : [`${range}:${spec.steps}: "${spec.path}" takes whole numbers, but the grid has ${fraction}; choose from, to and steps so that every step is whole`];
  });
}
