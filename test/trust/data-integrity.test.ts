/**
 * Issue 13, silent data loss and mixing: the scenario hash covers the files a scenario reads,
 * --resume never drops completed replications unasked, one writer per output folder (with
 * stale-lock recovery), merge compares real paths.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFileOf } from '../../sim/experiment/output-lock.js';
import { loadScenarioSync } from '../../sim/scenario/load.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from '../experiment/fixtures.js';

const folder = temporaryFolder('integrity');
let twins = '';
const cellsOf = (scenario: string) => scenario.replace(/\.json$/, '-cells.csv');
const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').length;

beforeAll(() => {
  twins = writeSymmetricScenario(folder.path('s'), 26);
});
afterAll(folder.remove);

describe('the scenario hash', () => {
  it('changes when one byte of the cells CSV the scenario reads changes', () => {
    const before = loadScenarioSync(twins);
    const csv = cellsOf(twins);
    const text = readFileSync(csv, 'utf8');
    writeFileSync(csv, text.replace(/,(\d+),/, (_, n: string) => `,${Number(n) + 1},`));
    const after = loadScenarioSync(twins);
    writeFileSync(csv, text);
    expect(before.ok && after.ok).toBe(true);
    if (before.ok && after.ok) expect(after.source.hash).not.toBe(before.source.hash);
    const again = loadScenarioSync(twins);
    if (before.ok && again.ok) expect(again.source.hash).toBe(before.source.hash);
  });

  it('makes mc --resume refuse a run whose cells CSV was edited since (exit 2)', async () => {
    const dir = folder.path('out', 'edited-csv');
    expect((await gbsim('mc', twins, '--runs', '2', '--workers', '1', '--out', dir, '--quiet')).status).toBe(0);
    const csv = cellsOf(twins);
    const text = readFileSync(csv, 'utf8');
    writeFileSync(csv, text.replace(/,(\d+),/, (_, n: string) => `,${Number(n) + 7},`));
    try {
      const { status, stderr } = await gbsim('mc', twins, '--runs', '3', '--workers', '1', '--out', dir, '--resume', '--quiet');
      expect(status).toBe(2);
      expect(stderr).toMatch(/cannot resume: .*scenario hash/);
    } finally {
      writeFileSync(csv, text);
    }
  });
});

describe('mc --resume with fewer --runs', () => {
  it('refuses to drop completed replications without --force, and drops them with it', async () => {
    const dir = folder.path('out', 'fewer');
    expect((await gbsim('mc', twins, '--runs', '4', '--workers', '1', '--out', dir, '--quiet')).status).toBe(0);
    const refused = await gbsim('mc', twins, '--runs', '2', '--workers', '1', '--out', dir, '--resume', '--quiet');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('holds 4 completed replications, more than the 2 asked for');
    expect(lines(`${dir}/runs.ndjson`)).toBe(4);
    const forced = await gbsim('mc', twins, '--runs', '2', '--workers', '1', '--out', dir, '--resume', '--force', '--quiet');
    expect(forced.status).toBe(0);
    expect(lines(`${dir}/runs.ndjson`)).toBe(2);
  });
});

describe('the output folder lock', () => {
  const lockOf = (dir: string, pid: number) => writeFileSync(lockFileOf(dir), JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', token: 'other' }));

  it('refuses every writing command on a folder a live gbsim process holds (exit 2), writing nothing', async () => {
    const dir = folder.path('out', 'held');
    lockOf(dir, process.pid);
    const commands = [
      ['run', twins, '--out', dir],
      ['mc', twins, '--runs', '1', '--workers', '1', '--out', dir, '--quiet'],
      ['compare', twins, twins, '--runs', '1', '--workers', '1', '--out', dir, '--quiet'],
      ['sweep', twins, '--vary', 'players.alpha.cashYuan=1e8..2e8:2', '--runs', '1', '--workers', '1', '--out', dir, '--quiet'],
      ['merge', folder.path('out', 'fewer'), '--out', dir],
    ];
    for (const args of commands) {
      const { status, stderr } = await gbsim(...args);
      expect(status, args[0]).toBe(2);
      expect(stderr, args[0]).toMatch(new RegExp(`is in use by gbsim process ${process.pid}`));
    }
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(lockFileOf(dir))).toBe(true);
  });

  it('takes over the lock of a process that is gone, and removes its own when done', async () => {
    const dir = folder.path('out', 'stale');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    lockOf(dir, gone);
    const { status } = await gbsim('mc', twins, '--runs', '1', '--workers', '1', '--out', dir, '--quiet');
    expect(status).toBe(0);
    expect(existsSync(`${dir}/mc.json`)).toBe(true);
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });
});

describe('merge', () => {
  it('refuses an --out that is one of the shards through a symbolic link, leaving the shard intact', async () => {
    const shard1 = folder.path('out', 'shard-1');
    const shard2 = folder.path('out', 'shard-2');
    for (const [i, dir] of [shard1, shard2].entries()) {
      expect((await gbsim('mc', twins, '--runs', '4', '--workers', '1', '--shard', `${i + 1}/2`, '--out', dir, '--quiet')).status).toBe(0);
    }
    const alias = folder.path('out', 'alias');
    symlinkSync(shard1, alias);
    const before = readFileSync(`${shard1}/runs.ndjson`, 'utf8');
    const { status, stderr } = await gbsim('merge', shard1, shard2, '--out', alias, '--force');
    expect(status).toBe(2);
    expect(stderr).toContain('is one of the shards');
    expect(readFileSync(`${shard1}/runs.ndjson`, 'utf8')).toBe(before);
  });
});

describe('an unusable --out is refused before any work (exit 2)', () => {
  it.each([
    ['empty', () => ''],
    ['a file', () => { const f = folder.path('a-file'); writeFileSync(f, 'x'); return f; }],
    ['a dangling symbolic link', () => { const f = folder.path('dangling'); symlinkSync(folder.path('nowhere'), f); return f; }],
  ])('refuses an --out that is %s', async (_, make) => {
    const { status, stderr } = await gbsim('mc', twins, '--runs', '1', '--workers', '1', '--out', make(), '--quiet');
    expect(status).toBe(2);
    expect(stderr).toMatch(/--out .*(empty|a file, not a folder|symbolic link to nothing)/);
  });
});
