import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SensitivityResult } from '../../sim/experiment/sensitivity.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const folder = temporaryFolder('sensitivity');
afterAll(folder.remove);
const out = (name: string) => folder.path('out', name);
const read = (dir: string, name: string) => readFileSync(`${dir}/${name}`, 'utf8');
const FILES = ['sensitivity.json', 'sensitivity-indices.csv', 'sensitivity-design.csv', 'design-points.ndjson'];
const FACTORS = [
  'uncertainty:',
  '  - { path: players.alpha.cashYuan, distribution: uniform, low: 2.0e8, high: 8.0e8 }',
  '  - { path: demand.basketYuan, distribution: triangular, low: 10, mode: 15, high: 20 }',
  '  - { path: demand.brandShockSdPerWeek, distribution: beta, alpha: 2, beta: 2, low: 0.1, high: 0.5 }',
  '',
].join('\n');
let twins = '';
let factors = '';
const morris = (dir: string, ...more: string[]) =>
  gbsim('sensitivity', twins, '--factors', factors, '--method', 'morris', '--trajectories', '3', '--candidates', '6', '--runs', '2', '--bootstrap', '50', '--out', dir, '--quiet', ...more);
const reference = out('reference');

beforeAll(async () => {
  twins = writeSymmetricScenario(folder.dir, 26);
  factors = folder.path('factors.yaml');
  writeFileSync(factors, FACTORS);
  const { status, stderr, stdout } = await morris(reference, '--workers', '1');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(stdout).toContain('survival.alpha');
});

describe('gbsim sensitivity on the market model', () => {
  it('reports μ*, μ and σ for every output and factor, each inside its bootstrap interval', () => {
    const result = JSON.parse(read(reference, 'sensitivity.json')) as SensitivityResult;
    expect(result.outputs).toEqual(['survival.alpha', 'finalShare.alpha', 'survival.beta', 'finalShare.beta', 'survivors', 'shakeoutWeek', 'finalHhi']);
    expect(result.points).toBe(3 * 4);
    expect(result.indices).toHaveLength(7 * 3 * 3);
    for (const row of result.indices.filter((r) => r.index === 'muStar')) {
      expect(row.estimate).toBeGreaterThanOrEqual(0);
      expect(row.low).toBeLessThanOrEqual(row.estimate + 1e-12);
      expect(row.high).toBeGreaterThanOrEqual(row.estimate - 1e-12);
    }
  });

  it('runs every point on the same seeds: a factor that the model never reads has no effect', async () => {
    const inert = folder.path('inert.yaml');
    writeFileSync(inert, 'uncertainty:\n  - { path: players.alpha.cashYuan, distribution: uniform, low: 2.0e8, high: 8.0e8 }\n  - { path: yuanPerUsd, distribution: uniform, low: 5, high: 8 }\n');
    const dir = out('inert');
    const { status } = await gbsim('sensitivity', twins, '--factors', inert, '--method', 'morris', '--trajectories', '2', '--candidates', '2', '--runs', '2', '--bootstrap', '20', '--out', dir, '--quiet', '--workers', '1');
    expect(status).toBe(0);
    const result = JSON.parse(read(dir, 'sensitivity.json')) as SensitivityResult;
    for (const row of result.indices.filter((r) => r.factor === 'yuanPerUsd')) expect(row.estimate, `${row.output} ${row.index}`).toBe(0);
  });

  it('writes byte-identical results with one worker and with two', async () => {
    const dir = out('two-workers');
    expect((await morris(dir, '--workers', '2')).status).toBe(0);
    for (const name of FILES) expect(read(dir, name), name).toBe(read(reference, name));
  });

  it('merges two shards into the unsharded files, byte for byte', async () => {
    const shards = [out('shard-1'), out('shard-2')];
    for (const [i, dir] of shards.entries()) {
      const { status, stdout } = await morris(dir, '--workers', '1', '--shard', `${i + 1}/2`);
      expect(status).toBe(0);
      expect(stdout).toMatch(new RegExp(`^shard ${i + 1}/2: points`));
    }
    const merged = out('merged');
    const { status, stdout } = await gbsim('merge', shards[1]!, shards[0]!, '--out', merged);
    expect(status).toBe(0);
    expect(stdout).toContain('merged 2 shards');
    for (const name of FILES) expect(read(merged, name), name).toBe(read(reference, name));
  });

  it('resumes from a cut-off design-points.ndjson (torn last line included) to the same bytes', async () => {
    const dir = out('resumed');
    expect((await morris(dir, '--workers', '1')).status).toBe(0);
    const lines = read(dir, 'design-points.ndjson').split('\n');
    writeFileSync(`${dir}/design-points.ndjson`, `${lines.slice(0, 5).join('\n')}\n${lines[5]!.slice(0, 20)}`);
    for (const name of FILES.slice(0, 3)) rmSync(`${dir}/${name}`);
    const { status, stderr } = await morris(dir, '--workers', '1', '--resume');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    for (const name of FILES) expect(read(dir, name), name).toBe(read(reference, name));
  });

  it('refuses to resume an analysis asked with other settings', async () => {
    const { status, stderr } = await morris(reference, '--workers', '1', '--resume', '--seed', '99');
    expect(status).toBe(2);
    expect(stderr).toContain('cannot resume');
    expect(stderr).toContain('seed');
  });

  it('computes Sobol indices on the market model with the same machinery, over time too, and reports them', async () => {
    const dir = out('sobol');
    const { status } = await gbsim('sensitivity', twins, '--factors', factors, '--method', 'sobol', '--samples', '4', '--runs', '1', '--bootstrap', '20', '--out', dir, '--quiet', '--workers', '1', '--report', '--over-time');
    expect(status).toBe(0);
    const result = JSON.parse(read(dir, 'sensitivity.json')) as SensitivityResult;
    expect(result.points).toBe(4 * 5);
    expect(read(dir, 'report.html')).toContain('Sobol');
    // --over-time: every player's share in every week of the 26, each with its indices
    expect(result.outputs.filter((o) => o.startsWith('share.'))).toHaveLength(2 * 26);
    expect(result.indices.filter((r) => r.output === 'share.alpha.week13' && r.index === 'ST')).toHaveLength(3);
    expect(read(dir, 'report.html')).toContain('When each factor matters');
    expect(new Set(result.indices.map((r) => r.index))).toEqual(new Set(['S1', 'ST']));
  });

  it('points at the line and column of a bad factor in --factors, and writes nothing', async () => {
    const bad = folder.path('bad-factors.yaml');
    writeFileSync(bad, 'uncertainty:\n  - { path: players.gamma.cashYuan, distribution: uniform, low: 1, high: 2 }\n  - { path: demand.basketYuan, distribution: uniform, low: 20, high: 10 }\n  - { path: demand, distribution: uniform, low: 1, high: 2 }\n');
    const dir = out('bad');
    const { status, stderr } = await gbsim('sensitivity', twins, '--factors', bad, '--method', 'morris', '--runs', '1', '--out', dir, '--quiet');
    expect(status).toBe(2);
    expect(stderr).toContain('3 problems');
    expect(stderr).toMatch(/2:\d+ +uncertainty\[0\]\.path: .*no item "gamma"/);
    expect(stderr).toMatch(/3:\d+ +uncertainty\[1\]\.high: must be above low/);
    expect(stderr).toMatch(/4:\d+ +uncertainty\[2\]\.path: .*does not name a number/);
    expect(() => read(dir, 'experiment.json')).toThrow();
  });

  it('stops before running when a factor\'s range leaves the schema, naming the point', async () => {
    const negative = folder.path('negative.yaml');
    writeFileSync(negative, 'uncertainty:\n  - { path: players.alpha.cashYuan, distribution: uniform, low: -1.0e8, high: 1.0e8 }\n');
    const { status, stderr } = await gbsim('sensitivity', twins, '--factors', negative, '--method', 'morris', '--trajectories', '2', '--candidates', '2', '--runs', '1', '--quiet');
    expect(status).toBe(2);
    expect(stderr).toMatch(/point \d+: players\.alpha\.cashYuan=-/);
    expect(stderr).toMatch(/must be ≥ 0 \(got -[\d.e+]+\)/);
    expect(stderr).not.toMatch(/\(got [^)]*\) \(got/);
  });

  it('refuses a continuous factor on a whole-number path at load, at its line, and says to add integer: true', async () => {
    const fractional = folder.path('fractional.yaml');
    writeFileSync(fractional, [
      'uncertainty:',
      '  - { path: demand.basketYuan, distribution: uniform, low: 10, high: 20 }',
      '  - { path: players.alpha.expansion.targetNewPointsPerWeek, distribution: uniform, low: 200, high: 900 }',
      '  - { path: players.beta.expansion.targetNewPointsPerWeek, distribution: discrete, values: [300, 450.5] }',
      '',
    ].join('\n'));
    const dir = out('fractional');
    const { status, stderr } = await gbsim('sensitivity', twins, '--factors', fractional, '--method', 'morris', '--trajectories', '2', '--candidates', '2', '--runs', '1', '--out', dir, '--quiet');
    expect(status).toBe(2);
    expect(stderr).toContain('2 problems');
    expect(stderr).toMatch(/3:\d+ +uncertainty\[1\]\.path: "players\.alpha\.expansion\.targetNewPointsPerWeek" takes whole numbers, but a uniform factor draws fractions: add integer: true/);
    expect(stderr).toMatch(/4:\d+ +uncertainty\[2\]\.values\[1\]: .*every value must be one/);
    expect(stderr).not.toContain('point ');
    expect(() => read(dir, 'experiment.json')).toThrow();
  });

  it('rounds every draw of an integer: true factor to a whole number and runs', async () => {
    const rounded = folder.path('rounded.yaml');
    writeFileSync(rounded, 'uncertainty:\n  - { path: players.alpha.expansion.targetNewPointsPerWeek, distribution: uniform, low: 200.2, high: 900.7, integer: true }\n  - { path: demand.basketYuan, distribution: uniform, low: 10, high: 20 }\n');
    const dir = out('rounded');
    const { status, stderr } = await gbsim('sensitivity', twins, '--factors', rounded, '--method', 'morris', '--trajectories', '2', '--candidates', '4', '--runs', '1', '--bootstrap', '20', '--out', dir, '--quiet', '--workers', '1');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const [header, ...rows] = read(dir, 'sensitivity-design.csv').trimEnd().split('\n');
    const column = header!.split(',').indexOf('players.alpha.expansion.targetNewPointsPerWeek');
    expect(column).toBeGreaterThanOrEqual(0);
    const values = rows.map((row) => Number(row.split(',')[column]));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(200);
      expect(value).toBeLessThanOrEqual(901);
    }
    const basket = rows.map((row) => Number(row.split(',')[header!.split(',').indexOf('demand.basketYuan')]));
    expect(basket.some((value) => !Number.isInteger(value))).toBe(true);
  });
});
