/**
 * A design point's scenario derived from the prepared base in memory: the base scenario with each
 * factor's value put at its path, validated again (shapes and cross-references), turned into
 * model parameters, with the base's geography reused when no factor touches the geography.
 *
 *   base (loaded once per thread) → copy → set values → Scenario.safeParse + checkReferences
 *     → toMarketParams → geography (shared, or built when a factor is in geography.*)
 *
 * This is what a `--set` per factor would give, without reading and parsing the scenario files
 * again for every point (for china-2020 that read dominates a point's cost).
 */
import { buildGeography } from '../model/geography.js';
import { formatPath } from '../scenario/issues.js';
import { checkReferences } from '../scenario/references.js';
import { Scenario } from '../scenario/schema.js';
import { describeZodIssues } from '../scenario/shape-issues.js';
import { toMarketParams } from '../scenario/to-params.js';
import { resolveFactorPath } from '../scenario/uncertainty.js';
import type { PreparedScenario } from './prepare.js';

export type Derived = { ok: true; prepared: PreparedScenario } | { ok: false; problems: string[] };

/** The base with `values[i]` at `paths[i]` (see the module comment). */
export function deriveScenario(base: PreparedScenario, paths: readonly string[], values: readonly number[]): Derived {
  const data = structuredClone(base.scenario) as Record<string, unknown>;
  const problems: string[] = [];
  paths.forEach((path, i) => {
    const resolved = resolveFactorPath(data, path);
    if ('problem' in resolved) {
      problems.push(resolved.problem);
      return;
    }
    const parent = resolved.steps.slice(0, -1).reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], data);
    (parent as Record<string | number, unknown>)[resolved.steps[resolved.steps.length - 1]!] = values[i];
  });
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) problems.push(...describeZodIssues(parsed.error.issues, data, Scenario).map((p) => `${formatPath(p.path)}: ${p.message}`));
  problems.push(...checkReferences(data).map((p) => `${formatPath(p.path)}: ${p.message}`));
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const params = toMarketParams(parsed.data, base.params.cells);
  const geography = paths.some((path) => path.startsWith('geography')) ? buildGeography(params.geography, params.cells) : base.geography;
  return { ok: true, prepared: { ...base, scenario: parsed.data, params, geography } };
}
