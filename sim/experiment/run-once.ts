/**
 * One run and its files: prepared scenario → runMarket → RunResult → summary.json, weekly.csv,
 * market.csv, events.csv, provinces.csv. These five depend on the inputs alone (same scenario and seed, same
 * bytes); wall-clock facts go to manifest.json.
 */
import { runMarket } from '../model/run.js';
import type { RunResult } from '../model/results.js';
import type { PreparedScenario } from './prepare.js';
import { EVENT_COLUMNS, MARKET_ROW_COLUMNS, PROVINCE_ROW_COLUMNS, WEEKLY_COLUMNS, eventRows, marketRows, provinceRows, weeklyRows } from './rows.js';
import { tableFile, type TableFormat } from './tables.js';
import { summaryOf } from './run-summary.js';
import { GBSIM_VERSION } from './version.js';

export const RUN_FILES = ['summary.json', 'weekly.csv', 'market.csv', 'events.csv', 'provinces.csv', 'manifest.json'] as const;

/** Every file a run may leave (either table format), for the check before overwriting. */
export const RUN_FILE_NAMES: readonly string[] = [...RUN_FILES, 'weekly.parquet', 'market.parquet', 'events.parquet', 'provinces.parquet'];

export interface RunOnceOptions {
  seed?: number;
  /** Replication index r: the run `gbsim mc` made as its replication r with the same seed (default 0). */
  replication?: number;
  weeks?: number;
  shakeoutK?: number;
}

export function runOnce(prepared: PreparedScenario, options: RunOnceOptions = {}): RunResult {
  return runMarket(prepared.params, {
    seed: options.seed ?? prepared.scenario.seed,
    replication: options.replication ?? 0,
    weeks: options.weeks,
    geography: prepared.geography,
    shakeoutK: options.shakeoutK,
  });
}

/** The run's summary: provenance, survivors and the final state (no wall-clock time). */
export function runSummary(prepared: PreparedScenario, result: RunResult) {
  return summaryOf(result, { gbsimVersion: GBSIM_VERSION, file: prepared.file, hash: prepared.source.hash, cells: prepared.geography.cellCount });
}

/** The result files, by name: summary.json and the weekly, market, events and provinces tables. */
export function runFiles(prepared: PreparedScenario, result: RunResult, format: TableFormat = 'csv'): Record<string, string | Uint8Array> {
  return {
    'summary.json': JSON.stringify(runSummary(prepared, result), null, 2) + '\n',
    ...tableFile('weekly', weeklyRows(result), WEEKLY_COLUMNS, format),
    ...tableFile('market', marketRows(result), MARKET_ROW_COLUMNS, format),
    ...tableFile('events', eventRows(result), EVENT_COLUMNS, format),
    ...tableFile('provinces', provinceRows(result), PROVINCE_ROW_COLUMNS, format),
  };
}
