/**
 * The explorer's worker replaces Math.exp, log, log1p, log2, pow, sin and cos with fdlibm written
 * out in TypeScript (reports/explorer/node-math.ts) so a browser computes the CLI's last bits.
 * Here, in Node, they must equal Node's own functions bit for bit: if a Node upgrade changes its
 * libm, this fails and the explorer's equality with `gbsim run` would be at risk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fdlibmCos, fdlibmExp, fdlibmLog, fdlibmLog1p, fdlibmLog2, fdlibmPow, fdlibmSin } from '../../reports/explorer/node-math.js';

const same = (a: number, b: number) => Object.is(a, b);
const SPECIALS = [0, -0, 1, -1, 0.5, 2, Math.PI, -Math.PI, 1e-310, 5e-324, 709.78, 709.79, -745.13, -745.14, 1e300, Infinity, -Infinity, NaN];

describe('node-math: fdlibm in TypeScript equals Node\'s Math', () => {
  const cases: Array<[string, (x: number) => number, (x: number) => number, fc.Arbitrary<number>]> = [
    ['exp', Math.exp, fdlibmExp, fc.double({ min: -750, max: 750, noNaN: true })],
    ['log', Math.log, fdlibmLog, fc.double({ min: 0, max: 1e308, noNaN: true })],
    ['log2', Math.log2, fdlibmLog2, fc.double({ min: 0, max: 1e308, noNaN: true })],
    ['log1p', Math.log1p, fdlibmLog1p, fc.double({ min: -1, max: 1e300, noNaN: true })],
    ['sin', Math.sin, fdlibmSin, fc.double({ min: -1e5, max: 1e5, noNaN: true })],
    ['cos', Math.cos, fdlibmCos, fc.double({ min: -1e5, max: 1e5, noNaN: true })],
  ];
  it.each(cases)('%s gives Node\'s bits on special values and on 20,000 arguments across its range', (_name, native, mine, arbitrary) => {
    for (const x of SPECIALS) expect(same(mine(x), native(x)), `x = ${x}`).toBe(true);
    fc.assert(fc.property(arbitrary, (x) => same(mine(x), native(x))), { numRuns: 10_000, seed: 14 });
    fc.assert(fc.property(fc.double({ min: -20, max: 20, noNaN: true }), (x) => same(mine(Math.abs(x)), native(Math.abs(x)))), { numRuns: 10_000, seed: 15 });
  });

  it('pow gives Node\'s bits on special pairs and on 30,000 pairs: fractional, whole and negative bases, huge and tiny results', () => {
    for (const x of SPECIALS) {
      for (const y of [...SPECIALS, 3, -3, 1 / 3, -1 / 52, 1e10]) expect(same(fdlibmPow(x, y), Math.pow(x, y)), `${x} ** ${y}`).toBe(true);
    }
    const wide = fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: -60, max: 60, noNaN: true }));
    fc.assert(fc.property(wide, ([x, y]) => same(fdlibmPow(x, y), Math.pow(x, y))), { numRuns: 10_000, seed: 16 });
    const near = fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }));
    fc.assert(fc.property(near, ([x, y]) => same(fdlibmPow(x, y), Math.pow(x, y))), { numRuns: 10_000, seed: 17 });
    const whole = fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -300, max: 300 }));
    fc.assert(fc.property(whole, ([x, y]) => same(fdlibmPow(x, y), Math.pow(x, y))), { numRuns: 10_000, seed: 18 });
  });
});
