/**
 * Issue 13: `gbsim sweep --resume` continues an interrupted sweep to the byte-identical result of
 * an uninterrupted one, checking every line it reads back and refusing another experiment's folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { runSweep } from '../../sim/experiment/sweep.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from '../experiment/fixtures.js';

const folder = temporaryFolder('sweep-resume');
let twins = '';
const VARY = 'players.alpha.cashYuan=1e8..4e8:4';
const sweep = (out: string, ...more: string[]) => gbsim('sweep', twins, '--vary', VARY, '--runs', '2', '--workers', '1', '--seed', '3', '--out', out, '--quiet', ...more);
beforeAll(() => {
  twins = writeSymmetricScenario(folder.path('s'), 26);
});
afterAll(folder.remove);

async function interrupted(out: string): Promise<void> {
  const controller = new AbortController();
  const report = await runSweep({
    base: prepareScenario(twins), sets: [], cwd: process.cwd(), vary: [{ path: 'players.alpha.cashYuan', from: 1e8, to: 4e8, steps: 4 }], design: 'grid', lhsPoints: 0,
    seed: 3, runs: 2, shakeoutK: 5, workers: 1, shard: null, out: { dir: out, force: false }, signal: controller.signal,
    onProgress: ({ done }) => (done >= 4 ? controller.abort() : undefined),
  });
  expect(report.ok && !report.value.complete).toBe(true);
}

describe('gbsim sweep --resume', () => {
  it('continues an interrupted sweep to the files of an uninterrupted one, byte for byte', async () => {
    const whole = folder.path('whole');
    expect((await sweep(whole)).status).toBe(0);
    const out = folder.path('resumed');
    await interrupted(out);
    expect(readFileSync(`${out}/sweep.csv`, 'utf8')).toContain('false');
    expect((await sweep(out, '--resume')).status).toBe(0);
    for (const name of ['sweep.json', 'sweep.csv', 'sweep-players.csv', 'sweep-points.ndjson']) expect(readFileSync(`${out}/${name}`, 'utf8'), name).toBe(readFileSync(`${whole}/${name}`, 'utf8'));
  });

  it('refuses a folder of another seed, and a damaged line (exit 2)', async () => {
    const out = folder.path('damaged');
    await interrupted(out);
    const other = await gbsim('sweep', twins, '--vary', VARY, '--runs', '2', '--workers', '1', '--seed', '4', '--out', out, '--quiet', '--resume');
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/cannot resume: .*written with seed 3, this run has 4/);
    const file = `${out}/sweep-points.ndjson`;
    const [first, ...rest] = readFileSync(file, 'utf8').split('\n');
    const point = JSON.parse(first!);
    point.meanSurvivors = 17;
    writeFileSync(file, [JSON.stringify(point), ...rest].join('\n'));
    const damaged = await sweep(out, '--resume');
    expect(damaged.status).toBe(2);
    expect(damaged.stderr).toMatch(/sweep-points\.ndjson:1: meanSurvivors/);
  });
});

describe('gbsim compare --resume', () => {
  it('continues an interrupted comparison to the files of an uninterrupted one, and refuses damaged lines', async () => {
    const { runCompare } = await import('../../sim/experiment/compare.js');
    const whole = folder.path('compare-whole');
    const args = (out: string, ...more: string[]) => ['compare', twins, twins, '--runs', '6', '--workers', '1', '--seed', '3', '--set', 'players.beta.cashYuan=9e7', '--out', out, '--quiet', ...more];
    expect((await gbsim(...args(whole))).status).toBe(0);
    const out = folder.path('compare-resumed');
    const controller = new AbortController();
    const prepared = [prepareScenario(twins, { sets: ['players.beta.cashYuan=9e7'] }), prepareScenario(twins, { sets: ['players.beta.cashYuan=9e7'] })];
    const partial = await runCompare({
      prepared, sets: ['players.beta.cashYuan=9e7'], cwd: process.cwd(), seed: 3, runs: 6, shakeoutK: 5, workers: 1, signal: controller.signal,
      out: { dir: out, resume: false }, onProgress: ({ done }) => (done >= 2 ? controller.abort() : undefined),
    });
    expect(partial.complete).toBe(false);
    expect((await gbsim(...args(out, '--resume'))).status).toBe(0);
    for (const name of ['compare.json', 'compare.csv', 'compare-runs.ndjson']) expect(readFileSync(`${out}/${name}`, 'utf8'), name).toBe(readFileSync(`${whole}/${name}`, 'utf8'));
    const file = `${out}/compare-runs.ndjson`;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"finalShare":[0-9.e-]+/, '"finalShare":1.5'));
    const damaged = await gbsim(...args(out, '--resume'));
    expect(damaged.status).toBe(2);
    expect(damaged.stderr).toMatch(/compare-runs\.ndjson:1: scenario 1: players\.\d\.finalShare/);
  });
});
