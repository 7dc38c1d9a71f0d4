import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenarioSync } from '../../sim/scenario/load.js';
import { applyExploreSettings, defaultExploreItems, explorables, exploreItemProblems } from '../../sim/scenario/explore.js';
import { checkReferences } from '../../sim/scenario/references.js';
import { Scenario } from '../../sim/scenario/schema.js';
import { sha256Hex } from '../../sim/scenario/sha256.js';
import { lessonOf } from '../../reports/explorer/lesson.js';
import { validScenarioFiles } from './corpus.js';
import { MINIMAL, ROOT } from './helpers.js';

function prepareScenario(file: string): { scenario: Scenario } {
  const loaded = loadScenarioSync(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return { scenario: loaded.scenario };
}

describe('explorer sliders (explore:)', () => {
  it.each(validScenarioFiles())('gives %s a default set of sliders that all name values of the scenario', (file) => {
    const { scenario } = prepareScenario(join(ROOT, file));
    const items = scenario.explore ?? defaultExploreItems(scenario);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(exploreItemProblems(scenario, item), item.path).toEqual([]);
    const sliders = explorables(scenario);
    expect(sliders.map((s) => s.path)).toEqual(items.map((i) => i.path));
    for (const slider of sliders) {
      expect(slider.min).toBeLessThan(slider.max);
      expect(slider.value, slider.path).toBeGreaterThanOrEqual(slider.min);
      expect(slider.value, slider.path).toBeLessThanOrEqual(slider.max);
    }
  });

  it('offers cash, subsidy, density benefit, logistics advantage, multi-homing cap and a regulation date by default', () => {
    const { scenario } = prepareScenario(join(ROOT, 'scenarios/teaching/regulation.yaml'));
    const paths = defaultExploreItems(scenario).map((item) => item.path);
    expect(paths).toEqual(expect.arrayContaining(['players.red.cashYuan', 'players.blue.cashYuan', 'demand.logit.betaDensity', 'costs.advantageOverRetail', 'network.multiHomingCap']));
    expect(paths.some((p) => /^players\.red\.(subsidyPolicy\.maxYuan|subsidyPerOrderYuan)$/.test(p))).toBe(true);
    const date = explorables(scenario).find((s) => s.kind === 'date');
    expect(date?.path).toMatch(/^events\[\d+\]\.date$/);
    expect(date!.step).toBe(7);
  });

  it('uses the scenario\'s own explore: list when it has one', () => {
    const { scenario } = prepareScenario(MINIMAL);
    const data = { ...scenario, explore: [{ path: 'demand.bass.qPerWeek', label: 'Imitation', min: 0, max: 0.5 }] };
    const parsed = Scenario.parse(data);
    expect(checkReferences(parsed)).toEqual([]);
    expect(explorables(parsed)).toEqual([{ path: 'demand.bass.qPerWeek', label: 'Imitation', kind: 'number', value: scenario.demand.bass.qPerWeek, min: 0, max: 0.5, step: 0.005, integer: false }]);
  });

  it('writes settings by list id and by index into a copy, and names settings that lead nowhere', () => {
    const { scenario } = prepareScenario(join(ROOT, 'scenarios/teaching/regulation.yaml'));
    const { data, problems } = applyExploreSettings(scenario, { 'players.red.cashYuan': 123, 'events[0].date': '2021-03-01', 'players.nobody.cashYuan': 1, 'demand..x': 2 });
    const copy = data as typeof scenario;
    expect(copy.players[0]!.cashYuan).toBe(123);
    expect(copy.events[0]!.date).toBe('2021-03-01');
    expect(scenario.players[0]!.cashYuan).not.toBe(123);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('players.nobody.cashYuan');
  });
});

describe('sha256Hex (the explorer page\'s scenario identity)', () => {
  it('equals node:crypto\'s sha256 on the empty string, on block boundaries and on any unicode text', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000), '社区团购 → 兴盛优选']) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => sha256Hex(text) === createHash('sha256').update(text).digest('hex')), { numRuns: 200 });
  });
});

describe('lessonOf', () => {
  it('splits a teaching file\'s opening comment into what it demonstrates and what to look for', () => {
    const lesson = lessonOf('# Lesson: a subsidy war. Red\n# raises its subsidy.\n# Look for: Red\'s share\n# climbing.\n$schema: x\nname: y\n# Look for: not this\n');
    expect(lesson).toEqual({ demonstrates: 'A subsidy war. Red raises its subsidy.', lookFor: 'Red\'s share climbing.' });
  });

  it('leaves editor directives out and has nothing to look for without a "Look for:"', () => {
    expect(lessonOf('# yaml-language-server: $schema=x\n#\n# A market.\nname: z\n')).toEqual({ demonstrates: 'A market.', lookFor: '' });
  });
});
