/**
 * `gbsim sensitivity FILE --method morris|sobol --runs R [--factors FILE] [--trajectories r]
 * [--levels p] [--samples N] [--bootstrap B] [--workers W] [--seed S] [--out DIR] [--set ...]
 * [--shard i/n | --shards n] [--resume] [--force] [--report] [--quiet]`: global sensitivity of
 * every player's survival and final share, the number of survivors, the shakeout week and the
 * final HHI to the scenario's uncertain parameters. With --out writes sensitivity.json,
 * sensitivity-indices.csv, sensitivity-design.csv, design-points.ndjson and manifest.json.
 */
import { SENSITIVITY_DEFAULTS, defaultCandidates } from '../../experiment/design-defaults.js';
import type { SensitivityResult } from '../../experiment/sensitivity.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../format.js';
import { startSession } from './mc.js';

export const sensitivityCommand = defineCommand({
  command: 'sensitivity <file>',
  describe: 'Global sensitivity (Morris or Sobol) of the outcomes to the scenario\'s uncertain parameters',
  examples: [
    ['gbsim sensitivity scenarios/teaching/subsidy-war.yaml --method morris --trajectories 20 --runs 20 --out out/morris', 'screen the factors of the uncertainty: section'],
    ['gbsim sensitivity scenarios/china-2020.yaml --factors factors.yaml --method sobol --samples 256 --runs 10 --out out/sobol --report', 'Sobol indices with a report'],
    ['gbsim sensitivity scenarios/china-2020.yaml --method morris --runs 20 --shard 1/4 --out out/s1', 'one of four shards (combine with gbsim merge)'],
  ],
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('method', { choices: ['morris', 'sobol'] as const, demandOption: true, describe: 'morris: elementary effects (screening); sobol: first-order and total indices' })
      .option('factors', { type: 'string', describe: 'YAML file with an uncertainty: list, used instead of the scenario\'s own section' })
      .option('runs', { type: 'number', demandOption: true, describe: 'replications per design point (the same seeds at every point)' })
      .option('trajectories', { type: 'number', default: SENSITIVITY_DEFAULTS.trajectories, describe: 'morris: trajectories kept' })
      .option('levels', { type: 'number', default: SENSITIVITY_DEFAULTS.levels, describe: 'morris: grid levels (even)' })
      .option('candidates', { type: 'number', describe: 'morris: trajectories drawn to choose the most spread from (default 10 × --trajectories, at most 500)' })
      .option('samples', { type: 'number', default: SENSITIVITY_DEFAULTS.samples, describe: 'sobol: base samples N (N × (factors + 2) points; a power of 2 balances the Sobol\' sequence)' })
      .option('bootstrap', { type: 'number', default: SENSITIVITY_DEFAULTS.bootstrap, describe: 'bootstrap resamples for the 95% intervals' })
      .option('workers', { type: 'number', describe: 'worker threads (default: the number of CPUs)' })
      .option('seed', { type: 'number', describe: 'random seed (default: the scenario\'s seed); replication r uses (seed, r) at every point' })
      .option('out', { type: 'string', describe: 'directory for sensitivity.json, sensitivity-indices.csv, sensitivity-design.csv' })
      .option('set', { type: 'string', requiresArg: true, describe: 'override a value at every point: path=value; repeatable' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder' })
      .option('shakeout-k', { type: 'number', default: 5, describe: 'the shakeout is the first week with at most K operating players' })
      .option('shard', { type: 'string', describe: 'run shard i of n (i/n) of the points; default from SLURM_ARRAY_TASK_ID/COUNT' })
      .option('shards', { type: 'number', describe: 'number of shards, with the shard taken from JOB_COMPLETION_INDEX (Kubernetes)' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue the analysis in --out from its design-points.ndjson' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results already in --out' })
      .option('over-time', { type: 'boolean', default: false, describe: 'also the indices of every player\'s share in every week (outputs share.<player>.week<w>)' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html (μ*–σ chart or Sobol bars) into --out' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
  run: async (args, context) => {
    const { listOf, wholeNumberProblem } = await import('../../experiment/option-checks.js');
    const { resolveShard } = await import('../../experiment/shards.js');
    const problems = [
      ...wholeNumberProblem('runs', args.runs, 1),
      ...wholeNumberProblem('trajectories', args.trajectories, 2),
      ...wholeNumberProblem('levels', args.levels, 2),
      ...(args.levels % 2 === 0 ? [] : [`--levels must be even (got ${args.levels}): Morris's step Δ = p/(2(p−1)) then keeps every point on the grid`]),
      ...wholeNumberProblem('candidates', args.candidates, args.trajectories),
      ...wholeNumberProblem('samples', args.samples, 2),
      ...wholeNumberProblem('bootstrap', args.bootstrap, 10),
      ...wholeNumberProblem('workers', args.workers, 1),
      ...wholeNumberProblem('seed', args.seed, 0),
      ...wholeNumberProblem('shakeout-k', args.shakeoutK, 0),
      ...wholeNumberProblem('shards', args.shards, 1),
      ...(args.resume && args.force ? ['--resume continues the results in --out and --force replaces them: give one of them'] : []),
      ...(args.resume && args.out === undefined ? ['--resume needs --out DIR (the directory of the analysis to continue)'] : []),
    ];
    const shard = resolveShard({ shard: args.shard, shards: args.shards }, process.env);
    if (!shard.ok) problems.push(...shard.problems);
    if (shard.ok && shard.value !== null && shard.value.count > 1 && args.out === undefined) problems.push('a shard writes its points to --out DIR for gbsim merge: give --out');
    if (problems.length > 0) throw new UsageError(problems.join('\n'));

    const { prepareScenario } = await import('../../experiment/prepare.js');
    const { runSensitivity, weeklyShareSpecs } = await import('../../experiment/sensitivity.js');
    const { marketPointModel } = await import('../../experiment/point-model.js');
    const { availableParallelism } = await import('node:os');
    const { resolve } = await import('node:path');

    const sets = listOf(args.set);
    const base = prepareScenario(args.file, { sets, cwd: context.cwd, allowOutside: args.allowOutside });
    const factors = await factorsOf(base.scenario, args.factors, context.cwd, args.file);
    const workers = args.workers ?? availableParallelism();
    const seed = args.seed ?? base.scenario.seed;
    const out = args.out === undefined ? null : resolve(context.cwd, args.out);
    const design = {
      method: args.method,
      trajectories: args.trajectories,
      levels: args.levels,
      candidates: args.candidates ?? defaultCandidates(args.trajectories),
      baseSamples: args.samples,
    };
    const observe = args.overTime ? weeklyShareSpecs(base.params.players.map((p) => p.id), base.params.horizonWeeks) : undefined;
    const model = marketPointModel({ base, sets, cwd: context.cwd, allowOutside: args.allowOutside, factors, seed, shakeoutK: args.shakeoutK, workers, observe });
    const session = await startSession(context, `sensitivity ${base.params.name}`, args.quiet);
    let report;
    try {
      report = await runSensitivity({
        scenario: { name: base.params.name, file: base.file, hash: base.source.hash },
        factors, design, model, seed, runs: args.runs, shakeoutK: args.shakeoutK, bootstrap: args.bootstrap,
        shard: shard.ok ? shard.value : null,
        out: out === null ? null : { dir: out, resume: args.resume, force: args.force },
        signal: session.signal,
        onProgress: session.onProgress,
      });
    } finally {
      session.end();
    }
    if (!report.ok) throw new UsageError(report.problems.join('\n'));
    const { value } = report;
    const shardInfo = value.identity.shard;
    if (shardInfo !== null) {
      context.io.stdout.write(`shard ${shardInfo.index}/${shardInfo.count}: points ${shardInfo.from}–${shardInfo.to - 1}, ${value.done} of ${shardInfo.to - shardInfo.from} done in ${args.out}; combine the shards with gbsim merge\n`);
    } else if (value.result !== null) {
      context.io.stdout.write(sensitivityTable(value.result));
    }
    if (out !== null) {
      const facts = { file: args.file, method: args.method, overTime: args.overTime, factors: args.factors ?? null, runs: args.runs, design, bootstrap: args.bootstrap, seed, set: sets, shakeoutK: args.shakeoutK, shard: value.identity.shard, resume: args.resume };
      session.writeManifest(out, 'sensitivity', facts, { workers, runsThisSession: (value.done - value.resumed) * args.runs, complete: value.complete });
    }
    if (args.report && out !== null && value.complete && value.result !== null) await (await import('./report.js')).reportOn(out, {}, context);
    if (value.complete) return;
    const where = args.out === undefined ? '' : ` in ${args.out}; continue with the same command and --resume`;
    return session.interrupted(`gbsim sensitivity: interrupted by ${session.received()}: kept ${value.done} completed points${where}`);
  },
});

/** The factors of `--factors FILE`, or of the scenario's `uncertainty:` section. */
export async function factorsOf(scenario: import('../../scenario/schema.js').Scenario, file: string | undefined, cwd: string, scenarioFile: string) {
  if (file !== undefined) {
    const { readFactorsFile } = await import('../../scenario/factors-file.js');
    const { ScenarioError } = await import('../../scenario/issues.js');
    const read = readFactorsFile(file, cwd, scenario);
    if (!read.ok) throw new ScenarioError([{ file, issues: read.issues }]);
    return read.factors;
  }
  if (scenario.uncertainty === undefined || scenario.uncertainty.length === 0) {
    throw new UsageError(`${scenarioFile} has no uncertain parameters: add an uncertainty: section to it, or give them in a file with --factors FILE`);
  }
  return scenario.uncertainty;
}

const number = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : x.toFixed(3)) : '—');
const interval = (row: { low: number; high: number }) => `[${number(row.low)}, ${number(row.high)}]`;

/** One line per output and factor: μ* [95%], σ (Morris) or S1 [95%], ST [95%] (Sobol). */
export function sensitivityTable(result: SensitivityResult): string {
  const head = `${result.scenario.name}: ${result.method}, ${result.factors.length} factors, ${result.points} points × ${result.runs} runs, seed ${result.seed}\n\n`;
  const byKey = new Map(result.indices.map((row) => [`${row.output}|${row.factor}|${row.index}`, row]));
  const get = (output: string, factor: string, index: string) => byKey.get(`${output}|${factor}|${index}`)!;
  const rows = result.outputs.filter((output) => !/^share\..*\.week\d+$/.test(output)).flatMap((output) =>
    result.factors.map(({ path }) =>
      result.method === 'morris'
        ? [output, path, number(get(output, path, 'muStar').estimate), interval(get(output, path, 'muStar')), number(get(output, path, 'sigma').estimate)]
        : [output, path, number(get(output, path, 'S1').estimate), interval(get(output, path, 'S1')), number(get(output, path, 'ST').estimate), interval(get(output, path, 'ST'))],
    ),
  );
  const header = result.method === 'morris' ? ['output', 'factor', 'μ*', '95% interval', 'σ'] : ['output', 'factor', 'S1', '95% interval', 'ST', '95% interval'];
  return head + formatTable(header, rows);
}
