/**
 * Scenarios at the corners of the format: every number of a valid scenario moved to the lowest
 * or highest value its field allows (read from the schema), so a test can run the model where
 * overflow and underflow are likeliest. Counts that shape the geography and the horizon are left
 * alone (they decide the run's size, not its arithmetic), and so are seeds.
 */
import { schemaAt } from '../../sim/scenario/schema-walk.js';
import { Scenario } from '../../sim/scenario/schema.js';
import type { PathSegment } from '../../sim/scenario/issues.js';
import { nextUp, rangeOf } from './arbitraries/numbers.js';

/** Fields left as they are: the size of the map, the horizon, seeds. */
const KEPT = new Set(['prefectures', 'counties', 'townships', 'horizonWeeks', 'seed']);

/** Every numeric leaf of `data` that corners may move, with its path. */
export function numericLeaves(data: unknown, path: PathSegment[] = []): PathSegment[][] {
  if (Array.isArray(data)) return data.flatMap((item, i) => numericLeaves(item, [...path, i]));
  if (data !== null && typeof data === 'object') {
    return Object.entries(data).flatMap(([key, value]) => (KEPT.has(key) ? [] : numericLeaves(value, [...path, key])));
  }
  return typeof data === 'number' ? [path] : [];
}

/** A copy of `data` with the leaf at each path set to its field's bound: `pick(i)` true → max. */
export function corner<T>(data: T, pick: (leaf: number) => boolean): T {
  const copy = structuredClone(data);
  numericLeaves(copy).forEach((path, i) => {
    const schema = schemaAt(Scenario, copy, path);
    if (schema === undefined) return;
    const range = rangeOf(schema);
    const low = range.minExcluded ? nextUp(range.min) : range.min;
    setAt(copy, path, pick(i) ? range.max : range.integer ? Math.ceil(low) : low);
  });
  return copy;
}

function setAt(data: unknown, path: readonly PathSegment[], value: number): void {
  const parent = path.slice(0, -1).reduce<unknown>((node, step) => (node as Record<PathSegment, unknown>)[step], data);
  (parent as Record<PathSegment, unknown>)[path[path.length - 1]!] = value;
}
