/**
 * Argument checks of the library functions: a wrong argument throws a `RangeError` that names the
 * option, the rule and the value (the command line reports the same rules as usage errors).
 */

/** Throws when `value` is given and is not a whole number ≥ `min`. */
export function checkWhole(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) throw new RangeError(`${name} must be a whole number ≥ ${min} (got ${value})`);
}

/** Throws when `value` is given and does not lie strictly between `low` and `high`. */
export function checkBetween(name: string, value: number | undefined, low: number, high: number): void {
  if (value !== undefined && !(value > low && value < high)) throw new RangeError(`${name} must lie strictly between ${low} and ${high} (got ${value})`);
}

/** What every experiment accepts and these checks cover. */
export interface CheckedExperimentOptions {
  seed?: number;
  shakeoutK?: number;
  workers?: number;
}

export function checkExperiment(options: CheckedExperimentOptions): void {
  checkWhole('seed', options.seed, 0);
  checkWhole('shakeoutK', options.shakeoutK, 0);
  checkWhole('workers', options.workers, 1);
}
