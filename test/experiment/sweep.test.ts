import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridPoints, latinHypercubePoints, linearValues, parseVary, type VarySpec } from '../../sim/experiment/sweep-design.js';
import type { SweepResult } from '../../sim/experiment/types.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const spec = (path: string, from: number, to: number, steps: number): VarySpec => ({ path, from, to, steps });

describe('sweep designs', () => {
  it('parses path=from..to:steps, negative and exponent numbers included', () => {
    expect(parseVary('players.red.cashYuan=1e8..5e8:5', 'grid')).toEqual({ ok: true, value: spec('players.red.cashYuan', 1e8, 5e8, 5) });
    expect(parseVary('x=-0.5..0.5:3', 'grid')).toEqual({ ok: true, value: spec('x', -0.5, 0.5, 3) });
    expect(parseVary('x=0.1..0.3', 'lhs')).toEqual({ ok: true, value: spec('x', 0.1, 0.3, 0) });
    expect(parseVary('x=0.1..0.3', 'grid').ok).toBe(false);
    expect(parseVary('x=a..3:2', 'grid').ok).toBe(false);
    expect(parseVary('x=1..3:0', 'grid').ok).toBe(false);
    expect(parseVary('1..3:2', 'grid').ok).toBe(false);
  });

  it('spaces grid values evenly with both ends exact', () => {
    expect(linearValues(0.1, 0.3, 3)).toEqual([0.1, 0.2, 0.3]);
    expect(linearValues(1e8, 5e8, 5)).toEqual([1e8, 2e8, 3e8, 4e8, 5e8]);
  });

  it('makes a grid the Cartesian product, the first dimension varying slowest', () => {
    expect(gridPoints([spec('a', 1, 2, 2), spec('b', 10, 30, 3)])).toEqual([
      [1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30],
    ]);
    expect(gridPoints([spec('a', 1, 3, 3), spec('b', 0, 1, 2), spec('c', 5, 5, 1)])).toHaveLength(6);
  });

  it('puts one Latin-hypercube point in each stratum of each dimension', () => {
    const vary = [spec('a', 0, 1, 0), spec('b', -50, 50, 0), spec('c', 1e8, 9e8, 0)];
    const points = latinHypercubePoints(vary, 25, 7);
    expect(points).toHaveLength(25);
    vary.forEach((v, d) => {
      const strata = points.map((p) => Math.floor(((p[d]! - v.from) / (v.to - v.from)) * 25)).sort((x, y) => x - y);
      expect(strata).toEqual(Array.from({ length: 25 }, (_, i) => i));
    });
    expect(latinHypercubePoints(vary, 25, 7)).toEqual(points);
    expect(latinHypercubePoints(vary, 25, 8)).not.toEqual(points);
  });
});

describe('gbsim sweep', () => {
  const folder = temporaryFolder('sweep');
  let twins = '';
  let whole = '';
  const vary = ['--vary', 'players.alpha.cashYuan=2e7..4e7:3', '--vary', 'demand.basketYuan=12..18:2'];
  beforeAll(async () => {
    twins = writeSymmetricScenario(folder.dir, 26);
    whole = folder.path('whole');
    const { status, stderr } = await gbsim('sweep', twins, ...vary, '--runs', '8', '--workers', '1', '--out', whole, '--quiet');
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
  afterAll(folder.remove);

  it('runs every grid point and writes sweep.json, sweep.csv and sweep-players.csv', () => {
    const result = JSON.parse(readFileSync(`${whole}/sweep.json`, 'utf8')) as SweepResult;
    expect(result.points.map((p) => [p.values['players.alpha.cashYuan'], p.values['demand.basketYuan']])).toEqual([
      [2e7, 12], [2e7, 18], [3e7, 12], [3e7, 18], [4e7, 12], [4e7, 18],
    ]);
    const [header, ...rows] = readFileSync(`${whole}/sweep.csv`, 'utf8').trimEnd().split('\n');
    expect(header).toBe('point,players.alpha.cashYuan,demand.basketYuan,meanSurvivors,shakeoutProbability,meanFinalHhi,survival.alpha,low.alpha,high.alpha,meanShare.alpha,survival.beta,low.beta,high.beta,meanShare.beta,complete');
    expect(rows).toHaveLength(6);
    expect(readFileSync(`${whole}/sweep-players.csv`, 'utf8').trimEnd().split('\n')).toHaveLength(1 + 6 * 2);
  });

  it('merges shards of the points into the unsharded files, byte for byte', async () => {
    const shards = [1, 2].map((i) => folder.path(`shard-${i}`));
    for (const [i, dir] of shards.entries()) {
      const run = await gbsim('sweep', twins, ...vary, '--runs', '8', '--workers', '1', '--shard', `${i + 1}/2`, '--out', dir, '--quiet', '--verbose');
      expect(run.stderr).toBe('');
    }
    const merged = folder.path('merged');
    const merging = await gbsim('merge', ...shards, '--out', merged, '--verbose');
    expect(merging.stderr).toBe('');
    expect(merging.status).toBe(0);
    for (const name of ['sweep.json', 'sweep.csv', 'sweep-players.csv']) expect(readFileSync(`${merged}/${name}`, 'utf8'), name).toBe(readFileSync(`${whole}/${name}`, 'utf8'));
  });

  it('runs a Latin hypercube of --points points', async () => {
    const dir = folder.path('lhs');
    const { status } = await gbsim('sweep', twins, '--vary', 'players.alpha.cashYuan=2e7..4e7', '--design', 'lhs', '--points', '4', '--runs', '3', '--workers', '1', '--out', dir, '--quiet');
    expect(status).toBe(0);
    const result = JSON.parse(readFileSync(`${dir}/sweep.json`, 'utf8')) as SweepResult;
    expect(result.vary).toEqual([{ path: 'players.alpha.cashYuan', from: 2e7, to: 4e7, steps: 4 }]);
    expect(result.points.map((p) => Math.floor((p.values['players.alpha.cashYuan']! - 2e7) / 5e6)).sort()).toEqual([0, 1, 2, 3]);
  });

  it('stops before running when a point is not a valid scenario (exit 2)', async () => {
    const { status, stderr } = await gbsim('sweep', twins, '--vary', 'players.alpha.cashYuan=-1e7..1e7:3', '--runs', '2', '--workers', '1');
    expect(status).toBe(2);
    expect(stderr).toMatch(/--vary players\.alpha\.cashYuan at -10000000\): 1 problem/);
    expect(stderr).not.toContain('point 1');
  });
});
