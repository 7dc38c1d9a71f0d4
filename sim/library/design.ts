/**
 * The design experiments of the library: `sensitivity` (as `gbsim sensitivity`), `calibrate` (as
 * `gbsim calibrate`), `fit` (as `gbsim fit`) and `uncertainMonteCarlo` (as `gbsim mc --uncertainty`).
 *
 *   Scenario + factors (its uncertainty: section, a factors file, or Factor objects)
 *     → marketPointModel → runSensitivity / runCalibration / runUncertainMc (the commands' code)
 *     → the result object of the JSON file and the rows of the CSV files, as plain data
 *
 * No output directory, shards or resume (use the CLI for those), and no replication cache (the
 * commands have none for these experiments either). An aborted experiment resolves with
 * `complete: false` and no result: an analysis over part of its design, or an unfinished
 * calibration, has no valid indices or posterior, and the CLI writes none either.
 */
import { z } from 'zod';
import { ABC_METHODS, type AbcMethod } from '../experiment/abc-smc.js';
import { calibratedScenario, calibrationTables, posteriorFactorsText, runCalibration, type CalibrationResult } from '../experiment/calibration.js';
import { fitSummary, runFit, uncertainRunValues, type FitSummary, type FitTableRow } from '../experiment/fit.js';
import { CALIBRATION_DEFAULTS, SENSITIVITY_DEFAULTS, UNCERTAIN_MC_DEFAULTS, defaultCandidates } from '../experiment/design-defaults.js';
import type { Progress } from '../experiment/monte-carlo.js';
import { OBSERVATION_COLUMNS, observationSpecs, parseObservations, readObservations, type ObservationsRead } from '../experiment/observations.js';
import { marketPointModel, type MarketModelOptions } from '../experiment/point-model.js';
import type { Row } from '../experiment/rows.js';
import { runSensitivity, sensitivityTables, weeklyShareSpecs, type SensitivityMethod, type SensitivityResult } from '../experiment/sensitivity.js';
import { runUncertainMc, uncertainMcTables, type SetSampling, type UncertainMcResult } from '../experiment/uncertain-mc.js';
import { parseIsoDate } from '../kernel/calendar.js';
import { readFactorsFile } from '../scenario/factors-file.js';
import { formatIssues, formatPath } from '../scenario/issues.js';
import { Factor } from '../scenario/schema.js';
import { factorProblems } from '../scenario/uncertainty.js';
import type { Scenario } from '../index.js';
import { checkBetween, checkExperiment, checkWhole } from './checks.js';

/** What every design experiment accepts (as `ExperimentOptions`, without a cache). */
export interface DesignExperimentOptions {
  /** Default: the scenario's seed. Replication r draws from the streams of (seed, r) at every point. */
  seed?: number;
  /** The shakeout is the first week with at most K operating players (default 5). */
  shakeoutK?: number;
  /** Worker threads (default 1: this thread). Results do not depend on it. */
  workers?: number;
  /** Aborting stops the experiment: it resolves with `complete: false` and no result. */
  signal?: AbortSignal;
  /** Called as replications complete: `done` of `total` (for calibration `total` is an estimate that grows when a generation needs more proposals). */
  onProgress?: (progress: Progress) => void;
  /**
   * The uncertain parameters: a factors file (`uncertainty:` list, as `--factors FILE`, relative to
   * the scenario's `cwd`), or the factors themselves; default: the scenario's `uncertainty:` section.
   */
  factors?: string | readonly Factor[];
}

export interface SensitivityAnalysisOptions extends DesignExperimentOptions {
  /** morris: elementary effects (screening); sobol: first-order and total indices. */
  method: SensitivityMethod;
  /** Replications per design point (the same seeds at every point). */
  runs: number;
  /** Morris: trajectories kept (default 20), grid levels (even, default 4), candidates drawn (default 10 per trajectory, at most 500). */
  trajectories?: number;
  levels?: number;
  candidates?: number;
  /** Sobol: base samples N (the design has N·(factors + 2) points; default 256). */
  samples?: number;
  /** Bootstrap resamples for the 95% intervals (default 1000). */
  bootstrap?: number;
  /** Also the indices of every player's share in every week (outputs `share.<player>.week<w>`). */
  overTime?: boolean;
}

/** sensitivity.json and the rows of sensitivity-indices.csv and sensitivity-design.csv. */
export interface SensitivityRunResult {
  /** Null when aborted. */
  result: SensitivityResult | null;
  complete: boolean;
  indices: Row[];
  design: Row[];
}

/** Global sensitivity of the outcomes to the scenario's uncertain parameters (as `gbsim sensitivity`). */
export async function sensitivity(scenario: Scenario, options: SensitivityAnalysisOptions): Promise<SensitivityRunResult> {
  if (options.method !== 'morris' && options.method !== 'sobol') throw new RangeError(`method must be morris or sobol (got ${String(options.method)})`);
  const trajectories = options.trajectories ?? SENSITIVITY_DEFAULTS.trajectories;
  const levels = options.levels ?? SENSITIVITY_DEFAULTS.levels;
  checkWhole('runs', options.runs, 1);
  checkWhole('trajectories', trajectories, 2);
  checkWhole('levels', levels, 2);
  if (levels % 2 !== 0) throw new RangeError(`levels must be even (got ${levels}): Morris's step Δ = p/(2(p−1)) then keeps every point on the grid`);
  checkWhole('candidates', options.candidates, trajectories);
  checkWhole('samples', options.samples, 2);
  checkWhole('bootstrap', options.bootstrap, 10);
  checkExperiment(options);
  const factors = factorsFor(scenario, options.factors);
  const common = commonOf(scenario, options);
  const { params } = scenario.prepared;
  const observe = options.overTime === true ? weeklyShareSpecs(params.players.map((p) => p.id), params.horizonWeeks) : undefined;
  const report = await runSensitivity({
    scenario: identityOf(scenario),
    factors,
    design: { method: options.method, trajectories, levels, candidates: options.candidates ?? defaultCandidates(trajectories), baseSamples: options.samples ?? SENSITIVITY_DEFAULTS.samples },
    model: marketPointModel({ ...common.model, factors, observe }),
    seed: common.seed, runs: options.runs, shakeoutK: common.shakeoutK, bootstrap: options.bootstrap ?? SENSITIVITY_DEFAULTS.bootstrap,
    shard: null, out: null, signal: options.signal, onProgress: options.onProgress,
  });
  if (!report.ok) throw new RangeError(report.problems.join('\n'));
  const { result, points } = report.value;
  if (result === null) return { result: null, complete: false, indices: [], design: [] };
  const tables = sensitivityTables(result, points);
  return { result, complete: true, indices: tables.indices.rows, design: tables.design.rows };
}

/** One observation as the columns of the observations CSV (see docs/calibration.md). */
export interface ObservationInput {
  date: string;
  /** A player id, or `market` (or empty) for the whole market. */
  player: string;
  metric: string;
  value: number;
  low?: number | null;
  high?: number | null;
  source: string;
  quote?: string;
}

export interface CalibrateOptions extends DesignExperimentOptions {
  /**
   * The observations: a CSV file (relative to the scenario's `cwd`), or rows with its columns,
   * checked as the file is (issues name row i as line i + 2, below a header).
   */
  targets: string | readonly ObservationInput[];
  /** Particles per generation (default 200), generations (default 5). */
  particles?: number;
  generations?: number;
  /** Each tolerance is this quantile of the previous generation's distances (default 0.5). */
  alpha?: number;
  /** 'mcmc' (default: equally weighted particles moved by Metropolis–Hastings steps) or 'importance' (weighted particles); see docs/calibration.md. */
  method?: AbcMethod;
  /** Stop before a generation would exceed this many evaluations (default 20 000). */
  maxEvaluations?: number;
  /** Replications per evaluation (default 4); the simulated value is their mean. */
  runs?: number;
  /** Fit observations dated up to this ISO date; later ones are out-of-sample checks. */
  fitUntil?: string;
  /** The folder `calibrated` will be saved in: its `extends:` names the scenario file relative to it (default: the scenario's `cwd`). */
  calibratedDir?: string;
}

/** calibration.json, the rows of calibration-fit.csv, posterior.csv and posterior-sample.csv, posterior.yaml and calibrated.yaml. */
export interface CalibrationRunResult {
  /** Null when aborted, or when the evaluation budget ran out before the first generation. */
  result: CalibrationResult | null;
  complete: boolean;
  /** 'done', 'budget' (maxEvaluations reached: the posterior is the last complete generation) or 'interrupted'. */
  stopped: 'done' | 'budget' | 'interrupted';
  /** Proposals evaluated (each `runs` replications). */
  evaluations: number;
  fit: Row[];
  /** One row per particle of the last generation: its weight and values. */
  posterior: Row[];
  /** As many draws from the posterior (by weight) as particles. */
  sample: Row[];
  /** Each parameter's posterior marginal, a discrete factor (usable as `factors`), and the same as posterior.yaml's text. */
  posteriorFactors: Factor[];
  posteriorYaml: string;
  /** calibrated.yaml: the scenario with each parameter at its posterior median and the posterior as its uncertainty. */
  calibrated: string;
}

/** Fits the scenario's uncertain parameters to observations by ABC-SMC (as `gbsim calibrate`). */
export async function calibrate(scenario: Scenario, options: CalibrateOptions): Promise<CalibrationRunResult> {
  const settings = {
    particles: options.particles ?? CALIBRATION_DEFAULTS.particles,
    generations: options.generations ?? CALIBRATION_DEFAULTS.generations,
    alpha: options.alpha ?? CALIBRATION_DEFAULTS.alpha,
    method: options.method ?? CALIBRATION_DEFAULTS.method,
    maxEvaluations: options.maxEvaluations ?? CALIBRATION_DEFAULTS.maxEvaluations,
    seed: options.seed ?? scenario.seed,
  };
  const runs = options.runs ?? CALIBRATION_DEFAULTS.runs;
  checkWhole('particles', settings.particles, 5);
  checkWhole('generations', settings.generations, 1);
  checkWhole('maxEvaluations', settings.maxEvaluations, 1);
  checkWhole('runs', runs, 1);
  checkBetween('alpha', settings.alpha, 0, 1);
  if (!ABC_METHODS.includes(settings.method)) throw new RangeError(`method must be one of ${ABC_METHODS.join(', ')} (got "${String(settings.method)}")`);
  checkExperiment(options);
  if (options.fitUntil !== undefined && parseIsoDate(options.fitUntil) === undefined) throw new RangeError(`fitUntil must be an ISO date (got "${options.fitUntil}")`);
  const factors = factorsFor(scenario, options.factors);
  const observations = observationsFor(scenario, options.targets, options.fitUntil ?? null);
  const common = commonOf(scenario, options);
  const data = scenario.prepared.scenario;
  const report = await runCalibration({
    scenario: identityOf(scenario),
    data, file: scenario.prepared.source.absolutePath, factors, observations,
    model: marketPointModel({ ...common.model, factors, observe: observationSpecs(observations, scenario.players.map((p) => p.id)) }),
    settings, runs, shakeoutK: common.shakeoutK, out: null, signal: options.signal, onProgress: options.onProgress,
  });
  if (!report.ok) throw new RangeError(report.problems.join('\n'));
  const { stopped, evaluations } = report.value;
  const result = stopped === 'interrupted' ? null : report.value.result;
  const empty = { fit: [], posterior: [], sample: [], posteriorFactors: [], posteriorYaml: '', calibrated: '' };
  if (result === null) return { result, complete: stopped !== 'interrupted', stopped, evaluations, ...empty };
  const tables = calibrationTables(result, factors);
  const dir = options.calibratedDir ?? scenario.options.cwd;
  return {
    result, complete: true, stopped, evaluations,
    fit: tables.fit.rows, posterior: tables.posterior.rows, sample: tables.sample.rows,
    posteriorFactors: tables.factors, posteriorYaml: posteriorFactorsText(tables.factors),
    calibrated: calibratedScenario(data, scenario.prepared.source.absolutePath, dir, factors, result, tables.factors),
  };
}

export interface FitOptions extends Omit<DesignExperimentOptions, 'factors'> {
  /** The observations, as for `calibrate`: a CSV file (relative to the scenario's `cwd`) or rows with its columns. */
  targets: string | readonly ObservationInput[];
  /** Replications (seeds (seed, 0) … (seed, runs − 1), as `monteCarlo`). */
  runs: number;
  /** Mark observations dated after this ISO date as out of sample. */
  fitUntil?: string;
  /** Each run draws its parameters from the scenario's `uncertainty:` section (as `gbsim fit --uncertainty`). */
  uncertainty?: boolean;
}

/** fit.json's rows and summary; `rows` are also the rows of fit.csv (columns `FIT_TABLE_COLUMNS`). */
export interface FitRunResult {
  /** Empty when aborted. */
  rows: FitTableRow[];
  summary: FitSummary | null;
  complete: boolean;
}

/** Scores the scenario as it stands against observations, fitting nothing (as `gbsim fit`). */
export async function fit(scenario: Scenario, options: FitOptions): Promise<FitRunResult> {
  checkWhole('runs', options.runs, 1);
  checkExperiment(options);
  if (options.fitUntil !== undefined && parseIsoDate(options.fitUntil) === undefined) throw new RangeError(`fitUntil must be an ISO date (got "${options.fitUntil}")`);
  const observations = readTargets(scenario, options.targets, options.fitUntil ?? null);
  const common = commonOf(scenario, options);
  const factors = options.uncertainty === true ? (scenario.prepared.scenario.uncertainty ?? []) : [];
  if (options.uncertainty === true && factors.length === 0) throw new RangeError(`${scenario.prepared.file} has no uncertain parameters (no uncertainty: section)`);
  const model = marketPointModel({ ...common.model, workers: Math.min(common.model.workers, options.runs), factors, observe: observationSpecs(observations, scenario.players.map((p) => p.id)) });
  const parameterValues = options.uncertainty === true ? uncertainRunValues(factors, options.runs, common.model.seed) : undefined;
  const run = await runFit({ observations, model, runs: options.runs, parameterValues, signal: options.signal, onProgress: options.onProgress });
  if (!run.complete) return { rows: [], summary: null, complete: false };
  return { rows: run.rows, summary: fitSummary(run.rows), complete: true };
}

export interface UncertainMonteCarloOptions extends DesignExperimentOptions {
  /** Replications of each parameter set (common random numbers). */
  runs: number;
  /** Parameter sets (default 64), drawn as a Latin hypercube (default) or Sobol' points. */
  sets?: number;
  sampling?: SetSampling;
}

/** uncertainty.json and the rows of uncertainty.csv (`outputs`) and uncertainty-sets.csv (`sets`). */
export interface UncertainMonteCarloResult {
  /** Null when aborted. */
  result: UncertainMcResult | null;
  complete: boolean;
  outputs: Row[];
  sets: Row[];
}

/** Monte Carlo of the 2nd order: parameter sets from the uncertain parameters, `runs` replications of each (as `gbsim mc --uncertainty`). */
export async function uncertainMonteCarlo(scenario: Scenario, options: UncertainMonteCarloOptions): Promise<UncertainMonteCarloResult> {
  const sets = options.sets ?? UNCERTAIN_MC_DEFAULTS.sets;
  const sampling = options.sampling ?? UNCERTAIN_MC_DEFAULTS.sampling;
  checkWhole('runs', options.runs, 1);
  checkWhole('sets', sets, 2);
  if (sampling !== 'lhs' && sampling !== 'sobol') throw new RangeError(`sampling must be lhs or sobol (got ${String(sampling)})`);
  checkExperiment(options);
  const factors = factorsFor(scenario, options.factors);
  const common = commonOf(scenario, options);
  const report = await runUncertainMc({
    scenario: identityOf(scenario), factors, model: marketPointModel({ ...common.model, factors }),
    sampling, sets, seed: common.seed, runs: options.runs, shakeoutK: common.shakeoutK,
    shard: null, out: null, signal: options.signal, onProgress: options.onProgress,
  });
  if (!report.ok) throw new RangeError(report.problems.join('\n'));
  const { result, points } = report.value;
  if (result === null) return { result: null, complete: false, outputs: [], sets: [] };
  const tables = uncertainMcTables(result, points);
  return { result, complete: true, outputs: tables.outputs.rows, sets: tables.sets.rows };
}

function identityOf(scenario: Scenario) {
  return { name: scenario.prepared.params.name, file: scenario.prepared.file, hash: scenario.prepared.source.hash };
}

function commonOf(scenario: Scenario, options: DesignExperimentOptions) {
  const seed = options.seed ?? scenario.seed;
  const shakeoutK = options.shakeoutK ?? 5;
  const model: Omit<MarketModelOptions, 'factors'> = {
    base: scenario.prepared, sets: scenario.options.sets, cwd: scenario.options.cwd, allowOutside: scenario.options.allowOutside,
    seed, shakeoutK, workers: options.workers ?? 1,
  };
  return { seed, shakeoutK, model };
}

const FactorList = z.array(Factor).min(1).max(64);

/** The factors of a file, of the caller, or of the scenario's section; every problem of them in one RangeError. */
function factorsFor(scenario: Scenario, given: DesignExperimentOptions['factors']): Factor[] {
  const data = scenario.prepared.scenario;
  if (typeof given === 'string') {
    const read = readFactorsFile(given, scenario.options.cwd, data);
    if (!read.ok) throw new RangeError(formatIssues(given, read.issues));
    return read.factors;
  }
  if (given !== undefined) {
    const parsed = FactorList.safeParse(given);
    const problems = parsed.success
      ? factorProblems(data, given, ['factors']).map((p) => `${formatPath(p.path)}: ${p.message}`)
      : parsed.error.issues.map((issue) => `${formatPath(['factors', ...(issue.path as Array<string | number>)])}: ${issue.message}`);
    if (problems.length > 0) throw new RangeError(`factors: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n  ${problems.join('\n  ')}`);
    return parsed.data!;
  }
  if (data.uncertainty === undefined || data.uncertainty.length === 0) {
    throw new RangeError(`${scenario.file} has no uncertain parameters: add an uncertainty: section to it, or give them as factors (a file or a list)`);
  }
  return data.uncertainty;
}

/** The observations of a file or of rows, checked against the scenario; none fitted or any problem throws. */
function observationsFor(scenario: Scenario, targets: CalibrateOptions['targets'], fitUntil: string | null) {
  const observations = readTargets(scenario, targets, fitUntil);
  const name = typeof targets === 'string' ? targets : 'targets';
  if (!observations.some((o) => o.fitted)) throw new RangeError(`no observation in ${name} is dated up to fitUntil ${fitUntil}: nothing to fit`);
  return observations;
}

/** The observations of a file or of rows, checked against the scenario; every problem in one RangeError. */
function readTargets(scenario: Scenario, targets: CalibrateOptions['targets'], fitUntil: string | null) {
  const data = scenario.prepared.scenario;
  const name = typeof targets === 'string' ? targets : 'targets';
  const read: ObservationsRead = typeof targets === 'string'
    ? readObservations(targets, scenario.options.cwd, data, fitUntil)
    : parseObservations(observationsCsv(targets), name, data, fitUntil);
  if (!read.ok) throw new RangeError(formatIssues(name, read.issues));
  return read.observations;
}

/** Rows as the observations CSV (numbers in full, text quoted by RFC 4180), for the file's checks. */
function observationsCsv(rows: readonly ObservationInput[]): string {
  const cell = (value: unknown) => {
    if (value === undefined || value === null) return '';
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = rows.map((row) => OBSERVATION_COLUMNS.map((column) => cell((row as unknown as Record<string, unknown>)[column])).join(','));
  return [OBSERVATION_COLUMNS.join(','), ...lines].join('\n') + '\n';
}
