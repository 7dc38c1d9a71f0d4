/**
 * The replication cache: a repeated experiment (or a baseline shared by two compares) is read
 * back, not recomputed, and gives the same result as without the cache; anything that decides a
 * replication (seed, K, a scenario value, the content of a cells file, the code) leads to a miss;
 * a damaged entry is ignored and recomputed; the size stays within its byte budget (LRU).
 */
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationCache, openReplicationCache } from '../../sim/experiment/cache.js';
import type { ReplicationSummary } from '../../sim/experiment/types.js';
import { compare, loadScenario, monteCarlo, type Scenario } from '../../sim/index.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const folder = temporaryFolder('cache');
afterAll(folder.remove);
let twinsFile: string;

beforeAll(() => {
  twinsFile = writeSymmetricScenario(folder.dir, 26);
});

async function load(file: string, sets: string[] = []): Promise<Scenario> {
  const loaded = await loadScenario(file, { sets });
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.scenario;
}

/** Every entry file of a cache directory. */
function entries(dir: string): string[] {
  const root = join(dir, 'replications');
  try {
    return readdirSync(root).flatMap((shard) => readdirSync(join(root, shard)).map((name) => join(root, shard, name)));
  } catch {
    return [];
  }
}

describe('the replication cache', () => {
  it('serves a repeated Monte Carlo run from the cache, with the result of an uncached run', async () => {
    const dir = folder.path('repeat');
    const twins = await load(twinsFile);
    const first = await monteCarlo(twins, { runs: 8, seed: 5, cache: { dir } });
    const second = await monteCarlo(twins, { runs: 8, seed: 5, cache: { dir } });
    const uncached = await monteCarlo(twins, { runs: 8, seed: 5, cache: false });
    expect(first.cache).toEqual({ hits: 0, misses: 8 });
    expect(second.cache).toEqual({ hits: 8, misses: 0 });
    expect(entries(dir)).toHaveLength(8);
    expect(second.result).toEqual(uncached.result);
    expect(second.runs).toEqual(uncached.runs);
    expect(first.result).toEqual(uncached.result);
  });

  it('reuses the baseline shared by two compares, and only the baseline', async () => {
    const dir = folder.path('baseline');
    const base = await load(twinsFile);
    const richer = await load(twinsFile, ['players.alpha.cashYuan=9e8']);
    const poorer = await load(twinsFile, ['players.alpha.cashYuan=1e8']);
    await compare([base, richer], { runs: 6, seed: 2, cache: { dir } });
    const second = await compare([base, poorer], { runs: 6, seed: 2, cache: { dir } });
    expect(second.cache).toEqual({ hits: 6, misses: 6 });
    expect(second.result).toEqual((await compare([base, poorer], { runs: 6, seed: 2, cache: false })).result);
  });

  it('misses for another seed, shakeout K, scenario value or cells file content, and hits for the same scenario elsewhere', async () => {
    const dir = folder.path('keys');
    const twins = await load(twinsFile);
    await monteCarlo(twins, { runs: 3, seed: 1, cache: { dir } });
    expect((await monteCarlo(twins, { runs: 3, seed: 2, cache: { dir } })).cache).toEqual({ hits: 0, misses: 3 });
    expect((await monteCarlo(twins, { runs: 3, seed: 1, shakeoutK: 1, cache: { dir } })).cache).toEqual({ hits: 0, misses: 3 });
    expect((await monteCarlo(await load(twinsFile, ['demand.basketYuan=16']), { runs: 3, seed: 1, cache: { dir } })).cache).toEqual({ hits: 0, misses: 3 });
    const elsewhere = folder.path('keys-scenario');
    const moved = writeSymmetricScenario(elsewhere, 26);
    expect((await monteCarlo(await load(moved), { runs: 3, seed: 1, cache: { dir } })).cache).toEqual({ hits: 3, misses: 0 });
    const cells = moved.replace(/\.json$/, '-cells.csv');
    const [head, first, ...rest] = readFileSync(cells, 'utf8').split('\n');
    writeFileSync(cells, [head, first!.replace(/,(\d+),/, (_m, households: string) => `,${Number(households) + 1},`), ...rest].join('\n'));
    const changed = await monteCarlo(await load(moved), { runs: 3, seed: 1, cache: { dir } });
    expect(changed.cache).toEqual({ hits: 0, misses: 3 });
  });

  it('ignores an entry written for another key (another code or version) or damaged, and recomputes it', async () => {
    const dir = folder.path('damaged');
    const twins = await load(twinsFile);
    const reference = await monteCarlo(twins, { runs: 4, seed: 3, cache: { dir } });
    const [a, b, c] = entries(dir);
    writeFileSync(a!, readFileSync(a!, 'utf8').slice(0, 40));
    const stored = JSON.parse(readFileSync(b!, 'utf8')) as { key: { code: string }; summary: ReplicationSummary };
    writeFileSync(b!, JSON.stringify({ ...stored, key: { ...stored.key, code: 'other code' } }));
    writeFileSync(c!, JSON.stringify({ ...stored, summary: { ...stored.summary, players: 'none' } }));
    const again = await monteCarlo(twins, { runs: 4, seed: 3, cache: { dir } });
    expect(again.cache).toEqual({ hits: 1, misses: 3 });
    expect(again.result).toEqual(reference.result);
    expect((await monteCarlo(twins, { runs: 4, seed: 3, cache: { dir } })).cache).toEqual({ hits: 4, misses: 0 });
  });

  it('removes the least recently used entries when it outgrows its byte budget', () => {
    const dir = folder.path('lru');
    const unbounded = new ReplicationCache(dir, Number.POSITIVE_INFINITY);
    const summary = (replication: number): ReplicationSummary => ({ replication, players: [], survivors: 0, shakeoutWeek: null, finalHhi: 0 });
    const keys = [0, 1, 2].map((r) => ReplicationCache.key({ seed: 1, replication: r, shakeoutK: 5 }, 'scenario'));
    keys.forEach((key, r) => unbounded.put(key, summary(r)));
    const files = entries(dir);
    const size = statSync(files[0]!).size;
    files.forEach((file, k) => utimesSync(file, new Date(1_000_000 + k), new Date(1_000_000 + k)));
    const byReplication = (r: number) => files.find((file) => (JSON.parse(readFileSync(file, 'utf8')) as { summary: ReplicationSummary }).summary.replication === r)!;
    const oldest = [0, 1, 2].sort((x, y) => statSync(byReplication(x)).mtimeMs - statSync(byReplication(y)).mtimeMs);
    const bounded = new ReplicationCache(dir, 3 * size + 10);
    expect(bounded.get(keys[oldest[0]!]!)).toEqual(summary(oldest[0]!));
    bounded.put(ReplicationCache.key({ seed: 1, replication: 3, shakeoutK: 5 }, 'scenario'), summary(3));
    bounded.evict();
    expect(bounded.bytes()).toBeLessThanOrEqual(3 * size + 10);
    expect(bounded.get(keys[oldest[1]!]!)).toBeUndefined();
    expect(bounded.get(keys[oldest[0]!]!)).toEqual(summary(oldest[0]!));
    expect(bounded.get(keys[oldest[2]!]!)).toEqual(summary(oldest[2]!));
  });

  it('lives in GBSIM_CACHE_DIR, else XDG_CACHE_HOME/gbsim, and is off with GBSIM_CACHE=off or enabled: false', () => {
    expect(openReplicationCache({}, { GBSIM_CACHE_DIR: '/tmp/x' })?.dir).toBe('/tmp/x');
    expect(openReplicationCache({}, { XDG_CACHE_HOME: '/tmp/xdg' })?.dir).toBe(join('/tmp/xdg', 'gbsim'));
    expect(openReplicationCache({}, { GBSIM_CACHE_MAX_MB: '2' })?.maxBytes).toBe(2 * 1024 * 1024);
    expect(openReplicationCache({}, { GBSIM_CACHE: 'off' })).toBeNull();
    expect(openReplicationCache({ enabled: false }, {})).toBeNull();
  });

  it('is used by gbsim mc unless --no-cache is given', async () => {
    const dir = folder.path('cli');
    const saved = { cache: process.env.GBSIM_CACHE, dir: process.env.GBSIM_CACHE_DIR };
    delete process.env.GBSIM_CACHE;
    process.env.GBSIM_CACHE_DIR = dir;
    try {
      expect((await gbsim('mc', twinsFile, '--runs', '5', '--workers', '1', '--quiet', '--no-cache')).status).toBe(0);
      expect(entries(dir)).toHaveLength(0);
      const first = await gbsim('mc', twinsFile, '--runs', '5', '--workers', '1', '--quiet');
      expect(entries(dir)).toHaveLength(5);
      const second = await gbsim('mc', twinsFile, '--runs', '5', '--workers', '1', '--quiet');
      expect(second.stdout).toBe(first.stdout);
    } finally {
      process.env.GBSIM_CACHE = saved.cache;
      if (saved.dir === undefined) delete process.env.GBSIM_CACHE_DIR;
      else process.env.GBSIM_CACHE_DIR = saved.dir;
    }
  });
});

describe('a cache that cannot be created', () => {
  it('does not stop the experiment', async () => {
    const blocker = folder.path('a-file');
    writeFileSync(blocker, 'not a folder');
    const loaded = await loadScenario(twinsFile);
    if (!loaded.ok) throw new Error(loaded.message);
    const outcome = await monteCarlo(loaded.scenario, { runs: 2, seed: 1, cache: { dir: join(blocker, 'cache') } });
    expect(outcome.complete).toBe(true);
    expect(outcome.result?.runs).toBe(2);
  });
});
