/**
 * Runs tasks 0, 1, 2, ... concurrently but hands their results over strictly in index order:
 *
 *   dispatch (at most `window` ahead of the next index to accept) → execute (any order)
 *     → reorder buffer → accept(index, value) in index order
 *
 * Everything downstream (the runs.ndjson lines, the running sums) therefore sees the same
 * sequence whatever the number of workers. `end()` may grow while tasks run (precision mode).
 * On abort, dispatching stops and results still in flight are dropped: what was accepted is a
 * complete prefix.
 */

export interface OrderedOptions<T> {
  /** First index. */
  start: number;
  /** Exclusive end; read again after every accepted result, so it may grow. */
  end(): number;
  /** At most this many tasks in flight or waiting in the reorder buffer. */
  window: number;
  signal?: AbortSignal;
  execute(index: number): Promise<T>;
  /** Called exactly once per index, in index order. A throw fails the whole run. */
  accept(index: number, value: T): void;
}

export interface OrderedOutcome {
  /** The next index that would have been accepted: every index below it was. */
  next: number;
  interrupted: boolean;
}

/** Runs tasks from `start` to `end()` (see the module comment); rejects with the first failure. */
export function runInOrder<T>(options: OrderedOptions<T>): Promise<OrderedOutcome> {
  const { signal, window } = options;
  const buffer = new Map<number, T>();
  let dispatched = options.start;
  let accepted = options.start;
  let inFlight = 0;
  let failure: { error: unknown } | null = null;
  let settled = false;

  return new Promise((resolve, reject) => {
    const finish = () => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (failure) reject(failure.error);
      else resolve({ next: accepted, interrupted: signal?.aborted === true && accepted < options.end() });
    };
    const drain = () => {
      while (!failure && !signal?.aborted && buffer.has(accepted)) {
        const value = buffer.get(accepted) as T;
        buffer.delete(accepted);
        try {
          options.accept(accepted, value);
          accepted += 1;
        } catch (error) {
          failure = { error };
        }
      }
    };
    const launch = (index: number) => {
      inFlight += 1;
      options.execute(index).then(
        (value) => {
          inFlight -= 1;
          if (settled) return;
          buffer.set(index, value);
          drain();
          pump();
        },
        (error: unknown) => {
          inFlight -= 1;
          if (settled) return;
          failure ??= { error };
          pump();
        },
      );
    };
    function pump(): void {
      if (settled) return;
      if (signal?.aborted) return finish();
      while (!failure && dispatched < options.end() && dispatched < accepted + window) launch(dispatched++);
      if (inFlight === 0 && (failure || accepted >= options.end())) finish();
    }
    // Deferred: an abort raised inside `accept` lets that accept finish first.
    const onAbort = () => queueMicrotask(pump);
    signal?.addEventListener('abort', onAbort);
    pump();
  });
}
