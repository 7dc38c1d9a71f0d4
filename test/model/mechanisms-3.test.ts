/**
 * The mechanism table, part 3 of 3 (rows 7–11 of `test/support/mechanisms.ts`): each change moves
 * its outcome in the stated direction, with a 95% interval of the paired difference (common random
 * numbers) that excludes 0 on that side.
 */
import { describe, expect, it } from 'vitest';
import { MECHANISMS, measureMechanism } from '../support/mechanisms.js';

describe('the mechanism table', () => {
  it.each(MECHANISMS.slice(6).map((m) => [m.change, m.expectation, m] as const))('%s: %s', (_change, _expectation, mechanism) => {
    const effect = measureMechanism(mechanism);
    const interval = `${effect.difference} [${effect.low}, ${effect.high}]`;
    if (mechanism.direction > 0) expect(effect.low, interval).toBeGreaterThan(0);
    else expect(effect.high, interval).toBeLessThan(0);
  });
});
