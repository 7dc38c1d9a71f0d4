/**
 * Issue 13, unbounded time and memory from one command: inputs are regular files read with a
 * byte cap, a geography too large is refused before it is built, --workers is capped at the
 * cores, sweeps have a point cap and an unknown --vary path is one message, at once.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerCount } from '../../sim/experiment/option-checks.js';
import { generatedCellCount, MAX_CELLS } from '../../sim/scenario/cell-budget.js';
import { buildGeography } from '../../sim/model/geography.js';
import { paramsOf, province, smallScenario } from '../support/scenarios.js';
import { gbsim, temporaryFolder, writeScenario, writeSymmetricScenario } from '../experiment/fixtures.js';

const folder = temporaryFolder('bounded');
let twins = '';
beforeAll(() => {
  twins = writeSymmetricScenario(folder.path('s'), 26);
});
afterAll(folder.remove);

describe('inputs are regular files read with a byte cap', () => {
  it('refuses /dev/zero and /dev/urandom as a scenario (exit 2, not a regular file)', async () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const { status, stderr } = await gbsim('validate', device);
      expect(status, device).toBe(2);
      expect(stderr, device).toContain('is a character device, not a regular file');
    }
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    const pipe = folder.path('pipe.yaml');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const { status, stderr } = await gbsim('validate', pipe);
    expect(status).toBe(2);
    expect(stderr).toContain('is a named pipe, not a regular file');
  });

  it('refuses extends: /dev/zero and --set geography.cellsCsv=/dev/zero', async () => {
    const child = folder.path('s', 'child.yaml');
    writeFileSync(child, 'extends: /dev/zero\nname: child\n');
    const extended = await gbsim('validate', child, '--allow-outside');
    expect(extended.status).toBe(2);
    expect(extended.stderr).toContain('not a regular file');
    const csv = await gbsim('validate', twins, '--set', 'geography.cellsCsv=/dev/zero');
    expect(csv.status).toBe(2);
    expect(csv.stderr).toContain('not a regular file');
  });
});

describe('the cell budget', () => {
  it('counts exactly the cells buildGeography makes', () => {
    for (const resolution of ['county', 'township'] as const) {
      const input = smallScenario({ geography: { ...smallScenario().geography, resolution } });
      input.geography.provinces[1] = { ...input.geography.provinces[1]!, prefectures: 5, counties: 3, townships: 2 };
      const params = paramsOf(input);
      expect(generatedCellCount(input.geography as never), resolution).toBe(buildGeography(params.geography, params.cells).cellCount);
    }
  });

  it('refuses a valid geography above the budget before building it, giving the count and an estimate', async () => {
    const provinces = Array.from({ length: 60 }, (_, i) => ({ ...province(`p${i}`), households: 1e6, prefectures: 1000, counties: 10_000, townships: 100_000 }));
    const input = smallScenario({
      geography: { ...smallScenario().geography, resolution: 'township', provinces },
      players: smallScenario().players.map((p) => ({ ...p, homeProvinces: ['p0'] })),
    });
    const file = writeScenario(folder.path('s'), 'huge', input);
    const started = performance.now();
    const { status, stderr } = await gbsim('run', file);
    expect(status).toBe(2);
    expect(stderr).toContain(`geography would have 6,600,000 cells (about`);
    expect(stderr).toContain(`at most ${MAX_CELLS.toLocaleString('en-US')}`);
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});

describe('--workers', () => {
  it('is capped at the available cores unless --oversubscribe', () => {
    expect(workerCount(undefined, false, 2)).toEqual({ workers: 2 });
    expect(workerCount(2, false, 2)).toEqual({ workers: 2 });
    expect(workerCount(1000, false, 2).workers).toBe(2);
    expect(workerCount(1000, false, 2).note).toContain('--workers 1000 capped at 2');
    expect(workerCount(1000, true, 2)).toEqual({ workers: 1000 });
  });

  it('says so on stderr and records the threads it started in manifest.json', async () => {
    const dir = folder.path('out', 'workers');
    const { status, stderr } = await gbsim('mc', twins, '--runs', '1', '--workers', '1000', '--out', dir, '--quiet');
    expect(status).toBe(0);
    expect(stderr).toContain(`--workers 1000 capped at ${availableParallelism()}`);
  });
});

describe('sweeps', () => {
  it.each([
    [['--vary', 'players.alpha.cashYuan=1e8..2e8:101', '--vary', 'players.beta.cashYuan=1e8..2e8:101'], 'the grid has 101 × 101 = 10,201 points'],
    [['--design', 'lhs', '--points', '1e9', '--vary', 'players.alpha.cashYuan=1e8..2e8'], '--points 1,000,000,000'],
  ])('refuses more than 10,000 points at once (%j)', async (args, text) => {
    const { status, stderr } = await gbsim('sweep', twins, ...args, '--runs', '1', '--workers', '1', '--quiet');
    expect(status).toBe(2);
    expect(stderr).toContain(text);
  });

  it('reports an unknown --vary path once, not once per point', async () => {
    const { status, stderr } = await gbsim('sweep', twins, '--vary', 'players.alpha.cashYuen=1e8..2e8:500', '--runs', '1', '--workers', '1', '--quiet');
    expect(status).toBe(2);
    expect(stderr.match(/cashYuen/g)!.length).toBeLessThanOrEqual(3);
    expect(stderr).not.toContain('point 499');
  });

  it.each([
    ['players.alpha.cashYuan=1e8...2e8:2', '"..." is not a range'],
    ['players.alpha.cashYuan=1..5:2:5', 'more than one ":"'],
    ['seed=1..5:5', 'the seed is not a parameter to sweep'],
  ])('refuses --vary %s (exit 2)', async (vary, text) => {
    const { status, stderr } = await gbsim('sweep', twins, '--vary', vary, '--runs', '1', '--workers', '1', '--quiet');
    expect(status).toBe(2);
    expect(stderr).toContain(text);
  });
});
