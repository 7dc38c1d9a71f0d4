/**
 * One replication of a scenario, as the Monte Carlo machinery runs it (in the main thread or in
 * a worker): a task names the scenario file, its overrides and its expected hash, the seed and the
 * replication index; the answer is a `ReplicationSummary` (one line of `runs.ndjson`).
 *
 *   task → prepared scenario (cached per thread) → runMarket(record: false) → summary
 *
 * Replication r with seed S draws from the streams keyed (S, r, owner, purpose), whatever the
 * thread or the order: this is what makes results independent of workers and shards.
 */
import { runMarket } from '../model/run.js';
import type { RunResult } from '../model/results.js';
import { deriveScenario } from './derive.js';
import { prepareScenario, type PreparedScenario } from './prepare.js';
import { observe, type ObservationSpec } from './observe.js';
import type { ReplicationSummary } from './types.js';

/** How a thread finds a scenario: the file, its `--set` overrides, and what it should hash to. */
export interface ScenarioRef {
  /** Absolute path of the scenario file. */
  file: string;
  sets: string[];
  cwd: string;
  /** `--allow-outside`: the scenario may read files outside `cwd` and its own folder. */
  allowOutside: boolean;
  /** `source.hash` of the prepared scenario: a file changed during the run is an error. */
  hash: string;
  /** Its resolved hash (scenario and the files it names) for the replication cache; null: not cacheable. */
  resolved?: string | null;
  /** A design point: these values at these paths of the prepared scenario (derive.ts), instead of more `sets`. */
  point?: { paths: string[]; values: number[] };
}

export interface ReplicationTask {
  scenario: ScenarioRef;
  seed: number;
  replication: number;
  shakeoutK: number;
  /** Quantities to read from the weekly tables (calibration); the run then records its tables. */
  observe?: ObservationSpec[];
}

/** A run's outcome, reduced to what Monte Carlo aggregates. */
export function summarizeReplication(result: RunResult): ReplicationSummary {
  const order = result.players.map((_, j) => j).sort((a, b) => result.players[b]!.finalShare - result.players[a]!.finalShare || a - b);
  const rank = new Array<number>(order.length);
  order.forEach((j, position) => (rank[j] = position + 1));
  return {
    replication: result.replication,
    players: result.players.map((p, j) => ({
      id: p.id,
      status: p.status,
      survivor: p.survivor,
      finalShare: p.finalShare,
      rank: rank[j]!,
      exitWeek: p.exitWeek,
      exitReason: p.exitReason,
      cashYuan: p.cashYuan,
      pickupPoints: p.pickupPoints,
    })),
    survivors: result.survivors.length,
    shakeoutWeek: result.shakeoutWeek,
    finalHhi: result.finalHhi,
  };
}

/** Scenarios prepared in this thread, most recently used last (a compare of up to 8 scenarios keeps them all). */
const prepared = new Map<string, PreparedScenario>();
const CACHE_SIZE = 8;

function keyOf(ref: ScenarioRef): string {
  return JSON.stringify([ref.file, ref.sets, ref.cwd, ref.allowOutside, ref.point ?? null]);
}

/** Remembers a scenario this thread has already prepared (the main thread prepares before it runs). */
export function rememberPrepared(ref: ScenarioRef, scenario: PreparedScenario): void {
  const key = keyOf(ref);
  prepared.delete(key);
  prepared.set(key, scenario);
  while (prepared.size > CACHE_SIZE) prepared.delete(prepared.keys().next().value!);
}

/** The prepared scenario of `ref`, prepared once per thread; throws if the file no longer hashes the same. */
export function preparedFor(ref: ScenarioRef): PreparedScenario {
  const cached = prepared.get(keyOf(ref));
  if (cached !== undefined && cached.source.hash === ref.hash) {
    rememberPrepared(ref, cached);
    return cached;
  }
  if (ref.point !== undefined) {
    const derived = deriveScenario(preparedFor({ ...ref, point: undefined }), ref.point.paths, ref.point.values);
    if (!derived.ok) throw new Error(`design point ${ref.point.paths.map((p, i) => `${p}=${ref.point!.values[i]}`).join(' ')}: ${derived.problems.join('; ')}`);
    rememberPrepared(ref, derived.prepared);
    return derived.prepared;
  }
  const fresh = prepareScenario(ref.file, { sets: ref.sets, cwd: ref.cwd, allowOutside: ref.allowOutside });
  if (fresh.source.hash !== ref.hash) {
    throw new Error(`${ref.file} changed while the experiment ran (its hash is now ${fresh.source.hash.slice(0, 12)}, was ${ref.hash.slice(0, 12)}); start it again`);
  }
  rememberPrepared(ref, fresh);
  return fresh;
}

/** Runs one replication of a prepared scenario, without weekly tables. */
export function runReplication(scenario: PreparedScenario, task: Omit<ReplicationTask, 'scenario'>): ReplicationSummary {
  const result = runMarket(scenario.params, {
    seed: task.seed,
    replication: task.replication,
    record: task.observe !== undefined,
    geography: scenario.geography,
    shakeoutK: task.shakeoutK,
  });
  const summary = summarizeReplication(result);
  return task.observe === undefined ? summary : { ...summary, observed: observe(result, task.observe) };
}

/** Runs a task: what a worker does for every message, and the main thread with one worker. */
export function runTask(task: ReplicationTask): ReplicationSummary {
  return runReplication(preparedFor(task.scenario), task);
}
