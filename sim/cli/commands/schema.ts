/**
 * `gbsim schema [--out FILE]`: prints the JSON Schema of scenario files (generated from the zod
 * schema), or writes it to FILE (`scenarios/schema.json` is the committed copy).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';

export const schemaCommand = defineCommand({
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editors)',
  examples: [
    ['gbsim schema', 'print the schema'],
    ['gbsim schema --out scenarios/schema.json --force', 'refresh the committed copy after changing sim/scenario/schema.ts'],
  ],
  builder: (yargs) =>
    yargs
      .option('out', { type: 'string', requiresArg: true, describe: 'write the schema to this file instead' })
      .option('force', { type: 'boolean', default: false, describe: 'replace FILE when it exists' }),
  run: async (args, context) => {
    const { scenarioJsonSchemaText } = await import('../../scenario/json-schema.js');
    const text = scenarioJsonSchemaText();
    if (args.out === undefined) {
      context.io.stdout.write(text);
      return;
    }
    const target = resolve(context.cwd, args.out);
    if (args.out.trim() === '') throw new UsageError('--out is empty: name the file to write');
    if (existsSync(target) && !args.force) throw new UsageError(`${args.out} exists; add --force to replace it`);
    await writeFile(target, text);
    context.io.stdout.write(`${args.out}: written\n`);
  },
});
