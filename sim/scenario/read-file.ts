/**
 * Reads one scenario file into a located tree: size and type checks, UTF-8 decoding, YAML (or
 * JSON) parsing with node positions, and the data-only rules (no tags, bounded aliases, bounded
 * nesting, plain keys). Every failure becomes an issue with a place; nothing here throws for bad input.
 */
import { extname } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Alias, Document, Node as YamlNode } from 'yaml';
import { readRegularFile } from './bounded-read.js';
import type { ScenarioIssue } from './issues.js';
import type { LocatedEntry, LocatedMap, LocatedNode, Origin, Scalar } from './located.js';
import * as message from './messages.js';
import { MAX_NESTING_DEPTH, tooDeepAt } from './nesting.js';

/** Largest scenario file accepted, in bytes. */
export const MAX_FILE_BYTES = 5_000_000;
/** Largest number of alias expansions a file may cause (guards against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

export type ReadResult =
  | { readonly ok: true; readonly root: LocatedMap; readonly text: string }
  | { readonly ok: false; readonly issues: ScenarioIssue[] };

/** Reads and parses the scenario file at `absolutePath`; issues name it as `displayPath`. */
export function readScenarioFile(absolutePath: string, displayPath: string): ReadResult {
  const fail = (text: string, line = 0, col = 0, stage: ScenarioIssue['stage'] = 'file'): ReadResult => ({
    ok: false,
    issues: [{ file: displayPath, line, col, path: '', message: text, stage }],
  });
  const bytes = readBytes(absolutePath);
  if (typeof bytes === 'string') return fail(bytes);
  if (bytes.subarray(0, 8000).includes(0)) return fail(message.binaryFile());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail(message.notUtf8());
  }
  if (text.trim() === '') return fail(message.emptyFile());
  const isJson = extname(absolutePath).toLowerCase() === '.json';
  const jsonProblem = isJson ? checkJson(text) : undefined;
  if (jsonProblem !== undefined) return fail(jsonProblem.text, jsonProblem.line, jsonProblem.col, 'yaml');
  const parsed = parseYaml(text, displayPath);
  return parsed.ok ? { ok: true, root: parsed.root, text } : parsed;
}

function readBytes(path: string): Uint8Array | string {
  const read = readRegularFile(path, MAX_FILE_BYTES);
  if (read.ok) return read.bytes;
  switch (read.reason) {
    case 'missing': return message.fileNotFound();
    case 'directory': return message.isDirectory();
    case 'not-regular': return message.notARegularFile(read.detail);
    case 'too-large': return message.fileTooLarge(read.size ?? MAX_FILE_BYTES + 1, MAX_FILE_BYTES);
    default: return message.unreadableFile(read.detail);
  }
}

/** Strict JSON check for `.json` files (the YAML parser would also accept comments and bare words). */
function checkJson(text: string): { text: string; line: number; col: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(detail)?.[1];
    const place = offset === undefined ? { line: 1, col: 1 } : positionIn(text, Number(offset));
    return { text: message.jsonSyntax(detail.replace(/ in JSON at position \d+.*$|\s*\(line \d+ column \d+\)$/, '')), ...place };
  }
}

/** 1-based line and column of `offset` in `text`. */
function positionIn(text: string, offset: number): { line: number; col: number } {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter.linePos(offset);
}

type ParseResult = { ok: true; root: LocatedMap } | { ok: false; issues: ScenarioIssue[] };

function parseYaml(text: string, file: string): ParseResult {
  const lineCounter = new LineCounter();
  const deep = tooDeepAt(text);
  if (deep !== undefined) return { ok: false, issues: [{ file, ...positionIn(text, deep), path: '', message: message.nestedTooDeep(MAX_NESTING_DEPTH), stage: 'yaml' }] };
  // Duplicate keys are found while building the tree: yaml's own check (uniqueKeys) compares
  // every key with every other, which takes minutes for a mapping with 100,000 keys.
  const doc = parseDocument(text, { lineCounter, schema: 'core', resolveKnownTags: false, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number | undefined): Origin => ({ file, ...lineCounter.linePos(offset ?? 0) });
  const issues: ScenarioIssue[] = [];
  for (const error of doc.errors) {
    issues.push({ ...at(error.pos[0]), path: '', message: message.yamlSyntax(firstLine(error.message)), stage: 'yaml' });
  }
  for (const warning of doc.warnings) {
    const tag = /^Unresolved tag: (\S+)/.exec(warning.message)?.[1];
    const text = tag === undefined ? message.yamlSyntax(firstLine(warning.message)) : message.unknownTag(shortTag(tag));
    issues.push({ ...at(warning.pos[0]), path: '', message: text, stage: 'yaml' });
  }
  if (issues.length > 0) return { ok: false, issues };
  const bomb = checkAliasCount(doc);
  if (bomb !== undefined) return { ok: false, issues: [{ ...at(bomb), path: '', message: message.aliasBomb(MAX_ALIAS_COUNT), stage: 'yaml' }] };
  if (doc.contents === null) return { ok: false, issues: [{ ...at(0), path: '', message: message.emptyFile(), stage: 'file' }] };
  const builder = new TreeBuilder(doc, at);
  const root = builder.build(doc.contents);
  if (builder.issues.length > 0) return { ok: false, issues: builder.issues };
  if (root.kind !== 'map') {
    const got = root.kind === 'seq' ? [] : root.value;
    return { ok: false, issues: [{ ...root.origin, path: '', message: message.notAMapping(got), stage: 'file' }] };
  }
  return { ok: true, root };
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? text;
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

/** The offset of the first alias when expanding aliases exceeds the limit, else undefined. */
function checkAliasCount(doc: Document.Parsed): number | undefined {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT, mapAsMap: true });
    return undefined;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let offset = 0;
    visit(doc, {
      Alias(_, alias) {
        offset = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return offset;
  }
}

/** Turns the YAML AST into a located tree, resolving aliases (already known to be bounded). */
class TreeBuilder {
  readonly issues: ScenarioIssue[] = [];
  private readonly inProgress = new Set<YamlNode>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly at: (offset: number | undefined) => Origin,
  ) {}

  build(node: unknown): LocatedNode {
    const origin = this.at(isAlias(node) || isMap(node) || isSeq(node) || isScalar(node) ? node.range?.[0] : undefined);
    if (isAlias(node)) return this.buildAlias(node, origin);
    if (isMap(node)) return this.buildMap(node.items, node, origin);
    if (isSeq(node)) return this.guarded(node, () => ({ kind: 'seq', origin, items: node.items.map((item) => this.build(item)) }));
    if (isScalar(node)) return { kind: 'scalar', origin, value: toScalar(node.value) };
    return { kind: 'scalar', origin, value: null };
  }

  private buildAlias(alias: Alias, origin: Origin): LocatedNode {
    const target = alias.resolve(this.doc);
    if (target !== undefined && this.inProgress.has(target)) {
      this.issues.push({ ...origin, path: '', message: message.recursiveAlias(alias.source), stage: 'yaml' });
      return { kind: 'scalar', origin, value: null };
    }
    return this.build(target);
  }

  private buildMap(pairs: readonly unknown[], node: YamlNode, origin: Origin): LocatedNode {
    return this.guarded(node, () => {
      const entries = new Map<string, LocatedEntry>();
      for (const pair of pairs) {
        if (!isPair(pair)) continue;
        const keyRange = isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key) ? pair.key.range : undefined;
        const keyOrigin = keyRange === undefined || keyRange === null ? origin : this.at(keyRange[0]);
        if (pair.key !== null && !isScalar(pair.key)) {
          this.issues.push({ ...keyOrigin, path: '', message: message.complexKey(), stage: 'yaml' });
          continue;
        }
        const key = String(pair.key === null ? null : (pair.key.value as Scalar));
        if (entries.has(key)) {
          this.issues.push({ ...keyOrigin, path: '', message: message.duplicateKey(key), stage: 'yaml' });
          continue;
        }
        entries.set(key, { keyOrigin, value: this.build(pair.value) });
      }
      return { kind: 'map', origin, entries };
    });
  }

  private guarded(node: YamlNode, make: () => LocatedNode): LocatedNode {
    this.inProgress.add(node);
    try {
      return make();
    } finally {
      this.inProgress.delete(node);
    }
  }
}

function toScalar(value: unknown): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}
