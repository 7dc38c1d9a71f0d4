/**
 * `--set path=value` overrides, applied to the located tree after `extends`. A path uses dots and
 * brackets: `demand.bass.pPerWeek`, `players[1].cashYuan`, and a list item may be named by its
 * `id` (`players.xingsheng.cashYuan` or `players[xingsheng].cashYuan`). Missing mapping keys are
 * created (the schema then judges them). The value is read as YAML: `3e8`, `true`, `abc`, `[a, b]`.
 */
import { parseDocument } from 'yaml';
import { closest } from './did-you-mean.js';
import { formatPath, SET_SOURCE } from './issues.js';
import type { PathSegment, ScenarioIssue } from './issues.js';
import { fromPlain, idOf } from './located.js';
import type { LocatedMap, LocatedNode, Origin } from './located.js';
import * as message from './messages.js';
import { MAX_NESTING_DEPTH, tooDeepAt } from './nesting.js';

/** Keys that `--set` may not change (they are resolved before overrides apply). */
const FORBIDDEN_KEYS = new Set(['extends']);

const SET_ORIGIN: Origin = { file: SET_SOURCE, line: 0, col: 0 };

/** A failure while applying one override; caught below and turned into an issue. */
class SetFailure {
  constructor(readonly text: string) {}
}

/** Applies each `path=value` expression in order; bad ones become issues and are skipped. */
export function applySets(root: LocatedMap, expressions: readonly string[]): { root: LocatedMap; issues: ScenarioIssue[] } {
  let current: LocatedNode = root;
  const issues: ScenarioIssue[] = [];
  for (const expression of expressions) {
    try {
      current = applySet(current, expression);
    } catch (error) {
      if (!(error instanceof SetFailure)) throw error;
      issues.push({ ...SET_ORIGIN, path: '', message: error.text, stage: 'set' });
    }
  }
  return { root: current as LocatedMap, issues };
}

function applySet(root: LocatedNode, expression: string): LocatedNode {
  const equals = expression.indexOf('=');
  if (equals <= 0) throw new SetFailure(message.setNoEquals(expression));
  const steps = parseSetPath(expression, expression.slice(0, equals).trim());
  if (steps.length > MAX_NESTING_DEPTH) throw new SetFailure(message.setBadPath(expression, `more than ${MAX_NESTING_DEPTH} steps`));
  const first = steps[0];
  if (first !== undefined && FORBIDDEN_KEYS.has(first)) throw new SetFailure(message.setForbidden(expression, first));
  const value = fromPlain(parseSetValue(expression, expression.slice(equals + 1)), SET_ORIGIN);
  return assign(root, steps, 0, value, { expression, walked: [] });
}

/** `players[1].cashYuan` → `['players', '1', 'cashYuan']` (indices stay text until the data says list). */
export function parseSetPath(expression: string, path: string): string[] {
  const steps: string[] = [];
  let rest = path;
  let expectName = true;
  while (rest.length > 0) {
    const bracket = /^\[\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+))\s*\]/.exec(rest);
    if (bracket !== null) {
      steps.push(bracket[1] ?? bracket[2] ?? bracket[3] ?? '');
      rest = rest.slice(bracket[0].length);
      expectName = false;
      continue;
    }
    if (!expectName) {
      if (!rest.startsWith('.')) throw new SetFailure(message.setBadPath(expression, `unexpected "${rest[0]}" in "${path}"`));
      rest = rest.slice(1);
    }
    const name = /^[^.[\]]+/.exec(rest)?.[0];
    if (name === undefined) throw new SetFailure(message.setBadPath(expression, `empty step in "${path}"`));
    steps.push(name);
    rest = rest.slice(name.length);
    expectName = false;
  }
  if (steps.length === 0) throw new SetFailure(message.setBadPath(expression, 'no path before "="'));
  return steps;
}

function parseSetValue(expression: string, text: string): unknown {
  if (tooDeepAt(text) !== undefined) throw new SetFailure(message.setBadValue(expression, message.nestedTooDeep(MAX_NESTING_DEPTH)));
  const doc = parseDocument(text, { schema: 'core', resolveKnownTags: false, prettyErrors: false });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) throw new SetFailure(message.setBadValue(expression, problem.message.split('\n')[0] ?? ''));
  try {
    return doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    throw new SetFailure(message.setBadValue(expression, error instanceof Error ? error.message : String(error)));
  }
}

interface Walk {
  readonly expression: string;
  readonly walked: PathSegment[];
}

/** Returns a copy of `node` with `value` placed at `steps[i...]` (copy on write; inputs unchanged). */
function assign(node: LocatedNode | undefined, steps: readonly string[], i: number, value: LocatedNode, walk: Walk): LocatedNode {
  const step = steps[i];
  if (step === undefined) return value;
  const here = node ?? { kind: 'map', origin: SET_ORIGIN, entries: new Map() };
  if (here.kind === 'map') {
    const entries = new Map(here.entries);
    const next = assign(here.entries.get(step)?.value, steps, i + 1, value, { ...walk, walked: [...walk.walked, step] });
    entries.set(step, { keyOrigin: SET_ORIGIN, value: next });
    return { kind: 'map', origin: here.origin, entries };
  }
  const where = formatPath(walk.walked);
  if (here.kind === 'scalar') throw new SetFailure(message.setNotACollection(walk.expression, where, here.value));
  const index = itemIndex(here.items, step, where, walk.expression);
  const items = [...here.items];
  items[index] = assign(here.items[index], steps, i + 1, value, { ...walk, walked: [...walk.walked, index] });
  return { kind: 'seq', origin: here.origin, items };
}

function itemIndex(items: readonly LocatedNode[], step: string, where: string, expression: string): number {
  if (/^\d+$/.test(step)) {
    const index = Number(step);
    if (index >= items.length) throw new SetFailure(message.setIndexOutOfRange(expression, where, index, items.length));
    return index;
  }
  const ids = items.map(idOf);
  const index = ids.indexOf(step);
  if (index === -1) {
    const known = ids.filter((id): id is string => id !== undefined);
    throw new SetFailure(message.setNoSuchId(expression, where, step, closest(step, known)));
  }
  return index;
}
