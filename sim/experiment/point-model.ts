/**
 * What a design experiment (sensitivity, 2nd-order Monte Carlo, calibration) evaluates at a point:
 * a `PointModel` turns a point's factor values and a replication index into a vector of named
 * outputs. The market model does it through the replication runner (worker threads, the scenario
 * with one `--set` per factor, common random numbers: replication r uses seeds (S, r) at every
 * point); tests plug in analytic functions with known indices through the same interface, so the
 * sampling, aggregation and output code is the same for both.
 */
import { deriveScenario } from './derive.js';
import { ScenarioError } from '../scenario/issues.js';
import type { Factor } from '../scenario/schema.js';
import { scenarioRef } from './monte-carlo.js';
import type { PreparedScenario } from './prepare.js';
import type { ReplicationTask, ScenarioRef } from './replication.js';
import { createRunner } from './runner.js';
import type { ReplicationSummary } from './types.js';

export interface PointModel {
  /** Output names, in the order `evaluate` returns them. */
  readonly outputs: readonly string[];
  /** Tasks worth keeping in flight. */
  readonly window: number;
  /** Checks the points `[from, to)` before anything runs (a bad point throws, with every bad point's problems). */
  check(values: readonly (readonly number[])[], from: number, to: number): void;
  evaluate(point: number, values: readonly number[], replication: number): Promise<number[]>;
  close(): Promise<void>;
}

export interface MarketModelOptions {
  base: PreparedScenario;
  sets: readonly string[];
  cwd: string;
  allowOutside?: boolean;
  factors: readonly Factor[];
  seed: number;
  shakeoutK: number;
  workers: number;
  /** Extra outputs read from a run's weekly tables (calibration targets); they make runs record their tables. */
  observe?: ReplicationTask['observe'];
}

/** The market's outputs per replication: every player's survival (0/1) and final share, then market measures. */
export function marketOutputNames(playerIds: readonly string[]): string[] {
  return [...playerIds.flatMap((id) => [`survival.${id}`, `finalShare.${id}`]), 'survivors', 'shakeoutWeek', 'finalHhi'];
}

/** A replication's outputs in the order of `marketOutputNames` (no shakeout: the horizon + 1). */
export function marketOutputs(summary: ReplicationSummary, horizonWeeks: number): number[] {
  return [
    ...summary.players.flatMap((p) => [p.survivor ? 1 : 0, p.finalShare]),
    summary.survivors,
    summary.shakeoutWeek ?? horizonWeeks + 1,
    summary.finalHhi,
    ...(summary.observed ?? []),
  ];
}

/** The `--set` overrides that put a point's values in the scenario. */
export function factorSets(factors: readonly Factor[], values: readonly number[]): string[] {
  return factors.map((factor, i) => `${factor.path}=${String(values[i])}`);
}

/** The market model behind the replication runner (see the module comment). */
export function marketPointModel(options: MarketModelOptions): PointModel {
  const base = scenarioRef(options.base, options.sets, options.cwd, options.allowOutside);
  const runner = createRunner(Math.max(1, options.workers));
  const refs = new Map<number, ScenarioRef>();
  const names = [...marketOutputNames(options.base.params.players.map((p) => p.id)), ...(options.observe ?? []).map((o) => o.name)];
  return {
    outputs: names,
    window: runner.window,
    check(values, from, to) {
      const failures: ScenarioError['failures'][number][] = [];
      const paths = options.factors.map((f) => f.path);
      for (let p = from; p < to; p++) {
        const derived = deriveScenario(options.base, paths, values[p]!);
        if (derived.ok) refs.set(p, { ...base, point: { paths, values: [...values[p]!] } });
        else failures.push({ file: `${options.base.file} (point ${p}: ${factorSets(options.factors, values[p]!).join(' ')})`, issues: derived.problems.map((message) => ({ file: '--set', line: 0, col: 0, path: '', message, stage: 'set' as const })) });
        if (failures.length >= 5) break;
      }
      if (failures.length > 0) throw new ScenarioError(failures);
    },
    async evaluate(point, _values, replication) {
      const scenario = refs.get(point);
      if (scenario === undefined) throw new Error(`point ${point} was not checked before it ran`);
      const summary = await runner.run({ scenario, seed: options.seed, replication, shakeoutK: options.shakeoutK, ...(options.observe ? { observe: options.observe } : {}) });
      return marketOutputs(summary, options.base.params.horizonWeeks);
    },
    close: () => runner.close(),
  };
}
