/**
 * The `uncertainty:` section (and `--factors FILE`, which holds the same section alone): checks
 * that go beyond shapes. Reading a factors file is in `factors-file.ts` (it needs the file system;
 * this module is also bundled into the explorer's browser worker).
 *
 *   each factor: its path names a number field of the scenario (list items by index or id, as
 *   `--set` writes them) · on a whole-number field, discrete values are whole and a continuous
 *   distribution says `integer: true` (rounded draws) · no path twice · its parameters in order (low < high, low ≤ mode ≤ high,
 *   one weight per value)
 *
 * The checks read data tolerantly (raw scenario data, valid or not), like the other reference rules.
 */
import { formatPath, type PathSegment } from './issues.js';
import { isRecord, valueAt } from './plain-data.js';
import { Scenario } from './schema.js';
import { schemaAt, unwrap } from './schema-walk.js';
import { parseSetPath } from './set-overrides.js';

/** A problem before it is placed in a file. */
interface Problem {
  readonly path: PathSegment[];
  readonly message: string;
  readonly got?: string;
}

/** The data path a `--set`-style path names in `data` (ids turned into indices), or why it names nothing. */
export function resolveFactorPath(data: unknown, path: string): { steps: PathSegment[]; whole: boolean } | { problem: string } {
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
  return { steps, whole: (unwrap(schema!) as { format?: string | null }).format === 'safeint' };
}

/** A factor on a path that takes whole numbers: why its draws would not fit, or null when they do. */
function wholeNumberProblem(factor: Record<string, unknown>, path: string, here: PathSegment[]): Problem | null {
  if (factor.distribution === 'discrete') {
    const values = Array.isArray(factor.values) ? factor.values : [];
    const j = values.findIndex((v) => typeof v === 'number' && !Number.isInteger(v));
    return j < 0 ? null : { path: [...here, 'values', j], message: `"${path}" takes whole numbers: every value must be one`, got: String(values[j]) };
  }
  if (factor.integer === true || typeof factor.distribution !== 'string') return null;
  return { path: [...here, 'path'], message: `"${path}" takes whole numbers, but a ${factor.distribution} factor draws fractions: add integer: true to round each draw to the nearest whole number` };
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
      else if (resolved.whole) problems.push(...[wholeNumberProblem(factor, factor.path, here)].filter((p): p is Problem => p !== null));
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
