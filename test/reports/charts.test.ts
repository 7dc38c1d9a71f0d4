import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NamedChart } from '../../reports/charts/chart.js';
import { compareCharts, mcCharts, runCharts, sweepCharts } from '../../reports/charts/index.js';
import { sweepPlayers } from '../../reports/charts/sweep-survival.js';
import { readResults } from '../../reports/read.js';
import { compileChart, renderSvg } from '../../reports/render.js';
import type { SweepResult } from '../../sim/experiment/types.js';
import { compareFixture, mcFixture, sweepFixture, tempDir, writeRunDir } from './helpers.js';

const run = readResults(writeRunDir(join(tempDir(), 'run')));
if (run.kind !== 'run') throw new Error('expected a run directory');

/** The 2-parameter sweep as a Latin hypercube (points off a grid). */
function lhsSweep(): SweepResult {
  return { ...sweepFixture(2), design: 'lhs' };
}

/** The 1-parameter sweep with two more parameters varied alongside. */
function threeParameterSweep(): SweepResult {
  const base = sweepFixture(1);
  const vary = [...base.vary, { path: 'demand.basketYuan', from: 10, to: 20, steps: 5 }, { path: 'seed', from: 1, to: 5, steps: 5 }];
  const points = base.points.map((point, i) => ({ ...point, values: { ...point.values, 'demand.basketYuan': 10 + 2.5 * i, seed: i + 1 } }));
  return { ...base, design: 'lhs', vary, points };
}

const SETS: Array<[string, NamedChart[]]> = [
  ['a run', runCharts(run.data)],
  ['mc', mcCharts(mcFixture())],
  ['compare', compareCharts(compareFixture())],
  ['a sweep of 1 parameter', sweepCharts(sweepFixture(1), sweepPlayers(sweepFixture(1)))],
  ['a sweep of 2 parameters', sweepCharts(sweepFixture(2), sweepPlayers(sweepFixture(2)))],
  ['a Latin hypercube of 2 parameters', sweepCharts(lhsSweep(), sweepPlayers(lhsSweep()))],
  ['a sweep of 3 parameters', sweepCharts(threeParameterSweep(), sweepPlayers(threeParameterSweep()))],
];

/** What each chart must show: its title and the marks that carry its data. */
const EXPECTED: Record<string, { title: string; marks: string[] }> = {
  'market-share': { title: 'Market share over time', marks: ['area'] },
  events: { title: 'Event timeline', marks: ['symbol', 'rule'] },
  'pickup-points': { title: 'Pickup points per player', marks: ['line'] },
  'cash-runway': { title: 'Cash and runway', marks: ['line'] },
  'orders-gmv': { title: 'GMV and orders', marks: ['area', 'line'] },
  concentration: { title: 'Market concentration (HHI)', marks: ['line', 'rule', 'text'] },
  survival: { title: 'Who survives to', marks: ['symbol', 'rule'] },
  'survivors-count': { title: 'How many players survive', marks: ['rect'] },
  shakeout: { title: 'When the shakeout comes', marks: ['area', 'rect'] },
  'final-shares': { title: 'Final market shares', marks: ['rule', 'rect', 'symbol'] },
  differences: { title: 'What changes against china-2020', marks: ['symbol', 'rule'] },
  'sweep-survival': { title: 'Survival across the sweep', marks: ['rect|symbol'] },
};

/** Whether the SVG has a mark group of `type` (`a|b`: either) holding at least one drawn element. */
function hasMarks(svg: string, type: string): boolean {
  return new RegExp(`class="mark-(${type}) role-mark[^"]*"[^>]*>\\s*<(path|line|rect|text)`).test(svg);
}

describe.each(SETS)('the charts of %s', (_label, charts) => {
  it.each(charts.map((chart) => [chart.name, chart] as const))('compile "%s" without a vega-lite warning and draw it as SVG with its title and marks', async (name, chart) => {
    const before = JSON.stringify(chart.spec);
    const svg = await renderSvg(name, compileChart(chart));
    expect(JSON.stringify(chart.spec)).toBe(before);
    const expected = EXPECTED[name];
    expect(expected, `no expectations for chart "${name}"`).toBeDefined();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(expected!.title);
    for (const mark of expected!.marks) expect(hasMarks(svg, mark), `${name}: no drawn ${mark} marks`).toBe(true);
  });
});

describe('chart specs', () => {
  it('mark the antitrust thresholds 1,500 and 2,500 on the concentration chart, labelled', async () => {
    const chart = runCharts(run.data).find((c) => c.name === 'concentration')!;
    const svg = await renderSvg(chart.name, compileChart(chart));
    expect(svg).toContain('1,500: moderately concentrated above');
    expect(svg).toContain('2,500: highly concentrated above');
  });

  it('put every time chart of a run on the same date axis, from the start date to the end of the horizon', () => {
    const domains = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (record.type === 'temporal' && record.field === 'date') domains.add(JSON.stringify((record.scale as { domain?: unknown })?.domain));
      Object.values(record).forEach(walk);
    };
    for (const chart of runCharts(run.data)) walk(chart.spec);
    expect([...domains]).toEqual([JSON.stringify([Date.UTC(2020, 5, 1), Date.UTC(2020, 5, 1) + 7 * 104 * 86_400_000])]);
  });

  it('give every chart a title and every quantitative axis a title', () => {
    const untitled: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${path}[${i}]`));
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      for (const channel of ['x', 'y'] as const) {
        const def = record[channel] as Record<string, unknown> | undefined;
        if (def && typeof def === 'object' && 'field' in def && def.type === 'quantitative' && !('title' in def)) untitled.push(`${path}.${channel}`);
      }
      Object.entries(record).forEach(([key, value]) => walk(value, `${path}.${key}`));
    };
    for (const [, charts] of SETS) {
      for (const chart of charts) {
        expect((chart.spec as { title?: unknown }).title, chart.name).toBeDefined();
        walk(chart.spec, chart.name);
      }
    }
    expect(untitled).toEqual([]);
  });
});
