/**
 * `gbsim compare A.yaml B.yaml [...] --runs N [--workers W] [--seed S] [--out DIR]`: the scenarios
 * under common random numbers (replication r of each uses the same seed and index). Prints per
 * player each scenario's survival and mean share and the paired differences vs the first; with
 * --out writes compare.json, compare.csv and manifest.json.
 */
import type { CompareResult, PairedDifference } from '../../experiment/types.js';
import { ScenarioError, type ScenarioFailure } from '../../scenario/issues.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { formatPercent, formatTable } from '../format.js';
import { startSession } from './mc.js';

export const compareCommand = defineCommand({
  command: 'compare <files..>',
  describe: 'Compare scenarios under common random numbers (differences vs the first)',
  examples: [
    ['gbsim compare scenarios/china-2020.yaml scenarios/what-if/no-jd-investment.yaml --runs 500', 'what if JD had not invested?'],
    ['gbsim compare scenarios/teaching/base.yaml scenarios/teaching/subsidy-war.yaml --runs 200 --out out/cmp', 'write compare.json and compare.csv'],
  ],
  builder: (yargs) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'scenario files; the first is the baseline' })
      .option('runs', { type: 'number', demandOption: true, describe: 'replications of each scenario' })
      .option('workers', { type: 'number', describe: 'worker threads (default: the number of CPUs)' })
      .option('oversubscribe', { type: 'boolean', default: false, describe: 'allow --workers above the number of available cores' })
      .option('seed', { type: 'number', describe: 'random seed (default: the first scenario\'s seed)' })
      .option('out', { type: 'string', describe: 'directory for compare.json, compare.csv, manifest.json' })
      .option('set', { type: 'string', requiresArg: true, describe: 'override a value in every scenario: path=value; repeatable' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder' })
      .option('shakeout-k', { type: 'number', default: 5, describe: 'the shakeout is the first week with at most K operating players' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results already in --out' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue the comparison in --out from its compare-runs.ndjson' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html (charts and summary) into --out' })
      .option('cache', { type: 'boolean', default: true, describe: 'reuse replications already run (see docs/library.md#the-replication-cache); --no-cache runs every one' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
  run: async (args, context) => {
    const { MAX_SEED, listOf, wholeNumberProblem } = await import('../../experiment/option-checks.js');
    const problems = [
      ...wholeNumberProblem('runs', args.runs, 1),
      ...wholeNumberProblem('workers', args.workers, 1),
      ...wholeNumberProblem('seed', args.seed, 0, MAX_SEED),
      ...wholeNumberProblem('shakeout-k', args.shakeoutK, 0),
      ...(args.resume && args.force ? ['--resume continues the comparison in --out and --force replaces it: give one of them'] : []),
      ...(args.resume && args.out === undefined ? ['--resume needs --out DIR (the folder of the comparison to continue)'] : []),
      ...(args.files.length < 2 ? [`compare needs at least two scenario files (got ${args.files.length})`] : []),
    ];
    if (problems.length > 0) throw new UsageError(problems.join('\n'));

    const { prepareScenario } = await import('../../experiment/prepare.js');
    const { runCompare, compareFiles, COMPARE_FILES } = await import('../../experiment/compare.js');
    const { openReplicationCache } = await import('../../experiment/cache.js');
    const { checkOutputDir, writeOutputs } = await import('../../experiment/files.js');
    const { availableParallelism } = await import('node:os');
    const { resolve } = await import('node:path');

    const sets = listOf(args.set);
    const prepared = prepareAll(args.files, (file) => prepareScenario(file, { sets, cwd: context.cwd, allowOutside: args.allowOutside }));
    const out = args.out === undefined ? null : resolve(context.cwd, args.out);
    if (out !== null && !args.resume) checkOutputDir(out, COMPARE_FILES, args.force);
    const { workerCount } = await import('../../experiment/option-checks.js');
    const threads = workerCount(args.workers, args.oversubscribe, availableParallelism());
    if (threads.note !== undefined) context.io.stderr.write(`gbsim: ${threads.note}\n`);
    const workers = threads.workers;
    const seed = args.seed ?? prepared[0]!.scenario.seed;
    const session = await startSession(context, `compare ×${prepared.length}`, args.quiet);
    let report;
    try {
      report = await runCompare({ prepared, sets, cwd: context.cwd, allowOutside: args.allowOutside, seed, runs: args.runs, shakeoutK: args.shakeoutK, workers, cache: openReplicationCache({ enabled: args.cache }), signal: session.signal, offMainThread: context.offMainThread, onProgress: session.onProgress, out: out === null ? null : { dir: out, resume: args.resume } });
    } catch (error) {
      if (error instanceof Error && error.name === 'CompareResumeError') throw new UsageError(error.message);
      throw error;
    } finally {
      session.end();
    }
    if (report.result !== null) context.io.stdout.write(compareTable(report.result));
    if (out !== null) {
      if (report.result !== null) writeOutputs(out, compareFiles(report.result));
      const facts = { files: args.files, runs: args.runs, seed, set: sets, shakeoutK: args.shakeoutK };
      session.writeManifest(out, 'compare', facts, { workers, runsThisSession: report.done * prepared.length, complete: report.complete });
    }
    if (args.report && out !== null && report.complete) await (await import('./report.js')).reportOn(out, {}, context);
    if (report.complete) return;
    const again = args.out === undefined ? '' : '; continue with the same command and --resume';
    return session.interrupted(`gbsim compare: interrupted by ${session.received()} after ${report.done} of ${args.runs} replications; the results cover those${again}`);
  },
});

/** Prepares every file, reporting the problems of all bad files at once. */
function prepareAll<T>(files: readonly string[], prepare: (file: string) => T): T[] {
  const prepared: T[] = [];
  const failures: ScenarioFailure[] = [];
  for (const file of files) {
    try {
      prepared.push(prepare(file));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      failures.push(...error.failures);
    }
  }
  if (failures.length > 0) throw new ScenarioError(failures);
  return prepared;
}

const difference = (d: PairedDifference | null | undefined, digits = 1) =>
  d == null ? '' : `${d.estimate >= 0 ? '+' : ''}${(100 * d.estimate).toFixed(digits)} [${(100 * d.low).toFixed(digits)}, ${(100 * d.high).toFixed(digits)}] p=${formatP(d.pHolm)}${d.significant ? ' *' : ''}`;

/** A difference in its own unit (pickup points, survivors, HHI), with its interval and Holm-adjusted p. */
const plainDifference = (d: PairedDifference | null | undefined, digits: number) =>
  d == null ? '' : `${d.estimate >= 0 ? '+' : ''}${d.estimate.toFixed(digits)} [${d.low.toFixed(digits)}, ${d.high.toFixed(digits)}] p=${formatP(d.pHolm)}${d.significant ? ' *' : ''}`;

/** A difference of counts (pickup points): whole numbers with thousands separators. */
const countDifference = (d: PairedDifference | null | undefined) => {
  const whole = (v: number) => Math.round(v).toLocaleString('en-US');
  return d == null ? '' : `${d.estimate >= 0 ? '+' : ''}${whole(d.estimate)} [${whole(d.low)}, ${whole(d.high)}] p=${formatP(d.pHolm)}${d.significant ? ' *' : ''}`;
};

/** A mean count, whole numbers with thousands separators (empty when absent). */
const formatCount = (value: number | null | undefined) => (value == null ? '' : Math.round(value).toLocaleString('en-US'));

/** A p-value in two significant digits, small ones as < 0.001. */
function formatP(p: number | undefined): string {
  if (p === undefined) return '?';
  return p < 0.001 ? '<0.001' : p >= 0.995 ? '1' : p.toPrecision(2);
}

/** Per player: survival and mean share in each scenario, then the differences vs the baseline (percentage points). */
export function compareTable(result: CompareResult): string {
  const labels = result.scenarios.map((s, i) => (result.scenarios.filter((t) => t.name === s.name).length > 1 ? `${s.name} #${i + 1}` : s.name));
  const header = ['player', 'scenario', 'P(survive)', 'mean final share', 'Δ P(survive), pts', 'Δ mean share, pts', 'final pickup points', 'Δ pickup points'];
  const rows = result.players.flatMap((p) =>
    labels.flatMap((label, i) => {
      const survival = p.survival[i];
      const share = p.finalShare[i];
      if (survival == null || share == null) return [];
      return [[i === 0 ? p.name : '', label, formatPercent(survival.estimate), formatPercent(share.estimate),
        i === 0 ? '(baseline)' : difference(p.survivalDifference[i - 1]), i === 0 ? '' : difference(p.finalShareDifference[i - 1]),
        formatCount(p.finalPointsMean?.[i]), i === 0 ? '' : countDifference(p.finalPointsDifference?.[i - 1])]];
    }),
  );
  const head = `${result.runs} runs per scenario, seed ${result.seed}, common random numbers${result.complete === false ? ' (PARTIAL: interrupted)' : ''}\n\n`;
  return head + formatTable(header, rows) + marketLines(result, labels) + parameterLines(result, labels) + '\nΔ: scenario − baseline, mean of paired differences with its 95% interval; p: two-sided, exact McNemar for survival, paired t for share, cash, pickup points, exit week, survivors and HHI\n   (cash and exit week in compare.csv), Holm-adjusted over every test of the scenario against the baseline; * p < 0.05 and the difference is not 0\n';
}

/** Survivors and final HHI per scenario, with the paired differences vs the baseline. */
function marketLines(result: CompareResult, labels: readonly string[]): string {
  const market = result.market;
  if (market === undefined) return '';
  const plain = plainDifference;
  const rows = labels.map((label, i) => [
    label,
    market.survivorsMean[i]!.toFixed(2),
    i === 0 ? '(baseline)' : plain(market.survivorsDifference[i - 1], 2),
    Math.round(market.finalHhi[i]!.estimate).toLocaleString('en-US'),
    i === 0 ? '' : plain(market.finalHhiDifference[i - 1], 0),
  ]);
  return `\n${formatTable(['scenario', 'mean survivors', 'Δ survivors', 'final HHI', 'Δ final HHI'], rows)}`;
}

/** Above this many characters a value is shown by its kind and size (compare.json keeps it whole). */
const LONGEST_VALUE = 120;

/** A value for the terminal: JSON, or for a long list or object (an uncertainty section, a footprint) its size. */
function shortValue(value: unknown): string {
  if (value === null) return '(none)';
  const text = JSON.stringify(value);
  if (text.length <= LONGEST_VALUE) return text;
  if (Array.isArray(value)) return `[a list of ${value.length}, ${text.length.toLocaleString('en-US')} characters of JSON; see compare.json]`;
  if (typeof value === 'object') return `{an object of ${Object.keys(value as object).length} keys, ${text.length.toLocaleString('en-US')} characters of JSON; see compare.json}`;
  return `${text.slice(0, LONGEST_VALUE)}… (see compare.json)`;
}

/** What differs between the scenarios (at most 20 values shown). */
function parameterLines(result: CompareResult, labels: readonly string[]): string {
  const differences = result.parameterDifferences ?? [];
  if (differences.length === 0) return '\nThe scenarios have the same parameters (only their names differ).\n';
  const shown = differences.slice(0, 20).map(({ path, values }) => `  ${path}: ${values.map((v, i) => `${labels[i]} ${shortValue(v)}`).join(' | ')}`);
  const more = differences.length > 20 ? [`  ... and ${differences.length - 20} more (see compare.json)`] : [];
  return `\nWhat differs between the scenarios:\n${[...shown, ...more].join('\n')}\n`;
}
