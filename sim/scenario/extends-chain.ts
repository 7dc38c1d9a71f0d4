/**
 * `extends: base.yaml`: a scenario file may override another, named relative to itself. The
 * chain is read from the named file down to its furthest base, then merged base-first (mappings
 * key by key, lists of items with ids by id, other lists and scalars replaced: see
 * `mergeLocated`), each file's `extends` key dropped. Cycles, missing
 * targets and overly long chains are issues placed at the `extends` value that causes them.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import type { ScenarioIssue } from './issues.js';
import { mergeLocated } from './located.js';
import type { LocatedMap, Origin } from './located.js';
import * as message from './messages.js';
import { outsideOf, type ReadRoots } from './read-roots.js';
import { readScenarioFile } from './read-file.js';

/** Longest chain of files (the named file included). */
export const MAX_EXTENDS_DEPTH = 16;

/** One file of a chain, named as issues name it and as the file system does. */
export interface ChainFile {
  readonly displayPath: string;
  readonly absolutePath: string;
  readonly text: string;
}

export type ChainResult =
  | { readonly ok: true; readonly root: LocatedMap; readonly files: ChainFile[] }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

/**
 * Reads `displayPath` and everything it extends, and merges them. `files` lists the named file
 * first. With `roots`, a base outside every root is an issue (see `read-roots.ts`).
 */
export function loadChain(displayPath: string, cwd: string, roots?: ReadRoots): ChainResult {
  return loadLink({ displayPath, absolutePath: resolve(cwd, displayPath) }, [], roots);
}

function loadLink(file: { displayPath: string; absolutePath: string }, stack: readonly ChainFile[], roots: ReadRoots | undefined): ChainResult {
  const read = readScenarioFile(file.absolutePath, file.displayPath);
  if (!read.ok) return read;
  const self: ChainFile = { ...file, text: read.text };
  const extendsEntry = read.root.entries.get('extends');
  if (extendsEntry === undefined) return { ok: true, root: read.root, files: [self] };
  const fail = (at: Origin, text: string): ChainResult => ({
    ok: false,
    issues: [{ ...at, path: '', message: text, stage: 'extends' }],
  });
  const target = extendsEntry.value;
  if (target.kind !== 'scalar' || typeof target.value !== 'string' || target.value === '') {
    return fail(target.origin, message.extendsNotText(target.kind === 'scalar' ? target.value : target.kind === 'seq' ? [] : {}));
  }
  const base = {
    displayPath: isAbsolute(target.value) ? target.value : normalize(join(dirname(file.displayPath), target.value)),
    absolutePath: resolve(dirname(file.absolutePath), target.value),
  };
  const chain = [...stack, self];
  const loopStart = chain.findIndex((link) => link.absolutePath === base.absolutePath);
  if (loopStart !== -1) return fail(target.origin, message.extendsCycle([...chain.map((link) => link.displayPath), base.displayPath]));
  if (chain.length >= MAX_EXTENDS_DEPTH) return fail(target.origin, message.extendsTooDeep(MAX_EXTENDS_DEPTH));
  const outside = roots === undefined ? undefined : outsideOf(base.absolutePath, roots);
  if (outside !== undefined) return fail(target.origin, message.extendsOutside(target.value, outside, roots!));
  if (!existsSync(base.absolutePath)) return fail(target.origin, message.extendsMissing(target.value));
  if (statSync(base.absolutePath).isDirectory()) return fail(target.origin, message.extendsNotAFile(target.value));
  const loaded = loadLink(base, chain, roots);
  if (!loaded.ok) return loaded;
  const own = new Map(read.root.entries);
  own.delete('extends');
  const merged = mergeLocated(loaded.root, { ...read.root, entries: own }) as LocatedMap;
  return { ok: true, root: merged, files: [self, ...loaded.files] };
}
