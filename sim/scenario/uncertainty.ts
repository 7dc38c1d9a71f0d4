/**
 * The `uncertainty:` section (and `--factors FILE`, which holds the same section alone): checks
 * that go beyond shapes, and reading a factors file with positions.
 *
 *   each factor: its path names a number field of the scenario (list items by index or id, as
 *   `--set` writes them) · no path twice · its parameters in order (low < high, low ≤ mode ≤ high,
 *   one weight per value)
 *
 * The checks read data tolerantly (raw scenario data, valid or not), like the other reference rules.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { formatPath, sortIssues, type PathSegment, type ScenarioIssue } from './issues.js';
import { originOf, toPlain } from './located.js';
import { isRecord, valueAt } from './plain-data.js';
import { readScenarioFile } from './read-file.js';
import { Factor, Scenario } from './schema.js';
import { schemaAt, unwrap } from './schema-walk.js';
import { parseSetPath } from './set-overrides.js';
import { describeZodIssues } from './shape-issues.js';

/** A problem before it is placed in a file. */
interface Problem {
  readonly path: PathSegment[];
  readonly message: string;
  readonly got?: string;
}

/** The data path a `--set`-style path names in `data` (ids turned into indices), or why it names nothing. */
export function resolveFactorPath(data: unknown, path: string): { steps: PathSegment[] } | { problem: string } {
  let text: string[];
  try {
    text = parseSetPath(path, path);
  } catch {
    return { problem: `"${path}" is not a path (write it as --set does: players.red.cashYuan, players[0].cashYuan)` };
  }
  const steps: PathSegment[] = [];
  for (const step of text) {
    const here = valueAt(data, steps);
    if (Array.isArray(here)) {
      const index = /^\d+$/.test(step) ? Number(step) : here.findIndex((item) => isRecord(item) && item.id === step);
      if (index < 0 || index >= here.length) return { problem: `"${path}": ${formatPath(steps)} has no item ${JSON.stringify(step)}` };
      steps.push(index);
    } else {
      steps.push(step);
    }
  }
  const schema = schemaAt(Scenario, data, steps);
  const kind = schema === undefined ? undefined : (unwrap(schema)._zod.def as { type: string }).type;
  if (kind !== 'number') return { problem: `"${path}" does not name a number of the scenario${schema === undefined ? '' : ` (it names ${kind === 'object' ? 'a mapping' : kind === 'array' ? 'a list' : `a ${kind}`})`}` };
  return { steps };
}

/** Problems of the factors in `factors` (raw data at `at` in its file), checked against the scenario `data`. */
export function factorProblems(data: unknown, factors: unknown, at: PathSegment[]): Problem[] {
  if (!Array.isArray(factors)) return [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  factors.forEach((factor, i) => {
    if (!isRecord(factor)) return;
    const here = [...at, i];
    if (typeof factor.path === 'string') {
      const resolved = resolveFactorPath(data, factor.path);
      if ('problem' in resolved) problems.push({ path: [...here, 'path'], message: resolved.problem });
      const earlier = seen.get(factor.path);
      if (earlier !== undefined) problems.push({ path: [...here, 'path'], message: `"${factor.path}" is already uncertain in ${formatPath([...at, earlier])}` });
      else seen.set(factor.path, i);
    }
    problems.push(...orderProblems(factor, here));
  });
  return problems;
}

function orderProblems(factor: Record<string, unknown>, here: PathSegment[]): Problem[] {
  const n = (key: string) => (typeof factor[key] === 'number' ? (factor[key] as number) : undefined);
  const problems: Problem[] = [];
  const low = n('low');
  const high = n('high');
  if (low !== undefined && high !== undefined && !(low < high)) problems.push({ path: [...here, 'high'], message: `must be above low (${low})`, got: String(high) });
  const mode = n('mode');
  if (factor.distribution === 'triangular' && mode !== undefined && low !== undefined && high !== undefined && (mode < low || mode > high)) {
    problems.push({ path: [...here, 'mode'], message: `must lie between low and high (${low}..${high})`, got: String(mode) });
  }
  const mean = n('mean');
  if (factor.distribution === 'normal' && mean !== undefined && ((low !== undefined && mean < low - 8 * (n('sd') ?? 0)) || (high !== undefined && mean > high + 8 * (n('sd') ?? 0)))) {
    problems.push({ path: [...here, 'mean'], message: 'lies more than 8 sd outside the truncation bounds: the truncated normal is not usable' });
  }
  const values = factor.values;
  const weights = factor.weights;
  if (Array.isArray(values) && Array.isArray(weights)) {
    if (weights.length !== values.length) problems.push({ path: [...here, 'weights'], message: `needs one weight per value (${values.length} values, ${weights.length} weights)` });
    else if (!weights.some((w) => typeof w === 'number' && w > 0)) problems.push({ path: [...here, 'weights'], message: 'needs at least one weight above 0' });
  }
  return problems;
}

/** The reference rule for the scenario's own `uncertainty:` section. */
export function uncertaintySectionProblems(data: unknown): Problem[] {
  return isRecord(data) ? factorProblems(data, data.uncertainty, ['uncertainty']) : [];
}

const FactorsFile = z.strictObject({ uncertainty: z.array(Factor).min(1).max(64) });

export type FactorsRead = { ok: true; factors: Factor[] } | { ok: false; issues: ScenarioIssue[] };

/**
 * Reads `--factors FILE` (a mapping with one key, `uncertainty:`, a list of factors) and checks it
 * against the scenario, every problem with its line and column in that file.
 */
export function readFactorsFile(file: string, cwd: string, scenario: Scenario): FactorsRead {
  const read = readScenarioFile(resolve(cwd, file), file);
  if (!read.ok) return read;
  const data = toPlain(read.root);
  const parsed = FactorsFile.safeParse(data);
  const shape = parsed.success ? [] : describeZodIssues(parsed.error.issues, data, FactorsFile);
  const own = isRecord(data) ? factorProblems(scenario, data.uncertainty, ['uncertainty']) : [];
  const issues = [...shape.map((p) => ({ ...p, stage: 'shape' as const })), ...own.map((p) => ({ ...p, stage: 'reference' as const }))].map((p) => {
    const origin = originOf(read.root, p.path);
    return { file: origin.file, line: origin.line, col: origin.col, path: formatPath(p.path), message: p.message, ...(p.got === undefined ? {} : { got: p.got }), stage: p.stage };
  });
  if (!parsed.success || issues.length > 0) return { ok: false, issues: sortIssues(issues, [file]) };
  return { ok: true, factors: parsed.data.uncertainty };
}
