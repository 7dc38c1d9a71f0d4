import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pairedDifference } from '../../sim/experiment/compare.js';
import { RunningMoments } from '../../sim/experiment/stats.js';
import type { CompareResult } from '../../sim/experiment/types.js';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { runOnce } from '../../sim/experiment/run-once.js';
import { gbsim, temporaryFolder, writeSymmetricScenario, writeScenario } from './fixtures.js';
import { mirroredCells, province, smallScenario, twin } from '../support/scenarios.js';

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

  it('names a long differing value (an uncertainty section) by its size on the terminal and keeps it whole in compare.json', async () => {
    const base = writeSymmetricScenario(folder.dir, 10);
    const twins = JSON.parse(readFileSync(base, 'utf8')) as Record<string, unknown>;
    const values = Array.from({ length: 40 }, (_, i) => 1e9 + i * 1e7);
    const uncertain = writeScenario(folder.dir, 'twins-uncertain', { ...twins, name: 'twins-uncertain', uncertainty: [{ path: 'players.alpha.cashYuan', distribution: 'discrete', values, weights: values.map(() => 1 / 40) }] } as never);
    const dir = folder.path('long-value');
    const { status, stdout } = await gbsim('compare', base, uncertain, '--runs', '2', '--workers', '1', '--out', dir, '--quiet');
    expect(status).toBe(0);
    expect(stdout).toMatch(/uncertainty: twins \(none\) \| twins-uncertain \[a list of 1, [\d,]+ characters of JSON; see compare\.json\]/);
    expect(stdout).not.toContain(String(values[39]));
    const result = JSON.parse(readFileSync(`${dir}/compare.json`, 'utf8')) as CompareResult;
    expect(result.parameterDifferences!.find((d) => d.path === 'uncertainty')!.values[1]).toMatchObject([{ path: 'players.alpha.cashYuan', values }]);
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

  it('compares pickup points, cash and exit week: per-scenario means and paired differences equal those of the single runs, tested within the Holm family', async () => {
    const base = writeSymmetricScenario(folder.dir, 20);
    const twins = JSON.parse(readFileSync(base, 'utf8')) as ReturnType<typeof smallScenario>;
    const slow = writeScenario(folder.dir, 'slow-alpha', {
      ...twins,
      name: 'slow-alpha',
      geography: { ...twins.geography, provinces: [province('east', ['west']), province('west')] },
      players: [{ ...twin('alpha', 'east'), expansion: { targetNewPointsPerWeek: 100, pointsPerThousandHouseholds: 4 } }, twin('beta', 'west')],
    }, mirroredCells());
    const dir = folder.path('points');
    const runs = 12;
    const { status, stdout } = await gbsim('compare', base, slow, '--runs', String(runs), '--workers', '1', '--out', dir, '--quiet');
    expect(status).toBe(0);
    const result = JSON.parse(readFileSync(`${dir}/compare.json`, 'utf8')) as CompareResult;
    // The same replications run one by one, outside compare: replication r of each scenario with the same seed.
    const prepared = [prepareScenario(base), prepareScenario(slow)];
    const outcomes = prepared.map((p) => Array.from({ length: runs }, (_, r) => runOnce(p, { seed: result.seed, replication: r })));
    const outcome = (i: number, id: string) => outcomes[i]!.map((run) => run.players.find((p) => p.id === id)!);
    const points = (i: number, id: string) => outcome(i, id).map((p) => p.pickupPoints);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const paired = (after: number[], before: number[]) => pairedDifference(after.map((v, r) => v - before[r]!).reduce((m, v) => (m.add(v), m), new RunningMoments()), undefined, undefined, [-Infinity, Infinity]);
    for (const player of result.players) {
      const [before, after] = [points(0, player.id), points(1, player.id)];
      expect(player.finalPointsMean[0]).toBeCloseTo(mean(before), 9);
      expect(player.finalPointsMean[1]).toBeCloseTo(mean(after), 9);
      const expected = paired(after, before);
      const d = player.finalPointsDifference[0]!;
      expect(d.estimate).toBeCloseTo(expected.estimate, 9);
      expect(d.p).toBeCloseTo(expected.p, 12);
      expect(d.test).toBe('paired-t');
      expect(d.pHolm).toBeGreaterThanOrEqual(d.p);
      // Cash: a mean per scenario; exit week: the horizon (20) standing in for a player that stays.
      expect(player.finalCashMean[1]).toBeCloseTo(mean(outcome(1, player.id).map((p) => p.cashYuan)), 3);
      const weeks = (i: number) => outcome(i, player.id).map((p) => p.exitWeek ?? 20);
      const exit = paired(weeks(1), weeks(0));
      expect(player.exitWeekDifference[0]!.estimate).toBeCloseTo(exit.estimate, 9);
      expect(player.exitWeekDifference[0]!.p).toBeCloseTo(exit.p, 12);
    }
    // alpha opens fewer points a week in slow-alpha: it ends with fewer, clearly.
    const alpha = result.players.find((p) => p.id === 'alpha')!.finalPointsDifference[0]!;
    expect(alpha.estimate).toBeLessThan(0);
    expect(alpha.significant).toBe(true);
    // Holm's family of the scenario: survival, share, cash, points and exit week for 2 players, survivors and HHI.
    const family = result.players.flatMap((p) => [p.survivalDifference[0]!, p.finalShareDifference[0]!, p.finalCashDifference[0]!, p.finalPointsDifference[0]!, p.exitWeekDifference[0]!]).concat([result.market.survivorsDifference[0]!, result.market.finalHhiDifference[0]!]);
    const smallest = family.reduce((a, b) => (a.p <= b.p ? a : b));
    expect(smallest.pHolm).toBeCloseTo(Math.min(1, smallest.p * family.length), 12);
    const [header, ...rows] = readFileSync(`${dir}/compare.csv`, 'utf8').trimEnd().split('\n');
    const columns = header!.split(',');
    const alphaRow = rows.find((row) => row.startsWith('alpha,') && row.split(',')[columns.indexOf('scenarioIndex')] === '1')!.split(',');
    expect(Number(alphaRow[columns.indexOf('finalPointsDifference')])).toBeCloseTo(alpha.estimate, 6);
    expect(alphaRow[columns.indexOf('finalPointsDifferenceSignificant')]).toBe('true');
    expect(stdout).toContain('Δ pickup points');
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
