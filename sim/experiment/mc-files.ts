/**
 * The files of a Monte Carlo run and how they are read back:
 *
 *   experiment.json  what was asked (scenario identity, seed, runs, K): written first, read by --resume
 *   shard.json       the same for one shard (plus i/n and its block), read by `gbsim merge`
 *   runs.ndjson      one ReplicationSummary per line, in replication order
 *   mc.json          McResult (+ complete); survival.csv one tidy row per player
 *   runs.parquet     with --format parquet: runs.ndjson as a tidy table (one row per run per
 *                    player), and survival.parquet in place of survival.csv
 *   manifest.json    wall-clock facts (written by the command; never read back)
 *
 * Every file except runs.ndjson is replaced atomically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLines } from './ndjson.js';
import { tableFile, type TableFormat } from './tables.js';
import { firstProblem, summaryLineSchema } from './line-schemas.js';
import type { McHeader } from './mc-aggregate.js';
import type { Range, ShardSpec } from './shards.js';
import type { McResult, ReplicationSummary } from './types.js';

export const MC_FILES = {
  identity: 'experiment.json',
  shard: 'shard.json',
  runs: 'runs.ndjson',
  result: 'mc.json',
  survival: 'survival.csv',
  manifest: 'manifest.json',
} as const;

/** Every file a Monte Carlo run may leave in its output directory. */
export const MC_FILE_NAMES: readonly string[] = [...Object.values(MC_FILES), 'survival.parquet', 'runs.parquet'];

/** What a Monte Carlo run was asked to do: enough to resume it, or to merge its shards, without the scenario file. */
export interface McIdentity extends McHeader {
  kind: 'mc';
  gbsimVersion: string;
  /** Replications asked for (with --precision: the batch size). */
  runs: number;
  precision: { halfWidth: number; batch: number; maxRuns: number } | null;
  shard: (ShardSpec & Range) | null;
}

export function identityFileName(identity: { shard: unknown }): string {
  return identity.shard === null ? MC_FILES.identity : MC_FILES.shard;
}

/** A JSON number or null as JSON.stringify writes it. */
const SCALAR = String.raw`(?:-?\d[\d.eE+-]*|null)`;
const SCALAR_ARRAY = new RegExp(String.raw`\[\n\s+(${SCALAR}(?:,\n\s+${SCALAR})*)\n\s+\]`, 'g');

/** Pretty JSON with arrays of numbers on one line (`byWeek` would take a hundred lines each). */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(SCALAR_ARRAY, (_, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`);
  return `${text}\n`;
}

/** Reads the identity file of `dir` (shard.json or experiment.json): null when there is none. */
export function readIdentity<T>(dir: string): { file: string; value: T } | { file: string; error: string } | null {
  for (const name of [MC_FILES.shard, MC_FILES.identity]) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    try {
      return { file, value: JSON.parse(readFileSync(file, 'utf8')) as T };
    } catch (error) {
      return { file, error: (error as Error).message };
    }
  }
  return null;
}

export const SURVIVAL_COLUMNS = [
  'player', 'playerName', 'runs', 'survivors', 'survival', 'survivalLow', 'survivalHigh',
  'finalShareMean', 'finalShareLow', 'finalShareHigh', 'finalShareSd',
  'finalShareP05', 'finalShareP25', 'finalShareP50', 'finalShareP75', 'finalShareP95',
  'pFirst', 'pTop3', 'exits', 'exitWeekMean', 'exitWeekP05', 'exitWeekP50', 'exitWeekP95',
  'exitsBankruptcy', 'exitWeekMeanBankruptcy', 'exitsParentCutOff', 'exitWeekMeanParentCutOff',
  'exitsParentLossLimit', 'exitWeekMeanParentLossLimit', 'exitsWindDown', 'exitWeekMeanWindDown', 'exitsAcquired', 'exitWeekMeanAcquired',
  'complete',
] as const;

/** `mc.json` and `survival.csv` (or `survival.parquet`) of a result. */
export function mcResultFiles(result: McResult, format: TableFormat = 'csv'): Record<string, string | Uint8Array> {
  return { [MC_FILES.result]: jsonText(result), ...tableFile('survival', survivalRows(result), SURVIVAL_COLUMNS, format) };
}

/** The rows of survival.csv: one per player. */
export function survivalRows(result: McResult): Array<Record<(typeof SURVIVAL_COLUMNS)[number], string | number | boolean | null>> {
  return result.players.map((p) => ({
    player: p.id,
    playerName: p.name,
    runs: p.survival.runs,
    survivors: p.survival.survivors,
    survival: p.survival.estimate,
    survivalLow: p.survival.low,
    survivalHigh: p.survival.high,
    finalShareMean: p.finalShare.estimate,
    finalShareLow: p.finalShare.low,
    finalShareHigh: p.finalShare.high,
    finalShareSd: p.finalShare.sd,
    finalShareP05: p.finalShare.quantiles.p05,
    finalShareP25: p.finalShare.quantiles.p25,
    finalShareP50: p.finalShare.quantiles.p50,
    finalShareP75: p.finalShare.quantiles.p75,
    finalShareP95: p.finalShare.quantiles.p95,
    pFirst: p.rank.first,
    pTop3: p.rank.top3,
    exits: p.exit.exits,
    exitWeekMean: p.exit.meanWeek,
    exitWeekP05: p.exit.quantiles?.p05 ?? null,
    exitWeekP50: p.exit.quantiles?.p50 ?? null,
    exitWeekP95: p.exit.quantiles?.p95 ?? null,
    exitsBankruptcy: p.exit.byReason.bankruptcy.exits,
    exitWeekMeanBankruptcy: p.exit.byReason.bankruptcy.meanWeek,
    exitsParentCutOff: p.exit.byReason['parent-cut-off'].exits,
    exitWeekMeanParentCutOff: p.exit.byReason['parent-cut-off'].meanWeek,
    exitsParentLossLimit: p.exit.byReason['parent-loss-limit'].exits,
    exitWeekMeanParentLossLimit: p.exit.byReason['parent-loss-limit'].meanWeek,
    exitsWindDown: p.exit.byReason['wind-down'].exits,
    exitWeekMeanWindDown: p.exit.byReason['wind-down'].meanWeek,
    exitsAcquired: p.exit.byReason.acquired.exits,
    exitWeekMeanAcquired: p.exit.byReason.acquired.meanWeek,
    complete: result.complete !== false,
  }));
}

export const RUN_ROW_COLUMNS = ['replication', 'player', 'status', 'survivor', 'finalShare', 'rank', 'exitWeek', 'cashYuan', 'survivors', 'shakeoutWeek', 'finalHhi'] as const;

/** A replication summary as tidy rows: one per player, with the run's market measures repeated. */
export function runRows(summary: ReplicationSummary): Array<Record<(typeof RUN_ROW_COLUMNS)[number], string | number | boolean | null>> {
  return summary.players.map((p) => ({
    replication: summary.replication,
    player: p.id,
    status: p.status,
    survivor: p.survivor,
    finalShare: p.finalShare,
    rank: p.rank,
    exitWeek: p.exitWeek,
    cashYuan: p.cashYuan,
    survivors: summary.survivors,
    shakeoutWeek: summary.shakeoutWeek,
    finalHhi: summary.finalHhi,
  }));
}

/** `runs.parquet` (or `.csv`): the complete lines of a runs.ndjson file as tidy rows. */
export function runsTableFile(runsFile: string, format: TableFormat): Record<string, string | Uint8Array> {
  const rows = [];
  for (const line of readLines(runsFile)) if (line.complete) rows.push(...runRows(JSON.parse(line.text) as ReplicationSummary));
  return tableFile('runs', rows, RUN_ROW_COLUMNS, format);
}

/**
 * A runs.ndjson line as a summary of replication `replication` with the header's players, or
 * the reason it is not one: every line read back is checked against the schema it was written
 * with (shares within [0, 1], whole survivors within the player count, weeks within the horizon).
 */
export function parseSummaryLine(text: string, replication: number, header: McHeader): { summary: ReplicationSummary } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || !Array.isArray((value as ReplicationSummary).players)) return { problem: 'not a replication summary' };
  const problem = firstProblem(summaryLineSchema(header, replication), value);
  return problem === null ? { summary: value as ReplicationSummary } : { problem };
}
