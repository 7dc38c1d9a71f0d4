import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../sim/scenario/issues.js';
import { checkReferences } from '../../sim/scenario/references.js';
import { schemaAt } from '../../sim/scenario/schema-walk.js';
import { Scenario, type ScenarioInput } from '../../sim/scenario/schema.js';
import { rangeOf } from './arbitraries/numbers.js';
import { scenarioProblems } from './check-scenario.js';

/**
 * Minimal scenarios the property tests found, one JSON file each: what went wrong (`bug`), why
 * (`cause`), the fix, and the scenario. A scenario the schema should refuse names the field
 * (`rejectedAt`, dotted); every other one must now run cleanly.
 */
interface Regression {
  bug: string;
  cause: string;
  fix: string;
  rejectedAt?: string;
  scenario: ScenarioInput;
}

const FOLDER = join(import.meta.dirname, 'regressions');
const REGRESSIONS = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => ({ name, ...(JSON.parse(readFileSync(join(FOLDER, name), 'utf8')) as Regression) }));

/** Dotted paths of every problem the loader's checks find in `input`. */
function rejectedPaths(input: ScenarioInput): string[] {
  const parsed = Scenario.safeParse(input);
  const shapes = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
  return [...shapes, ...checkReferences(input).map((problem) => problem.path.join('.'))];
}

describe('regressions found by the property tests', () => {
  it('keeps at least one fixture', () => expect(REGRESSIONS.length).toBeGreaterThan(0));

  it.each(REGRESSIONS.filter((r) => r.rejectedAt === undefined))('$name runs cleanly ($bug)', ({ scenario }) => {
    expect(scenarioProblems(scenario, 10)).toEqual([]);
  });

  it.each(REGRESSIONS.filter((r) => r.rejectedAt !== undefined))('$name is refused at $rejectedAt ($bug)', ({ scenario, rejectedAt }) => {
    expect(rejectedPaths(scenario)).toContain(rejectedAt);
  });

  it.each(REGRESSIONS.filter((r) => r.rejectedAt !== undefined && typeof valueAt(r.scenario, r.rejectedAt) === 'number'))(
    '$name runs cleanly with $rejectedAt moved to the nearest legal value',
    ({ scenario, rejectedAt }) => {
      const path = rejectedAt!.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step));
      const field = schemaAt(Scenario, scenario, path);
      expect(field, formatPath(path)).toBeDefined();
      const { min, max } = rangeOf(field!);
      const value = valueAt(scenario, rejectedAt!) as number;
      const fixed = structuredClone(scenario);
      const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, step) => node[step] as Record<string | number, unknown>, fixed as never);
      parent[path[path.length - 1]!] = Math.min(max, Math.max(min, value));
      expect(scenarioProblems(fixed, 10)).toEqual([]);
    },
  );
});

function valueAt(data: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], data);
}
