import { defineConfig } from 'vitest/config';

/**
 * Test files that replace a module (`vi.mock`), raise a signal in the test process itself or
 * change its working directory: each runs in a fresh process with its own module registry, signal
 * handlers and children, so
 *   - a replacement cannot reach another file;
 *   - a SIGINT it emits cannot reach a handler another file left behind (playwright's, once a
 *     browser test ran in the same process, exits the process on SIGINT: seen once as "Worker
 *     exited unexpectedly" in trust/signals);
 *   - a helper process started inside a temporary working directory (esbuild's service, started by
 *     `gbsim explore` run from one) does not outlive that directory into other files. Seen once,
 *     not reproduced: cli/explore could not resolve the explorer's sources in a worker where
 *     reports/explorer, which runs `gbsim explore` from a temporary folder, had probably run first.
 * Every other file shares its worker's registry (`isolate: false`): importing the model, the CLI
 * and their dependencies once per worker instead of once per file saves about a minute of the
 * suite on the 2-core CI machine (import time 94 s → 42 s, measured 2026-12-01). Those files
 * restore what they change in the process (spies, environment) before they end.
 */
const ISOLATED = ['test/faults/non-finite-run.test.ts', 'test/trust/signals.test.ts', 'test/reports/explorer.test.ts', 'test/reports/explorer-worker.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    // Both cores of the 2-core CI machine (vitest's default leaves one idle).
    maxWorkers: 2,
    // Every test runs its replications: the replication cache (on by default for users) is off
    // here unless a test turns it on with its own GBSIM_CACHE_DIR.
    env: { GBSIM_CACHE: 'off' },
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
