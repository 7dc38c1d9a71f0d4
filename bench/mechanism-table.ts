/**
 * Prints the mechanism table (README "What moves the outcome"): for each row of
 * `test/support/mechanisms.ts`, the base and variant means and the paired difference with its 95%
 * interval on common random numbers. Run with `npm run mechanisms`.
 */
import { MECHANISMS, measureMechanism } from '../test/support/mechanisms.js';

const format = (x: number) => (Math.abs(x) >= 1e6 ? `${(x / 1e6).toFixed(1)} m` : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));
console.log('| change | expected | base | variant | paired difference [95% interval] | runs | holds |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const only = process.env.MECHANISMS_ONLY?.split(',').map(Number);
for (const [i, mechanism] of MECHANISMS.entries()) {
  if (only && !only.includes(i)) continue;
  const e = measureMechanism(mechanism);
  console.log(
    `| ${mechanism.change} | ${mechanism.expectation} | ${format(e.baseMean)} | ${format(e.variantMean)} | ${format(e.difference)} [${format(e.low)}, ${format(e.high)}] | ${mechanism.runs} | ${e.holds ? 'yes' : '**no**'} |`,
  );
}
