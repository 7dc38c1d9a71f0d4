/**
 * `gbsim schema [--out FILE]`: prints the JSON Schema of scenario files (generated from the zod
 * schema), or writes it to FILE (`scenarios/schema.json` is the committed copy).
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineCommand } from '../command.js';

export const schemaCommand = defineCommand({
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editors)',
  examples: [
    ['gbsim schema', 'print the schema'],
    ['gbsim schema --out scenarios/schema.json', 'refresh the committed copy after changing sim/scenario/schema.ts'],
  ],
  builder: (yargs) => yargs.option('out', { type: 'string', requiresArg: true, describe: 'write the schema to this file instead' }),
  run: async (args, context) => {
    const { scenarioJsonSchemaText } = await import('../../scenario/json-schema.js');
    const text = scenarioJsonSchemaText();
    if (args.out === undefined) {
      context.io.stdout.write(text);
      return;
    }
    await writeFile(resolve(context.cwd, args.out), text);
    context.io.stdout.write(`${args.out}: written\n`);
  },
});
