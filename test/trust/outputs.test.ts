/**
 * Issue 13, honest outputs: result files do not depend on how the scenario path was typed;
 * interrupted CSVs say they are partial; a player without cash and names with bidi or
 * invisible characters are refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareFiles, runCompare } from '../../sim/experiment/compare.js';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { runSweep, sweepFiles } from '../../sim/experiment/sweep.js';
import { gbsim, temporaryFolder, writeScenario, writeSymmetricScenario } from '../experiment/fixtures.js';
import { player, smallScenario } from '../support/scenarios.js';

const folder = temporaryFolder('outputs');
let twins = '';
beforeAll(() => {
  twins = writeSymmetricScenario(folder.path('s'), 26);
});
afterAll(folder.remove);

describe('result files', () => {
  it('are byte-identical whether the scenario path is typed relative or absolute', async () => {
    const relativePath = relative(process.cwd(), twins);
    const a = folder.path('out', 'relative');
    const b = folder.path('out', 'absolute');
    expect((await gbsim('mc', relativePath, '--runs', '2', '--workers', '1', '--out', a, '--quiet')).status).toBe(0);
    expect((await gbsim('mc', twins, '--runs', '2', '--workers', '1', '--out', b, '--quiet')).status).toBe(0);
    for (const name of ['mc.json', 'survival.csv', 'runs.ndjson', 'experiment.json']) expect(readFileSync(`${a}/${name}`, 'utf8'), name).toBe(readFileSync(`${b}/${name}`, 'utf8'));
    const runA = folder.path('out', 'run-relative');
    const runB = folder.path('out', 'run-absolute');
    expect((await gbsim('run', `./${relativePath}`, '--out', runA)).status).toBe(0);
    expect((await gbsim('run', twins, '--out', runB)).status).toBe(0);
    expect(readFileSync(`${runA}/summary.json`, 'utf8')).toBe(readFileSync(`${runB}/summary.json`, 'utf8'));
  });
});

describe('interrupted CSVs say they are partial', () => {
  const cwd = process.cwd();
  it('marks every row of compare.csv of an interrupted compare complete=false', async () => {
    const prepared = [prepareScenario(twins, { cwd }), prepareScenario(twins, { cwd })];
    const controller = new AbortController();
    const report = await runCompare({
      prepared, sets: [], cwd, seed: 3, runs: 50, shakeoutK: 5, workers: 1, signal: controller.signal,
      onProgress: ({ done }) => (done >= 2 ? controller.abort() : undefined),
    });
    expect(report.complete).toBe(false);
    const csv = compareFiles(report.result!)['compare.csv']!.trimEnd().split('\n');
    expect(csv[0]!.split(',').at(-1)).toBe('complete');
    for (const row of csv.slice(1)) expect(row.split(',').at(-1)).toBe('false');
  });

  it('marks every row of sweep.csv and sweep-players.csv of an interrupted sweep complete=false', async () => {
    const base = prepareScenario(twins, { cwd });
    const controller = new AbortController();
    const report = await runSweep({
      base, sets: [], cwd, vary: [{ path: 'players.alpha.cashYuan', from: 1e8, to: 4e8, steps: 4 }], design: 'grid', lhsPoints: 0,
      seed: 3, runs: 2, shakeoutK: 5, workers: 1, shard: null, out: null, signal: controller.signal,
      onProgress: ({ done }) => (done >= 4 ? controller.abort() : undefined),
    });
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.value.complete).toBe(false);
    const files = sweepFiles(report.value.result!);
    for (const name of ['sweep.csv', 'sweep-players.csv']) {
      const [header, ...rows] = (files[name] as string).trimEnd().split('\n');
      expect(header!.split(',').at(-1), name).toBe('complete');
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows) expect(row.split(',').at(-1), name).toBe('false');
    }
  });
});

describe('scenario input', () => {
  it('refuses a player that gives neither cashYuan nor cashUsd (it started at 0 silently)', async () => {
    const { cashYuan: _, ...penniless } = player('alpha', { homeProvinces: ['north'] });
    const file = writeScenario(folder.path('s'), 'no-cash', smallScenario({ players: [penniless, player('beta', { homeProvinces: ['south'] })] }));
    const { status, stderr } = await gbsim('validate', file);
    expect(status).toBe(2);
    expect(stderr).toContain('players[0]: give exactly one of cashYuan, cashUsd');
  });

  it.each([
    ['a right-to-left override', 'Alpha\u202Egnp.exe'],
    ['a zero-width space', 'Al\u200Bpha'],
    ['a line separator', 'Alpha\u2028Beta'],
    ['a paragraph separator', 'Alpha\u2029Beta'],
    ['a left-to-right isolate', '\u2066Alpha\u2069'],
  ])('refuses a player name with %s, shown escaped', async (_, name) => {
    const file = writeScenario(folder.path('s'), 'bidi', smallScenario({ players: [player('alpha', { name, homeProvinces: ['north'] }), player('beta', { homeProvinces: ['south'] })] }));
    const { status, stderr } = await gbsim('validate', file);
    expect(status).toBe(2);
    expect(stderr).toContain('must not contain control, bidirectional or invisible format characters');
    expect(stderr).not.toMatch(/[\u200B\u202E\u2028\u2029\u2066\u2069]/);
  });

  it('accepts names whose scripts or emoji need the zero-width joiners', async () => {
    const file = writeScenario(folder.path('s'), 'joiners', smallScenario({ players: [player('alpha', { name: 'Family 👨\u200D👩\u200D👧', homeProvinces: ['north'] }), player('beta', { name: 'मक्\u200Cखन', homeProvinces: ['south'] })] }));
    expect((await gbsim('validate', file)).status).toBe(0);
  });
});
