/**
 * `gbsim mc FILE --runs N [--workers W] [--seed S] [--out DIR] [--set path=value]... [--precision H]
 * [--max-runs M] [--shakeout-k K] [--shard i/n | --shards n] [--resume] [--force] [--quiet]`:
 * Monte Carlo replications of a scenario. Prints the survival table and market lines; with --out
 * writes mc.json, survival.csv, runs.ndjson, experiment.json (or shard.json) and manifest.json.
 * SIGINT/SIGTERM keep every completed run, write partial results and exit 130/143.
 */
import { UNCERTAIN_MC_DEFAULTS } from '../../experiment/design-defaults.js';
import type { McResult } from '../../experiment/types.js';
import { defineCommand, type CliContext } from '../command.js';
import { UsageError } from '../errors.js';
import { formatPercent, formatTable } from '../format.js';

export const mcCommand = defineCommand({
  command: 'mc <file>',
  describe: 'Monte Carlo: run a scenario many times; survival probabilities with 95% intervals',
  examples: [
    ['gbsim mc scenarios/china-2020.yaml --runs 1000 --workers 4 --out out/mc', 'a thousand replications on four threads'],
    ['gbsim mc scenarios/china-2020.yaml --precision 0.02 --out out/mc', 'add runs until every survival interval is within ±2 points'],
    ['gbsim mc scenarios/china-2020.yaml --runs 10000 --shard 2/8 --out out/shard-2', 'one of eight shards (combine with gbsim merge)'],
    ['gbsim mc scenarios/china-2020.yaml --runs 1000 --out out/mc --resume', 'continue an interrupted run'],
    ['gbsim mc scenarios/china-2020.yaml --runs 1000 --out out/mc --format parquet', 'also write every run as a Parquet table'],
    ['gbsim mc scenarios/teaching/uncertain-subsidy-war.yaml --uncertainty --sets 64 --runs 20 --out out/mc2', '2nd order: 64 parameter sets from the uncertainty: section, 20 runs each'],
  ],
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('runs', { type: 'number', describe: 'replications (with --precision: the batch size, default 100)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: the number of CPUs)' })
      .option('oversubscribe', { type: 'boolean', default: false, describe: 'allow --workers above the number of available cores' })
      .option('seed', { type: 'number', describe: 'random seed (default: the scenario\'s seed); replication r uses (seed, r)' })
      .option('out', { type: 'string', describe: 'directory for mc.json, survival.csv, runs.ndjson, manifest.json' })
      .option('set', { type: 'string', requiresArg: true, describe: 'override a value: path=value; repeatable' })
      .option('precision', { type: 'number', describe: 'add runs in batches until every survival 95% interval is within ±H' })
      .option('max-runs', { type: 'number', default: 10_000, describe: 'cap on the runs --precision may add' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder' })
      .option('shakeout-k', { type: 'number', default: 5, describe: 'the shakeout is the first week with at most K operating players' })
      .option('shard', { type: 'string', describe: 'run shard i of n (i/n) of the replications; default from SLURM_ARRAY_TASK_ID/COUNT' })
      .option('shards', { type: 'number', describe: 'number of shards, with the shard taken from JOB_COMPLETION_INDEX (Kubernetes)' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue the run in --out from its runs.ndjson' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results already in --out (with --resume: drop completed replications beyond --runs)' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html (charts and summary) into --out' })
      .option('format', { choices: ['csv', 'parquet'] as const, default: 'csv' as const, describe: 'survival.csv, or survival.parquet and runs.parquet (one row per run per player)' })
      .option('cache', { type: 'boolean', default: true, describe: 'reuse replications already run (see docs/library.md#the-replication-cache); --no-cache runs every one' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' })
      .option('uncertainty', { type: 'boolean', default: false, describe: '2nd-order Monte Carlo: parameter sets from the uncertain parameters, --runs replications of each' })
      .option('factors', { type: 'string', describe: 'with --uncertainty: YAML file with an uncertainty: list instead of the scenario\'s section' })
      .option('sets', { type: 'number', default: UNCERTAIN_MC_DEFAULTS.sets, describe: 'with --uncertainty: parameter sets' })
      .option('sampling', { choices: ['lhs', 'sobol'] as const, default: UNCERTAIN_MC_DEFAULTS.sampling, describe: 'with --uncertainty: Latin hypercube or Sobol\' sequence' }),
  run: async (args, context) => {
    if (args.uncertainty) return (await import('./mc-uncertainty.js')).runUncertainMcCommand(args, context);
    if (args.factors !== undefined) throw new UsageError('--factors goes with --uncertainty');
    const { MAX_SEED, listOf, wholeNumberProblem, betweenProblem } = await import('../../experiment/option-checks.js');
    const { resolveShard } = await import('../../experiment/shards.js');
    const problems = [
      ...wholeNumberProblem('runs', args.runs, 1),
      ...wholeNumberProblem('workers', args.workers, 1),
      ...wholeNumberProblem('seed', args.seed, 0, MAX_SEED),
      ...wholeNumberProblem('max-runs', args.maxRuns, 1),
      ...wholeNumberProblem('shakeout-k', args.shakeoutK, 0),
      ...wholeNumberProblem('shards', args.shards, 1),
      ...betweenProblem('precision', args.precision, 0, 0.5),
      ...(args.runs === undefined && args.precision === undefined ? ['give the number of replications with --runs N (or a target with --precision H)'] : []),
      ...(args.resume && args.out === undefined ? ['--resume needs --out DIR (the directory of the run to continue)'] : []),
    ];
    const shard = resolveShard({ shard: args.shard, shards: args.shards }, process.env);
    if (!shard.ok) problems.push(...shard.problems);
    const sharded = shard.ok && shard.value !== null && shard.value.count > 1;
    if (sharded && args.out === undefined) problems.push('a shard writes its runs to --out DIR for gbsim merge: give --out');
    if (problems.length > 0) throw new UsageError(problems.join('\n'));

    const { prepareScenario } = await import('../../experiment/prepare.js');
    const { runMonteCarlo } = await import('../../experiment/monte-carlo.js');
    const { openReplicationCache } = await import('../../experiment/cache.js');
    const { availableParallelism } = await import('node:os');
    const { resolve } = await import('node:path');

    const sets = listOf(args.set);
    const prepared = prepareScenario(args.file, { sets, cwd: context.cwd, allowOutside: args.allowOutside });
    const { workerCount } = await import('../../experiment/option-checks.js');
    const threads = workerCount(args.workers, args.oversubscribe, availableParallelism());
    if (threads.note !== undefined) context.io.stderr.write(`gbsim: ${threads.note}\n`);
    const workers = threads.workers;
    const out = args.out === undefined ? null : resolve(context.cwd, args.out);
    const session = await startSession(context, `mc ${prepared.params.name}`, args.quiet);
    let report;
    try {
      report = await runMonteCarlo({
        prepared,
        sets,
        cwd: context.cwd,
        allowOutside: args.allowOutside,
        seed: args.seed ?? prepared.scenario.seed,
        runs: args.runs ?? 100,
        shakeoutK: args.shakeoutK,
        workers,
        shard: shard.ok ? shard.value : null,
        precision: args.precision === undefined ? null : { halfWidth: args.precision, maxRuns: args.maxRuns },
        out: out === null ? null : { dir: out, resume: args.resume, force: args.force, format: args.format },
        cache: openReplicationCache({ enabled: args.cache }),
        signal: session.signal, offMainThread: context.offMainThread,
        onProgress: session.onProgress,
      });
    } finally {
      session.end();
    }
    if (!report.ok) throw new UsageError(report.problems.join('\n'));
    const { value } = report;
    printOutcome(context, value, 'replications', args.out, mcTable);
    if (out !== null) {
      const facts = { file: args.file, runs: args.runs ?? null, seed: value.identity.seed, set: sets, precision: args.precision ?? null, maxRuns: args.maxRuns, shakeoutK: args.shakeoutK, shard: value.identity.shard, resume: args.resume };
      session.writeManifest(out, 'mc', facts, { workers, runsThisSession: value.done - value.resumed, complete: value.complete });
    }
    if (args.report && out !== null && value.complete && value.result !== null) await (await import('./report.js')).reportOn(out, {}, context);
    if (value.complete) return;
    const where = args.out === undefined ? '' : ` in ${args.out}; continue with the same command and --resume`;
    return session.interrupted(`gbsim mc: interrupted by ${session.received()}: kept ${value.done} completed replications${where}`);
  },
});

/**
 * What every experiment command (mc, compare, sweep) sets up around its run: SIGINT/SIGTERM
 * handling, progress on stderr, and the wall-clock facts of manifest.json. Call `end()` when the
 * run returns.
 */
/** What an mc or sweep run printed: a shard's progress line, or the result's table. */
export function printOutcome<R>(
  context: CliContext,
  value: { identity: { shard: { index: number; count: number; from: number; to: number } | null }; done: number; result: R | null },
  unit: 'replications' | 'points',
  out: string | undefined,
  table: (result: R) => string,
): void {
  const shard = value.identity.shard;
  if (shard !== null) {
    const { index, count, from, to } = shard;
    context.io.stdout.write(`shard ${index}/${count}: ${unit} ${from}–${to - 1}, ${value.done} of ${to - from} done in ${out}; combine the shards with gbsim merge\n`);
  } else if (value.result !== null) {
    context.io.stdout.write(table(value.result));
  }
}

export async function startSession(context: CliContext, label: string, quiet: boolean) {
  const { interruptOnSignals } = await import('../../experiment/interrupt.js');
  const { createProgress } = await import('../../experiment/progress.js');
  const { manifestText } = await import('../../experiment/manifest.js');
  const { writeFileAtomic } = await import('../../experiment/files.js');
  const { join } = await import('node:path');
  const interruption = interruptOnSignals();
  const tty = (context.io.stderr as { isTTY?: boolean }).isTTY === true;
  const progress = quiet ? null : createProgress({ write: (text) => context.io.stderr.write(text), tty, now: () => performance.now(), unit: 'runs', label });
  const startedAt = new Date();
  const startedMs = performance.now();
  return {
    signal: interruption.signal,
    onProgress: ({ done, total, resumed }: { done: number; total: number; resumed: number }) => progress?.update(done, total, resumed),
    end(): void {
      interruption.dispose();
      progress?.finish();
    },
    received: () => interruption.received() ?? 'a signal',
    /** Says what was kept (stderr) and returns the exit status of the signal (130 or 143). */
    interrupted(message: string): number {
      context.io.stderr.write(`${message}\n`);
      return interruption.exitStatus() ?? 130;
    },
    writeManifest(dir: string, command: string, args: Record<string, unknown>, run: { workers: number; runsThisSession: number; complete: boolean }): void {
      writeFileAtomic(join(dir, 'manifest.json'), manifestText({
        command,
        args,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - startedMs),
        workers: run.workers,
        runsThisSession: run.runsThisSession,
        ended: interruption.received() ?? (run.complete ? 'complete' : 'interrupted'),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
      }));
    },
  };
}

const interval = (i: { low: number; high: number }, digits = 1) => `[${formatPercent(i.low, digits)}, ${formatPercent(i.high, digits)}]`;
const whole = (n: number) => Math.round(n).toLocaleString('en-US');

const REASON_LABELS = { bankruptcy: 'bankrupt', 'parent-cut-off': 'cut off by parent', 'parent-loss-limit': 'cut off at the parent\'s loss limit', 'wind-down': 'wound down', acquired: 'acquired' } as const;

/** `cut off by parent 88% (wk 83.0); bankrupt 12% (wk 40.5)`, or — when the player never left. */
function exitReasons(byReason: McResult['players'][number]['exit']['byReason'] | undefined, runs: number): string {
  if (byReason === undefined) return '—';
  const parts = (Object.keys(REASON_LABELS) as Array<keyof typeof REASON_LABELS>)
    .filter((reason) => byReason[reason].exits > 0)
    .map((reason) => `${REASON_LABELS[reason]} ${formatPercent(byReason[reason].exits / runs)} (wk ${byReason[reason].meanWeek!.toFixed(1)})`);
  return parts.length === 0 ? '—' : parts.join('; ');
}

/** The survival table and market lines printed after a Monte Carlo run. */
export function mcTable(result: McResult): string {
  const rows = [...result.players]
    .sort((a, b) => b.survival.estimate - a.survival.estimate || b.finalShare.estimate - a.finalShare.estimate)
    .map((p) => [
      p.name,
      formatPercent(p.survival.estimate),
      interval(p.survival),
      formatPercent(p.finalShare.estimate),
      interval(p.finalShare),
      formatPercent(p.rank.first),
      p.exit.meanWeek === null ? '—' : p.exit.meanWeek.toFixed(1),
      exitReasons(p.exit.byReason, result.runs),
    ]);
  const table = formatTable(['player', 'P(survive)', '95% interval', 'mean final share', '95% interval', 'P(first)', 'mean exit week', 'why it left (share of runs, mean week)'], rows);
  const { survivors, shakeout, finalHhi } = result.market;
  const distribution = survivors.distribution.map((count, k) => [k, count] as const).filter(([, count]) => count > 0)
    .map(([k, count]) => `${k}: ${formatPercent(count / result.runs)}`).join(', ');
  const shakeoutWeek = shakeout.quantiles === null ? '' : `; week mean ${shakeout.meanWeek!.toFixed(1)}, median ${shakeout.quantiles.p50} (5–95%: ${shakeout.quantiles.p05}–${shakeout.quantiles.p95})`;
  const lines = [
    `${result.scenario.name}: ${result.runs} runs, seed ${result.seed}, ${result.horizonWeeks} weeks${result.complete === false ? ' (PARTIAL: interrupted)' : ''}`,
    '',
    table.trimEnd(),
    '',
    `survivors: mean ${survivors.mean.toFixed(2)} (${distribution})`,
    `shakeout (≤ ${result.shakeoutK} operating players): ${formatPercent(shakeout.probability.estimate)} of runs ${interval(shakeout.probability)}${shakeoutWeek}`,
    `final HHI: ${whole(finalHhi.estimate)} [${whole(finalHhi.low)}, ${whole(finalHhi.high)}], median ${whole(finalHhi.quantiles.p50)}`,
  ];
  const precision = result.precision;
  if (precision !== undefined) {
    lines.push(precision.reached
      ? `precision reached: every survival interval within ±${precision.halfWidth} after ${result.runs} runs (widest ±${precision.widestHalfWidth.toFixed(4)})`
      : `precision NOT reached: widest survival interval ±${precision.widestHalfWidth.toFixed(4)} > ±${precision.halfWidth} after ${result.runs} runs (--max-runs ${precision.maxRuns})`);
  }
  return lines.join('\n') + '\n';
}
