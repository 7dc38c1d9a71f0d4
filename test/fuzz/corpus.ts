/**
 * The fuzz corpus, written deterministically (fixed seed) into a temporary folder: mutations of
 * every shipped scenario (`mutants`) and hand-made hostile files (`specials`: deep nesting, a
 * 10 MB file, an alias bomb, binary garbage, a directory, a missing path, a cycle of extends
 * through three files, ...). Each case says whether gbsim must refuse it (exit 2) or accept it,
 * and whether the refusal must point at a line and column.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { parse, parseDocument, stringify } from 'yaml';
import { ROOT } from '../scenario/helpers.js';
import { badNumber, controlInText, deleteRequired, oddKey, typeSwap, unicodeName, type Data, type Mutation } from './mutations.js';
import { rng, type Rng } from './random.js';
import { specials } from './specials.js';

export interface FuzzCase {
  /** Unique, e.g. `teaching/subsidy-war.yaml type-swap 2`. */
  readonly name: string;
  /** The row of docs/guarantees.md the case counts towards. */
  readonly category: string;
  /** What `gbsim validate` is given (absolute; may be a folder or a missing path). */
  readonly file: string;
  readonly expect: 'invalid' | 'valid';
  /** The refusal must show a line:column (the problem is at a place in a file). */
  readonly placed: boolean;
  /** `--set` expressions, if the case is about them. */
  readonly sets?: readonly string[];
  readonly what: string;
}

export const FUZZ_SEED = 'gbsim-fuzz-2020-12-11';

type Maker = (data: Data, random: Rng, format: 'yaml' | 'json') => Mutation | undefined;

/** Mutations per shipped file, by kind, and the category each counts towards. */
const PLAN: readonly { kind: string; category: string; count: number; make: Maker; valid?: boolean; needsOwnData?: boolean }[] = [
  { kind: 'type-swap', category: 'type swaps', count: 3, make: (d, r) => typeSwap(d, r) },
  { kind: 'delete-required', category: 'deleted keys', count: 4, make: (d, r) => deleteRequired(d, r), needsOwnData: true },
  { kind: 'bad-number', category: 'NaN, ±Infinity, ±1e308 and negative numbers', count: 3, make: (d, r, f) => badNumber(d, r, f) },
  { kind: 'control-in-text', category: 'control characters in text', count: 2, make: (d, r) => controlInText(d, r) },
  { kind: 'odd-key', category: 'unicode, control and prototype keys', count: 2, make: (d, r) => oddKey(d, r) },
  { kind: 'unicode-name', category: 'printable unicode names (must stay valid)', count: 1, make: (d, r) => unicodeName(d, r), valid: true },
];

/** Shipped scenarios (outside `scenarios/invalid/` and `scenarios/data/`), relative to `scenarios/`. */
export function shippedScenarios(): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(join(ROOT, 'scenarios', folder), { withFileTypes: true }).flatMap((entry) => {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) return entry.name === 'invalid' || entry.name === 'data' ? [] : walk(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
  return walk('').sort();
}

/** Writes the whole corpus under `dir` and returns its cases. */
export function writeCorpus(dir: string): FuzzCase[] {
  const random = rng(FUZZ_SEED);
  const scenarios = join(dir, 'scenarios');
  mkdirSync(scenarios, { recursive: true });
  for (const file of shippedScenarios()) cpSync(join(ROOT, 'scenarios', file), join(scenarios, file));
  const cases = shippedScenarios().flatMap((file) => mutantsOf(join(scenarios, file), file, random));
  return [...cases, ...specials(join(dir, 'special'), join(scenarios, 'china-2020.yaml'), random)];
}

function mutantsOf(path: string, label: string, random: Rng): FuzzCase[] {
  const data = parse(readFileSync(path, 'utf8')) as Data;
  const extendsSomething = 'extends' in data;
  const cases: FuzzCase[] = [];
  for (const step of PLAN) {
    if (step.needsOwnData && extendsSomething) continue;
    for (let n = 0; n < step.count; n++) {
      const format = random.below(4) === 0 ? 'json' : 'yaml';
      const mutation = attempt(() => step.make(data, random, format));
      if (mutation === undefined) continue;
      const file = join(dirname(path), `${basename(path, extname(path))}.${step.kind}-${n}.${format}`);
      writeFileSync(file, serialise(mutation, format));
      cases.push({ name: `${label} ${step.kind} ${n}`, category: step.category, file, expect: step.valid ? 'valid' : 'invalid', placed: !step.valid, what: mutation.what });
    }
  }
  const duplicate = duplicateKey(data, random);
  if (duplicate !== undefined) {
    const file = join(dirname(path), `${basename(path, extname(path))}.duplicate-key.${duplicate.format}`);
    writeFileSync(file, duplicate.text);
    cases.push({ name: `${label} duplicate-key`, category: 'duplicated keys', file, expect: 'invalid', placed: true, what: duplicate.what });
  }
  return cases;
}

/** A mutation, retried a few times when the random choice found nothing to change. */
function attempt(make: () => Mutation | undefined): Mutation | undefined {
  for (let i = 0; i < 10; i++) {
    const mutation = make();
    if (mutation !== undefined) return mutation;
  }
  return undefined;
}

function serialise(mutation: Mutation, format: 'yaml' | 'json'): string {
  const text = format === 'yaml' ? stringify(mutation.data, { lineWidth: 0 }) : `${JSON.stringify(mutation.data, null, 2)}\n`;
  if (mutation.raw === undefined) return text;
  const placeholder = format === 'yaml' ? mutation.raw.placeholder : JSON.stringify(mutation.raw.placeholder);
  return text.replace(placeholder, mutation.raw.text);
}

/** The file's data with one `key: scalar` line written twice (YAML), or one JSON member twice. */
function duplicateKey(data: Data, random: Rng): { text: string; format: 'yaml' | 'json'; what: string } | undefined {
  const format = random.below(3) === 0 ? 'json' : 'yaml';
  const text = format === 'yaml' ? stringify(data, { lineWidth: 0 }) : `${JSON.stringify(data, null, 2)}\n`;
  const lines = text.split('\n');
  const keyLine = format === 'yaml' ? /^\s*[A-Za-z$][\w$]*:( \S.*)?$/ : /^\s*"[^"]+": ("[^"]*"|-?[\d.e+]+|true|false|null),$/;
  const candidates = lines.map((line, i) => ({ line, i })).filter(({ line }) => keyLine.test(line) && !line.trimStart().startsWith('- '));
  for (let tries = 0; tries < 20 && candidates.length > 0; tries++) {
    const { line, i } = random.pick(candidates);
    const doubled = [...lines.slice(0, i + 1), line, ...lines.slice(i + 1)].join('\n');
    const found = parseDocument(doubled, { uniqueKeys: true }).errors.some((error) => error.code === 'DUPLICATE_KEY');
    if (found) return { text: doubled, format, what: `line ${i + 1} twice: ${line.trim().slice(0, 60)}` };
  }
  return undefined;
}

/** The corpus file as a path relative to the corpus folder (for names in reports). */
export function corpusPath(dir: string, file: string): string {
  return relative(dir, file);
}
