/**
 * `gbsim calibrate FILE --targets OBS.csv --out DIR [--factors FILE] [--particles N]
 * [--generations T] [--alpha A] [--method mcmc|importance] [--max-evaluations M] [--runs R] [--fit-until DATE] [--workers W]
 * [--seed S] [--set ...] [--resume] [--force] [--report] [--quiet]`: fits the scenario's uncertain
 * parameters to observations by ABC-SMC. Writes calibration.json, calibration-fit.csv,
 * posterior.csv, posterior-sample.csv, posterior.yaml, calibrated.yaml,
 * calibration-evaluations.ndjson and manifest.json.
 */
import { effectiveSampleWarning, type CalibrationResult } from '../../experiment/calibration.js';
import { CALIBRATION_DEFAULTS } from '../../experiment/design-defaults.js';
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../format.js';
import { startSession } from './mc.js';
import { factorsOf } from './sensitivity.js';

export const calibrateCommand = defineCommand({
  command: 'calibrate <file>',
  describe: 'Fit the scenario\'s uncertain parameters to observed data (ABC-SMC); posterior, fit table, calibrated scenario',
  examples: [
    ['gbsim calibrate scenarios/china-2020.yaml --targets scenarios/data/china-2020-observations.csv --fit-until 2021-06-30 --out out/cal', 'fit to the observations up to mid-2021; later ones are out-of-sample checks'],
    ['gbsim calibrate scenarios/china-2020.yaml --targets obs.csv --particles 100 --generations 4 --runs 2 --out out/cal --resume', 'continue an interrupted calibration'],
  ],
  builder: (yargs) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON) with an uncertainty: section (the prior)' })
      .option('targets', { type: 'string', demandOption: true, describe: 'observations CSV: date,player,metric,value,low,high,source,quote' })
      .option('out', { type: 'string', demandOption: true, describe: 'directory for the posterior, fit table, calibrated scenario and evaluations' })
      .option('factors', { type: 'string', describe: 'YAML file with an uncertainty: list (the prior) instead of the scenario\'s section' })
      .option('particles', { type: 'number', default: CALIBRATION_DEFAULTS.particles, describe: 'particles per generation' })
      .option('generations', { type: 'number', default: CALIBRATION_DEFAULTS.generations, describe: 'ABC-SMC generations (tolerance shrinks each one)' })
      .option('alpha', { type: 'number', default: CALIBRATION_DEFAULTS.alpha, describe: 'each tolerance is this quantile of the previous generation\'s distances' })
      .option('method', { choices: ['mcmc', 'importance'] as const, default: CALIBRATION_DEFAULTS.method, describe: 'mcmc: equally weighted particles moved by Metropolis-Hastings steps (Drovandi & Pettitt 2011); importance: weighted particles (Beaumont et al. 2009), which degenerate with many parameters' })
      .option('max-evaluations', { type: 'number', default: CALIBRATION_DEFAULTS.maxEvaluations, describe: 'stop before a generation would exceed this many evaluations (the last complete generation is the posterior)' })
      .option('runs', { type: 'number', default: CALIBRATION_DEFAULTS.runs, describe: 'replications per evaluation (common random numbers); the simulated value is their mean' })
      .option('fit-until', { type: 'string', describe: 'fit observations dated up to this ISO date; later ones are out-of-sample checks' })
      .option('workers', { type: 'number', describe: 'worker threads (default: the number of CPUs)' })
      .option('seed', { type: 'number', describe: 'random seed (default: the scenario\'s seed)' })
      .option('set', { type: 'string', requiresArg: true, describe: 'override a value: path=value; repeatable' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder' })
      .option('shakeout-k', { type: 'number', default: 5, describe: 'the shakeout is the first week with at most K operating players' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue the calibration in --out from its evaluations' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite results already in --out' })
      .option('report', { type: 'boolean', default: false, describe: 'also write report.html (prior vs posterior, simulated vs observed) into --out' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
  run: async (args, context) => {
    const { listOf, wholeNumberProblem, betweenProblem } = await import('../../experiment/option-checks.js');
    const { parseIsoDate } = await import('../../kernel/calendar.js');
    const problems = [
      ...wholeNumberProblem('particles', args.particles, 5),
      ...wholeNumberProblem('generations', args.generations, 1),
      ...wholeNumberProblem('max-evaluations', args.maxEvaluations, 1),
      ...wholeNumberProblem('runs', args.runs, 1),
      ...wholeNumberProblem('workers', args.workers, 1),
      ...wholeNumberProblem('seed', args.seed, 0),
      ...wholeNumberProblem('shakeout-k', args.shakeoutK, 0),
      ...betweenProblem('alpha', args.alpha, 0, 1),
      ...(args.fitUntil !== undefined && parseIsoDate(args.fitUntil) === undefined ? [`--fit-until must be an ISO date (got "${args.fitUntil}")`] : []),
      ...(args.resume && args.force ? ['--resume continues the results in --out and --force replaces them: give one of them'] : []),
    ];
    if (problems.length > 0) throw new UsageError(problems.join('\n'));
    const { prepareScenario } = await import('../../experiment/prepare.js');
    const { readObservations, observationSpecs } = await import('../../experiment/observations.js');
    const { runCalibration } = await import('../../experiment/calibration.js');
    const { marketPointModel } = await import('../../experiment/point-model.js');
    const { ScenarioError } = await import('../../scenario/issues.js');
    const { availableParallelism } = await import('node:os');
    const { resolve } = await import('node:path');

    const sets = listOf(args.set);
    const base = prepareScenario(args.file, { sets, cwd: context.cwd, allowOutside: args.allowOutside });
    const factors = await factorsOf(base.scenario, args.factors, context.cwd, args.file);
    const read = readObservations(args.targets, context.cwd, base.scenario, args.fitUntil ?? null);
    if (!read.ok) throw new ScenarioError([{ file: args.targets, issues: read.issues }]);
    const observations = read.observations;
    if (!observations.some((o) => o.fitted)) throw new UsageError(`no observation in ${args.targets} is dated up to --fit-until ${args.fitUntil}: nothing to fit`);
    const seed = args.seed ?? base.scenario.seed;
    const workers = args.workers ?? availableParallelism();
    const out = resolve(context.cwd, args.out);
    const observe = observationSpecs(observations, base.params.players.map((p) => p.id));
    const model = marketPointModel({ base, sets, cwd: context.cwd, allowOutside: args.allowOutside, factors, seed, shakeoutK: args.shakeoutK, workers, observe });
    const settings = { particles: args.particles, generations: args.generations, alpha: args.alpha, method: args.method, maxEvaluations: args.maxEvaluations, seed };
    const session = await startSession(context, `calibrate ${base.params.name}`, args.quiet);
    let report;
    try {
      report = await runCalibration({
        scenario: { name: base.params.name, file: base.file, hash: base.source.hash },
        data: base.scenario, file: base.source.absolutePath, factors, observations, model, settings, runs: args.runs, shakeoutK: args.shakeoutK,
        out: { dir: out, resume: args.resume, force: args.force },
        signal: session.signal, onProgress: session.onProgress,
      });
    } finally {
      session.end();
    }
    if (!report.ok) throw new UsageError(report.problems.join('\n'));
    const { value } = report;
    if (value.result !== null) context.io.stdout.write(calibrationTable(value.result));
    const small = value.result === null ? null : effectiveSampleWarning(value.result);
    if (small !== null) context.io.stderr.write(`gbsim calibrate: warning: ${small}\n`);
    const facts = { file: args.file, targets: args.targets, factors: args.factors ?? null, settings, runs: args.runs, fitUntil: args.fitUntil ?? null, set: sets, shakeoutK: args.shakeoutK, resume: args.resume };
    session.writeManifest(out, 'calibrate', facts, { workers, runsThisSession: (value.evaluations - value.resumed) * args.runs, complete: value.stopped !== 'interrupted' });
    if (value.stopped === 'budget') context.io.stderr.write(`gbsim calibrate: stopped at --max-evaluations ${args.maxEvaluations}; the posterior is generation ${value.result?.generations.length ?? 0}\n`);
    if (args.report && value.result !== null && value.stopped !== 'interrupted') await (await import('./report.js')).reportOn(args.out, {}, context);
    if (value.stopped !== 'interrupted') return;
    return session.interrupted(`gbsim calibrate: interrupted by ${session.received()} after ${value.evaluations} evaluations; continue with the same command and --resume`);
  },
});

const number = (x: number) => (!Number.isFinite(x) ? '—' : Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4))));

/** Generations, then each parameter's prior and posterior 90% intervals, then the fit per target. */
export function calibrationTable(result: CalibrationResult): string {
  const generations = formatTable(
    ['generation', 'tolerance', 'evaluations', 'acceptance', 'effective sample'],
    result.generations.map((g, t) => [String(t), number(g.epsilon), String(g.evaluations), `${(100 * g.acceptance).toFixed(1)}%`, `${g.effectiveSampleSize.toFixed(1)} of ${result.settings.particles}`]),
  );
  const parameters = formatTable(['parameter', 'prior 90%', 'posterior median', 'posterior 90%', 'width vs prior'], result.parameters.map((p) => [p.path, `[${number(p.prior.p05)}, ${number(p.prior.p95)}]`, number(p.posterior.p50), `[${number(p.posterior.p05)}, ${number(p.posterior.p95)}]`, `${(100 * p.widthRatio).toFixed(0)}%`]));
  const fit = formatTable(['date', 'player', 'metric', 'observed', 'simulated (posterior 90%)', 'scaled error', 'fitted'], result.fit.map((f) => [f.date, f.player, f.metric, number(f.observed), `${number(f.simulatedMean)} [${number(f.simulatedP05)}, ${number(f.simulatedP95)}]`, f.scaledError.toFixed(2), f.fitted ? 'yes' : f.note]));
  return `${result.scenario.name}: ${result.method}, ${result.settings.particles} particles, ${result.runs} runs per evaluation, seed ${result.seed}\n\n${generations}\n${parameters}\n${fit}`;
}
