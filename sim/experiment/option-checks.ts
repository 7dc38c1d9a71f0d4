/**
 * Checks of command-line values shared by the experiment commands, as problems (strings) the
 * command turns into one usage error: every problem at once, each naming the option and value.
 */

/** A repeatable option (`--set a=1 --set b=2`) as a list. */
export function listOf(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : ([] as string[]).concat(value);
}

/** Largest seed: the scenario schema's range (a larger one would be changed silently). */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * A problem when `value` is given and is not a whole number from `min` to `max` (at most 2^53 − 1:
 * beyond it a number is no longer exact, so 2^53 + 1 would silently become 2^53).
 */
export function wholeNumberProblem(option: string, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): string[] {
  if (value === undefined || (Number.isSafeInteger(value) && value >= min && value <= max)) return [];
  if (Array.isArray(value)) return [];  // a repeated option: reported as such
  const range = max !== Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : Math.abs(value) > max ? `≥ ${min} and below 2^53` : `≥ ${min}`;
  return [`--${option} must be a whole number ${range} (got ${value})`];
}

/** A problem when `value` is given and does not lie in the open interval (low, high). */
export function betweenProblem(option: string, value: number | undefined, low: number, high: number): string[] {
  if (value === undefined || (value > low && value < high)) return [];
  return [`--${option} must lie strictly between ${low} and ${high} (got ${value})`];
}

/**
 * Worker threads to start: `requested` (default `cores`), capped at `cores` unless `oversubscribe`:
 * more threads than cores only add memory and switching (40 threads on 2 cores ran 12x slower).
 * `note` says when the request was capped.
 */
export function workerCount(requested: number | undefined, oversubscribe: boolean, cores: number): { workers: number; note?: string } {
  const available = Math.max(1, cores);
  if (requested === undefined) return { workers: available };
  if (requested <= available || oversubscribe) return { workers: requested };
  return { workers: available, note: `--workers ${requested} capped at ${available}, the available cores (add --oversubscribe to start more threads anyway)` };
}
