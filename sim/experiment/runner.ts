/**
 * Where replications run: in this thread (one worker) or in a pool of worker threads (tinypool).
 * Either way a task gives the same `ReplicationSummary`; only the speed differs.
 *
 * The pool's workers run `worker.ts` as compiled JavaScript (`dist/`, after `npm ci`) or, when
 * this module is itself TypeScript run by tsx or vitest, through a small bootstrap module that
 * registers tsx in the worker first (`--import tsx` in a worker's execArgv does not load
 * TypeScript on Node 20).
 */
import Tinypool from 'tinypool';
import { runTask, type ReplicationTask } from './replication.js';
import type { ReplicationSummary } from './types.js';

export interface ReplicationRunner {
  /** Tasks worth keeping in flight to keep every worker busy. */
  readonly window: number;
  run(task: ReplicationTask): Promise<ReplicationSummary>;
  /** Stops the workers (tasks still running are abandoned). */
  close(): Promise<void>;
}

/**
 * A runner with `workers` threads; 1 means this thread, between turns of the event loop, unless
 * `offMainThread`: then one worker thread, so this thread stays free to handle a signal at once
 * (a replication in this thread would hold a Ctrl-C until it ends, 15 s for a large scenario).
 */
export function createRunner(workers: number, offMainThread = false): ReplicationRunner {
  return workers <= 1 && !offMainThread ? inlineRunner() : poolRunner(Math.max(1, workers));
}

function inlineRunner(): ReplicationRunner {
  return {
    window: 1,
    // Yield first, so a signal (Ctrl-C) is handled between replications.
    run: (task) => new Promise((resolve, reject) => setImmediate(() => {
      try {
        resolve(runTask(task));
      } catch (error) {
        reject(error);
      }
    })),
    close: async () => {},
  };
}

function poolRunner(workers: number): ReplicationRunner {
  const pool = new Tinypool({ filename: workerEntry(), minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
  return {
    window: 2 * workers,
    run: (task) => pool.run(task) as Promise<ReplicationSummary>,
    close: () => pool.destroy(),
  };
}

/** The worker module's URL: `worker.js` beside this file, or a bootstrap that loads `worker.ts` through tsx. */
export function workerEntry(): string {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new URL('./worker.js', self).href;
  const worker = new URL('./worker.ts', self).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = [
    `const { register } = await import(${JSON.stringify(tsx)});`,
    'register();',
    `export default (await import(${JSON.stringify(worker)})).default;`,
  ].join('\n');
  return `data:text/javascript,${encodeURIComponent(bootstrap)}`;
}
