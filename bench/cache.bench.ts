/**
 * The replication cache, as a user meets it: `gbsim compare` as a whole process from the compiled
 * CLI, 200 runs of the teaching base scenario against a what-if, one worker.
 *
 *   uncached (--no-cache) · the same compare rerun with a warm cache · a second what-if against
 *   the same baseline (only the baseline is cached)
 *
 * The setup of the cached tasks warms a fresh cache directory (untimed). Each task records the
 * sha256 of its compare.json, and a target checks that the cached rerun wrote the very bytes of
 * the uncached run. Checksum: runs and scenarios from compare.json.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBench, defineTask, type Measurements } from './harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 200;
const BASE = 'scenarios/teaching/base.yaml';
const WAR = 'scenarios/teaching/subsidy-war.yaml';
const ENTRANT = 'scenarios/teaching/deep-pocket-entrant.yaml';
const HASH_DIR = join(tmpdir(), 'gbsim-bench-cache-hashes');

interface CompareCase {
  name: string;
  files: [string, string];
  /** How the cache is warmed before the timed run: null = no cache at all (--no-cache). */
  warm: [string, string] | null;
}

const CASES: CompareCase[] = [
  { name: 'compare base vs subsidy-war, 200 runs, uncached (--no-cache)', files: [BASE, WAR], warm: null },
  { name: 'the same compare, rerun with a warm cache', files: [BASE, WAR], warm: [BASE, WAR] },
  { name: 'base vs deep-pocket-entrant, baseline cached by the first compare', files: [BASE, ENTRANT], warm: [BASE, WAR] },
];

function compare(files: readonly string[], cacheDir: string | null): { runs: number; scenarios: number; hash: string } {
  const out = mkdtempSync(join(tmpdir(), 'gbsim-bench-cache-out-'));
  try {
    const args = ['bin/gbsim.js', 'compare', ...files, '--runs', String(RUNS), '--workers', '1', '--out', out, '--force', '--quiet'];
    if (cacheDir === null) args.push('--no-cache');
    const env = { ...process.env, GBSIM_CACHE: '', GBSIM_CACHE_DIR: cacheDir ?? '' };
    const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env });
    if (child.status !== 0) throw new Error(`gbsim compare failed (${child.status}): ${child.stderr}`);
    const text = readFileSync(join(out, 'compare.json'), 'utf8');
    const result = JSON.parse(text) as { runs: number; scenarios: unknown[] };
    return { runs: result.runs, scenarios: result.scenarios.length, hash: createHash('sha256').update(text).digest('hex') };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const hashFile = (task: string) => join(HASH_DIR, `${task.replace(/[^a-z0-9]+/gi, '-')}.txt`);
const recordedHash = (c: CompareCase) => (existsSync(hashFile(c.name)) ? readFileSync(hashFile(c.name), 'utf8') : 'missing');

function compareTask(c: CompareCase) {
  return defineTask({
    name: c.name,
    setup: () => {
      if (!existsSync(join(ROOT, 'dist/sim/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm ci does it) first');
      if (c.warm === null) return null;
      const dir = mkdtempSync(join(tmpdir(), 'gbsim-bench-cache-'));
      compare(c.warm, dir);
      return dir;
    },
    run: (cacheDir) => {
      const { runs, scenarios, hash } = compare(c.files, cacheDir);
      mkdirSync(HASH_DIR, { recursive: true });
      writeFileSync(hashFile(c.name), hash);
      return { runs, scenarios };
    },
    expected: { runs: RUNS, scenarios: 2 },
    throughput: { perRun: 2 * RUNS, unit: 'replications/s' },
  });
}

const ratio = (m: Measurements, k: number) => m.get(CASES[k]!.name).medianMs / m.get(CASES[0]!.name).medianMs;

export default defineBench({
  title: 'Replication cache (gbsim compare, whole process)',
  description:
    'Each sample is one `gbsim compare` process from the compiled CLI (one worker): start-up, preparation, the replications or their ' +
    'cache reads, and the output files. The cached tasks start from a cache directory warmed in their untimed setup.',
  tasks: CASES.map(compareTask),
  figures: [
    { name: 'cached rerun / uncached time', compute: (m) => `${(100 * ratio(m, 1)).toFixed(1)}%` },
    { name: 'shared-baseline compare / uncached time', compute: (m) => `${(100 * ratio(m, 2)).toFixed(1)}%` },
  ],
  targets: [
    { name: 'cached rerun of a 200-run compare', target: '< 50% of the uncached time', judge: (m) => ({ met: ratio(m, 1) < 0.5, figure: `${(100 * ratio(m, 1)).toFixed(1)}%` }) },
    {
      name: 'cached rerun writes the uncached compare.json',
      target: 'identical bytes',
      judge: () => {
        const same = recordedHash(CASES[0]!) === recordedHash(CASES[1]!) && recordedHash(CASES[0]!) !== 'missing';
        return { met: same, figure: same ? 'identical' : 'DIFFERENT' };
      },
    },
  ],
  options: { iterations: 3, warmupIterations: 0 },
});
