import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepResult } from '../../sim/experiment/types.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const folder = temporaryFolder('sweep-design');
afterAll(folder.remove);
const read = (dir: string, name: string) => readFileSync(`${dir}/${name}`, 'utf8');
let twins = '';

beforeAll(() => {
  twins = writeSymmetricScenario(folder.dir, 26);
});

describe('gbsim sweep --design FILE.csv', () => {
  it('runs the rows of a design file exactly as the same points of a grid', async () => {
    const grid = folder.path('grid');
    expect((await gbsim('sweep', twins, '--vary', 'players.alpha.cashYuan=2e8..6e8:3', '--vary', 'demand.basketYuan=12..18:2', '--runs', '3', '--workers', '1', '--out', grid, '--quiet')).status).toBe(0);
    const design = folder.path('design.csv');
    const points = (JSON.parse(read(grid, 'sweep.json')) as SweepResult).points.map((p) => `${p.values['players.alpha.cashYuan']},${p.values['demand.basketYuan']}`);
    writeFileSync(design, ['players.alpha.cashYuan,demand.basketYuan', ...points, ''].join('\n'));
    const fromFile = folder.path('from-file');
    const { status, stdout } = await gbsim('sweep', twins, '--design', design, '--runs', '3', '--workers', '1', '--out', fromFile, '--quiet');
    expect(status).toBe(0);
    expect(stdout).toContain('csv, 6 points × 3 runs');
    expect(read(fromFile, 'sweep-players.csv')).toBe(read(grid, 'sweep-players.csv'));
    expect(read(fromFile, 'sweep.csv')).toBe(read(grid, 'sweep.csv'));
    const result = JSON.parse(read(fromFile, 'sweep.json')) as SweepResult;
    expect(result.design).toBe('csv');
    expect(result.vary).toEqual([
      { path: 'players.alpha.cashYuan', from: 2e8, to: 6e8, steps: 6 },
      { path: 'demand.basketYuan', from: 12, to: 18, steps: 6 },
    ]);
  });

  it('reports every bad header and cell with its line and column, and runs nothing', async () => {
    const bad = folder.path('bad.csv');
    writeFileSync(bad, 'players.alpha.cashYuan,demand.basketYun,players.alpha.cashYuan\n3e8,15,1\n4e8,abc,2\n5e8,15\n');
    const { status, stderr } = await gbsim('sweep', twins, '--design', bad, '--runs', '1', '--quiet');
    expect(status).toBe(2);
    expect(stderr).toContain('4 problems');
    expect(stderr).toMatch(/1:24 +demand\.basketYun: .*does not name a number/);
    expect(stderr).toMatch(/1:41 +players\.alpha\.cashYuan: this path is already a column/);
    expect(stderr).toMatch(/3:5 +demand\.basketYun: "abc" is not a number/);
    expect(stderr).toMatch(/4:1 +2 values; the header has 3 columns/);
  });

  it('refuses a fractional value of a whole-number field at its line and column, and a --vary that would give one, before any point', async () => {
    const fractional = folder.path('fractional.csv');
    writeFileSync(fractional, 'players.alpha.expansion.targetNewPointsPerWeek,demand.basketYuan\n300,15.5\n450.5,16\n');
    const file = await gbsim('sweep', twins, '--design', fractional, '--runs', '1', '--quiet');
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('1 problem');
    expect(file.stderr).toMatch(/3:1 +players\.alpha\.expansion\.targetNewPointsPerWeek: takes whole numbers \(got 450\.5\)/);
    const lhs = await gbsim('sweep', twins, '--vary', 'players.alpha.expansion.targetNewPointsPerWeek=200..900', '--design', 'lhs', '--points', '5', '--runs', '1', '--quiet');
    expect(lhs.status).toBe(2);
    expect(lhs.stderr).toContain('"players.alpha.expansion.targetNewPointsPerWeek" takes whole numbers, but a Latin hypercube draws fractions');
    expect(lhs.stderr).not.toContain('point ');
    const grid = await gbsim('sweep', twins, '--vary', 'players.alpha.expansion.targetNewPointsPerWeek=200..900:4', '--runs', '1', '--quiet');
    expect(grid.status).toBe(2);
    expect(grid.stderr).toContain('but the grid has 433.3333333333333');
    expect(grid.stderr).not.toContain('point ');
  });

  it('refuses --vary together with a design file', async () => {
    const { status, stderr } = await gbsim('sweep', twins, '--design', 'x.csv', '--vary', 'demand.basketYuan=1..2:2', '--runs', '1');
    expect(status).toBe(2);
    expect(stderr).toContain('leave out --vary');
  });
});
