/**
 * `gbsim mc`: N replications of one scenario, aggregated online.
 *
 *   prepare output (fresh, or resume: replay runs.ndjson) → runInOrder(replications, workers)
 *     → each summary in replication order: append to runs.ndjson, add to the aggregate
 *     → mc.json + survival.csv (complete, or partial when interrupted)
 *
 * A shard runs its block of replications and writes runs.ndjson and shard.json only; `merge`
 * aggregates the blocks. With a precision target, replications are added in batches until every
 * player's survival interval is narrow enough; the stopping point depends only on the ordered
 * summaries, so it too is the same for any number of workers.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cachedRunner, resolvedScenarioHash, type ReplicationCache } from './cache.js';
import { checkOutputDir, writeFileAtomic, writeOutputs } from './files.js';
import { McAccumulator, type McHeader, type PrecisionOutcome } from './mc-aggregate.js';
import { MC_FILE_NAMES, MC_FILES, identityFileName, jsonText, mcResultFiles, parseSummaryLine, readIdentity, runsTableFile, type McIdentity } from './mc-files.js';
import { resumeMessages, shardMessages } from './messages.js';
import { LineAppender, readLines, truncateFile } from './ndjson.js';
import { runInOrder } from './ordered.js';
import type { PreparedScenario } from './prepare.js';
import { rememberPrepared, type ScenarioRef } from './replication.js';
import { createRunner } from './runner.js';
import { shardRange, type Checked, type Range, type ShardSpec } from './shards.js';
import type { TableFormat } from './tables.js';
import type { McResult, ReplicationSummary } from './types.js';
import { GBSIM_VERSION } from './version.js';

export interface OutputOptions {
  dir: string;
  resume: boolean;
  force: boolean;
  /** survival.csv, or survival.parquet and runs.parquet (default csv). */
  format?: TableFormat;
}

export interface Progress {
  /** Replications done in this run's block (including those resumed). */
  done: number;
  /** Replications in the block (with --precision: up to the current batch). */
  total: number;
  /** Of `done`, how many were read back from a previous run. */
  resumed: number;
}

export interface McOptions {
  /** Run replications in a worker thread even with one worker, so signals are handled at once (the CLI does). */
  offMainThread?: boolean;
  prepared: PreparedScenario;
  /** The `--set` overrides and directory the scenario was prepared with (workers prepare it again). */
  sets: readonly string[];
  cwd: string;
  /** `--allow-outside`, as the scenario was prepared with. */
  allowOutside?: boolean;
  seed: number;
  /** Replications; with a precision target, the batch size. */
  runs: number;
  shakeoutK: number;
  workers: number;
  shard: ShardSpec | null;
  precision: { halfWidth: number; maxRuns: number } | null;
  out: OutputOptions | null;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Replications already run are read from here, and new ones stored (null or absent: no cache). */
  cache?: ReplicationCache | null;
  /** Each summary this call accepts, in replication order (not those replayed by --resume). */
  onSummary?: (summary: ReplicationSummary) => void;
}

export interface McReport {
  identity: McIdentity;
  /** The aggregate (null for a shard, or when no replication completed). */
  result: McResult | null;
  complete: boolean;
  range: Range;
  done: number;
  resumed: number;
}

/** The scenario as worker threads find it (and this thread, which keeps the prepared one). */
export function scenarioRef(prepared: PreparedScenario, sets: readonly string[], cwd: string, allowOutside = false): ScenarioRef {
  const ref = { file: prepared.source.absolutePath, sets: [...sets], cwd, allowOutside, hash: prepared.source.hash, resolved: resolvedScenarioHash(prepared.source) };
  rememberPrepared(ref, prepared);
  return ref;
}

export function mcHeader(prepared: PreparedScenario, seed: number, shakeoutK: number): McHeader {
  const { params } = prepared;
  return {
    scenario: { name: params.name, file: prepared.file, hash: prepared.source.hash },
    seed,
    horizonWeeks: params.horizonWeeks,
    startDate: params.startDate,
    shakeoutK,
    players: params.players.map((p) => ({ id: p.id, name: p.name })),
  };
}

/** Runs the experiment described by `options` (see the module comment). */
export async function runMonteCarlo(options: McOptions): Promise<Checked<McReport>> {
  const shard = options.shard !== null && options.shard.count > 1 ? options.shard : null;
  if (shard !== null && options.precision !== null) return { ok: false, problems: [shardMessages.precisionWithShards] };
  if (shard !== null && shard.count > options.runs) return { ok: false, problems: [shardMessages.moreShardsThanItems(shard, options.runs, 'runs')] };
  const range = shard === null ? { from: 0, to: options.runs } : shardRange(options.runs, shard);
  const identity: McIdentity = {
    kind: 'mc',
    gbsimVersion: GBSIM_VERSION,
    ...mcHeader(options.prepared, options.seed, options.shakeoutK),
    runs: options.runs,
    precision: options.precision && { ...options.precision, batch: options.runs },
    shard: shard && { ...shard, ...range },
  };
  const accumulator = new McAccumulator(identity);
  const schedule = new Schedule(range, options.precision, options.runs, accumulator);
  const opened = options.out === null ? { ok: true as const, value: null } : openOutput(options.out, identity, schedule, accumulator);
  if (!opened.ok) return opened;
  const appender = opened.value;
  const resumed = accumulator.runs;
  const ref = scenarioRef(options.prepared, options.sets, options.cwd, options.allowOutside);
  const report = () => options.onProgress?.({ done: accumulator.runs, total: schedule.end() - range.from, resumed });
  report();
  const runner = cachedRunner(createRunner(Math.max(1, Math.min(options.workers, schedule.end() - range.from - resumed)), options.offMainThread === true), options.cache ?? null);
  try {
    const outcome = await runInOrder<ReplicationSummary>({
      start: range.from + accumulator.runs,
      end: () => schedule.end(),
      window: runner.window,
      signal: options.signal,
      execute: (replication) => runner.run({ scenario: ref, seed: options.seed, replication, shakeoutK: options.shakeoutK }),
      accept: (_replication, summary) => {
        appender?.write(JSON.stringify(summary));
        schedule.accept(summary);
        options.onSummary?.(summary);
        report();
      },
    });
    const complete = !outcome.interrupted;
    const result = shard === null && accumulator.runs > 0 ? accumulator.result(complete, schedule.outcome()) : null;
    if (options.out !== null && result !== null) writeResultFiles(options.out, result);
    return { ok: true, value: { identity, result, complete, range, done: accumulator.runs, resumed } };
  } finally {
    appender?.close();
    await runner.close();
  }
}

function writeResultFiles(out: OutputOptions, result: McResult): void {
  const format = out.format ?? 'csv';
  const runs = format === 'parquet' ? runsTableFile(join(out.dir, MC_FILES.runs), format) : {};
  writeOutputs(out.dir, { ...mcResultFiles(result, format), ...runs });
}

/**
 * Which replications to run: the block, or with a precision target batches of `batch` until
 * every survival half-width is below the target or `maxRuns` is reached.
 */
class Schedule {
  private target: number;

  constructor(
    private readonly range: Range,
    private readonly precision: McOptions['precision'],
    private readonly batch: number,
    private readonly accumulator: McAccumulator,
  ) {
    this.target = precision === null ? range.to : Math.min(batch, precision.maxRuns);
  }

  /** Exclusive end of the replications to run, as known now. */
  end(): number {
    return this.target;
  }

  /** Adds the next summary to the aggregate and, at the end of a batch, decides whether to go on. */
  accept(summary: ReplicationSummary): void {
    this.accumulator.add(summary);
    const { precision } = this;
    if (precision === null || this.range.from + this.accumulator.runs !== this.target) return;
    if (this.accumulator.widestSurvivalHalfWidth() < precision.halfWidth) return;
    this.target = Math.min(this.target + this.batch, precision.maxRuns);
  }

  outcome(): PrecisionOutcome | undefined {
    if (this.precision === null) return undefined;
    const widestHalfWidth = this.accumulator.widestSurvivalHalfWidth();
    return { halfWidth: this.precision.halfWidth, reached: widestHalfWidth < this.precision.halfWidth, widestHalfWidth, maxRuns: this.precision.maxRuns };
  }
}

/** Prepares the output directory: a fresh start, or the replay of an earlier run's runs.ndjson. */
function openOutput(out: OutputOptions, identity: McIdentity, schedule: Schedule, accumulator: McAccumulator): Checked<LineAppender> {
  const previous = out.resume ? readIdentity<McIdentity>(out.dir) : null;
  if (previous === null) return { ok: true, value: startFresh(out, identity) };
  if ('error' in previous) return { ok: false, problems: [resumeMessages.unreadable(previous.file, previous.error)] };
  const problems = identityDifferences(previous.file, previous.value, identity);
  if (problems.length > 0) return { ok: false, problems };
  const runsFile = join(out.dir, MC_FILES.runs);
  const replayed = replay(runsFile, identity, schedule, accumulator, out.force);
  if (!replayed.ok) return replayed;
  truncateFile(runsFile, replayed.value);
  writeFileAtomic(join(out.dir, identityFileName(identity)), jsonText(identity));
  return { ok: true, value: new LineAppender(runsFile, false) };
}

function startFresh(out: OutputOptions, identity: McIdentity): LineAppender {
  checkOutputDir(out.dir, MC_FILE_NAMES, out.force);
  for (const name of MC_FILE_NAMES) rmSync(join(out.dir, name), { force: true });
  writeOutputs(out.dir, { [identityFileName(identity)]: jsonText(identity) });
  return new LineAppender(join(out.dir, MC_FILES.runs), true);
}

/** What must match for a run to continue another: everything that decides a replication's draws and its place. */
function identityDifferences(file: string, was: McIdentity, now: McIdentity): string[] {
  const fields: Array<[string, (identity: McIdentity) => unknown]> = [
    ['kind', (i) => i.kind],
    ['gbsim version', (i) => i.gbsimVersion],
    ['scenario hash', (i) => i.scenario?.hash],
    ['seed', (i) => i.seed],
    ['shakeout K', (i) => i.shakeoutK],
    ['shard', (i) => (i.shard ? `${i.shard.index}/${i.shard.count}` : 'none')],
    ['runs', (i) => (i.shard ? i.runs : 'any')],
  ];
  return fields
    .filter(([, get]) => JSON.stringify(get(was)) !== JSON.stringify(get(now)))
    .map(([field, get]) => resumeMessages.differs(file, field, String(get(was)), String(get(now))));
}

/** Feeds the complete lines of an earlier runs.ndjson to the aggregate; returns the bytes to keep. */
function replay(file: string, identity: McIdentity, schedule: Schedule, accumulator: McAccumulator, force: boolean): Checked<number> {
  const from = identity.shard?.from ?? 0;
  let keep = 0;
  for (const line of readLines(file)) {
    const replication = from + accumulator.runs;
    if (!line.complete) break;
    if (replication >= schedule.end()) {
      if (force) break;
      return { ok: false, problems: [resumeMessages.fewerRuns(file, completeLines(file), schedule.end() - from)] };
    }
    const parsed = parseSummaryLine(line.text, replication, identity);
    if ('problem' in parsed) return { ok: false, problems: [resumeMessages.badLine(file, line.number, parsed.problem)] };
    schedule.accept(parsed.summary);
    keep = line.end;
  }
  return { ok: true, value: keep };
}

function completeLines(file: string): number {
  let count = 0;
  for (const line of readLines(file)) if (line.complete) count += 1;
  return count;
}
