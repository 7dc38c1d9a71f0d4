/**
 * The Sobol' low-discrepancy sequence (Bratley & Fox 1988, Algorithm 659, with Joe & Kuo's
 * direction numbers), unscrambled, in Gray-code order as most implementations produce it: point 0
 * is the origin, and the first 2^k points of any dimension fill its 2^k strata once each.
 *
 *   direction numbers m_1..m_s (table) → v_j = m_j·2^(32−j), recurrence for j > s
 *   → x_{n+1} = x_n XOR v_{c(n)}, c(n) = index of the lowest zero bit of n → x / 2^32
 */
import { JOE_KUO } from './sobol-directions.js';

const BITS = 32;

/** The most dimensions this generator has direction numbers for. */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;

/** The 32 direction integers v_1..v_32 of a dimension (1-based), each scaled to 32 bits. */
function directionIntegers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 1) {
    for (let j = 0; j < BITS; j++) v[j] = 2 ** (BITS - 1 - j);
    return v;
  }
  const [polynomial, initial] = JOE_KUO[dimension - 2]!;
  const degree = initial.length;
  for (let j = 0; j < degree; j++) v[j] = initial[j]! * 2 ** (BITS - 1 - j);
  for (let j = degree; j < BITS; j++) {
    let value = v[j - degree]! ^ (v[j - degree]! >>> degree);
    for (let k = 1; k < degree; k++) if ((polynomial >>> (degree - k)) & 1) value ^= v[j - k]!;
    v[j] = value >>> 0;
  }
  return v;
}

/** Index of the lowest zero bit of n (0 for even n). */
function lowestZeroBit(n: number): number {
  let bit = 0;
  while ((n & 1) === 1) {
    n >>>= 1;
    bit += 1;
  }
  return bit;
}

/**
 * The first `count` points of the `dimensions`-dimensional Sobol' sequence (point 0 = origin),
 * each an array of coordinates in [0, 1).
 */
export function sobolPoints(count: number, dimensions: number): number[][] {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(`Sobol' sequence: ${dimensions} dimensions asked for; this generator has direction numbers for 1 to ${SOBOL_MAX_DIMENSIONS}`);
  }
  if (!Number.isInteger(count) || count < 0 || count > 2 ** BITS) throw new RangeError(`Sobol' sequence: ${count} points asked for; 0 to 2^32 possible`);
  const directions = Array.from({ length: dimensions }, (_, d) => directionIntegers(d + 1));
  const state = new Uint32Array(dimensions);
  const points: number[][] = [];
  for (let n = 0; n < count; n++) {
    points.push(Array.from(state, (x) => x / 2 ** BITS));
    const c = lowestZeroBit(n);
    for (let d = 0; d < dimensions; d++) state[d] = (state[d]! ^ directions[d]![c]!) >>> 0;
  }
  return points;
}
