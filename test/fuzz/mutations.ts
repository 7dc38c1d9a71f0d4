/**
 * Mutations of scenario data that make it certainly invalid, each checked against the schema of
 * the place it changes (a replacement the field would accept is never chosen): type swaps,
 * deleted required keys, non-finite, enormous and negative numbers, control characters in text,
 * unknown keys with odd characters. Values the YAML writer cannot express (`1e309`, `.NaN`, a
 * JSON `NaN`) are written as placeholders and put into the text afterwards (`RawToken`).
 */
import type { z } from 'zod';
import type { PathSegment } from '../../sim/scenario/issues.js';
import { schemaAt, shapeOf } from '../../sim/scenario/schema-walk.js';
import { Scenario } from '../../sim/scenario/schema.js';
import type { Rng } from './random.js';

export type Data = Record<string, unknown>;

/** A token written verbatim into the file in place of its placeholder. */
export interface RawToken {
  readonly placeholder: string;
  readonly text: string;
}

export interface Mutation {
  readonly kind: string;
  readonly what: string;
  readonly data: Data;
  readonly raw?: RawToken;
}

/** Every node of `data` (mappings, lists and scalars) with its path, the root excepted. */
export function nodes(data: unknown, path: PathSegment[] = []): { path: PathSegment[]; value: unknown }[] {
  const here = path.length === 0 ? [] : [{ path, value: data }];
  if (Array.isArray(data)) return [...here, ...data.flatMap((item, i) => nodes(item, [...path, i]))];
  if (data !== null && typeof data === 'object') return [...here, ...Object.entries(data).flatMap(([k, v]) => nodes(v, [...path, k]))];
  return here;
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value);
const rejects = (schema: z.ZodType | undefined, value: unknown) => schema !== undefined && !schema.safeParse(value).success;

function setAt(data: unknown, path: readonly PathSegment[], value: unknown): void {
  const parent = path.slice(0, -1).reduce<unknown>((node, step) => (node as Record<PathSegment, unknown>)[step], data);
  (parent as Record<PathSegment, unknown>)[path[path.length - 1]!] = value;
}

function deleteAt(data: unknown, path: readonly PathSegment[]): void {
  const parent = path.slice(0, -1).reduce<unknown>((node, step) => (node as Record<PathSegment, unknown>)[step], data);
  delete (parent as Record<PathSegment, unknown>)[path[path.length - 1]!];
}

const show = (path: readonly PathSegment[]) => path.join('.');

/** Replaces a node with a value of another type that its field refuses. */
export function typeSwap(data: Data, random: Rng): Mutation | undefined {
  const replacements: unknown[] = [12345, 'text', true, null, [1, 2], { zz: 1 }];
  const candidates = nodes(data).flatMap(({ path, value }) => {
    const schema = schemaAt(Scenario, data, path);
    const fits = replacements.filter((r) => typeOf(r) !== typeOf(value) && rejects(schema, r));
    return fits.length > 0 ? [{ path, fits }] : [];
  });
  if (candidates.length === 0) return undefined;
  const { path, fits } = random.pick(candidates);
  const value = random.pick(fits);
  const copy = structuredClone(data);
  setAt(copy, path, value);
  return { kind: 'type-swap', what: `${show(path)} := ${JSON.stringify(value)}`, data: copy };
}

/** Deletes a key its mapping requires (for files that extend nothing: a base would supply it). */
export function deleteRequired(data: Data, random: Rng): Mutation | undefined {
  const candidates = nodes(data).filter(({ path }) => {
    const key = path[path.length - 1];
    if (typeof key !== 'string') return false;
    const field = shapeOf(schemaAt(Scenario, data, path.slice(0, -1)))?.[key];
    return field !== undefined && !field.safeParse(undefined).success;
  });
  if (candidates.length === 0) return undefined;
  const { path } = random.pick(candidates);
  const copy = structuredClone(data);
  deleteAt(copy, path);
  return { kind: 'delete-required', what: `delete ${show(path)}`, data: copy };
}

/** Numbers no field accepts, and how each is written in YAML and in JSON. */
const BAD_NUMBERS: readonly { value: number; yaml: string; json: string }[] = [
  { value: NaN, yaml: '.nan', json: 'NaN' },
  { value: NaN, yaml: '.NaN', json: 'NaN' },
  { value: Infinity, yaml: '.inf', json: 'Infinity' },
  { value: -Infinity, yaml: '-.Inf', json: '-Infinity' },
  { value: Infinity, yaml: '1e309', json: '1e309' },
  { value: 1e308, yaml: '1e308', json: '1e308' },
  { value: -1e308, yaml: '-1e308', json: '-1e308' },
  { value: -1, yaml: '-1', json: '-1' },
  { value: -1e-300, yaml: '-1e-300', json: '-1e-300' },
];

/** Puts a non-finite, enormous or negative number where its field refuses it. */
export function badNumber(data: Data, random: Rng, format: 'yaml' | 'json'): Mutation | undefined {
  const leaves = nodes(data).filter(({ value }) => typeof value === 'number');
  const bad = random.pick(BAD_NUMBERS);
  const candidates = leaves.filter(({ path }) => rejects(schemaAt(Scenario, data, path), bad.value));
  if (candidates.length === 0) return undefined;
  const { path } = random.pick(candidates);
  const placeholder = `zzraw${random.below(1e9)}zz`;
  const copy = structuredClone(data);
  setAt(copy, path, placeholder);
  const text = format === 'yaml' ? bad.yaml : bad.json;
  return { kind: 'bad-number', what: `${show(path)} := ${text}`, data: copy, raw: { placeholder, text } };
}

const CONTROL = ['\u0000', '\u0007', '\u001b[2J', '\u0008', '\r', '\u007f', '\u0085', '\u009b31m', '\u000b', '\u000c'];

/** Puts a control character into a text field meant for people (a name, a note). */
export function controlInText(data: Data, random: Rng): Mutation | undefined {
  const candidates = nodes(data).filter(({ path, value }) => {
    const schema = schemaAt(Scenario, data, path);
    return typeof value === 'string' && !rejects(schema, 'Plain text') && rejects(schema, 'Plain\u0007text');
  });
  if (candidates.length === 0) return undefined;
  const { path, value } = random.pick(candidates);
  const control = random.pick(CONTROL);
  const text = value as string;
  const at = random.below(text.length + 1);
  const copy = structuredClone(data);
  setAt(copy, path, `${text.slice(0, at)}${control}${text.slice(at)}`);
  return { kind: 'control-in-text', what: `${show(path)} gets ${JSON.stringify(control)}`, data: copy };
}

const ODD_KEYS = ['näme', '名前', 'name\u0000', 'ke\u001b[2Jy', '\u202ename', 'name ', ' name', '\ufeffname', '🙂', '__proto__', 'constructor', 'prototype', ''];

/** Adds a key no mapping knows, spelt with unicode, control or invisible characters. */
export function oddKey(data: Data, random: Rng): Mutation | undefined {
  const mappings = [{ path: [] as PathSegment[], value: data as unknown }, ...nodes(data)].filter(
    ({ value }) => value !== null && typeof value === 'object' && !Array.isArray(value),
  );
  const { path, value } = random.pick(mappings);
  const key = random.pick(ODD_KEYS);
  if (Object.hasOwn(value as object, key)) return undefined;
  const copy = structuredClone(data);
  const target = path.length === 0 ? copy : path.reduce<unknown>((node, step) => (node as Record<PathSegment, unknown>)[step], copy);
  Object.defineProperty(target, key, { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  return { kind: 'odd-key', what: `${show(path) || '(top)'} gets key ${JSON.stringify(key)}`, data: copy };
}

const FOREIGN_NAMES = ['兴盛优选', 'Ünïcödé 🙂', 'עברית مرحبا', 'a\u0301e\u0301', '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'x'.repeat(10_000)];

/** Renames something with legal, printable unicode: the scenario stays valid. */
export function unicodeName(data: Data, random: Rng): Mutation | undefined {
  const candidates = nodes(data).filter(({ path, value }) => typeof value === 'string' && path[path.length - 1] === 'name');
  if (candidates.length === 0) return undefined;
  const { path } = random.pick(candidates);
  const name = random.pick(FOREIGN_NAMES);
  const copy = structuredClone(data);
  setAt(copy, path, name);
  return { kind: 'unicode-name', what: `${show(path)} := ${JSON.stringify(name.slice(0, 20))}`, data: copy };
}
