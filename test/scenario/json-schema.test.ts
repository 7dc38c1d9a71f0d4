import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from '../../sim/scenario/json-schema.js';
import { ROOT } from './helpers.js';

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; additionalProperties?: unknown; required?: string[]; default?: unknown; format?: string; items?: JsonSchema };

/** Every object schema nested in `schema`. */
function objects(schema: unknown): JsonSchema[] {
  if (schema === null || typeof schema !== 'object') return [];
  const nested = Object.values(schema).flatMap(objects);
  return (schema as JsonSchema).type === 'object' ? [schema as JsonSchema, ...nested] : nested;
}

describe('the JSON Schema of scenario files', () => {
  it('is committed up to date (run `gbsim schema --out scenarios/schema.json --force` after changing the zod schema)', () => {
    expect(readFileSync(join(ROOT, SCHEMA_FILE), 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('forbids unknown keys in every mapping, like the zod schema', () => {
    const all = objects(scenarioJsonSchema());
    expect(all.length).toBeGreaterThan(10);
    for (const schema of all) expect(schema.additionalProperties).toBe(false);
  });

  it('shows defaults and does not require fields that have one', () => {
    const schema = scenarioJsonSchema() as JsonSchema;
    expect(schema.properties?.seed?.default).toBe(1);
    expect(schema.required).toContain('startDate');
    expect(schema.required).not.toContain('seed');
    expect(schema.properties?.startDate?.format).toBe('date');
  });
});
