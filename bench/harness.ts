/**
 * The benchmark harness: what a `bench/*.bench.ts` module declares and how it is measured.
 *
 * A module default-exports `defineBench({ title, tasks, figures?, targets?, options? })`.
 * Each task builds its state in an untimed `setup`, does the measured work in `run`, and returns a
 * checksum that must equal `expected`, so a broken path cannot look fast. The runner measures each
 * task in its own process on tinybench (`runSync`, one sample per call of `run`), then computes the
 * module's figures and judges its targets from the medians.
 *
 *   setup() ──> run(state) [timed] ──> checksum === expected ? sample : error
 *
 * A module, e.g. bench/model.bench.ts (run alone with `npm run bench -- model`):
 *
 *   export default defineBench({
 *     title: 'one market year',
 *     tasks: [defineTask({
 *       name: 'china-2020, 52 weeks',
 *       setup: () => buildMarket(params, { seed: 1 }),
 *       run: (market) => { const r = market.runWeeks(52); return { events: r.events, gmvYuan: r.gmvYuan }; },
 *       expected: { events: 123_456, gmvYuan: 7.89e9 },
 *       throughput: { perRun: 52, unit: 'weeks/s' },
 *     })],
 *     targets: [{ name: 'one year', target: '≤ 2 s', judge: (m) => {
 *       const ms = m.get('china-2020, 52 weeks').medianMs;
 *       return { met: ms <= 2000, figure: `${(ms / 1000).toFixed(2)} s` };
 *     } }],
 *     options: { iterations: 5 },
 *   });
 */
import { Bench } from 'tinybench';

/** What a correct run returns: compared field by field with `===`. */
export type Checksum = Readonly<Record<string, number | string>>;

/** One benchmark task. Create it with `defineTask` so `State` is inferred. */
export interface BenchTask<State = unknown> {
  /** Unique in its module, e.g. `gbsim Kernel, K = 1,000`. */
  readonly name: string;
  /** Untimed: a fresh state for one sample (new kernel, seeded streams, entities). */
  setup(): State;
  /** Timed: the work being measured; returns what it did as a checksum. */
  run(state: State): Checksum;
  /** The checksum every run must return. */
  readonly expected: Checksum;
  /** The figure that matters: `perRun` units of work per run, reported per second of the median. */
  readonly throughput?: { readonly perRun: number; readonly unit: string };
}

/** What was measured for one task (times in milliseconds). */
export interface TaskMeasurement {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly samples: number;
  /** `throughput.perRun` per second of the median run, when the task declares a throughput. */
  readonly perSecond?: number;
  readonly unit?: string;
  /** Largest resident set size seen after a sample of this task, in bytes. */
  readonly rssBytes: number;
}

/** The measurements of one module, by task name; `get` throws on an unknown name. */
export class Measurements {
  constructor(readonly all: readonly TaskMeasurement[]) {}

  get(taskName: string): TaskMeasurement {
    const found = this.all.find((m) => m.name === taskName);
    if (!found) throw new Error(`no measured task named "${taskName}" (have: ${this.all.map((m) => m.name).join(', ')})`);
    return found;
  }
}

/** A number derived from the measurements (a ratio, an overhead), printed under the table. */
export interface BenchFigure {
  readonly name: string;
  compute(measured: Measurements): string;
}

/** A goal for a figure: `judge` says whether it is met and shows the figure it judged. */
export interface BenchTarget {
  readonly name: string;
  /** The goal as people read it, e.g. `≤ 15%`. */
  readonly target: string;
  judge(measured: Measurements): { readonly met: boolean; readonly figure: string };
}

/** How many samples to take; defaults suit tasks of 0.1–1 s. */
export interface BenchOptions {
  readonly iterations?: number;
  readonly warmupIterations?: number;
}

export interface BenchModule {
  /** Heading of the module's section in RESULTS.md. */
  readonly title: string;
  /** One paragraph for RESULTS.md: what is measured and how. */
  readonly description?: string;
  readonly tasks: readonly BenchTask[];
  readonly figures?: readonly BenchFigure[];
  readonly targets?: readonly BenchTarget[];
  readonly options?: BenchOptions;
}

/** A measured module: its tasks, figures and judged targets. */
export interface ModuleResult {
  readonly measurements: Measurements;
  readonly figures: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly targets: ReadonlyArray<{ readonly name: string; readonly target: string; readonly met: boolean; readonly figure: string }>;
}

/** Keeps a task's `State` type between `setup` and `run`. */
export function defineTask<State>(task: BenchTask<State>): BenchTask {
  return task as BenchTask;
}

/** Identity that type-checks a module's default export. */
export function defineBench(module: BenchModule): BenchModule {
  return module;
}

/** Thrown when a run's checksum differs from the expected one. */
export class ChecksumError extends Error {
  constructor(taskName: string, expected: Checksum, got: Checksum) {
    super(`${taskName}: checksum mismatch: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    this.name = 'ChecksumError';
  }
}

/** Throws a ChecksumError unless `got` has exactly the fields and values of `expected`. */
export function verifyChecksum(taskName: string, expected: Checksum, got: Checksum): void {
  const keys = new Set([...Object.keys(expected), ...Object.keys(got)]);
  for (const key of keys) {
    if (expected[key] !== got[key]) throw new ChecksumError(taskName, expected, got);
  }
}

/** Hooks the runner passes in: a garbage collection before each task, and the RSS probe. */
export interface MeasureHooks {
  readonly collectGarbage: () => void;
  readonly rssBytes: () => number;
}

/** Computes a module's figures and judges its targets from its tasks' measurements. */
export function judgeModule(module: BenchModule, measured: readonly TaskMeasurement[]): ModuleResult {
  const measurements = new Measurements(measured);
  return {
    measurements,
    figures: (module.figures ?? []).map((figure) => ({ name: figure.name, value: figure.compute(measurements) })),
    targets: (module.targets ?? []).map((target) => ({ name: target.name, target: target.target, ...target.judge(measurements) })),
  };
}

/** Measures one task on tinybench (warm-up samples included in the checksum checks); throws if it fails. */
export function measureTask(task: BenchTask, options: BenchOptions, hooks: MeasureHooks): TaskMeasurement {
  let state: unknown;
  let checksum: Checksum | undefined;
  let rssBytes = 0;
  const bench = new Bench({
    iterations: options.iterations ?? 10,
    time: 0,
    warmupIterations: options.warmupIterations ?? 2,
    warmupTime: 0,
    setup: () => hooks.collectGarbage(),
  });
  // `async: false`: every task is synchronous; without it tinybench calls the task once more, outside
  // the samples and before its setup, to find out (a whole extra calibration in the calibration bench).
  bench.add(task.name, () => { checksum = task.run(state); }, {
    async: false,
    beforeEach: () => { state = task.setup(); checksum = undefined; },
    afterEach: () => {
      rssBytes = Math.max(rssBytes, hooks.rssBytes());
      state = undefined;
      verifyChecksum(task.name, task.expected, checksum ?? {});
    },
  });
  const [measured] = bench.runSync();
  const result = measured?.result;
  if (result === undefined || result.state === 'errored') throw result?.error ?? new Error(`${task.name}: did not run`);
  if (result.state !== 'completed') throw new Error(`${task.name}: ended in state ${result.state}`);
  const medianMs = result.latency.p50;
  return {
    name: task.name,
    medianMs,
    minMs: result.latency.min,
    maxMs: result.latency.max,
    samples: result.latency.samplesCount,
    ...(task.throughput && { perSecond: task.throughput.perRun / (medianMs / 1000), unit: task.throughput.unit }),
    rssBytes,
  };
}
