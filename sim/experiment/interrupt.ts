/**
 * Stopping an experiment cleanly: SIGINT (Ctrl-C) or SIGTERM (a batch system's kill) aborts a
 * signal the experiment watches; it stops dispatching, keeps every completed replication, writes
 * partial results, and the command then exits 130 or 143 (128 + the signal's number). A second
 * signal stops the process at once (the handlers are removed after the first), keeping the
 * complete lines of runs.ndjson for --resume. Nothing here exits the process.
 */

const EXIT_STATUS = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_STATUS;

export interface Interruption {
  readonly signal: AbortSignal;
  /** The exit status for the signal received (130 or 143), or null when none came. */
  exitStatus(): number | null;
  /** The name of the signal received, or null. */
  received(): StopSignal | null;
  /** Removes the handlers (the default behaviour of the signals returns). */
  dispose(): void;
}

/** Watches SIGINT and SIGTERM until `dispose`. */
export function interruptOnSignals(): Interruption {
  const controller = new AbortController();
  let received: StopSignal | null = null;
  const handlers: Array<readonly [StopSignal, () => void]> = [];
  const removeHandlers = () => handlers.forEach(([name, handler]) => process.off(name, handler));
  for (const name of Object.keys(EXIT_STATUS) as StopSignal[]) {
    const handler = () => {
      received ??= name;
      // A second signal must stop at once: from now on the signals have their default action.
      removeHandlers();
      controller.abort(new Error(`interrupted by ${name}`));
    };
    process.on(name, handler);
    handlers.push([name, handler]);
  }
  return {
    signal: controller.signal,
    exitStatus: () => (received === null ? null : EXIT_STATUS[received]),
    received: () => received,
    dispose: removeHandlers,
  };
}
