import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pairedDifference } from '../../sim/experiment/compare.js';
import { RunningMoments } from '../../sim/experiment/stats.js';
import type { CompareResult } from '../../sim/experiment/types.js';
import { gbsim, temporaryFolder, writeSymmetricScenario, writeScenario } from './fixtures.js';
import { smallScenario } from '../support/scenarios.js';

const folder = temporaryFolder('compare');
afterAll(folder.remove);

describe('gbsim compare', () => {
  it('reports zero differences, none significant, for a scenario against itself', async () => {
    const twins = writeSymmetricScenario(folder.dir);
    const dir = folder.path('self');
    const { status, stdout } = await gbsim('compare', twins, twins, '--runs', '60', '--workers', '2', '--out', dir, '--quiet');
    expect(status).toBe(0);
    const result = JSON.parse(readFileSync(`${dir}/compare.json`, 'utf8')) as CompareResult;
    expect(result).toMatchObject({ kind: 'compare', runs: 60, seed: 7, complete: true });
    for (const player of result.players) {
      expect(player.survival[1]).toEqual(player.survival[0]);
      expect(player.survivalDifference).toEqual([{ estimate: 0, low: 0, high: 0, test: 'mcnemar-exact', p: 1, pHolm: 1, discordant: { gained: 0, lost: 0 }, significant: false }]);
      expect(player.finalShareDifference).toEqual([{ estimate: 0, low: 0, high: 0, test: 'paired-t', p: 1, pHolm: 1, significant: false }]);
    }
    expect(stdout).toContain('+0.0 [0.0, 0.0]');
    expect(stdout).not.toMatch(/\] \*/);
  });

  it('writes one tidy CSV row per player per scenario, with the differences on the non-baseline rows', async () => {
    const twins = writeSymmetricScenario(folder.dir);
    const richer = writeScenario(folder.dir, 'three', smallScenario({ name: 'three', horizonWeeks: 20 }));
    const dir = folder.path('tidy');
    const { status } = await gbsim('compare', twins, richer, '--runs', '10', '--workers', '1', '--out', dir, '--quiet');
    expect(status).toBe(0);
    const [header, ...rows] = readFileSync(`${dir}/compare.csv`, 'utf8').trimEnd().split('\n');
    expect(header).toMatch(/^player,playerName,scenarioIndex,scenario,scenarioFile,baseline,runs,survival,/);
    // twins has alpha and beta; small has alpha and beta too: 2 players × 2 scenarios.
    expect(rows.map((row) => row.split(',').slice(0, 3).join(','))).toEqual(['alpha,ALPHA,0', 'alpha,ALPHA,1', 'beta,BETA,0', 'beta,BETA,1']);
    const column = header!.split(',').indexOf('survivalDifference');
    expect(rows[0]!.split(',')[column]).toBe('');
    expect(rows[1]!.split(',')[column]).not.toBe('');
  });

  it('tests a share difference with a paired t test (p as SciPy gives it) and never calls 0 significant', () => {
    const of = (values: number[]) => values.reduce((m, v) => (m.add(v), m), new RunningMoments());
    const clear = pairedDifference(of([0.1, 0.12, 0.09, 0.11]));
    expect(clear.p).toBeCloseTo(0.0005054853461390415, 10);
    expect(clear.significant).toBe(true);
    expect(pairedDifference(of([0.1, -0.12, 0.09, -0.11])).p).toBeCloseTo(0.8796012017129257, 10);
    expect(pairedDifference(of([0, 0, 0])).significant).toBe(false);
  });

  it('tests a survival difference with the exact McNemar test: 4 discordant pairs of 200 are not significant', () => {
    const moments = new RunningMoments();
    for (let r = 0; r < 200; r++) moments.add(r < 4 ? -1 : 0);
    const d = pairedDifference(moments, { gained: 0, lost: 4 });
    expect(d.estimate).toBeCloseTo(-0.02, 12);
    expect(d.p).toBe(0.125);
    expect(d.significant).toBe(false);
  });

  it('needs at least two scenarios (exit 2)', async () => {
    const { status, stderr } = await gbsim('compare', writeSymmetricScenario(folder.dir), '--runs', '5');
    expect(status).toBe(2);
    expect(stderr).toContain('compare needs at least two scenario files (got 1)');
  });
});
