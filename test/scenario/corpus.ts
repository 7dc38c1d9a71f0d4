/**
 * The scenario files shipped in `scenarios/`: the valid ones (every YAML/JSON file outside
 * `scenarios/invalid/` and `scenarios/data/` (observations and priors, not scenarios), except the
 * generated JSON Schema) and the invalid corpus (the files
 * directly in `scenarios/invalid/`, each with `# expect: line:col text` lines saying how it fails;
 * a JSON file keeps them in `<file>.expect` beside it, as JSON has no comments).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { ROOT } from './helpers.js';

const SCENARIO_FILE = /\.(ya?ml|json)$/;

/** Repository-relative paths of every scenario file under `folder`, sorted. */
function walk(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.isFile() && SCENARIO_FILE.test(entry.name) ? [path] : [];
    })
    .sort();
}

/** Every shipped scenario that must validate. */
export function validScenarioFiles(): string[] {
  const invalid = join('scenarios', 'invalid') + sep;
  const data = join('scenarios', 'data') + sep;
  return walk('scenarios').filter((path) => !path.startsWith(invalid) && !path.startsWith(data) && path !== join('scenarios', 'schema.json'));
}

/** One expected issue: where (file relative to the repository; line 0 for no place) and a piece of its text. */
export interface Expectation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

const EXPECT = /^#\s*expect:\s*(?:(\S+?):)?(\d+):(\d+)\s+(.+?)\s*$/;

/** The invalid corpus: each file and the issues it must produce. */
export function invalidScenarioFiles(): { file: string; expectations: Expectation[] }[] {
  const folder = join('scenarios', 'invalid');
  return readdirSync(join(ROOT, folder), { withFileTypes: true })
    .filter((entry) => entry.isFile() && SCENARIO_FILE.test(entry.name))
    .map((entry) => join(folder, entry.name))
    .sort()
    .map((file) => ({ file, expectations: expectationsOf(file) }));
}

function expectationsOf(file: string): Expectation[] {
  const sidecar = join(ROOT, `${file}.expect`);
  const text = readFileSync(existsSync(sidecar) ? sidecar : join(ROOT, file), 'latin1');
  return text.split('\n').flatMap((line) => {
    const match = EXPECT.exec(line);
    if (match === null) return [];
    const [, other, lineText, colText, expected] = match;
    const where = other === undefined ? file : normalize(join(file, '..', other));
    return [{ file: where, line: Number(lineText), col: Number(colText), text: Buffer.from(expected ?? '', 'latin1').toString('utf8') }];
  });
}
