/**
 * `gbsim calibrate`: fits the scenario's uncertain parameters to observations by ABC-SMC
 * (abc-smc.ts), each proposal run for R replications on common random numbers (runDesign, so
 * workers never change the result), its distance to the fitted observations
 *
 *   d = √( mean over fitted observations of ((simulated − observed) / scale)² )
 *
 * with the simulated value the mean over the R runs and the scale from observations.ts.
 *
 *   observations + factors → abcSmc (batches → runDesign → calibration-evaluations.ndjson)
 *     → posterior (the last generation) → calibration.json, posterior.csv, posterior-sample.csv,
 *       posterior.yaml, calibration-fit.csv, calibrated.yaml
 *
 * Resume replays calibration-evaluations.ndjson: each batch's proposals are drawn again from the
 * seed and checked against the file, and only the missing evaluations run.
 */
import { rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import type { Factor, Scenario } from '../scenario/schema.js';
import { resolveFactorPath } from '../scenario/uncertainty.js';
import { RandomStream } from '../random/index.js';
import { abcSmc, type AbcMethod, type AbcOutcome, type AbcSettings, type BatchEvaluator, type Generation } from './abc-smc.js';
import { toCsv } from './csv.js';
import { runDesign } from './design-run.js';
import { factorValue, normalCdf } from './factors.js';
import { checkOutputDir, writeFileAtomic, writeOutputs } from './files.js';
import { MC_FILES, identityFileName, jsonText, readIdentity } from './mc-files.js';
import { resumeMessages } from './messages.js';
import type { Progress } from './monte-carlo.js';
import { LineAppender, readLines, truncateFile } from './ndjson.js';
import { observationScale, type Observation } from './observations.js';
import type { PointModel } from './point-model.js';
import type { Checked } from './shards.js';
import type { Row } from './rows.js';
import type { ScenarioIdentity } from './types.js';
import { GBSIM_VERSION } from './version.js';

export const CALIBRATION_FILES = {
  evaluations: 'calibration-evaluations.ndjson',
  result: 'calibration.json',
  fit: 'calibration-fit.csv',
  posterior: 'posterior.csv',
  sample: 'posterior-sample.csv',
  factors: 'posterior.yaml',
  scenario: 'calibrated.yaml',
} as const;

export const CALIBRATION_FILE_NAMES: readonly string[] = [...Object.values(CALIBRATION_FILES), MC_FILES.identity, MC_FILES.manifest];

/** Probabilities are kept inside (1e−12, 1 − 1e−12) when normal scores become values. */
const EDGE = 1e-12;

/** A factor's value at normal score z. */
export function valueAtScore(factor: Factor, z: number): number {
  return factorValue(factor, Math.min(Math.max(normalCdf(z), EDGE), 1 - EDGE));
}

interface EvaluationLine {
  generation: number;
  batch: number;
  index: number;
  z: number[];
  values: number[];
  outputs: number[];
  distance: number;
}

export interface CalibrationIdentity {
  kind: 'calibration';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  factors: Factor[];
  observations: Array<Omit<Observation, 'quote'>>;
  settings: AbcSettings;
  runs: number;
  shakeoutK: number;
  shard: null;
  [key: string]: unknown;
}

export interface ParameterSummary {
  path: string;
  prior: { p05: number; p50: number; p95: number };
  posterior: { mean: number; sd: number; p05: number; p50: number; p95: number };
  /** Posterior 90% interval width / prior 90% interval width. */
  widthRatio: number;
}

export interface FitRow {
  line: number;
  date: string;
  player: string;
  metric: string;
  fitted: boolean;
  /** Why the row is not fitted ('' when it is). */
  note: string;
  observed: number;
  low: number | null;
  high: number | null;
  simulatedMean: number;
  simulatedP05: number;
  simulatedP95: number;
  /** (simulated mean − observed) / scale. */
  scaledError: number;
  source: string;
}

export interface CalibrationResult {
  kind: 'calibration';
  gbsimVersion: string;
  scenario: ScenarioIdentity;
  method: (typeof METHOD_NAMES)[AbcMethod];
  seed: number;
  runs: number;
  settings: AbcSettings;
  stopped: AbcOutcome['stopped'];
  /**
   * Per generation; `effectiveSampleSize` is Kish's 1 ÷ Σ w² of its normalized weights, with
   * repeated particles counted once with their summed weight: how many equally weighted distinct
   * particles its sample is worth (the particles' count at most). `acceptance` is the share of
   * proposals kept (method 'importance') or of Metropolis–Hastings moves accepted ('mcmc').
   */
  generations: Array<{ epsilon: number; evaluations: number; acceptance: number; effectiveSampleSize: number; steps?: number }>;
  parameters: ParameterSummary[];
  fit: FitRow[];
  /** The last generation: values per particle (factor order) and weights. */
  posterior: { values: number[][]; weights: number[] };
}

export interface CalibrationOptions {
  scenario: ScenarioIdentity;
  /** The validated scenario (for the calibrated scenario's paths) and its absolute file. */
  data: Scenario;
  file: string;
  factors: readonly Factor[];
  observations: readonly Observation[];
  /** The model; its outputs must include `observed.<i>` for every observation. */
  model: PointModel;
  settings: AbcSettings;
  runs: number;
  shakeoutK: number;
  out: { dir: string; resume: boolean; force: boolean } | null;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface CalibrationReport {
  result: CalibrationResult | null;
  stopped: AbcOutcome['stopped'];
  evaluations: number;
  resumed: number;
}

export async function runCalibration(options: CalibrationOptions): Promise<Checked<CalibrationReport>> {
  const { factors, observations, model, runs } = options;
  const observedAt = observations.map((_, i) => model.outputs.indexOf(`observed.${i}`));
  if (observedAt.some((i) => i < 0)) return { ok: false, problems: ['the model does not report every observation'] };
  const identity: CalibrationIdentity = {
    kind: 'calibration',
    gbsimVersion: GBSIM_VERSION,
    scenario: options.scenario,
    factors: [...factors],
    observations: observations.map(({ quote: _quote, ...rest }) => rest),
    settings: options.settings,
    runs,
    shakeoutK: options.shakeoutK,
    shard: null,
  };
  const replay = new Map<string, EvaluationLine>();
  const opened = options.out === null ? { ok: true as const, value: null } : openEvaluations(options.out, identity, replay);
  if (!opened.ok) return opened;
  const appender = opened.value;
  const resumed = replay.size;
  const fitted = observations.map((o) => o.fitted);
  const scales = observations.map(observationScale);
  const distance = (outputs: readonly number[]) => {
    let sum = 0;
    let n = 0;
    observedAt.forEach((at, i) => {
      if (!fitted[i]) return;
      sum += ((outputs[at]! - observations[i]!.value) / scales[i]!) ** 2;
      n += 1;
    });
    const d = Math.sqrt(sum / Math.max(1, n));
    return Number.isNaN(d) ? Infinity : d;
  };
  let evaluations = 0;
  // Evaluations per generation so far, for the progress estimate: a later generation is expected
  // to cost what the last complete one did per kept particle (at least 2, as α = 0.5 keeps about
  // half at first); the generations' costs grow as the tolerance shrinks, so the estimate rises.
  const perGeneration: number[] = [];
  const expectedTotal = (generation: number, inFlight: number): number => {
    const { particles, generations } = options.settings;
    const last = generation >= 2 ? perGeneration[generation - 1]! / particles : 2;
    const perParticle = Math.max(2, last);
    const current = Math.max((perGeneration[generation] ?? 0) + inFlight, generation === 0 ? particles : particles * perParticle);
    return evaluations - (perGeneration[generation] ?? 0) + current + Math.max(0, generations - generation - 1) * particles * perParticle;
  };
  const evaluate: BatchEvaluator = async (generation, batch, zs) => {
    const values = zs.map((z) => factors.map((f, i) => valueAtScore(f, z[i]!)));
    const results: Array<{ outputs: number[]; distance: number }> = [];
    for (let index = 0; index < zs.length; index++) {
      const line = replay.get(`${generation}/${batch}/${index}`);
      if (line === undefined) break;
      if (JSON.stringify(line.z) !== JSON.stringify(zs[index])) throw new Error(`${CALIBRATION_FILES.evaluations}: generation ${generation}, batch ${batch}, proposal ${index} differs from this run's; start afresh with --force`);
      results.push({ outputs: line.outputs, distance: line.distance });
    }
    evaluations += results.length;
    perGeneration[generation] = (perGeneration[generation] ?? 0) + results.length;
    if (results.length === zs.length) return { results, complete: true };
    const done = evaluations;
    const total = expectedTotal(generation, zs.length - results.length);
    const run = await runDesign({
      identity: { shard: null }, values, range: { from: results.length, to: zs.length }, runs, model, keepModelOpen: true, out: null,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ done: done * runs + p.done, total: Math.max(total, done + zs.length - results.length) * runs, resumed: resumed * runs }),
    });
    if (!run.ok) throw new Error(run.problems.join('\n'));
    for (const point of run.value.points) {
      const outputs = observedAt.map((at) => point.outputs[at]!);
      const d = distance(point.outputs);
      appender?.write(JSON.stringify({ generation, batch, index: point.point, z: zs[point.point], values: point.values, outputs, distance: d }));
      results.push({ outputs, distance: d });
    }
    evaluations += run.value.points.length;
    perGeneration[generation] = (perGeneration[generation] ?? 0) + run.value.points.length;
    return { results, complete: run.value.complete };
  };
  let outcome: AbcOutcome;
  try {
    outcome = await abcSmc(factors.length, options.settings, evaluate);
  } finally {
    appender?.close();
    await model.close();
  }
  const result = outcome.generations.length === 0 ? null : calibrationResult(identity, outcome);
  if (options.out !== null && result !== null && outcome.stopped !== 'interrupted') {
    writeOutputs(options.out.dir, calibrationFiles(result, options));
  }
  return { ok: true, value: { result, stopped: outcome.stopped, evaluations, resumed } };
}

function openEvaluations(out: NonNullable<CalibrationOptions['out']>, identity: CalibrationIdentity, replay: Map<string, EvaluationLine>): Checked<LineAppender> {
  const file = join(out.dir, CALIBRATION_FILES.evaluations);
  const previous = out.resume ? readIdentity<Record<string, unknown>>(out.dir) : null;
  if (previous === null) {
    checkOutputDir(out.dir, CALIBRATION_FILE_NAMES, out.force);
    for (const name of CALIBRATION_FILE_NAMES) rmSync(join(out.dir, name), { force: true });
    writeOutputs(out.dir, { [identityFileName(identity)]: jsonText(identity) });
    return { ok: true, value: new LineAppender(file, true) };
  }
  if ('error' in previous) return { ok: false, problems: [resumeMessages.unreadable(previous.file, previous.error)] };
  const problems = Object.keys({ ...previous.value, ...identity })
    .filter((key) => JSON.stringify(previous.value[key]) !== JSON.stringify(identity[key]))
    .map((key) => resumeMessages.differs(previous.file, key, JSON.stringify(previous.value[key]) ?? 'nothing', JSON.stringify(identity[key]) ?? 'nothing'));
  if (problems.length > 0) return { ok: false, problems };
  let keep = 0;
  for (const line of readLines(file)) {
    if (!line.complete) break;
    try {
      const parsed = JSON.parse(line.text) as EvaluationLine;
      replay.set(`${parsed.generation}/${parsed.batch}/${parsed.index}`, { ...parsed, distance: parsed.distance ?? Infinity, outputs: parsed.outputs.map((x) => (x === null ? NaN : x)) });
    } catch {
      return { ok: false, problems: [resumeMessages.badLine(file, line.number, 'not valid JSON')] };
    }
    keep = line.end;
  }
  truncateFile(file, keep);
  writeFileAtomic(join(out.dir, MC_FILES.identity), jsonText(identity));
  return { ok: true, value: new LineAppender(file, false) };
}

/** Kish's effective sample size of normalized weights, 1 ÷ Σ w². */
export function effectiveSampleSize(weights: readonly number[]): number {
  return 1 / weights.reduce((sum, w) => sum + w * w, 0);
}

/** Kish's effective sample size of a generation, its repeated particles merged (their weights summed). */
export function generationSampleSize(generation: Pick<Generation, 'particles' | 'weights'>): number {
  const merged = new Map<string, number>();
  generation.particles.forEach((p, i) => {
    const key = p.z.join(',');
    merged.set(key, (merged.get(key) ?? 0) + generation.weights[i]!);
  });
  return effectiveSampleSize([...merged.values()]);
}

const METHOD_NAMES = {
  importance: 'ABC-SMC (Toni et al. 2009; adaptive kernel of Beaumont et al. 2009)',
  mcmc: 'ABC-SMC with Metropolis-Hastings moves (Drovandi & Pettitt 2011)',
} as const;

/** Below this share of the particles, the posterior's effective sample is called small. */
export const SMALL_EFFECTIVE_SAMPLE_SHARE = 0.1;

/**
 * A warning when the posterior (the last generation) is worth fewer than a tenth of its particles:
 * its intervals and medians then rest on a few particles (heavily weighted, or copied many times). Null otherwise.
 */
export function effectiveSampleWarning(result: Pick<CalibrationResult, 'generations' | 'settings'>): string | null {
  const last = result.generations[result.generations.length - 1];
  if (last === undefined || last.effectiveSampleSize >= SMALL_EFFECTIVE_SAMPLE_SHARE * result.settings.particles) return null;
  return (
    `the posterior is worth ${last.effectiveSampleSize.toFixed(1)} equally weighted distinct particles of ${result.settings.particles} ` +
    `(effective sample size below ${100 * SMALL_EFFECTIVE_SAMPLE_SHARE}%): its intervals rest on a few particles; ` +
    'use more particles, fewer parameters or narrower priors'
  );
}

/** The weighted q-quantile of `values` (the first value whose cumulative weight reaches q). */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  let cumulative = 0;
  for (const i of order) {
    cumulative += weights[i]!;
    if (cumulative >= q - 1e-12) return values[i]!;
  }
  return values[order[order.length - 1]!]!;
}

export function calibrationResult(identity: CalibrationIdentity, outcome: AbcOutcome): CalibrationResult {
  const last = outcome.generations[outcome.generations.length - 1]!;
  const { weights } = last;
  const values = last.particles.map((p) => identity.factors.map((f, i) => valueAtScore(f, p.z[i]!)));
  const parameters = identity.factors.map((factor, i): ParameterSummary => {
    const xs = values.map((v) => v[i]!);
    const mean = xs.reduce((s, x, j) => s + weights[j]! * x, 0);
    const sd = Math.sqrt(xs.reduce((s, x, j) => s + weights[j]! * (x - mean) ** 2, 0));
    const prior = { p05: factorValue(factor, 0.05), p50: factorValue(factor, 0.5), p95: factorValue(factor, 0.95) };
    const posterior = { mean, sd, p05: weightedQuantile(xs, weights, 0.05), p50: weightedQuantile(xs, weights, 0.5), p95: weightedQuantile(xs, weights, 0.95) };
    const priorWidth = prior.p95 - prior.p05;
    return { path: factor.path, prior, posterior, widthRatio: priorWidth > 0 ? (posterior.p95 - posterior.p05) / priorWidth : NaN };
  });
  const fit = identity.observations.map((o, i): FitRow => {
    const sims = last.particles.map((p) => p.outputs[i]!);
    const mean = sims.reduce((s, x, j) => s + weights[j]! * x, 0);
    return {
      line: o.line, date: o.date, player: o.player === '' ? 'market' : o.player, metric: o.metric, fitted: o.fitted, note: o.note, observed: o.value, low: o.low, high: o.high,
      simulatedMean: mean, simulatedP05: weightedQuantile(sims, weights, 0.05), simulatedP95: weightedQuantile(sims, weights, 0.95),
      scaledError: (mean - o.value) / observationScale({ ...o, quote: '' }), source: o.source,
    };
  });
  return {
    kind: 'calibration',
    gbsimVersion: identity.gbsimVersion,
    scenario: identity.scenario,
    method: METHOD_NAMES[identity.settings.method ?? 'importance'],
    seed: identity.settings.seed,
    runs: identity.runs,
    settings: identity.settings,
    stopped: outcome.stopped,
    generations: outcome.generations.map((g) => ({
      epsilon: g.epsilon,
      evaluations: g.evaluations,
      acceptance: g.moves === undefined ? g.particles.length / g.evaluations : g.moves.accepted / Math.max(1, g.moves.proposals),
      effectiveSampleSize: generationSampleSize(g),
      ...(g.moves === undefined ? {} : { steps: g.moves.steps }),
    })),
    parameters,
    fit,
    posterior: { values, weights },
  };
}

/** The columns of calibration-fit.csv. */
export const FIT_COLUMNS: readonly string[] = ['line', 'date', 'player', 'metric', 'fitted', 'note', 'observed', 'low', 'high', 'simulatedMean', 'simulatedP05', 'simulatedP95', 'scaledError', 'source'];

/** The tables of a calibration: calibration-fit.csv, posterior.csv, posterior-sample.csv (rows and columns), and the posterior marginals of posterior.yaml. */
export interface CalibrationTables {
  fit: { rows: Row[]; columns: string[] };
  posterior: { rows: Row[]; columns: string[] };
  sample: { rows: Row[]; columns: string[] };
  /** Each parameter's posterior marginal as a discrete factor (the `uncertainty:` list of posterior.yaml). */
  factors: Factor[];
}

/** The result's tables (see `CalibrationTables`); the sample is drawn from the stream (seed, 0, 'posterior-sample'). */
export function calibrationTables(result: CalibrationResult, factors: readonly Factor[]): CalibrationTables {
  const paths = factors.map((f) => f.path);
  const { values, weights } = result.posterior;
  const stream = RandomStream.of({ seed: result.seed, replication: 0, owner: 'posterior-sample', purpose: 'calibration' });
  let running = 0;
  const cumulative = weights.map((w) => (running += w));
  const sample = values.map(() => {
    const u = stream.uniform();
    const j = cumulative.findIndex((c) => u < c);
    return values[j < 0 ? values.length - 1 : j]!;
  });
  const row = (v: number[]) => Object.fromEntries(paths.map((path, i) => [path, v[i]!]));
  return {
    fit: { rows: result.fit.map((f) => ({ ...f })), columns: [...FIT_COLUMNS] },
    posterior: { rows: values.map((v, j) => ({ particle: j, weight: weights[j]!, ...row(v) })), columns: ['particle', 'weight', ...paths] },
    sample: { rows: sample.map(row), columns: paths },
    factors: posteriorMarginals(factors, values, weights),
  };
}

/** posterior.yaml: the posterior marginals as an `uncertainty:` list (usable as `--factors`). */
export function posteriorFactorsText(posterior: readonly Factor[]): string {
  return `# Posterior of gbsim calibrate: each parameter's marginal as weighted particles (correlations are in posterior.csv)\n${stringify({ uncertainty: posterior })}`;
}

/** Every result file of a calibration (see the module comment). */
export function calibrationFiles(result: CalibrationResult, options: Pick<CalibrationOptions, 'factors' | 'data' | 'file' | 'out'>): Record<string, string> {
  const tables = calibrationTables(result, options.factors);
  const files: Record<string, string> = {
    [CALIBRATION_FILES.result]: jsonText(result),
    [CALIBRATION_FILES.fit]: toCsv(tables.fit.rows, tables.fit.columns),
    [CALIBRATION_FILES.posterior]: toCsv(tables.posterior.rows, tables.posterior.columns),
    [CALIBRATION_FILES.sample]: toCsv(tables.sample.rows, tables.sample.columns),
    [CALIBRATION_FILES.factors]: posteriorFactorsText(tables.factors),
  };
  if (options.out !== null) files[CALIBRATION_FILES.scenario] = calibratedScenario(options.data, options.file, options.out.dir, options.factors, result, tables.factors);
  return files;
}

/** Each factor's posterior marginal as a discrete distribution over the particles' values. */
function posteriorMarginals(factors: readonly Factor[], values: readonly number[][], weights: readonly number[]): Factor[] {
  return factors.map((factor, i) => {
    const byValue = new Map<number, number>();
    values.forEach((v, j) => byValue.set(v[i]!, (byValue.get(v[i]!) ?? 0) + weights[j]!));
    const sorted = [...byValue.entries()].sort((a, b) => a[0] - b[0]);
    return { path: factor.path, distribution: 'discrete', values: sorted.map(([v]) => v), weights: sorted.map(([, w]) => w) };
  });
}

/**
 * calibrated.yaml: a scenario that extends the original (`file`, named relative to `dir`, the
 * folder the text is written to) with each parameter at its posterior median, and the posterior as
 * its uncertainty.
 */
export function calibratedScenario(data: Scenario, file: string, dir: string, factors: readonly Factor[], result: CalibrationResult, posterior: readonly Factor[]): string {
  const medians = result.parameters.map((p) => p.posterior.p50);
  const overlay: Record<string, unknown> = {};
  factors.forEach((factor, i) => {
    const resolved = resolveFactorPath(data, factor.path);
    if ('steps' in resolved) placeValue(overlay, data, resolved.steps, medians[i]!);
  });
  const base = relative(dir, file).split(sep).join('/');
  const text = stringify({ extends: base, name: `${data.name}-calibrated`, description: `${data.name} with its uncertain parameters at their posterior medians (gbsim calibrate)`, ...overlay, uncertainty: posterior });
  return `# Written by gbsim calibrate: ${factors.length} parameters at their posterior medians; the posterior is the uncertainty: section\n${text}`;
}

/** Puts `value` at `steps` in the overlay; list items are addressed by id (extends merges them by id), or the whole list is copied. */
function placeValue(overlay: Record<string, unknown>, data: unknown, steps: ReadonlyArray<string | number>, value: number): void {
  let target: Record<string, unknown> | unknown[] = overlay;
  let source: unknown = data;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    const last = s === steps.length - 1;
    const next = (source as Record<string | number, unknown>)[step];
    if (last) {
      (target as Record<string | number, unknown>)[step] = value;
      return;
    }
    if (Array.isArray(next)) {
      const index = steps[s + 1] as number;
      const item = next[index] as { id?: unknown };
      const existing = (target as Record<string | number, unknown>)[step] as unknown[] | undefined;
      if (typeof item?.id === 'string') {
        const list = existing ?? [];
        (target as Record<string | number, unknown>)[step] = list;
        let entry = list.find((e) => (e as { id?: unknown }).id === item.id) as Record<string, unknown> | undefined;
        if (entry === undefined) list.push((entry = { id: item.id }));
        target = entry;
      } else {
        const list = existing ?? structuredClone(next);
        (target as Record<string | number, unknown>)[step] = list;
        target = list[index] as Record<string, unknown>;
      }
      source = item;
      s += 1;
      if (s === steps.length - 1) {
        (target as Record<string | number, unknown>)[steps[s]!] = value;
        return;
      }
      continue;
    }
    const child = ((target as Record<string | number, unknown>)[step] ??= {}) as Record<string, unknown>;
    target = child;
    source = next;
  }
}


