/**
 * Scenario data that remembers where each value was written: a tree of mappings, lists and
 * scalars in which every node (and every mapping key) carries its file, line and column. `extends`
 * merges and `--set` overrides work on these trees, so an issue found in the merged data can point
 * at the file and line that wrote the offending value.
 */
import type { DataPath } from './issues.js';

/** A place in a file: 1-based line and column (0 when the value was not written in a file). */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Scalar = string | number | boolean | null;

export interface LocatedEntry {
  readonly keyOrigin: Origin;
  readonly value: LocatedNode;
}

export type LocatedNode =
  | { readonly kind: 'map'; readonly origin: Origin; readonly entries: Map<string, LocatedEntry> }
  | { readonly kind: 'seq'; readonly origin: Origin; readonly items: LocatedNode[] }
  | { readonly kind: 'scalar'; readonly origin: Origin; readonly value: Scalar };

export type LocatedMap = Extract<LocatedNode, { kind: 'map' }>;

/**
 * Deep merge of `child` over `base`: mappings merge key by key (keys keep the base's order, new
 * keys follow); lists of mappings with ids (players, provinces, parents) merge item by item by
 * `id` (see `mergeById`); other lists and scalars replace. Neither input is changed.
 */
export function mergeLocated(base: LocatedNode, child: LocatedNode): LocatedNode {
  if (base.kind === 'seq' && child.kind === 'seq') return mergeById(base, child) ?? child;
  if (base.kind !== 'map' || child.kind !== 'map') return child;
  const entries = new Map(base.entries);
  for (const [key, entry] of child.entries) {
    const under = base.entries.get(key);
    entries.set(key, under === undefined ? entry : { keyOrigin: entry.keyOrigin, value: mergeLocated(under.value, entry.value) });
  }
  return { kind: 'map', origin: child.origin, entries };
}

type LocatedSeq = Extract<LocatedNode, { kind: 'seq' }>;

/**
 * Lists whose items all have distinct text `id`s, in both files, merge by id: a child item merges
 * into the base item with its id (so `players: [{ id: red, cashYuan: 6e8 }]` changes one field of
 * one player), items with new ids follow in the child's order, and base items the child does not
 * name stay. Otherwise (no ids, repeated ids, an empty child list) undefined: the child replaces.
 */
function mergeById(base: LocatedSeq, child: LocatedSeq): LocatedSeq | undefined {
  const baseIds = distinctIds(base.items);
  const childIds = distinctIds(child.items);
  if (baseIds === undefined || childIds === undefined || childIds.length === 0) return undefined;
  const childById = new Map(childIds.map((id, i) => [id, child.items[i]]));
  const inBase = new Set(baseIds);
  const items = base.items.map((item, i) => {
    const over = childById.get(baseIds[i] ?? '');
    return over === undefined ? item : mergeLocated(item, over);
  });
  const added = child.items.filter((_, i) => !inBase.has(childIds[i] ?? ''));
  return { kind: 'seq', origin: child.origin, items: [...items, ...added] };
}

function distinctIds(items: readonly LocatedNode[]): string[] | undefined {
  const ids = items.map(idOf);
  if (ids.some((id) => id === undefined) || new Set(ids).size !== ids.length) return undefined;
  return ids as string[];
}

/** The text `id` of a mapping node, if it has one. */
export function idOf(node: LocatedNode): string | undefined {
  if (node.kind !== 'map') return undefined;
  const id = node.entries.get('id')?.value;
  return id?.kind === 'scalar' && typeof id.value === 'string' ? id.value : undefined;
}

/** The plain JSON-like value of a located tree (mapping keys become own properties, even `__proto__`). */
export function toPlain(node: LocatedNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const object: Record<string, unknown> = {};
      for (const [key, entry] of node.entries) {
        Object.defineProperty(object, key, { value: toPlain(entry.value), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
  }
}

/** A located tree built from a plain value, every node placed at `origin` (used for `--set`). */
export function fromPlain(value: unknown, origin: Origin): LocatedNode {
  if (Array.isArray(value)) return { kind: 'seq', origin, items: value.map((item) => fromPlain(item, origin)) };
  if (value !== null && typeof value === 'object') {
    const entries = new Map<string, LocatedEntry>();
    for (const [key, item] of Object.entries(value)) entries.set(key, { keyOrigin: origin, value: fromPlain(item, origin) });
    return { kind: 'map', origin, entries };
  }
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  return { kind: 'scalar', origin, value: scalar };
}

/** The node at `path`, or undefined when some step is missing. */
export function nodeAt(root: LocatedNode, path: DataPath): LocatedNode | undefined {
  let node: LocatedNode | undefined = root;
  for (const segment of path) {
    node = node === undefined ? undefined : child(node, segment)?.value;
  }
  return node;
}

function child(node: LocatedNode, segment: string | number): { keyOrigin?: Origin; value: LocatedNode } | undefined {
  if (node.kind === 'map') return typeof segment === 'string' ? node.entries.get(segment) : node.entries.get(String(segment));
  if (node.kind === 'seq' && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

/**
 * Where to point an issue about `path`. With `at: 'key'` (the default) a mapping entry is shown at
 * its key, list items at the item; with `at: 'value'` at the value. When the path does not exist
 * (a missing required field) the deepest existing node on the way is shown.
 */
export function originOf(root: LocatedNode, path: DataPath, at: 'key' | 'value' = 'key'): Origin {
  let node = root;
  let keyOrigin: Origin | undefined;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) return keyOrigin ?? node.origin;
    node = next.value;
    keyOrigin = next.keyOrigin;
  }
  return at === 'key' && keyOrigin !== undefined ? keyOrigin : node.origin;
}
