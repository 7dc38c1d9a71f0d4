/**
 * `gbsim compare`: several scenarios under common random numbers. Replication r of every scenario
 * uses seed S and index r, so the scenarios share their draws and the per-replication
 * differences (scenario − baseline) have far less noise than independent runs would.
 *
 *   tasks (r, s) in order r·S + s → runInOrder → per replication: each scenario's aggregate,
 *   and per player the paired differences vs the first scenario → CompareResult
 *
 * Each difference is tested with a test made for its kind of outcome (exact McNemar for survival,
 * a paired t test for final share, cash, pickup points and exit week, and for the market's
 * survivors and HHI) and called significant when its p-value, after Holm's adjustment over every
 * test of that scenario against the baseline, is below 5% and the difference is not 0.
 */
import { join } from 'node:path';
import { cachedRunner, type ReplicationCache } from './cache.js';
import { toCsv } from './csv.js';
import { writeOutputs } from './files.js';
import { firstProblem, summaryLineSchema } from './line-schemas.js';
import { McAccumulator, type McHeader } from './mc-aggregate.js';
import { jsonText, MC_FILES, readIdentity } from './mc-files.js';
import { resumeMessages } from './messages.js';
import { LineAppender, readLines, truncateFile } from './ndjson.js';
import type { Checked } from './shards.js';
import { mcHeader, scenarioRef, type Progress } from './monte-carlo.js';
import { runInOrder } from './ordered.js';
import type { Row } from './rows.js';
import type { PreparedScenario } from './prepare.js';
import { createRunner } from './runner.js';
import { holmAdjust, mcnemarExactP, pairedTTestP, RunningMoments, tInterval } from './stats.js';
import type { CompareResult, Interval, PairedDifference, ReplicationSummary } from './types.js';
import { GBSIM_VERSION } from './version.js';

export const COMPARE_FILES = ['compare.json', 'compare.csv', 'compare-runs.ndjson', 'experiment.json', 'manifest.json'] as const;

export interface CompareOptions {
  /** Run replications in a worker thread even with one worker, so signals are handled at once (the CLI does). */
  offMainThread?: boolean;
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
  /**
   * Where replications are kept as they finish (compare-runs.ndjson: one line per replication, the
   * scenarios' summaries in order), so `resume` continues an interrupted comparison.
   */
  out?: { dir: string; resume: boolean } | null;
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
  /** Survived here but not in the baseline, and the reverse (McNemar's discordant pairs). */
  gained: number;
  lost: number;
  cash: RunningMoments;
  /** Pickup points at the horizon. */
  points: RunningMoments;
  /** Exit week, the horizon when the player never left (censored there). */
  exitWeek: RunningMoments;
}

/** Per non-baseline scenario: paired differences of the market's survivors and final HHI. */
interface MarketTally {
  survivors: RunningMoments;
  hhi: RunningMoments;
}

export async function runCompare(options: CompareOptions): Promise<CompareReport> {
  const { prepared, runs } = options;
  const count = prepared.length;
  const accumulators = prepared.map((p) => new McAccumulator(mcHeader(p, options.seed, options.shakeoutK)));
  const ids = playerIds(prepared);
  const pairs = ids.map((id) => prepared.slice(1).map((p) => (hasPlayer(prepared[0]!, id) && hasPlayer(p, id) ? { survival: new RunningMoments(), share: new RunningMoments(), gained: 0, lost: 0, cash: new RunningMoments(), points: new RunningMoments(), exitWeek: new RunningMoments() } : null)));
  const points = ids.map(() => prepared.map(() => new RunningMoments()));
  const cash = ids.map(() => prepared.map(() => new RunningMoments()));
  const horizons = prepared.map((p) => p.scenario.horizonWeeks);
  const markets: MarketTally[] = prepared.slice(1).map(() => ({ survivors: new RunningMoments(), hhi: new RunningMoments() }));
  const refs = prepared.map((p, i) => {
    const how = options.preparedWith?.[i] ?? { sets: options.sets, cwd: options.cwd, allowOutside: options.allowOutside };
    return scenarioRef(p, how.sets, how.cwd, how.allowOutside);
  });
  const pending: ReplicationSummary[] = [];
  const addReplication = (summaries: readonly ReplicationSummary[]) => {
    summaries.forEach((s, i) => accumulators[i]!.add(s));
    addDifferences(ids, pairs, summaries, horizons);
    addFinalValues(ids, points, cash, summaries);
    markets.forEach((market, i) => {
      market.survivors.add(summaries[i + 1]!.survivors - summaries[0]!.survivors);
      market.hhi.add(summaries[i + 1]!.finalHhi - summaries[0]!.finalHhi);
    });
  };
  const identity = compareIdentity(options, accumulators.map((a) => a.header));
  const opened = options.out ? openCompareOutput(options.out, identity, accumulators.map((a) => a.header), runs, addReplication) : { ok: true as const, value: null };
  if (!opened.ok) throw new CompareResumeError(opened.problems);
  const appender = opened.value?.appender ?? null;
  const resumed = opened.value?.resumed ?? 0;
  const runner = cachedRunner(createRunner(Math.max(1, Math.min(options.workers, (runs - resumed) * count)), options.offMainThread === true), options.cache ?? null);
  options.onProgress?.({ done: resumed, total: runs, resumed });
  try {
    const outcome = await runInOrder<ReplicationSummary>({
      start: resumed * count,
      end: () => runs * count,
      window: Math.max(runner.window, count),
      signal: options.signal,
      execute: (task) => runner.run({ scenario: refs[task % count]!, seed: options.seed, replication: Math.floor(task / count), shakeoutK: options.shakeoutK }),
      accept: (task, summary) => {
        pending[task % count] = summary;
        if (task % count !== count - 1) return;
        appender?.write(JSON.stringify(pending));
        addReplication(pending);
        options.onProgress?.({ done: Math.floor(task / count) + 1, total: runs, resumed });
      },
    });
    const done = Math.floor(outcome.next / count);
    const result = done === 0 ? null : compareResult(options, accumulators, ids, pairs, { points, cash }, markets, !outcome.interrupted);
    return { result, complete: !outcome.interrupted, done };
  } finally {
    appender?.close();
    await runner.close();
  }
}

/** A compare that cannot resume from its folder (bad usage: exit 2). */
export class CompareResumeError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'CompareResumeError';
  }
}

export const COMPARE_RUNS_FILE = 'compare-runs.ndjson';

interface CompareIdentity {
  kind: 'compare';
  gbsimVersion: string;
  scenarios: Array<{ name: string; file: string; hash: string }>;
  seed: number;
  shakeoutK: number;
}

function compareIdentity(options: CompareOptions, headers: readonly McHeader[]): CompareIdentity {
  return { kind: 'compare', gbsimVersion: GBSIM_VERSION, scenarios: headers.map((h) => h.scenario), seed: options.seed, shakeoutK: options.shakeoutK };
}

/**
 * A fresh compare-runs.ndjson (with experiment.json), or with `resume` the replay of an earlier
 * one: the same scenarios (hashes), seed, K and version; every line checked against the schema of
 * each scenario's summaries; the file cut back to its last whole line. `--runs` may grow, not shrink.
 */
function openCompareOutput(
  out: { dir: string; resume: boolean },
  identity: CompareIdentity,
  headers: readonly McHeader[],
  runs: number,
  add: (summaries: readonly ReplicationSummary[]) => void,
): Checked<{ appender: LineAppender; resumed: number }> {
  const file = join(out.dir, COMPARE_RUNS_FILE);
  const previous = out.resume ? readIdentity<CompareIdentity>(out.dir) : null;
  if (previous === null) {
    writeOutputs(out.dir, { [MC_FILES.identity]: jsonText(identity) });
    return { ok: true, value: { appender: new LineAppender(file, true), resumed: 0 } };
  }
  if ('error' in previous) return { ok: false, problems: [resumeMessages.unreadable(previous.file, previous.error)] };
  const fields: Array<keyof CompareIdentity> = ['kind', 'gbsimVersion', 'scenarios', 'seed', 'shakeoutK'];
  const problems = fields
    .filter((field) => JSON.stringify(previous.value[field]) !== JSON.stringify(identity[field]))
    .map((field) => resumeMessages.differs(previous.file, String(field), JSON.stringify(previous.value[field]) ?? 'nothing', JSON.stringify(identity[field])));
  if (problems.length > 0) return { ok: false, problems };
  let resumed = 0;
  let keep = 0;
  for (const line of readLines(file)) {
    if (!line.complete) break;
    if (resumed >= runs) return { ok: false, problems: [resumeMessages.fewerRuns(file, [...readLines(file)].filter((l) => l.complete).length, runs)] };
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      return { ok: false, problems: [resumeMessages.badLine(file, line.number, 'not valid JSON')] };
    }
    if (!Array.isArray(value) || value.length !== headers.length) return { ok: false, problems: [resumeMessages.badLine(file, line.number, `not ${headers.length} replication summaries`)] };
    for (const [i, header] of headers.entries()) {
      const problem = firstProblem(summaryLineSchema(header, resumed), value[i]);
      if (problem !== null) return { ok: false, problems: [resumeMessages.badLine(file, line.number, `scenario ${i + 1}: ${problem}`)] };
    }
    add(value as ReplicationSummary[]);
    resumed += 1;
    keep = line.end;
  }
  truncateFile(file, keep);
  return { ok: true, value: { appender: new LineAppender(file, false), resumed } };
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

function addDifferences(ids: readonly string[], pairs: Array<Array<PairTally | null>>, summaries: readonly ReplicationSummary[], horizons: readonly number[]): void {
  const baseline = summaries[0]!;
  ids.forEach((id, k) => {
    const base = baseline.players.find((p) => p.id === id);
    pairs[k]!.forEach((pair, i) => {
      const other = summaries[i + 1]!.players.find((p) => p.id === id);
      if (pair === null || base === undefined || other === undefined) return;
      const change = Number(other.survivor) - Number(base.survivor);
      pair.survival.add(change);
      if (change > 0) pair.gained += 1;
      if (change < 0) pair.lost += 1;
      pair.share.add(other.finalShare - base.finalShare);
      pair.cash.add(other.cashYuan - base.cashYuan);
      pair.points.add(other.pickupPoints - base.pickupPoints);
      pair.exitWeek.add((other.exitWeek ?? horizons[i + 1]!) - (base.exitWeek ?? horizons[0]!));
    });
  });
}

/** Per player and scenario: the pickup points and the cash at the horizon, for their means. */
function addFinalValues(ids: readonly string[], points: RunningMoments[][], cash: RunningMoments[][], summaries: readonly ReplicationSummary[]): void {
  ids.forEach((id, k) => summaries.forEach((summary, i) => {
    const player = summary.players.find((p) => p.id === id);
    if (player === undefined) return;
    points[k]![i]!.add(player.pickupPoints);
    cash[k]![i]!.add(player.cashYuan);
  }));
}

function compareResult(
  options: CompareOptions,
  accumulators: readonly McAccumulator[],
  ids: readonly string[],
  pairs: Array<Array<PairTally | null>>,
  finals: { points: readonly RunningMoments[][]; cash: readonly RunningMoments[][] },
  markets: readonly MarketTally[],
  complete: boolean,
): CompareResult {
  const results = accumulators.map((a) => a.result(complete));
  const differences = holmFamilies(pairs, markets);
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
        survivalDifference: differences.survival[k]!,
        finalShareDifference: differences.share[k]!,
        finalCashMean: per.map((p, i) => (p === undefined ? null : finals.cash[k]![i]!.mean)),
        finalCashDifference: differences.cash[k]!,
        finalPointsMean: per.map((p, i) => (p === undefined ? null : finals.points[k]![i]!.mean)),
        finalPointsDifference: differences.points[k]!,
        exitWeekMean: per.map((p) => p?.exit.meanWeek ?? null),
        exitWeekDifference: differences.exitWeek[k]!,
      };
    }),
    market: {
      survivorsMean: results.map((r) => r.market.survivors.mean),
      finalHhi: results.map((r) => intervalOf(r.market.finalHhi)),
      survivorsDifference: differences.survivors,
      finalHhiDifference: differences.hhi,
    },
    parameterDifferences: parameterDifferences(options.prepared.map((p) => p.scenario)),
  };
}

function intervalOf(interval: Interval): Interval {
  return { estimate: interval.estimate, low: interval.low, high: interval.high };
}

/** Significance level of every comparison, after Holm's adjustment. */
export const ALPHA = 0.05;

/**
 * A mean paired difference with its t 95% interval and the test made for it: exact McNemar
 * for survival (`discordant` given), paired t for a continuous measure. `pHolm` is set by the
 * family's adjustment (here: the raw p); a difference of exactly 0 is never significant.
 */
export function pairedDifference(differences: RunningMoments, discordant?: { gained: number; lost: number }, pHolm?: number, domain: readonly [number, number] = [-1, 1]): PairedDifference {
  const interval = tInterval(differences, domain);
  const p = discordant === undefined ? pairedTTestP(differences) : mcnemarExactP(discordant.gained, discordant.lost);
  const adjusted = pHolm ?? p;
  return {
    ...interval,
    test: discordant === undefined ? 'paired-t' : 'mcnemar-exact',
    p,
    pHolm: adjusted,
    ...(discordant === undefined ? {} : { discordant }),
    significant: adjusted < ALPHA && interval.estimate !== 0,
  };
}

const UNBOUNDED = [-Infinity, Infinity] as const;

/**
 * The differences of every player (survival, share, cash, pickup points, exit week) and of the market (survivors, HHI),
 * with Holm's adjustment over the family of each non-baseline scenario: all its tests together.
 */
function holmFamilies(pairs: Array<Array<PairTally | null>>, markets: readonly MarketTally[]) {
  const survival = pairs.map((row) => row.map((pair) => pair && pairedDifference(pair.survival, { gained: pair.gained, lost: pair.lost })));
  const share = pairs.map((row) => row.map((pair) => pair && pairedDifference(pair.share)));
  const cash = pairs.map((row) => row.map((pair) => pair && pairedDifference(pair.cash, undefined, undefined, UNBOUNDED)));
  const points = pairs.map((row) => row.map((pair) => pair && pairedDifference(pair.points, undefined, undefined, UNBOUNDED)));
  const exitWeek = pairs.map((row) => row.map((pair) => pair && pairedDifference(pair.exitWeek, undefined, undefined, UNBOUNDED)));
  const survivors = markets.map((m) => pairedDifference(m.survivors, undefined, undefined, UNBOUNDED));
  const hhi = markets.map((m) => pairedDifference(m.hhi, undefined, undefined, [-10_000, 10_000]));
  markets.forEach((_, i) => {
    const family = [...[survival, share, cash, points, exitWeek].flatMap((table) => table.map((row) => row[i] ?? null)), survivors[i]!, hhi[i]!].filter((d): d is PairedDifference => d !== null);
    const adjusted = holmAdjust(family.map((d) => d.p));
    family.forEach((d, j) => {
      d.pHolm = adjusted[j]!;
      d.significant = d.pHolm < ALPHA && d.estimate !== 0;
    });
  });
  return { survival, share, cash, points, exitWeek, survivors, hhi };
}

/** The leaf values that differ between the scenarios, by dotted path (list items by id where they have one). */
export function parameterDifferences(scenarios: readonly unknown[]): Array<{ path: string; values: unknown[] }> {
  const leaves = scenarios.map((scenario) => flatten(scenario, ''));
  const paths = [...new Set(leaves.flatMap((map) => [...map.keys()]))];
  return paths
    .filter((path) => !['name', 'description'].includes(path))
    .map((path) => ({ path, values: leaves.map((map) => (map.has(path) ? map.get(path) : null)) }))
    .filter(({ values }) => new Set(values.map((v) => JSON.stringify(v))).size > 1);
}

function flatten(value: unknown, prefix: string, into = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    const keyed = value.every((item) => typeof (item as { id?: unknown })?.id === 'string');
    if (!keyed || value.length === 0) into.set(prefix, value);
    else for (const item of value) flatten(item, `${prefix}.${(item as { id: string }).id}`, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix === '' ? key : `${prefix}.${key}`, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

export const COMPARE_COLUMNS = [
  'player', 'playerName', 'scenarioIndex', 'scenario', 'scenarioFile', 'baseline', 'runs',
  'survival', 'survivalLow', 'survivalHigh', 'finalShareMean', 'finalShareLow', 'finalShareHigh',
  'survivalDifference', 'survivalDifferenceLow', 'survivalDifferenceHigh', 'survivalGained', 'survivalLost',
  'survivalDifferenceP', 'survivalDifferencePHolm', 'survivalDifferenceSignificant',
  'finalShareDifference', 'finalShareDifferenceLow', 'finalShareDifferenceHigh',
  'finalShareDifferenceP', 'finalShareDifferencePHolm', 'finalShareDifferenceSignificant',
  'finalCashMeanYuan', 'finalCashDifferenceYuan', 'finalCashDifferenceLowYuan', 'finalCashDifferenceHighYuan', 'finalCashDifferencePHolm', 'finalCashDifferenceSignificant',
  'finalPointsMean', 'finalPointsDifference', 'finalPointsDifferenceLow', 'finalPointsDifferenceHigh',
  'finalPointsDifferenceP', 'finalPointsDifferencePHolm', 'finalPointsDifferenceSignificant',
  'exitWeekMean', 'exitWeekDifference', 'exitWeekDifferenceLow', 'exitWeekDifferenceHigh',
  'exitWeekDifferenceP', 'exitWeekDifferencePHolm', 'exitWeekDifferenceSignificant',
  'complete',
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
      const cashDifference = i === 0 ? null : player.finalCashDifference?.[i - 1] ?? null;
      const pointsDifference = i === 0 ? null : player.finalPointsDifference?.[i - 1] ?? null;
      const exitDifference = i === 0 ? null : player.exitWeekDifference?.[i - 1] ?? null;
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
        survivalGained: survivalDifference?.discordant?.gained ?? null,
        survivalLost: survivalDifference?.discordant?.lost ?? null,
        survivalDifferenceP: survivalDifference?.p ?? null,
        survivalDifferencePHolm: survivalDifference?.pHolm ?? null,
        survivalDifferenceSignificant: survivalDifference?.significant ?? null,
        finalShareDifference: shareDifference?.estimate ?? null,
        finalShareDifferenceLow: shareDifference?.low ?? null,
        finalShareDifferenceHigh: shareDifference?.high ?? null,
        finalShareDifferenceP: shareDifference?.p ?? null,
        finalShareDifferencePHolm: shareDifference?.pHolm ?? null,
        finalShareDifferenceSignificant: shareDifference?.significant ?? null,
        finalCashMeanYuan: player.finalCashMean?.[i] ?? null,
        finalCashDifferenceYuan: cashDifference?.estimate ?? null,
        finalCashDifferenceLowYuan: cashDifference?.low ?? null,
        finalCashDifferenceHighYuan: cashDifference?.high ?? null,
        finalCashDifferencePHolm: cashDifference?.pHolm ?? null,
        finalCashDifferenceSignificant: cashDifference?.significant ?? null,
        finalPointsMean: player.finalPointsMean?.[i] ?? null,
        finalPointsDifference: pointsDifference?.estimate ?? null,
        finalPointsDifferenceLow: pointsDifference?.low ?? null,
        finalPointsDifferenceHigh: pointsDifference?.high ?? null,
        finalPointsDifferenceP: pointsDifference?.p ?? null,
        finalPointsDifferencePHolm: pointsDifference?.pHolm ?? null,
        finalPointsDifferenceSignificant: pointsDifference?.significant ?? null,
        exitWeekMean: player.exitWeekMean?.[i] ?? null,
        exitWeekDifference: exitDifference?.estimate ?? null,
        exitWeekDifferenceLow: exitDifference?.low ?? null,
        exitWeekDifferenceHigh: exitDifference?.high ?? null,
        exitWeekDifferenceP: exitDifference?.p ?? null,
        exitWeekDifferencePHolm: exitDifference?.pHolm ?? null,
        exitWeekDifferenceSignificant: exitDifference?.significant ?? null,
        complete: result.complete !== false,
      }];
    }),
  );
}
