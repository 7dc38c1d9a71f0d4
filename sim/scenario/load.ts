/**
 * Loads a scenario file into a validated `Scenario`, or every problem it has, as data:
 *
 *   read (YAML/JSON, positions) → extends (merge base-first) → --set overrides
 *     → shapes (zod) + cross-references → place issues in files → resolve file paths → hash
 *
 * Nothing here throws for bad input: a missing file, bad YAML, a cycle of `extends`, a wrong
 * value are all issues with a file, line and column (see `issues.ts` for their formatting).
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { readRegularFile } from './bounded-read.js';
import { MAX_CSV_BYTES } from './cells-csv.js';
import { loadChain } from './extends-chain.js';
import type { ChainFile } from './extends-chain.js';
import { cellBudgetProblem } from './cell-budget.js';
import { contentHash } from './identity.js';
import { formatPath, SET_SOURCE, sortIssues } from './issues.js';
import type { IssueStage, PathSegment, ScenarioIssue } from './issues.js';
import { nodeAt, originOf, toPlain } from './located.js';
import type { LocatedNode } from './located.js';
import * as message from './messages.js';
import { expand } from './plain-data.js';
import type { PathPattern } from './plain-data.js';
import { outsideOf, readRoots, type ReadRoots } from './read-roots.js';
import { checkReferences } from './references.js';
import { Scenario } from './schema.js';
import { applySets } from './set-overrides.js';
import { describeZodIssues } from './shape-issues.js';

/** Fields that name files relative to the scenario file that wrote them. */
export const FILE_FIELDS: readonly PathPattern[] = [['geography', 'cellsCsv']];

export interface LoadOptions {
  /** `path=value` overrides, applied in order after `extends` (see `set-overrides.ts`). */
  readonly sets?: readonly string[];
  /** Directory that relative paths (the file, `--set` file fields) start from; defaults to `process.cwd()`. */
  readonly cwd?: string;
  /**
   * Let `extends` and file fields written in scenario files name files outside the working
   * directory and the named file's folder (`--allow-outside`); by default that is an issue.
   */
  readonly allowOutside?: boolean;
}

/** Where a loaded scenario came from, and its identity. */
export interface ScenarioSource {
  /** The file as named by the caller. */
  readonly path: string;
  readonly absolutePath: string;
  /** The text of that file (not of its bases). */
  readonly text: string;
  /**
   * sha256 (hex) of the canonical JSON of the merged, validated scenario and of the sha256 of
   * every file it reads (`geography.cellsCsv`): formatting does not change it, editing any value
   * or any byte of a file the scenario reads does.
   */
  readonly hash: string;
  /** The files read: the named file first, then what it extends, then what that extends, ... */
  readonly chain: readonly string[];
  /**
   * Absolute paths of file fields, keyed by data path (`geography.cellsCsv`), each resolved
   * relative to the file that wrote it (`--set` values relative to `cwd`). The scenario holds the
   * same absolute paths.
   */
  readonly resolvedPaths: Readonly<Record<string, string>>;
}

export type LoadResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly source: ScenarioSource }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Loads, merges, overrides and validates the scenario at `path` (see the module comment). */
export async function loadScenario(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  return loadScenarioSync(path, options);
}

/** `loadScenario` without the promise (for tests and worker start-up). */
export function loadScenarioSync(path: string, options: LoadOptions = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const roots = options.allowOutside ? undefined : readRoots(path, cwd);
  const chain = loadChain(path, cwd, roots);
  if (!chain.ok) return { ok: false, issues: sortIssues(chain.issues, [path]) };
  const { root: withSets, issues: setIssues } = applySets(chain.root, options.sets ?? []);
  const root = dropEvents(withSets);
  const data = toPlain(root);
  const parsed = Scenario.safeParse(data);
  const shapeProblems = parsed.success ? [] : describeZodIssues(parsed.error.issues, data, Scenario);
  const issues = [
    ...setIssues,
    ...shapeProblems.map((problem) => place(root, problem, 'shape')),
    ...checkReferences(data).map((problem) => place(root, problem, 'reference')),
  ];
  const budget = parsed.success ? cellBudgetProblem(parsed.data) : undefined;
  if (budget !== undefined) issues.push(place(root, { path: ['geography', 'provinces'], message: budget }, 'shape'));
  const fileOrder = chain.files.map((file) => file.displayPath);
  if (!parsed.success || issues.length > 0) return { ok: false, issues: sortIssues(issues, fileOrder) };
  const [top] = chain.files as [ChainFile, ...ChainFile[]];
  const { resolved: resolvedPaths, outside } = resolveFileFields(parsed.data, root, chain.files, cwd, roots);
  if (outside.length > 0) return { ok: false, issues: sortIssues(outside, fileOrder) };
  const source: ScenarioSource = {
    path,
    absolutePath: top.absolutePath,
    text: top.text,
    hash: contentHash(hashParts(parsed.data, top.absolutePath, resolvedPaths)),
    chain: fileOrder,
    resolvedPaths,
  };
  return { ok: true, scenario: parsed.data, source };
}

function place(
  root: LocatedNode,
  problem: { path: PathSegment[]; message: string; got?: string },
  stage: IssueStage,
): ScenarioIssue {
  const origin = originOf(root, problem.path);
  return {
    file: origin.file,
    line: origin.line,
    col: origin.col,
    path: formatPath(problem.path),
    message: problem.message,
    ...(problem.got === undefined ? {} : { got: problem.got }),
    stage,
  };
}

/**
 * Makes every file field of `scenario` absolute (in place) and returns them by data path, with an
 * issue for each one a file wrote that lies outside `roots` (a `--set` value is the user's own).
 */
function resolveFileFields(
  scenario: Scenario,
  root: LocatedNode,
  files: readonly ChainFile[],
  cwd: string,
  roots: ReadRoots | undefined,
): { resolved: Record<string, string>; outside: ScenarioIssue[] } {
  const resolved: Record<string, string> = {};
  const outside: ScenarioIssue[] = [];
  for (const pattern of FILE_FIELDS) {
    for (const { path, value } of expand(scenario, pattern)) {
      if (typeof value !== 'string') continue;
      const writer = nodeAt(root, path)?.origin.file;
      const file = files.find((candidate) => candidate.displayPath === writer);
      const base = writer === SET_SOURCE || file === undefined ? cwd : dirname(file.absolutePath);
      const absolute = isAbsolute(value) ? value : resolve(base, value);
      const escape = roots === undefined || writer === SET_SOURCE ? undefined : outsideOf(absolute, roots);
      if (escape !== undefined) outside.push(place(root, { path, message: message.outsideRoots(value, escape, roots!) }, 'reference'));
      setAt(scenario, path, absolute);
      resolved[formatPath(path)] = absolute;
    }
  }
  return { resolved, outside };
}

/**
 * What `source.hash` hashes (`contentHash` of it): the scenario as hashed and the digests of the
 * files it names. `scenario` is valid, its file fields absolute; the top file is `absolutePath`.
 * A sweep puts a point's numbers into `scenario` of the parts and hashes again, without loading.
 */
export function hashParts(scenario: Scenario, absolutePath: string, resolvedPaths: Readonly<Record<string, string>>): { scenario: unknown; files: Record<string, string | null> } {
  return { scenario: identityOf(scenario, dirname(absolutePath)), files: fileDigests(resolvedPaths) };
}

/** The scenario as hashed: without `$schema`, file fields relative to the named file's folder. */
function identityOf(scenario: Scenario, topDirectory: string): unknown {
  const copy = structuredClone(scenario) as Scenario & { $schema?: string };
  delete copy.$schema;
  for (const pattern of FILE_FIELDS) {
    for (const { path, value } of expand(copy, pattern)) {
      if (typeof value === 'string') setAt(copy, path, relative(topDirectory, value).split(sep).join('/'));
    }
  }
  return copy;
}

/** The sha256 of each file field's bytes, by data path (null when it cannot be read: loading it reports why). */
function fileDigests(resolved: Readonly<Record<string, string>>): Record<string, string | null> {
  const digests: Record<string, string | null> = {};
  for (const [path, file] of Object.entries(resolved)) {
    const read = readRegularFile(file, MAX_CSV_BYTES);
    digests[path] = read.ok ? createHash('sha256').update(read.bytes).digest('hex') : null;
  }
  return digests;
}

/**
 * Removes the events marked `drop: true`: a scenario that extends another drops one of its
 * events by naming it (`events: [{ id: jd-investment, drop: true }]`, merged by id), instead of
 * repeating the whole list without it.
 */
function dropEvents(root: LocatedNode): LocatedNode {
  if (root.kind !== 'map') return root;
  const events = root.entries.get('events');
  if (events === undefined || events.value.kind !== 'seq') return root;
  const kept = events.value.items.filter((item) => {
    const drop = item.kind === 'map' ? item.entries.get('drop')?.value : undefined;
    return !(drop?.kind === 'scalar' && drop.value === true);
  });
  if (kept.length === events.value.items.length) return root;
  const entries = new Map(root.entries);
  entries.set('events', { ...events, value: { ...events.value, items: kept } });
  return { ...root, entries };
}

function setAt(data: unknown, path: readonly PathSegment[], value: unknown): void {
  const parentPath = path.slice(0, -1);
  const parent = parentPath.reduce<unknown>((node, step) => (node as Record<PathSegment, unknown>)[step], data);
  const last = path[path.length - 1];
  if (last !== undefined) (parent as Record<PathSegment, unknown>)[last] = value;
}
