/**
 * The scenarios an explorer page holds: each file loaded like `gbsim run` loads it (extends,
 * --set, validation: a bad file is a ScenarioError with every problem), then its sliders and its
 * lesson (from the file's opening comment).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareScenario, type PrepareOptions } from '../../sim/experiment/prepare.js';
import { GBSIM_VERSION } from '../../sim/experiment/version.js';
import { explorables } from '../../sim/scenario/explore.js';
import { ScenarioError } from '../../sim/scenario/issues.js';
import { lessonOf } from './lesson.js';
import type { ExplorerPageData, ExplorerScenario } from './protocol.js';

/** The repository's `scenarios/` folder (found upwards from this module, in dist/ or in source). */
function scenariosFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'scenarios', 'china-2020.yaml'))) return join(dir, 'scenarios');
    dir = dirname(dir);
  }
  throw new Error('the shipped scenarios (scenarios/china-2020.yaml) were not found');
}

/** Every teaching scenario (base first), then china-2020. */
export function defaultExplorerFiles(): string[] {
  const folder = scenariosFolder();
  const teaching = readdirSync(join(folder, 'teaching'))
    .filter((name) => name.endsWith('.yaml'))
    .sort((a, b) => (a === 'base.yaml' ? -1 : b === 'base.yaml' ? 1 : a.localeCompare(b)));
  return [...teaching.map((name) => join(folder, 'teaching', name)), join(folder, 'china-2020.yaml')];
}

/** Loads every file (all problems of all files at once) into the page's data. */
export function explorerPageData(files: readonly string[], options: PrepareOptions): ExplorerPageData {
  const scenarios: ExplorerScenario[] = [];
  const problems: ScenarioError['failures'][number][] = [];
  const keys = new Set<string>();
  for (const file of files) {
    let prepared;
    try {
      prepared = prepareScenario(file, options);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.failures);
      continue;
    }
    const stem = basename(file, extname(file)).replace(/[^A-Za-z0-9_-]/g, '-') || 'scenario';
    let key = stem;
    for (let n = 2; keys.has(key); n++) key = `${stem}-${n}`;
    keys.add(key);
    const data = structuredClone(prepared.scenario) as Record<string, unknown>;
    delete data.$schema;
    delete data.extends;
    const lesson = lessonOf(prepared.source.text);
    scenarios.push({
      key,
      name: prepared.scenario.name,
      description: prepared.scenario.description.trim(),
      demonstrates: lesson.demonstrates,
      lookFor: lesson.lookFor,
      data,
      ...(prepared.params.cells ? { cells: prepared.params.cells } : {}),
      seed: prepared.scenario.seed,
      explorables: explorables(prepared.scenario),
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return { gbsimVersion: GBSIM_VERSION, scenarios };
}
