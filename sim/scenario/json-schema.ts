/**
 * The JSON Schema of scenario files, generated from the zod schema (the only definition of the
 * format), for editors: `$schema: ../schema.json` at the top of a YAML file gives completion,
 * defaults and descriptions. The committed copy is `scenarios/schema.json`; a test keeps it equal
 * to `scenarioJsonSchemaText()`, and `gbsim schema --out scenarios/schema.json --force` rewrites it.
 */
import { z } from 'zod';
import { Scenario } from './schema.js';

/** Where the generated schema is committed, relative to the repository root. */
export const SCHEMA_FILE = 'scenarios/schema.json';

/** The JSON Schema of a scenario file as written (input side: defaults shown, fields with defaults optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(Scenario, { io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'gbsim scenario',
    description: 'A scenario of the community group-buying market for gbsim (generated from sim/scenario/schema.ts; do not edit).',
    ...rest,
  };
}

/** `scenarioJsonSchema()` as the text of the committed file (2-space indent, final newline). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
