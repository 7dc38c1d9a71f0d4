/**
 * `gbsim fit FILE --targets OBS.csv --runs R [--out DIR] [--fit-until DATE] [--uncertainty [--factors F]]
 * [--workers W] [--oversubscribe] [--seed S] [--set ...] [--force] [--quiet]`: how well the scenario, as
 * it stands (or over its uncertain parameters, with --uncertainty), matches observed facts
 * (sim/experiment/fit.ts). Prints the fit table and a summary; --out writes fit.csv, fit.json and
 * manifest.json, all at the end (an interrupted run writes nothing).
 */
import type { FitResult, FitSummary, FitTableRow } from '../../experiment/fit.js';
import { ScenarioError } from '../../scenario/issues.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../format.js';
import { startSession } from './mc.js';

export const FIT_FILES = ['fit.csv', 'fit.json', 'manifest.json'] as const;

export const fitCommand = defineCommand({
  command: 'fit <file>',
  describe: 'Score a scenario against observed data: each observation against its simulated mean and 90% range, without fitting anything',
  examples: [
    ['gbsim fit scenarios/china-2020-calibrated.yaml --targets scenarios/data/china-2020-observations.csv --runs 40 --fit-until 2021-06-30', 'the calibrated scenario against the record; later facts are marked out of sample'],
    ['gbsim fit scenarios/what-if/reported-losses.yaml --targets scenarios/data/china-2020-observations.csv --runs 40 --out out/fit', 'a what-if against the same facts; writes fit.csv and fit.json'],
    ['gbsim fit scenarios/china-2020-calibrated.yaml --targets scenarios/data/china-2020-observations.csv --runs 200 --uncertainty --fit-until 2021-06-30', "over the calibration's posterior: each run draws its parameters from the uncertainty: section"],
  ],
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
      .option('targets', { type: 'string', demandOption: true, describe: 'observations CSV: date,player,metric,value,low,high,source,quote' })
      .option('runs', { type: 'number', demandOption: true, describe: 'replications (seeds (S, 0) … (S, R − 1), as gbsim mc)' })
      .option('out', { type: 'string', describe: 'directory for fit.csv, fit.json, manifest.json' })
      .option('fit-until', { type: 'string', describe: 'mark observations dated after this ISO date as out of sample (as gbsim calibrate does)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: the number of CPUs)' })
      .option('oversubscribe', { type: 'boolean', default: false, describe: 'allow --workers above the number of available cores' })
      .option('seed', { type: 'number', describe: 'random seed (default: the scenario\'s seed)' })
      .option('set', { type: 'string', requiresArg: true, describe: 'override a value: path=value; repeatable' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results already in --out' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html (simulated against observed, per series) into --out' })
      .option('uncertainty', { type: 'boolean', default: false, describe: "draw each run's parameters from the scenario's uncertainty: section (a Latin hypercube over the runs): the range is then the posterior's (or prior's) predictive range, as in gbsim calibrate's fit table" })
      .option('factors', { type: 'string', describe: "with --uncertainty: YAML file with an uncertainty: list instead of the scenario's section" })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
  run: async (args, context) => {
    const { MAX_SEED, listOf, wholeNumberProblem, workerCount } = await import('../../experiment/option-checks.js');
    const { parseIsoDate } = await import('../../kernel/calendar.js');
    const problems = [
      ...wholeNumberProblem('runs', args.runs, 1),
      ...wholeNumberProblem('workers', args.workers, 1),
      ...wholeNumberProblem('seed', args.seed, 0, MAX_SEED),
      ...(args.fitUntil !== undefined && parseIsoDate(args.fitUntil) === undefined ? [`--fit-until must be an ISO date (got "${args.fitUntil}")`] : []),
    ];
    if (args.report && args.out === undefined) problems.push('--report needs --out DIR (the report is written there)');
    if (args.factors !== undefined && !args.uncertainty) problems.push('--factors goes with --uncertainty');
    if (problems.length > 0) throw new UsageError(problems.join('\n'));
    const { prepareScenario } = await import('../../experiment/prepare.js');
    const { readObservations, observationSpecs } = await import('../../experiment/observations.js');
    const { marketPointModel } = await import('../../experiment/point-model.js');
    const { runFit, fitSummary, uncertainRunValues, FIT_TABLE_COLUMNS } = await import('../../experiment/fit.js');
    const { checkOutputDir, writeOutputs } = await import('../../experiment/files.js');
    const { toCsv } = await import('../../experiment/csv.js');
    const { GBSIM_VERSION } = await import('../../experiment/version.js');
    const { availableParallelism } = await import('node:os');
    const { resolve } = await import('node:path');

    const sets = listOf(args.set);
    const base = prepareScenario(args.file, { sets, cwd: context.cwd, allowOutside: args.allowOutside });
    const read = readObservations(args.targets, context.cwd, base.scenario, args.fitUntil ?? null);
    if (!read.ok) throw new ScenarioError([{ file: args.targets, issues: read.issues }]);
    const observations = read.observations;
    const out = args.out === undefined ? null : resolve(context.cwd, args.out);
    if (out !== null) checkOutputDir(out, FIT_FILES, args.force);
    const seed = args.seed ?? base.scenario.seed;
    const threads = workerCount(args.workers, args.oversubscribe, availableParallelism());
    if (threads.note !== undefined) context.io.stderr.write(`gbsim: ${threads.note}\n`);
    const workers = Math.min(threads.workers, args.runs);
    const observe = observationSpecs(observations, base.params.players.map((p) => p.id));
    const factors = args.uncertainty ? await (await import('./sensitivity.js')).factorsOf(base.scenario, args.factors, context.cwd, args.file) : [];
    const model = marketPointModel({ base, sets, cwd: context.cwd, allowOutside: args.allowOutside, factors, seed, shakeoutK: 5, workers, observe });
    const parameterValues = args.uncertainty ? uncertainRunValues(factors, args.runs, seed) : undefined;
    const session = await startSession(context, `fit ${base.params.name}`, args.quiet);
    let fit;
    try {
      fit = await runFit({ observations, model, runs: args.runs, parameterValues, signal: session.signal, onProgress: session.onProgress });
    } finally {
      session.end();
    }
    if (!fit.complete) return session.interrupted(`gbsim fit: interrupted by ${session.received()} after ${fit.runs} of ${args.runs} runs; nothing written`);
    const summary = fitSummary(fit.rows);
    const uncertainty = args.uncertainty ? { factors: factors.map((f) => f.path), file: args.factors ?? null } : null;
    context.io.stdout.write(fitTable(base.params.name, args.runs, seed, fit.rows, summary, uncertainty === null ? 0 : factors.length));
    if (out === null) return;
    const result: FitResult = { kind: 'fit', gbsimVersion: GBSIM_VERSION, scenario: { name: base.params.name, file: base.file, hash: base.source.hash }, targets: args.targets, seed, runs: args.runs, fitUntil: args.fitUntil ?? null, set: sets, uncertainty, summary, rows: fit.rows };
    writeOutputs(out, { 'fit.csv': toCsv(fit.rows.map((row) => ({ ...row })), FIT_TABLE_COLUMNS), 'fit.json': `${JSON.stringify(result, null, 2)}\n` });
    session.writeManifest(out, 'fit', { file: args.file, targets: args.targets, runs: args.runs, seed, fitUntil: args.fitUntil ?? null, set: sets, uncertainty: args.uncertainty, factors: args.factors ?? null }, { workers, runsThisSession: args.runs, complete: true });
    context.io.stdout.write(`wrote ${FIT_FILES.length} files to ${args.out}\n`);
    if (args.report) await (await import('./report.js')).reportOn(args.out!, {}, context);
  },
});

const number = (x: number | null) => (x === null || !Number.isFinite(x) ? '—' : Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4))));

/** The fit per observation, then how many lie in the simulated range. */
export function fitTable(name: string, runs: number, seed: number, rows: readonly FitTableRow[], summary: FitSummary, uncertainParameters = 0): string {
  const observed = (r: FitTableRow) => (r.low === null && r.high === null ? number(r.observed) : `${number(r.observed)} [${number(r.low ?? r.observed)}, ${number(r.high ?? r.observed)}]`);
  const table = formatTable(
    ['date', 'player', 'metric', 'observed', 'simulated mean [5%, 95% of runs]', 'scaled error', 'inside', 'note'],
    rows.map((r) => [
      r.date, r.player, r.metric, observed(r),
      r.simulatedMean === null ? '—' : `${number(r.simulatedMean)} [${number(r.simulatedP05)}, ${number(r.simulatedP95)}]${r.runsWithValue < runs ? ` (${r.runsWithValue} runs)` : ''}`,
      r.scaledError === null ? '—' : r.scaledError.toFixed(2),
      r.inside === null ? '—' : r.inside ? 'yes' : 'no',
      r.note,
    ]),
  );
  const median = (m: number | null) => (m === null ? '' : ` (median |scaled error| ${m.toFixed(2)})`);
  const outOfSample = summary.outOfSample.compared > 0 ? `; out of sample: ${summary.outOfSample.inside} of ${summary.outOfSample.compared}${median(summary.outOfSample.medianAbsScaledError)}` : '';
  const drawn = uncertainParameters > 0 ? `, each with its own draw of ${uncertainParameters} uncertain parameters (Latin hypercube)` : '';
  return `${name}: ${runs} runs${drawn}, seed ${seed}\n\n${table}\n${summary.inside} of ${summary.compared} observations inside the simulated 90% range${median(summary.medianAbsScaledError)}${outOfSample}\n`;
}
