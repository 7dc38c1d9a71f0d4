/**
 * Number arbitraries that favour the edges of a field's legal range, read from the schema itself
 * (so a tighter range in `sim/scenario/schema.ts` changes what is generated): each draws a bound,
 * a value anywhere in the range (fast-check spreads doubles over their bit patterns, so tiny and
 * huge magnitudes both come up), or, mostly, a value in a typical band that keeps the market busy.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { unwrap } from '../../../sim/scenario/schema-walk.js';

/** A numeric field's legal range as the schema states it. */
export interface Range {
  readonly min: number;
  readonly max: number;
  /** The lower bound itself is not allowed (`positive()`). */
  readonly minExcluded: boolean;
  readonly integer: boolean;
}

interface NumberBounds {
  readonly minValue: number | null;
  readonly maxValue: number | null;
  readonly isInt: boolean;
}

/** The range of a `z.number()` field (through defaults, optionals and descriptions). */
export function rangeOf(schema: z.ZodType): Range {
  const inner = unwrap(schema);
  const bounds = inner as unknown as NumberBounds;
  if (inner._zod.def.type !== 'number') throw new TypeError(`not a number schema: ${inner._zod.def.type}`);
  const min = bounds.minValue ?? -Number.MAX_VALUE;
  const max = bounds.maxValue ?? Number.MAX_VALUE;
  return { min, max, minExcluded: !inner.safeParse(min).success, integer: bounds.isInt };
}

const clamp = (value: number, range: Range) => Math.min(range.max, Math.max(range.min, value));

/**
 * A legal value of `schema`: its bounds (the smallest legal value above an excluded bound), any
 * value, or a value in `typical` (clamped to the range; the whole range when omitted).
 */
export function legal(schema: z.ZodType, typical?: readonly [number, number]): fc.Arbitrary<number> {
  const range = rangeOf(schema);
  const [low, high] = typical === undefined ? [range.min, range.max] : [clamp(typical[0], range), clamp(typical[1], range)];
  if (range.integer) {
    const [min, max] = [Math.ceil(range.min), Math.floor(range.max)];
    return fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(min, max) },
      { weight: 1, arbitrary: fc.integer({ min, max }) },
      { weight: 4, arbitrary: fc.integer({ min: Math.ceil(low), max: Math.floor(high) }) },
    );
  }
  const lowest = range.minExcluded ? nextUp(range.min) : range.min;
  const any = fc.double({ min: range.min, max: range.max, minExcluded: range.minExcluded, noNaN: true, noDefaultInfinity: true });
  const usual = fc.double({ min: Math.max(low, lowest), max: Math.max(high, lowest), noNaN: true, noDefaultInfinity: true });
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(lowest, range.max) }, { weight: 2, arbitrary: any }, { weight: 5, arbitrary: usual });
}

/** The smallest double above `value` (for the lower edge of a range that excludes its bound). */
export function nextUp(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, value);
  const bits = buffer.getBigUint64(0);
  buffer.setBigUint64(0, value > 0 ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}

/** Either `arbitrary` or nothing (the key is then left out of the scenario). */
export function optional<T>(arbitrary: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> {
  return fc.option(arbitrary, { nil: undefined, freq });
}

/** An object without its undefined values (optional keys the arbitrary chose to leave out). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
