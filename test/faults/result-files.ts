/** Reading gbsim's result files back, completely or not at all, for the fault tests. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** The four files of `gbsim run --out` whose bytes depend on the inputs alone. */
export const RUN_RESULT_FILES = ['summary.json', 'weekly.csv', 'market.csv', 'events.csv', 'provinces.csv'] as const;

/** Parses a result file by its extension; throws when it is not complete and well formed. */
export function parseResult(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) return JSON.parse(text);
  if (path.endsWith('.csv')) {
    if (!text.endsWith('\n')) throw new Error(`${path} does not end with a newline`);
    return parse(text, { relax_column_count: false });
  }
  throw new Error(`no parser for ${path}`);
}

/** The result files present in `dir`, by name, with their bytes. */
export function resultBytes(dir: string, names: readonly string[]): Map<string, string> {
  const present = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    if (existsSync(path)) present.set(name, readFileSync(path, 'utf8'));
  }
  return present;
}
