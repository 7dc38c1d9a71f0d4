/**
 * Running a design of points, R replications per point, on common random numbers: the engine
 * under `sensitivity`, `mc --uncertainty` and `calibrate`. Tasks are p·R + r in order through
 * `runInOrder`, so a point's outputs (the mean of its R replications' outputs) are the same for
 * any number of workers.
 *
 *   identity → output dir (fresh, or resume: replay design-points.ndjson) → points [from, to)
 *     → per point: mean outputs → one line of design-points.ndjson → the caller's result files
 *
 * A shard runs a contiguous block of points; its lines in shard order are the unsharded file.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutputDir, writeFileAtomic, writeOutputs } from './files.js';
import { identityFileName, jsonText, readIdentity } from './mc-files.js';
import { resumeMessages } from './messages.js';
import type { Progress } from './monte-carlo.js';
import { LineAppender, readLines, truncateFile } from './ndjson.js';
import { runInOrder } from './ordered.js';
import type { PointModel } from './point-model.js';
import type { Checked, Range } from './shards.js';

export const POINTS_FILE = 'design-points.ndjson';

/**
 * One line of design-points.ndjson: a point's factor values, and the mean and sample standard
 * deviation (divisor R − 1; 0 for one replication) of each output over its replications.
 */
export interface PointLine {
  point: number;
  values: number[];
  outputs: number[];
  sd: number[];
}

export interface DesignRunOptions {
  /** What was asked (written as experiment.json, or shard.json when `shard` is set); resume compares it. */
  identity: { shard: unknown } & Record<string, unknown>;
  values: readonly (readonly number[])[];
  range: Range;
  runs: number;
  model: PointModel;
  /** Leave the model open when the run ends (a caller running several designs on one model closes it itself). */
  keepModelOpen?: boolean;
  /** Every file name the experiment may leave in its directory (checked and cleared on a fresh start). */
  out: { dir: string; resume: boolean; force: boolean; fileNames: readonly string[] } | null;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface DesignRun {
  points: PointLine[];
  complete: boolean;
  /** Points read back from an earlier run (--resume). */
  resumed: number;
}

/** Runs the points of `range` (see the module comment). */
export async function runDesign(options: DesignRunOptions): Promise<Checked<DesignRun>> {
  const { range, runs, model } = options;
  const points: PointLine[] = [];
  const opened = options.out === null ? { ok: true as const, value: null } : openPoints(options, points);
  if (!opened.ok) return opened;
  const appender = opened.value;
  const resumed = points.length;
  const total = (range.to - range.from) * runs;
  const report = (done: number) => options.onProgress?.({ done, total, resumed: resumed * runs });
  report(resumed * runs);
  let sums = new Array<number>(model.outputs.length).fill(0);
  let squares = new Array<number>(model.outputs.length).fill(0);
  try {
    model.check(options.values, range.from + resumed, range.to);
    const outcome = await runInOrder<number[]>({
      start: (range.from + resumed) * runs,
      end: () => range.to * runs,
      window: model.window,
      signal: options.signal,
      execute: (task) => {
        const p = Math.floor(task / runs);
        return model.evaluate(p, options.values[p]!, task % runs);
      },
      accept: (task, outputs) => {
        if (outputs.length !== sums.length) throw new Error(`point ${Math.floor(task / runs)} gave ${outputs.length} outputs; expected ${sums.length}`);
        outputs.forEach((value, i) => {
          sums[i]! += value;
          squares[i]! += value * value;
        });
        report(task + 1 - range.from * runs);
        if (task % runs !== runs - 1) return;
        const p = Math.floor(task / runs);
        const sd = sums.map((sum, i) => (runs > 1 ? Math.sqrt(Math.max(0, (squares[i]! - (sum * sum) / runs) / (runs - 1))) : 0));
        const line: PointLine = { point: p, values: [...options.values[p]!], outputs: sums.map((sum) => sum / runs), sd };
        appender?.write(JSON.stringify(line));
        points.push(line);
        sums = new Array<number>(model.outputs.length).fill(0);
        squares = new Array<number>(model.outputs.length).fill(0);
      },
    });
    return { ok: true, value: { points, complete: !outcome.interrupted, resumed } };
  } finally {
    appender?.close();
    if (options.keepModelOpen !== true) await model.close();
  }
}

function openPoints(options: DesignRunOptions, points: PointLine[]): Checked<LineAppender> {
  const out = options.out!;
  const file = join(out.dir, POINTS_FILE);
  const previous = out.resume ? readIdentity<Record<string, unknown>>(out.dir) : null;
  if (previous === null) {
    checkOutputDir(out.dir, out.fileNames, out.force);
    for (const name of out.fileNames) rmSync(join(out.dir, name), { force: true });
    writeOutputs(out.dir, { [identityFileName(options.identity)]: jsonText(options.identity) });
    return { ok: true, value: new LineAppender(file, true) };
  }
  if ('error' in previous) return { ok: false, problems: [resumeMessages.unreadable(previous.file, previous.error)] };
  const problems = Object.keys({ ...previous.value, ...options.identity })
    .filter((key) => JSON.stringify(previous.value[key]) !== JSON.stringify(options.identity[key]))
    .map((key) => resumeMessages.differs(previous.file, key, JSON.stringify(previous.value[key]) ?? 'nothing', JSON.stringify(options.identity[key]) ?? 'nothing'));
  if (problems.length > 0) return { ok: false, problems };
  let keep = 0;
  for (const line of readLines(file)) {
    const p = options.range.from + points.length;
    if (!line.complete || p >= options.range.to) break;
    const parsed = parsePointLine(line.text, p, options.values[p]!);
    if ('problem' in parsed) return { ok: false, problems: [resumeMessages.badLine(file, line.number, parsed.problem)] };
    points.push(parsed.line);
    keep = line.end;
  }
  truncateFile(file, keep);
  writeFileAtomic(join(out.dir, identityFileName(options.identity)), jsonText(options.identity));
  return { ok: true, value: new LineAppender(file, false) };
}

/** A design-points.ndjson line as point `point` with the design's `values`, or why it is not one. */
export function parsePointLine(text: string, point: number, values: readonly number[]): { line: PointLine } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON' };
  }
  const line = value as PointLine;
  if (typeof line !== 'object' || line === null || !Array.isArray(line.outputs) || !Array.isArray(line.values) || !Array.isArray(line.sd)) return { problem: 'not a design point' };
  if (line.point !== point) return { problem: `holds point ${String(line.point)}, expected ${point}` };
  if (JSON.stringify(line.values) !== JSON.stringify(values)) return { problem: `point ${point} has other factor values than this design` };
  return { line: revivePointLine(line) };
}

/** A parsed line with JSON's nulls back to NaN. */
export function revivePointLine(line: PointLine): PointLine {
  const revive = (values: Array<number | null>) => values.map((x) => (x === null ? NaN : x));
  return { ...line, outputs: revive(line.outputs), sd: revive(line.sd) };
}
