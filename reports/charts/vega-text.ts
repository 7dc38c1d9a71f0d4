/**
 * Text that vega can parse. vega-lite writes names (players, scenarios) into expressions as string
 * literals, and vega's expression parser refuses a line or paragraph separator there (U+2028,
 * U+2029: "Unexpected token ILLEGAL"). Scenario files refuse such names, but result files written
 * before that rule (or by hand) may hold them: every string of a chart spec has each separator
 * replaced by a space before it is compiled.
 */

/** Line and paragraph separators: U+2028, U+2029 and NEL (U+0085). */
const SEPARATORS = /[\u2028\u2029\u0085]/g;

/** `text` with every line or paragraph separator replaced by a space. */
export function withoutSeparators(text: string): string {
  return text.replace(SEPARATORS, ' ');
}

/** A copy of `value` (plain JSON data: a chart spec) with `withoutSeparators` applied to every string, keys included. */
export function vegaSafe<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return withoutSeparators(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[withoutSeparators(key)] = clean(item);
    return copy;
  }
  return value;
}
