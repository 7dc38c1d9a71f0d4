/**
 * A sweep's points as scenario references, validated before anything runs, without loading the
 * scenario again for each point. The base (the scenario with the sweep's `--set` overrides) was
 * loaded and validated once; a point changes only the varied numbers, so a point is valid when
 * each varied value passes its own field's schema and, where a varied field is compared with
 * another (`CROSS_CHECKED_NUMBERS`, or the geography's cell budget), the cross-checks pass with
 * the point's values. Its hash is the base's hash parts with those numbers put in.
 *
 *   base (validated once) → per point: leaf schemas (+ cross-checks) → hash → ScenarioRef
 *                                 └─ fails → the scenario loaded with the point's --set overrides,
 *                                            which gives the messages with their line:col
 *
 * A point the quick check refuses is loaded in full, so the messages are exactly the loader's;
 * the quick check stands aside (every point is loaded) when a varied path holds no number in the
 * base or the base's hash cannot be rebuilt.
 */
import type { z } from 'zod';
import { cellBudgetProblem } from '../scenario/cell-budget.js';
import { contentHash } from '../scenario/identity.js';
import { ScenarioError } from '../scenario/issues.js';
import { hashParts, loadScenarioSync } from '../scenario/load.js';
import { CROSS_CHECKED_NUMBERS, checkReferences } from '../scenario/references.js';
import { Scenario } from '../scenario/schema.js';
import { schemaAt } from '../scenario/schema-walk.js';
import { resolveFactorPath } from '../scenario/uncertainty.js';
import type { PreparedScenario } from './prepare.js';
import { resolvedScenarioHash } from './cache.js';
import { scenarioRef } from './monte-carlo.js';
import type { ScenarioRef } from './replication.js';
import type { Range } from './shards.js';
import { setOverride } from './sweep-design.js';
import type { SweepOptions } from './sweep.js';

/** What checking the points needs of the sweep's options. */
export type PointOptions = Pick<SweepOptions, 'base' | 'sets' | 'cwd' | 'allowOutside' | 'vary' | 'signal'>;

/**
 * Each point of the range as a scenario reference, validated now: a value the schema rejects
 * stops the sweep before anything runs. Each dimension's ends are checked alone first, so an
 * unknown --vary path is one message at once, not one per point; then every point (at most 20
 * failing points are listed), by the quick check where it applies (see the module comment). The
 * loop yields now and then so a signal can stop it.
 */
export async function sweepPointRefs(options: PointOptions, values: readonly number[][], range: Range): Promise<ScenarioRef[] | null> {
  const base = scenarioRef(options.base, options.sets, options.cwd, options.allowOutside);
  const load = (extra: string[]) => loadScenarioSync(base.file, { sets: [...options.sets, ...extra], cwd: options.cwd, allowOutside: options.allowOutside });
  const failures: ScenarioError['failures'][number][] = [];
  for (const spec of options.vary) {
    for (const value of new Set([spec.from, spec.to])) {
      const loaded = load([setOverride(spec, value)]);
      if (loaded.ok) continue;
      failures.push({ file: `${options.base.file} (--vary ${spec.path} at ${value})`, issues: loaded.issues });
      break; // one message per dimension
    }
  }
  if (failures.length > 0) throw new ScenarioError(failures);
  const refs: ScenarioRef[] = [];
  const fileDigests = new Map<string, string>();
  const quick = quickCheck(options.base, options.vary.map((spec) => spec.path));
  let failing = 0;
  for (let p = range.from; p < range.to; p++) {
    if ((p - range.from) % 50 === 49) {
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) return null;
    }
    const extra = options.vary.map((spec, d) => setOverride(spec, values[p]![d]!));
    const hash = quick?.(values[p]!);
    if (hash !== undefined && hash !== null) {
      refs.push({ ...base, sets: [...options.sets, ...extra], hash, resolved: resolvedScenarioHash({ hash, resolvedPaths: options.base.source.resolvedPaths }, fileDigests) });
      continue;
    }
    const loaded = load(extra);
    // The cache's identity of the point: its scenario hash and the digests of the files it names,
    // read once per file for the whole sweep (not once per point).
    if (loaded.ok) refs.push({ ...base, sets: [...options.sets, ...extra], hash: loaded.source.hash, resolved: resolvedScenarioHash(loaded.source, fileDigests) });
    else if (++failing <= MAX_LISTED_FAILURES) failures.push({ file: `${options.base.file} (point ${p}: ${extra.join(' ')})`, issues: loaded.issues });
  }
  if (failing > MAX_LISTED_FAILURES) failures.push({ file: `${options.base.file}`, issues: [{ file: options.base.file, line: 0, col: 0, path: '', message: `and ${failing - MAX_LISTED_FAILURES} more points fail`, stage: 'shape' }] });
  if (failures.length > 0) throw new ScenarioError(failures);
  return refs;
}

const MAX_LISTED_FAILURES = 20;

type Steps = Array<string | number>;

/**
 * The quick check of a point for `paths` on `base`: the point's scenario hash, or null when the
 * point must be loaded in full (it may be invalid); undefined when the quick check does not apply.
 */
export function quickCheck(base: PreparedScenario, paths: readonly string[]): ((values: readonly number[]) => string | null) | undefined {
  const steps: Steps[] = [];
  const leaves: z.ZodType[] = [];
  for (const path of paths) {
    const resolved = resolveFactorPath(base.scenario, path);
    if ('problem' in resolved || typeof valueAtSteps(base.scenario, resolved.steps) !== 'number') return undefined;
    const leaf = schemaAt(Scenario, base.scenario, resolved.steps);
    if (leaf === undefined) return undefined;
    steps.push(resolved.steps);
    leaves.push(leaf);
  }
  const parts = hashParts(base.scenario, base.source.absolutePath, base.source.resolvedPaths);
  if (contentHash(parts) !== base.source.hash) return undefined;
  const crossChecked = steps.some((s) => CROSS_CHECKED_NUMBERS.has(String(s[s.length - 1])));
  const geography = steps.some((s) => s[0] === 'geography');
  return (values) => {
    if (!values.every((value, d) => leaves[d]!.safeParse(value).success)) return null;
    if (crossChecked || geography) {
      const copy = structuredClone(base.scenario);
      steps.forEach((s, d) => setAtSteps(copy, s, values[d]!));
      if (crossChecked && checkReferences(copy).length > 0) return null;
      if (geography && cellBudgetProblem(copy) !== undefined) return null;
    }
    steps.forEach((s, d) => setAtSteps(parts.scenario, s, values[d]!));
    return contentHash(parts);
  };
}

function valueAtSteps(data: unknown, steps: Steps): unknown {
  return steps.reduce<unknown>((node, step) => (node as Record<string | number, unknown> | undefined)?.[step], data);
}

function setAtSteps(data: unknown, steps: Steps, value: number): void {
  const parent = valueAtSteps(data, steps.slice(0, -1)) as Record<string | number, unknown>;
  parent[steps[steps.length - 1]!] = value;
}
