/**
 * One run and its files: prepared scenario → runMarket → RunResult → summary.json, weekly.csv,
 * market.csv, events.csv, provinces.csv. These five depend on the inputs alone (same scenario and seed, same
 * bytes); wall-clock facts go to manifest.json.
 */
import { runMarket } from '../model/run.js';
import type { RunResult } from '../model/results.js';
import { toCsv } from './csv.js';
import type { PreparedScenario } from './prepare.js';
import { EVENT_COLUMNS, MARKET_ROW_COLUMNS, PROVINCE_ROW_COLUMNS, WEEKLY_COLUMNS, eventRows, marketRows, provinceRows, weeklyRows } from './rows.js';
import { summaryOf } from './run-summary.js';
import { GBSIM_VERSION } from './version.js';

export const RUN_FILES = ['summary.json', 'weekly.csv', 'market.csv', 'events.csv', 'provinces.csv', 'manifest.json'] as const;

export interface RunOnceOptions {
  seed?: number;
  weeks?: number;
  shakeoutK?: number;
}

export function runOnce(prepared: PreparedScenario, options: RunOnceOptions = {}): RunResult {
  return runMarket(prepared.params, {
    seed: options.seed ?? prepared.scenario.seed,
    weeks: options.weeks,
    geography: prepared.geography,
    shakeoutK: options.shakeoutK,
  });
}

/** The run's summary: provenance, survivors and the final state (no wall-clock time). */
export function runSummary(prepared: PreparedScenario, result: RunResult): object {
  return summaryOf(result, { gbsimVersion: GBSIM_VERSION, file: prepared.file, hash: prepared.source.hash, cells: prepared.geography.cellCount });
}

/** The four result files, by name. */
export function runFiles(prepared: PreparedScenario, result: RunResult): Record<string, string> {
  return {
    'summary.json': JSON.stringify(runSummary(prepared, result), null, 2) + '\n',
    'weekly.csv': toCsv(weeklyRows(result), WEEKLY_COLUMNS),
    'market.csv': toCsv(marketRows(result), MARKET_ROW_COLUMNS),
    'events.csv': toCsv(eventRows(result), EVENT_COLUMNS),
    'provinces.csv': toCsv(provinceRows(result), PROVINCE_ROW_COLUMNS),
  };
}
