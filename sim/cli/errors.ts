/**
 * Errors the CLI's error boundary (`main.ts`) knows: bad usage exits with status 2, like a bad
 * scenario (`ScenarioError`, from the scenario layer); anything else is a runtime failure (1).
 */

/** Bad command-line usage: an unknown option, a missing argument, a value out of range. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit statuses of every `gbsim` command. */
export const EXIT = {
  ok: 0,
  /** A runtime failure: a bug, a file that cannot be written, a run that broke an invariant. */
  failure: 1,
  /** Bad input: a bad scenario file or bad command-line usage. */
  badInput: 2,
} as const;
