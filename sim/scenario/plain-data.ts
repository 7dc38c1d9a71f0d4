/**
 * Tolerant reading of scenario data that has not been validated yet: look-ups that return
 * undefined instead of throwing, and wildcard paths (`players.*.homeProvinces.*`) that expand to
 * every matching place. Used by the shape messages and the cross-reference checks, which must
 * work on broken data.
 */
import type { DataPath, PathSegment } from './issues.js';

/** A wildcard path: `'*'` matches every item of a list (or every value of a mapping). */
export type PathPattern = readonly (PathSegment | '*')[];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value at `path`, or undefined when a step is missing. */
export function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && Object.hasOwn(value, String(segment))) value = value[String(segment)];
    else return undefined;
  }
  return value;
}

/** Whether every step of `path` exists (a key present with value null still exists). */
export function hasPath(data: unknown, path: DataPath): boolean {
  const parent = valueAt(data, path.slice(0, -1));
  const last = path[path.length - 1];
  if (last === undefined) return true;
  if (Array.isArray(parent)) return typeof last === 'number' && last < parent.length;
  return isRecord(parent) && Object.hasOwn(parent, String(last));
}

/** Every place matching `pattern`, with its value, in document order. */
export function expand(data: unknown, pattern: PathPattern): { path: PathSegment[]; value: unknown }[] {
  let places: { path: PathSegment[]; value: unknown }[] = [{ path: [], value: data }];
  for (const step of pattern) {
    const next: typeof places = [];
    for (const place of places) {
      if (step !== '*') {
        if (hasPath(place.value, [step])) next.push({ path: [...place.path, step], value: valueAt(place.value, [step]) });
      } else if (Array.isArray(place.value)) {
        place.value.forEach((item, index) => next.push({ path: [...place.path, index], value: item }));
      } else if (isRecord(place.value)) {
        for (const [key, item] of Object.entries(place.value)) next.push({ path: [...place.path, key], value: item });
      }
    }
    places = next;
  }
  return places;
}
