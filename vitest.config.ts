import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Both cores of the 2-core CI machine (vitest's default leaves one idle).
    maxWorkers: 2,
    // Every test runs its replications: the replication cache (on by default for users) is off
    // here unless a test turns it on with its own GBSIM_CACHE_DIR.
    env: { GBSIM_CACHE: 'off' },
  },
});
