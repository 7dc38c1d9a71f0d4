/**
 * `gbsim merge DIR... --out DIR`: combines the shards of a `gbsim mc` or `gbsim sweep` run
 * (each the --out of one `--shard i/n`) into exactly the files an unsharded run writes. Shards
 * that do not belong together, or are missing, doubled or unfinished, are bad input (exit 2).
 */
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { mcTable } from './mc.js';
import { sweepTable } from './sweep.js';

export const mergeCommand = defineCommand({
  command: 'merge <dirs..>',
  describe: 'Merge the shards of an mc, sweep or sensitivity run into the unsharded result',
  examples: [
    ['gbsim merge out/shard-1 out/shard-2 out/shard-3 --out out/mc', 'three mc shards into one result'],
    ['gbsim merge out/shard-* --out out/mc', 'every shard directory (the shell expands the pattern)'],
  ],
  builder: (yargs) =>
    yargs
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'the shards\' output directories, in any order' })
      .option('out', { type: 'string', demandOption: true, describe: 'directory for the merged result' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results already in --out' })
      .option('format', { choices: ['csv', 'parquet'] as const, default: 'csv' as const, describe: 'format of the tables, as --format of mc and sweep' }),
  run: async (args, context) => {
    const { mergeShards } = await import('../../experiment/merge.js');
    const { resolve } = await import('node:path');
    const dirs = args.dirs.map((dir) => resolve(context.cwd, dir));
    const merged = mergeShards(dirs, { dir: resolve(context.cwd, args.out), force: args.force, format: args.format });
    if (!merged.ok) throw new UsageError(`cannot merge:\n  ${merged.problems.join('\n  ')}`);
    const { value } = merged;
    if (value.kind === 'sensitivity') context.io.stdout.write((await import('./sensitivity.js')).sensitivityTable(value.result));
    else if (value.kind === 'mc-uncertainty') context.io.stdout.write((await import('./mc-uncertainty.js')).uncertaintyTable(value.result));
    else context.io.stdout.write(value.kind === 'mc' ? mcTable(value.result) : sweepTable(value.result));
    context.io.stdout.write(`merged ${value.shards} shards into ${args.out}\n`);
  },
});
