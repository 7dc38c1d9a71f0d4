/**
 * `gbsim sweep FILE --vary path=a..b:steps [--vary ...] [--design grid|lhs|FILE.csv] [--points N] --runs N
 * [--workers W] [--out DIR]`: the scenario at every point of a grid or Latin hypercube, N
 * replications per point with the same seeds at every point. Prints one line per point; with --out
 * writes sweep.json, sweep.csv, sweep-players.csv, sweep-points.ndjson and manifest.json.
 */
import type { SweepResult } from '../../experiment/types.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { formatPercent, formatTable } from '../format.js';
import { printOutcome, startSession } from './mc.js';

export const sweepCommand = defineCommand({
  command: 'sweep <file>',
  describe: 'Sweep parameters over a grid or Latin hypercube; survival at every point',
  examples: [
    ['gbsim sweep scenarios/teaching/subsidy-war.yaml --vary players.red.cashYuan=2e8..8e8:4 --runs 100', 'Red\'s cash at four levels'],
    ['gbsim sweep scenarios/china-2020.yaml --vary players.xingsheng.cashYuan=1e9..1e10:5 --vary demand.basketYuan=10..20:3 --runs 200 --out out/sweep', 'a 5 × 3 grid'],
    ['gbsim sweep scenarios/china-2020.yaml --vary demand.bass.qPerWeek=0.05..0.15 --vary demand.basketYuan=10..20 --design lhs --points 40 --runs 100', 'a Latin hypercube of 40 points'],
    ['gbsim sweep scenarios/china-2020.yaml --design design.csv --runs 100 --out out/design', 'the points of a design made elsewhere (one column per path)'],
  ],
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('vary', { type: 'string', requiresArg: true, describe: 'a dimension: path=from..to:steps; repeatable (not with a design file)' })
      .option('design', { type: 'string', default: 'grid', describe: 'grid: every combination; lhs: Latin hypercube of --points points; FILE.csv: one column per scenario path, one row per point' })
      .option('points', { type: 'number', describe: 'Latin-hypercube points (with --design lhs)' })
      .option('runs', { type: 'number', demandOption: true, describe: 'replications per point' })
      .option('workers', { type: 'number', describe: 'worker threads (default: the number of CPUs)' })
      .option('oversubscribe', { type: 'boolean', default: false, describe: 'allow --workers above the number of available cores' })
      .option('seed', { type: 'number', describe: 'random seed (default: the scenario\'s seed); also seeds the Latin hypercube' })
      .option('out', { type: 'string', describe: 'directory for sweep.json, sweep.csv, sweep-players.csv' })
      .option('set', { type: 'string', requiresArg: true, describe: 'override a value at every point: path=value; repeatable' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder' })
      .option('shakeout-k', { type: 'number', default: 5, describe: 'the shakeout is the first week with at most K operating players' })
      .option('shard', { type: 'string', describe: 'run shard i of n (i/n) of the points; default from SLURM_ARRAY_TASK_ID/COUNT' })
      .option('shards', { type: 'number', describe: 'number of shards, with the shard taken from JOB_COMPLETION_INDEX (Kubernetes)' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results already in --out' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue the sweep in --out from its sweep-points.ndjson' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html (charts and summary) into --out' })
      .option('format', { choices: ['csv', 'parquet'] as const, default: 'csv' as const, describe: 'sweep.csv and sweep-players.csv, or sweep.parquet and sweep-players.parquet' })
      .option('cache', { type: 'boolean', default: true, describe: 'reuse replications already run (see docs/library.md#the-replication-cache); --no-cache runs every one' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
  run: async (args, context) => {
    const { MAX_SEED, listOf, wholeNumberProblem } = await import('../../experiment/option-checks.js');
    const { resolveShard } = await import('../../experiment/shards.js');
    const { parseVary } = await import('../../experiment/sweep-design.js');
    const designFile = args.design === 'grid' || args.design === 'lhs' ? null : args.design;
    const design = designFile === null ? (args.design as 'grid' | 'lhs') : 'csv';
    const problems = [
      ...(designFile !== null && !/\.csv$/i.test(designFile) ? [`--design must be grid, lhs or a .csv file of points (got "${designFile}")`] : []),
      ...(designFile !== null && args.vary !== undefined ? ['a design file gives the points: leave out --vary (its columns are the paths)'] : []),
      ...(designFile === null && args.vary === undefined ? ['give the dimensions with --vary path=from..to:steps (or the points in a file with --design FILE.csv)'] : []),
      ...wholeNumberProblem('runs', args.runs, 1),
      ...wholeNumberProblem('workers', args.workers, 1),
      ...wholeNumberProblem('seed', args.seed, 0, MAX_SEED),
      ...wholeNumberProblem('points', args.points, 1),
      ...wholeNumberProblem('shakeout-k', args.shakeoutK, 0),
      ...wholeNumberProblem('shards', args.shards, 1),
      ...(args.resume && args.force ? ['--resume continues the sweep in --out and --force replaces it: give one of them'] : []),
      ...(args.resume && args.out === undefined ? ['--resume needs --out DIR (the folder of the sweep to continue)'] : []),
      ...(args.design === 'lhs' && args.points === undefined ? ['--design lhs needs the number of points: --points N'] : []),
      ...(args.design !== 'lhs' && args.points !== undefined ? ['--points is for --design lhs; a grid has the product of the --vary steps, a design file its rows'] : []),
    ];
    const vary = listOf(args.vary).map((text) => parseVary(text, design === 'csv' ? 'lhs' : design));
    for (const parsed of vary) if (!parsed.ok) problems.push(...parsed.problems);
    const paths = vary.flatMap((parsed) => (parsed.ok ? [parsed.value.path] : []));
    for (const path of new Set(paths)) if (paths.filter((p) => p === path).length > 1) problems.push(`--vary ${path} is given twice`);
    const { designSizeProblems } = await import('../../experiment/sweep-design.js');
    if (vary.every((parsed) => parsed.ok)) problems.push(...designSizeProblems(vary.map((parsed) => (parsed as { value: import('../../experiment/sweep-design.js').VarySpec }).value), design === 'csv' ? 'lhs' : design, design === 'csv' ? 0 : args.points ?? 0));
    const shard = resolveShard({ shard: args.shard, shards: args.shards }, process.env);
    if (!shard.ok) problems.push(...shard.problems);
    if (shard.ok && shard.value !== null && shard.value.count > 1 && args.out === undefined) problems.push('a shard writes its points to --out DIR for gbsim merge: give --out');
    if (problems.length > 0) throw new UsageError(problems.join('\n'));

    const { prepareScenario } = await import('../../experiment/prepare.js');
    const { runSweep } = await import('../../experiment/sweep.js');
    const { openReplicationCache } = await import('../../experiment/cache.js');
    const { availableParallelism } = await import('node:os');
    const { resolve } = await import('node:path');

    const sets = listOf(args.set);
    const base = prepareScenario(args.file, { sets, cwd: context.cwd, allowOutside: args.allowOutside });
    let designRows: number[][] | undefined;
    let varySpecs = vary.flatMap((parsed) => (parsed.ok ? [parsed.value] : []));
    if (designFile !== null) {
      const { readDesignCsv } = await import('../../experiment/design-csv.js');
      const { ScenarioError } = await import('../../scenario/issues.js');
      const read = readDesignCsv(designFile, context.cwd, base.scenario);
      if (!read.ok) throw new ScenarioError([{ file: designFile, issues: read.issues }]);
      designRows = read.rows;
      varySpecs = read.paths.map((path, i) => ({ path, from: read.rows.reduce((low, row) => Math.min(low, row[i]!), Infinity), to: read.rows.reduce((high, row) => Math.max(high, row[i]!), -Infinity), steps: read.rows.length }));
    }
    if (designFile === null) {
      const { wholeNumberVaryProblems } = await import('../../experiment/sweep-design.js');
      const { resolveFactorPath } = await import('../../scenario/uncertainty.js');
      const whole = wholeNumberVaryProblems(varySpecs, design, (path) => {
        const resolved = resolveFactorPath(base.scenario, path);
        return 'whole' in resolved && resolved.whole;
      });
      if (whole.length > 0) throw new UsageError(whole.join('\n'));
    }
    const { workerCount } = await import('../../experiment/option-checks.js');
    const threads = workerCount(args.workers, args.oversubscribe, availableParallelism());
    if (threads.note !== undefined) context.io.stderr.write(`gbsim: ${threads.note}\n`);
    const workers = threads.workers;
    const out = args.out === undefined ? null : resolve(context.cwd, args.out);
    const seed = args.seed ?? base.scenario.seed;
    const session = await startSession(context, `sweep ${base.params.name}`, args.quiet);
    let report;
    try {
      report = await runSweep({
        base, sets, cwd: context.cwd, allowOutside: args.allowOutside,
        vary: varySpecs,
        design,
        designRows,
        lhsPoints: args.points ?? 0,
        seed, runs: args.runs, shakeoutK: args.shakeoutK, workers,
        shard: shard.ok ? shard.value : null,
        out: out === null ? null : { dir: out, force: args.force, resume: args.resume, format: args.format },
        cache: openReplicationCache({ enabled: args.cache }),
        signal: session.signal, offMainThread: context.offMainThread,
        onProgress: session.onProgress,
      });
    } finally {
      session.end();
    }
    if (!report.ok) throw new UsageError(report.problems.join('\n'));
    const { value } = report;
    printOutcome(context, value, 'points', args.out, sweepTable);
    if (out !== null) {
      const facts = { file: args.file, vary: listOf(args.vary), design: args.design, points: args.points ?? null, runs: args.runs, seed, set: sets, shakeoutK: args.shakeoutK, shard: value.identity.shard };
      session.writeManifest(out, 'sweep', facts, { workers, runsThisSession: value.done * args.runs, complete: value.complete });
    }
    if (args.report && out !== null && value.complete && value.result !== null) await (await import('./report.js')).reportOn(out, {}, context);
    if (value.complete) return;
    const again = args.out === undefined ? '' : '; continue with the same command and --resume';
    return session.interrupted(`gbsim sweep: interrupted by ${session.received()} after ${value.done} of ${value.range.to - value.range.from} points; the results cover those${again}`);
  },
});

/** One line per point: its values, then each player's survival, survivors and shakeout. */
export function sweepTable(result: SweepResult): string {
  const paths = result.vary.map((v) => v.path);
  const ids = result.points[0]?.players.map((p) => p.id) ?? [];
  const rows = result.points.map((point) => [
    String(point.point),
    ...paths.map((path) => formatValue(point.values[path]!)),
    ...point.players.map((p) => formatPercent(p.survival.estimate)),
    point.meanSurvivors.toFixed(2),
    formatPercent(point.shakeoutProbability),
  ]);
  const header = ['point', ...paths, ...ids.map((id) => `P(${id} survives)`), 'mean survivors', 'P(shakeout)'];
  const head = `${result.scenario.name}: ${result.design}, ${result.points.length} points × ${result.runs} runs, seed ${result.seed}${result.complete === false ? ' (PARTIAL: interrupted)' : ''}\n\n`;
  return head + formatTable(header, rows);
}

function formatValue(value: number): string {
  return Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(3) : String(Number(value.toPrecision(6)));
}
