/**
 * `gbsim compare`: several scenarios under common random numbers. Replication r of every scenario
 * uses seed S and index r, so the scenarios share their draws and the per-replication
 * differences (scenario − baseline) have far less noise than independent runs would.
 *
 *   tasks (r, s) in order r·S + s → runInOrder → per replication: each scenario's aggregate,
 *   and per player the paired differences vs the first scenario → CompareResult
 *
 * A difference is significant when its t 95% interval excludes 0; when every paired difference
 * is exactly 0 the interval is [0, 0] and it is not.
 */
import { cachedRunner, type ReplicationCache } from './cache.js';
import { toCsv } from './csv.js';
import { jsonText } from './mc-files.js';
import { McAccumulator } from './mc-aggregate.js';
import { mcHeader, scenarioRef, type Progress } from './monte-carlo.js';
import { runInOrder } from './ordered.js';
import type { Row } from './rows.js';
import type { PreparedScenario } from './prepare.js';
import { createRunner } from './runner.js';
import { RunningMoments, tInterval } from './stats.js';
import type { CompareResult, Interval, PairedDifference, ReplicationSummary } from './types.js';
import { GBSIM_VERSION } from './version.js';

export const COMPARE_FILES = ['compare.json', 'compare.csv', 'manifest.json'] as const;

export interface CompareOptions {
  prepared: PreparedScenario[];
  sets: readonly string[];
  cwd: string;
  allowOutside?: boolean;
  /** Per scenario, when they were prepared with different overrides or folders (the library's compare). */
  preparedWith?: ReadonlyArray<{ sets: readonly string[]; cwd: string; allowOutside: boolean }>;
  seed: number;
  runs: number;
  shakeoutK: number;
  workers: number;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Replications already run are read from here, and new ones stored (null or absent: no cache). */
  cache?: ReplicationCache | null;
}

export interface CompareReport {
  result: CompareResult | null;
  complete: boolean;
  /** Replications done for every scenario. */
  done: number;
}

/** Per player and non-baseline scenario: the paired differences of survival and final share. */
interface PairTally {
  survival: RunningMoments;
  share: RunningMoments;
}

export async function runCompare(options: CompareOptions): Promise<CompareReport> {
  const { prepared, runs } = options;
  const count = prepared.length;
  const accumulators = prepared.map((p) => new McAccumulator(mcHeader(p, options.seed, options.shakeoutK)));
  const ids = playerIds(prepared);
  const pairs = ids.map((id) => prepared.slice(1).map((p) => (hasPlayer(prepared[0]!, id) && hasPlayer(p, id) ? { survival: new RunningMoments(), share: new RunningMoments() } : null)));
  const refs = prepared.map((p, i) => {
    const how = options.preparedWith?.[i] ?? { sets: options.sets, cwd: options.cwd, allowOutside: options.allowOutside };
    return scenarioRef(p, how.sets, how.cwd, how.allowOutside);
  });
  const pending: ReplicationSummary[] = [];
  const runner = cachedRunner(createRunner(Math.max(1, Math.min(options.workers, runs * count))), options.cache ?? null);
  options.onProgress?.({ done: 0, total: runs, resumed: 0 });
  try {
    const outcome = await runInOrder<ReplicationSummary>({
      start: 0,
      end: () => runs * count,
      window: Math.max(runner.window, count),
      signal: options.signal,
      execute: (task) => runner.run({ scenario: refs[task % count]!, seed: options.seed, replication: Math.floor(task / count), shakeoutK: options.shakeoutK }),
      accept: (task, summary) => {
        pending[task % count] = summary;
        if (task % count !== count - 1) return;
        pending.forEach((s, i) => accumulators[i]!.add(s));
        addDifferences(ids, pairs, pending);
        options.onProgress?.({ done: Math.floor(task / count) + 1, total: runs, resumed: 0 });
      },
    });
    const done = Math.floor(outcome.next / count);
    const result = done === 0 ? null : compareResult(options, accumulators, ids, pairs, !outcome.interrupted);
    return { result, complete: !outcome.interrupted, done };
  } finally {
    await runner.close();
  }
}

/** Every player id, the baseline's first, then those only later scenarios have. */
function playerIds(prepared: readonly PreparedScenario[]): string[] {
  const ids: string[] = [];
  for (const p of prepared) for (const player of p.params.players) if (!ids.includes(player.id)) ids.push(player.id);
  return ids;
}

function hasPlayer(prepared: PreparedScenario, id: string): boolean {
  return prepared.params.players.some((p) => p.id === id);
}

function addDifferences(ids: readonly string[], pairs: Array<Array<PairTally | null>>, summaries: readonly ReplicationSummary[]): void {
  const baseline = summaries[0]!;
  ids.forEach((id, k) => {
    const base = baseline.players.find((p) => p.id === id);
    pairs[k]!.forEach((pair, i) => {
      const other = summaries[i + 1]!.players.find((p) => p.id === id);
      if (pair === null || base === undefined || other === undefined) return;
      pair.survival.add(Number(other.survivor) - Number(base.survivor));
      pair.share.add(other.finalShare - base.finalShare);
    });
  });
}

function compareResult(
  options: CompareOptions,
  accumulators: readonly McAccumulator[],
  ids: readonly string[],
  pairs: Array<Array<PairTally | null>>,
  complete: boolean,
): CompareResult {
  const results = accumulators.map((a) => a.result(complete));
  return {
    kind: 'compare',
    gbsimVersion: GBSIM_VERSION,
    seed: options.seed,
    runs: accumulators[0]!.runs,
    complete,
    scenarios: results.map((r) => r.scenario),
    players: ids.map((id, k) => {
      const per = results.map((r) => r.players.find((p) => p.id === id));
      return {
        id,
        name: per.find((p) => p !== undefined)!.name,
        survival: per.map((p) => (p === undefined ? null : intervalOf(p.survival))),
        finalShare: per.map((p) => (p === undefined ? null : intervalOf(p.finalShare))),
        survivalDifference: pairs[k]!.map((pair) => pair && pairedDifference(pair.survival)),
        finalShareDifference: pairs[k]!.map((pair) => pair && pairedDifference(pair.share)),
      };
    }),
  };
}

function intervalOf(interval: Interval): Interval {
  return { estimate: interval.estimate, low: interval.low, high: interval.high };
}

/** Mean paired difference with its t 95% interval; significant when the interval excludes 0. */
export function pairedDifference(differences: RunningMoments): PairedDifference {
  const interval = tInterval(differences, [-1, 1]);
  return { ...interval, significant: interval.low > 0 || interval.high < 0 };
}

export const COMPARE_COLUMNS = [
  'player', 'playerName', 'scenarioIndex', 'scenario', 'scenarioFile', 'baseline', 'runs',
  'survival', 'survivalLow', 'survivalHigh', 'finalShareMean', 'finalShareLow', 'finalShareHigh',
  'survivalDifference', 'survivalDifferenceLow', 'survivalDifferenceHigh', 'survivalDifferenceSignificant',
  'finalShareDifference', 'finalShareDifferenceLow', 'finalShareDifferenceHigh', 'finalShareDifferenceSignificant',
] as const;

/** `compare.json` and the tidy `compare.csv`: one row per player per scenario it is in. */
export function compareFiles(result: CompareResult): Record<string, string> {
  return { 'compare.json': jsonText(result), 'compare.csv': toCsv(compareRows(result), COMPARE_COLUMNS) };
}

/** The rows of compare.csv: one per player per scenario it is in. */
export function compareRows(result: CompareResult): Row[] {
  return result.players.flatMap((player) =>
    result.scenarios.flatMap((scenario, i) => {
      const survival = player.survival[i];
      const share = player.finalShare[i];
      if (survival == null || share == null) return [];
      const survivalDifference = i === 0 ? null : player.survivalDifference[i - 1] ?? null;
      const shareDifference = i === 0 ? null : player.finalShareDifference[i - 1] ?? null;
      return [{
        player: player.id,
        playerName: player.name,
        scenarioIndex: i,
        scenario: scenario.name,
        scenarioFile: scenario.file,
        baseline: i === 0,
        runs: result.runs,
        survival: survival.estimate,
        survivalLow: survival.low,
        survivalHigh: survival.high,
        finalShareMean: share.estimate,
        finalShareLow: share.low,
        finalShareHigh: share.high,
        survivalDifference: survivalDifference?.estimate ?? null,
        survivalDifferenceLow: survivalDifference?.low ?? null,
        survivalDifferenceHigh: survivalDifference?.high ?? null,
        survivalDifferenceSignificant: survivalDifference?.significant ?? null,
        finalShareDifference: shareDifference?.estimate ?? null,
        finalShareDifferenceLow: shareDifference?.low ?? null,
        finalShareDifferenceHigh: shareDifference?.high ?? null,
        finalShareDifferenceSignificant: shareDifference?.significant ?? null,
      }];
    }),
  );
}
