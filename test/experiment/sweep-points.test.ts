import { describe, expect, it } from 'vitest';
import { resolvedScenarioHash } from '../../sim/experiment/cache.js';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { gridPoints, latinHypercubePoints, setOverride, type VarySpec } from '../../sim/experiment/sweep-design.js';
import { sweepPointRefs } from '../../sim/experiment/sweep-points.js';
import { ScenarioError } from '../../sim/scenario/issues.js';
import { loadScenarioSync } from '../../sim/scenario/load.js';

const FILE = 'scenarios/teaching/subsidy-war.yaml';
const cwd = process.cwd();
const base = prepareScenario(FILE, { cwd });

async function refsOf(vary: VarySpec[], values: number[][]) {
  return sweepPointRefs({ base, sets: [], cwd, allowOutside: false, vary }, values, { from: 0, to: values.length });
}

/** What loading the scenario with the point's --set overrides gives (the way every point was checked before). */
function loaded(vary: VarySpec[], point: readonly number[]) {
  return loadScenarioSync(FILE, { sets: vary.map((spec, d) => setOverride(spec, point[d]!)), cwd });
}

async function failuresOf(vary: VarySpec[], values: number[][]) {
  try {
    await refsOf(vary, values);
  } catch (error) {
    if (error instanceof ScenarioError) return error.failures;
    throw error;
  }
  throw new Error('every point passed');
}

describe('checking a sweep\'s points without loading the scenario for each', () => {
  it('gives every point the hash and cache identity that loading it gives, cross-checked fields and the horizon included', async () => {
    const vary: VarySpec[] = [
      { path: 'players.red.cashYuan', from: 1e8, to: 9e8, steps: 3 },
      { path: 'players.red.subsidyPolicy.maxYuan', from: 1, to: 4, steps: 2 },
      { path: 'horizonWeeks', from: 52, to: 156, steps: 2 },
    ];
    const values = gridPoints(vary);
    const refs = (await refsOf(vary, values))!;
    expect(refs).toHaveLength(12);
    values.forEach((point, p) => {
      const load = loaded(vary, point);
      if (!load.ok) throw new Error(`point ${p} does not load`);
      expect(refs[p]!.hash).toBe(load.source.hash);
      expect(refs[p]!.resolved).toBe(resolvedScenarioHash(load.source));
      expect(refs[p]!.sets).toEqual(vary.map((spec, d) => setOverride(spec, point[d]!)));
    });
    expect(new Set(refs.map((ref) => ref.hash)).size).toBe(12);
  });

  it('refuses an inner point that breaks a rule between two fields with exactly the loader\'s messages', async () => {
    // Each dimension's ends are valid with the other at its base value (takeRate 0.22, takeRateMax
    // 0.25); the corner takeRateMax 0.23 with takeRate 0.25 is not.
    const vary: VarySpec[] = [
      { path: 'players.red.takeRateMax', from: 0.23, to: 0.3, steps: 2 },
      { path: 'players.red.takeRate', from: 0.05, to: 0.25, steps: 2 },
    ];
    const values = gridPoints(vary);
    const failures = await failuresOf(vary, values);
    const bad = values.flatMap((point, p) => (loaded(vary, point).ok ? [] : [p]));
    expect(bad).toEqual([1]);
    const expected = loaded(vary, values[1]!);
    expect(failures).toEqual([{ file: `${base.file} (point 1: ${vary.map((spec, d) => setOverride(spec, values[1]![d]!)).join(' ')})`, issues: expected.ok ? [] : expected.issues }]);
    expect(failures[0]!.issues[0]!.message).toContain('takeRate');
  });

  it('refuses a fractional value of a whole-number field with the loader\'s message, naming --set', async () => {
    const vary: VarySpec[] = [{ path: 'horizonWeeks', from: 52, to: 104, steps: 4 }];
    const values = latinHypercubePoints(vary, 4, 3);
    expect(values.some(([weeks]) => !Number.isInteger(weeks))).toBe(true);
    const failures = await failuresOf(vary, values);
    const expected = values.flatMap((point, p) => {
      const load = loaded(vary, point);
      return load.ok ? [] : [{ file: `${base.file} (point ${p}: ${setOverride(vary[0]!, point[0]!)})`, issues: load.issues }];
    });
    expect(failures).toEqual(expected);
    expect(failures[0]!.issues[0]).toMatchObject({ file: '--set', path: 'horizonWeeks' });
    expect(failures[0]!.issues[0]!.message).toMatch(/^expected an integer \(got [\d.]+\)$/);
  });
});
