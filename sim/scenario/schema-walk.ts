/**
 * Finds the zod schema that governs a place in scenario data, so messages can list the keys a
 * mapping allows ("did you mean ...?") and the values a discriminator accepts, without knowing the
 * scenario's fields: it follows objects, lists, records, defaults, optionals and (discriminated)
 * unions generically, so new fields and event kinds need no change here.
 */
import type { z } from 'zod';
import type { DataPath } from './issues.js';
import { isRecord, valueAt } from './plain-data.js';

/** The parts of zod's internal definitions this walker reads. */
interface LooseDef {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly getter?: () => z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
  readonly entries?: Record<string, unknown>;
}

function defOf(schema: z.ZodType): LooseDef {
  return schema._zod.def as unknown as LooseDef;
}

/** Strips wrappers (default, optional, nullable, pipe, lazy, ...) that do not change the shape. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 50; depth++) {
    const def = defOf(current);
    const inner = def.innerType ?? def.in ?? def.getter?.();
    if (inner === undefined) return current;
    current = inner;
  }
  return current;
}

/** For a union, the option that `value` selects by its discriminator (or the first with all its keys). */
function pickOption(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  const def = defOf(schema);
  const options = def.options ?? [];
  if (def.discriminator !== undefined && isRecord(value)) {
    const tag = value[def.discriminator];
    const found = options.find((option) => literalValues(shapeOf(option)?.[def.discriminator ?? ''])?.includes(tag));
    if (found !== undefined) return found;
  }
  return options.find((option) => {
    const shape = shapeOf(option);
    return shape !== undefined && isRecord(value) && Object.keys(value).every((key) => key in shape);
  });
}

/** The schema of the value at `path` inside `data`, or undefined where the schema has no place for it. */
export function schemaAt(root: z.ZodType, data: unknown, path: DataPath): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  for (let i = 0; i <= path.length && schema !== undefined; i++) {
    schema = unwrap(schema);
    const def = defOf(schema);
    if (def.type === 'union') {
      schema = pickOption(schema, valueAt(data, path.slice(0, i)));
      i--;
      continue;
    }
    const segment = path[i];
    if (segment === undefined) break;
    if (def.shape !== undefined) schema = def.shape[String(segment)];
    else if (def.element !== undefined) schema = def.element;
    else if (def.valueType !== undefined) schema = def.valueType;
    else schema = undefined;
  }
  return schema === undefined ? undefined : unwrap(schema);
}

/** The keys an object schema allows (through wrappers), or undefined for other schemas. */
export function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  return schema === undefined ? undefined : defOf(unwrap(schema)).shape;
}

/** The values an enum or literal schema accepts, or undefined for other schemas. */
export function literalValues(schema: z.ZodType | undefined): readonly unknown[] | undefined {
  if (schema === undefined) return undefined;
  const def = defOf(unwrap(schema));
  if (def.type === 'literal') return def.values;
  if (def.type === 'enum' && def.entries !== undefined) return Object.values(def.entries);
  return undefined;
}

/** The discriminator values of every option of a discriminated union (e.g. all event kinds). */
export function discriminatorValues(schema: z.ZodType): unknown[] {
  const def = defOf(unwrap(schema));
  if (def.discriminator === undefined) return [];
  return (def.options ?? []).flatMap((option) => literalValues(shapeOf(option)?.[def.discriminator ?? '']) ?? []);
}
