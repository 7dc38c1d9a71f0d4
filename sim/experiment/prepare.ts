/**
 * scenario file → everything a run needs: the validated scenario, its source and hash, the
 * model's parameters and the geography (built once, shared by every replication).
 * Bad input becomes a `ScenarioError` (all problems at once), never a partial run.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { buildGeography, type Geography } from '../model/geography.js';
import type { CellRow, MarketParams } from '../model/params.js';
import { loadCellsCsv } from '../scenario/cells-csv.js';
import { ScenarioError } from '../scenario/issues.js';
import { loadScenarioSync, type ScenarioSource } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { toMarketParams } from '../scenario/to-params.js';

export interface PreparedScenario {
  /**
   * The scenario file as result files record it: relative to the working directory when inside
   * it (`scenarios/x.yaml` whether typed so, as `./scenarios/x.yaml` or as an absolute path),
   * else absolute; so how the path was typed never changes a result file's bytes.
   */
  file: string;
  scenario: Scenario;
  source: ScenarioSource;
  params: MarketParams;
  geography: Geography;
}

export interface PrepareOptions {
  sets?: readonly string[];
  cwd?: string;
  /** Let the scenario read files outside the working directory and its own folder (`--allow-outside`). */
  allowOutside?: boolean;
}

export function prepareScenario(file: string, options: PrepareOptions = {}): PreparedScenario {
  const loaded = loadScenarioSync(file, { sets: options.sets ?? [], cwd: options.cwd, allowOutside: options.allowOutside });
  if (!loaded.ok) throw new ScenarioError([{ file, issues: loaded.issues }]);
  const { scenario, source } = loaded;
  let cells: CellRow[] | undefined;
  const csv = scenario.geography.cellsCsv;
  if (csv !== undefined) {
    const read = loadCellsCsv(csv, scenario.geography.provinces.map((p) => p.id));
    if (!read.ok) {
      throw new ScenarioError([{ file: csv, issues: read.issues.map((issue) => ({ ...issue, stage: 'file' as const })) }]);
    }
    cells = read.cells;
  }
  const params = toMarketParams(scenario, cells);
  return { file: recordedPath(file, options.cwd ?? process.cwd()), scenario, source, params, geography: buildGeography(params.geography, params.cells) };
}

/** `file` relative to `cwd` with "/" separators when inside it, else absolute. */
export function recordedPath(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const inside = relative(cwd, absolute);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return absolute;
  return inside.split(sep).join('/');
}
