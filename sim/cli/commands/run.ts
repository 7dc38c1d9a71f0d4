/**
 * `gbsim run FILE [--seed N] [--weeks N] [--out DIR] [--set path=value]...`: one run of a
 * scenario. Prints the survivors table; with --out writes summary.json, weekly.csv, market.csv,
 * events.csv (inputs alone decide their bytes) and manifest.json (timings, host).
 */
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';

export const runCommand = defineCommand({
  command: 'run <file>',
  describe: 'Run a scenario once and print who survives',
  examples: [
    ['gbsim run scenarios/china-2020.yaml', 'run with the scenario\'s own seed'],
    ['gbsim run scenarios/china-2020.yaml --seed 7 --out out/run7', 'another seed; write CSV and JSON'],
    ['gbsim run scenarios/teaching/subsidy-war.yaml --weeks 52', 'stop after one year'],
    ['gbsim run scenarios/china-2020.yaml --out out/run --format parquet', 'write the tables as Parquet (pandas, R arrow, DuckDB)'],
    ['gbsim run scenarios/china-2020.yaml --seed 7 --replication 41 --out out/r41', 'replication 41 of gbsim mc --seed 7, with its weekly tables'],
    ['gbsim run scenarios/china-2020.yaml --set players.xingsheng.cashYuan=1e9', 'override a value'],
  ],
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('seed', { type: 'number', describe: 'random seed (default: the scenario\'s seed)' })
      .option('weeks', { type: 'number', describe: 'weeks to run (default: the scenario\'s horizon)' })
      .option('replication', { type: 'number', describe: 'replication index r: reproduces replication r of gbsim mc with the same seed (default 0)' })
      .option('out', { type: 'string', describe: 'directory for summary.json, weekly.csv, market.csv, events.csv, provinces.csv' })
      .option('format', { choices: ['csv', 'parquet'] as const, default: 'csv' as const, describe: 'format of the weekly, market, events and provinces tables in --out' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results already in --out' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html in --out (see gbsim report)' })
      .option('set', { type: 'string', requiresArg: true, describe: 'override a value: path=value; repeatable' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder' }),
  run: async (args, context) => {
    const { MAX_SEED, wholeNumberProblem } = await import('../../experiment/option-checks.js');
    const problems = [...wholeNumberProblem('seed', args.seed, 0, MAX_SEED), ...wholeNumberProblem('weeks', args.weeks, 1), ...wholeNumberProblem('replication', args.replication, 0)];
    if (problems.length > 0) throw new UsageError(problems.join('\n'));
    if (args.report && args.out === undefined) throw new UsageError('--report needs --out DIR: the report is written next to the results');
    if (args.report && args.format !== 'csv') throw new UsageError('--report reads the CSV tables: use it with --format csv (the default)');
    const { prepareScenario } = await import('../../experiment/prepare.js');
    const { runOnce, runFiles, RUN_FILE_NAMES } = await import('../../experiment/run-once.js');
    const { checkOutputDir, replaceResultSet } = await import('../../experiment/files.js');
    const { survivorsTable } = await import('../survivors.js');
    const { resolve } = await import('node:path');
    const started = new Date();
    const prepared = prepareScenario(args.file, { sets: toList(args.set), cwd: context.cwd, allowOutside: args.allowOutside });
    const horizon = prepared.scenario.horizonWeeks;
    if (args.weeks !== undefined && args.weeks > horizon) throw new UsageError(`--weeks ${args.weeks} is beyond the scenario's horizon of ${horizon} weeks; give at most ${horizon}, or raise horizonWeeks with --set horizonWeeks=${args.weeks}`);
    const out = args.out === undefined ? undefined : resolve(context.cwd, args.out);
    if (out) checkOutputDir(out, [...RUN_FILE_NAMES, 'report.html'], args.force);
    const result = runOnce(prepared, { seed: args.seed, weeks: args.weeks, replication: args.replication });
    context.io.stdout.write(survivorsTable(result));
    if (!out) return;
    const files = runFiles(prepared, result, args.format);
    const manifest = {
      command: 'run',
      args: { file: args.file, seed: result.seed, replication: result.replication, weeks: args.weeks ?? null, set: toList(args.set) },
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started.getTime(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    };
    replaceResultSet(out, { ...files, 'manifest.json': JSON.stringify(manifest, null, 2) + '\n' }, [...RUN_FILE_NAMES, 'report.html', 'charts']);
    context.io.stdout.write(`wrote ${Object.keys(files).length + 1} files to ${args.out}\n`);
    if (args.report && args.out !== undefined) await (await import('./report.js')).reportOn(args.out, {}, context);
  },
});

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : ([] as string[]).concat(value);
}
