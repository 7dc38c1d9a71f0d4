/**
 * A cache of replications on disk: the summary of replication r of a scenario with seed S is
 * stored under the hash of everything that decides it, and an experiment that asks for it again
 * (the baseline of a second `compare`, a sweep point already run, a repeated calibration step)
 * reads it instead of running it.
 *
 *   key = (entry format, gbsim version, code identity, resolved-scenario hash, seed, replication, K)
 *     → <dir>/replications/<2 hex>/<sha256 of key>.json  holding { key, summary }
 *
 * Never a wrong hit: the key covers the merged scenario (its hash), the content of every file it
 * names (cells CSV), the code (code-identity.ts), the seed, the replication and the shakeout K;
 * an entry is used only if its stored key equals the one asked for and its summary has the
 * expected shape, so a damaged entry is ignored (and rewritten). Entries are written atomically
 * (temporary file, then rename).
 * The size is bounded: after an experiment that wrote entries, the least recently used ones
 * (by file time, refreshed on every hit) are removed until the cache fits its byte budget.
 * The wall clock only orders eviction; it never reaches a result.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScenarioSource } from '../scenario/load.js';
import { canonicalJson, contentHash } from '../scenario/identity.js';
import { codeIdentity } from './code-identity.js';
import type { ReplicationRunner } from './runner.js';
import type { ReplicationTask } from './replication.js';
import type { ReplicationSummary } from './types.js';
import { GBSIM_VERSION } from './version.js';

/** Bumped when the layout of an entry changes. */
const ENTRY_FORMAT = 1;

/** Default byte budget: 512 MiB (a five-player summary takes about 1 KB). */
export const DEFAULT_CACHE_MAX_BYTES = 512 * 1024 * 1024;

export interface ReplicationKey {
  format: number;
  gbsimVersion: string;
  code: string;
  /** `resolvedScenarioHash` of the scenario as run. */
  scenario: string;
  seed: number;
  replication: number;
  shakeoutK: number;
}

export interface CacheSettings {
  /** False turns the cache off (`--no-cache`). */
  enabled?: boolean;
  /** Where entries live; default $GBSIM_CACHE_DIR, else $XDG_CACHE_HOME/gbsim, else ~/.cache/gbsim. */
  dir?: string;
  /** Byte budget; default $GBSIM_CACHE_MAX_MB mebibytes, else 512 MiB. */
  maxBytes?: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

/**
 * The hash of a scenario as a run sees it: the merged, validated scenario (`source.hash`) and
 * the bytes of every file it names. Null when such a file cannot be read (the run then fails
 * on its own and nothing is cached). `digests` (file -> sha256) spares reading a file twice when
 * many variants of one scenario are hashed, as a sweep's points are.
 */
export function resolvedScenarioHash(source: Pick<ScenarioSource, 'hash' | 'resolvedPaths'>, digests?: Map<string, string>): string | null {
  const files: Record<string, string> = {};
  for (const [path, file] of Object.entries(source.resolvedPaths)) {
    let digest = digests?.get(file);
    if (digest === undefined) {
      try {
        digest = createHash('sha256').update(readFileSync(file)).digest('hex');
      } catch {
        return null;
      }
      digests?.set(file, digest);
    }
    files[path] = digest;
  }
  return contentHash({ scenario: source.hash, files });
}

/**
 * The cache the settings and environment ask for, or null when it is off: `enabled: false`, or
 * GBSIM_CACHE=off in the environment when the settings name no `dir` (the test suite sets it so
 * that every test runs its replications unless it names a cache of its own).
 */
export function openReplicationCache(settings: CacheSettings = {}, env: NodeJS.ProcessEnv = process.env): ReplicationCache | null {
  if (settings.enabled === false || (env.GBSIM_CACHE === 'off' && settings.dir === undefined)) return null;
  const base = env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'gbsim') : join(homedir(), '.cache', 'gbsim');
  const dir = settings.dir ?? (env.GBSIM_CACHE_DIR || base);
  const fromEnv = Number(env.GBSIM_CACHE_MAX_MB);
  const maxBytes = settings.maxBytes ?? (env.GBSIM_CACHE_MAX_MB && Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv * 1024 * 1024 : DEFAULT_CACHE_MAX_BYTES);
  return new ReplicationCache(dir, maxBytes);
}

export class ReplicationCache {
  private readonly root: string;
  private wrote = false;
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  constructor(readonly dir: string, readonly maxBytes: number) {
    this.root = join(dir, 'replications');
  }

  /** The key of a task whose scenario has the resolved hash `scenario`. */
  static key(task: Omit<ReplicationTask, 'scenario'>, scenario: string): ReplicationKey {
    return { format: ENTRY_FORMAT, gbsimVersion: GBSIM_VERSION, code: codeIdentity(), scenario, seed: task.seed, replication: task.replication, shakeoutK: task.shakeoutK };
  }

  private pathOf(key: ReplicationKey): string {
    const hash = contentHash(key);
    return join(this.root, hash.slice(0, 2), `${hash}.json`);
  }

  /** The stored summary for `key`, or undefined (absent, damaged or of another key). */
  get(key: ReplicationKey): ReplicationSummary | undefined {
    const path = this.pathOf(key);
    let entry: { key?: unknown; summary?: unknown };
    try {
      entry = JSON.parse(readFileSync(path, 'utf8')) as typeof entry;
    } catch {
      this.stats.misses += 1;
      return undefined;
    }
    if (entry === null || typeof entry !== 'object' || canonicalJson(entry.key) !== canonicalJson(key) || !isSummary(entry.summary, key.replication)) {
      this.stats.misses += 1;
      return undefined;
    }
    this.touch(path);
    this.stats.hits += 1;
    return entry.summary;
  }

  /**
   * Stores an entry: written to a temporary file and renamed over the entry, so a reader sees a
   * whole entry or none. Not flushed to disk (unlike result files): an entry torn by a crash is
   * only a damaged entry, ignored and rewritten.
   */
  put(key: ReplicationKey, summary: ReplicationSummary): void {
    const path = this.pathOf(key);
    const temporary = `${path}.tmp-${process.pid}`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ key, summary }));
      renameSync(temporary, path);
      this.wrote = true;
    } catch {
      rmSync(temporary, { force: true });
      // A cache that cannot be written (read-only, full disk) only costs speed.
    }
  }

  /** Removes the least recently used entries until the cache fits `maxBytes` (only after writes). */
  evict(): void {
    if (!this.wrote) return;
    this.wrote = false;
    const entries = this.entries();
    let total = entries.reduce((sum, e) => sum + e.bytes, 0);
    if (total <= this.maxBytes) return;
    entries.sort((a, b) => a.usedMs - b.usedMs || (a.path < b.path ? -1 : 1));
    for (const entry of entries) {
      if (total <= this.maxBytes) break;
      rmSync(entry.path, { force: true });
      total -= entry.bytes;
    }
  }

  /** Bytes held by the entries now. */
  bytes(): number {
    return this.entries().reduce((sum, e) => sum + e.bytes, 0);
  }

  private entries(): Array<{ path: string; bytes: number; usedMs: number }> {
    const found: Array<{ path: string; bytes: number; usedMs: number }> = [];
    let shards: string[];
    try {
      shards = readdirSync(this.root);
    } catch {
      return found;
    }
    for (const shard of shards) {
      let names: string[];
      try {
        names = readdirSync(join(this.root, shard));
      } catch {
        continue;
      }
      for (const name of names) {
        const path = join(this.root, shard, name);
        try {
          const stat = statSync(path);
          if (stat.isFile()) found.push({ path, bytes: stat.size, usedMs: stat.mtimeMs });
        } catch {
          // Removed meanwhile by another process.
        }
      }
    }
    return found;
  }

  /** Marks an entry as just used (its modification time), for eviction. */
  private touch(path: string): void {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // Read-only cache: still usable, only eviction order suffers.
    }
  }
}

/**
 * `runner` with the cache in front: a task whose scenario has a resolved hash is looked up first
 * and, when run, stored. Closing it evicts what no longer fits.
 */
export function cachedRunner(runner: ReplicationRunner, cache: ReplicationCache | null): ReplicationRunner {
  if (cache === null) return runner;
  try {
    mkdirSync(cache.dir, { recursive: true });
  } catch {
    return runner; // no place for a cache (a read-only home in a container): run without one
  }
  return {
    window: runner.window,
    run: async (task) => {
      const scenario = task.scenario.resolved;
      if (scenario === undefined || scenario === null) return runner.run(task);
      const key = ReplicationCache.key(task, scenario);
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const summary = await runner.run(task);
      cache.put(key, summary);
      return summary;
    },
    close: async () => {
      await runner.close();
      cache.evict();
    },
  };
}

/** Whether `value` has the shape of a replication summary of replication `replication`. */
function isSummary(value: unknown, replication: number): value is ReplicationSummary {
  if (value === null || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  const nullableNumber = (v: unknown) => v === null || typeof v === 'number';
  return s.replication === replication
    && typeof s.survivors === 'number' && nullableNumber(s.shakeoutWeek) && typeof s.finalHhi === 'number'
    && Array.isArray(s.players) && s.players.every((p: unknown) => {
      if (p === null || typeof p !== 'object') return false;
      const q = p as Record<string, unknown>;
      return typeof q.id === 'string' && typeof q.status === 'string' && typeof q.survivor === 'boolean'
        && typeof q.finalShare === 'number' && typeof q.rank === 'number' && nullableNumber(q.exitWeek) && typeof q.cashYuan === 'number' && typeof q.pickupPoints === 'number';
    });
}
