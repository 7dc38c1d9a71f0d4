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

describe('every line read back is checked against the schema it was written with', () => {
  const shardDirs = (name: string) => [1, 2].map((i) => folder.path('out', `${name}-${i}`));
  async function mcShards(name: string): Promise<string[]> {
    const dirs = shardDirs(name);
    for (const [i, dir] of dirs.entries()) {
      expect((await gbsim('mc', twins, '--runs', '4', '--workers', '1', '--shard', `${i + 1}/2`, '--out', dir, '--quiet')).status).toBe(0);
    }
    return dirs;
  }
  const editLine = (file: string, index: number, edit: (value: Record<string, any>) => void) => {
    const all = readFileSync(file, 'utf8').trimEnd().split('\n');
    const value = JSON.parse(all[index]!);
    edit(value);
    all[index] = JSON.stringify(value);
    writeFileSync(file, `${all.join('\n')}\n`);
  };

  it.each([
    ['a share of 115.8%', (v: Record<string, any>) => (v.players[0].finalShare = 1.158), /finalShare/],
    ['a share of −0.3%', (v: Record<string, any>) => (v.players[1].finalShare = -0.003), /finalShare/],
    ['10.08 survivors in a 2-player market', (v: Record<string, any>) => (v.survivors = 10.08), /survivors/],
    ['an exit week beyond the horizon', (v: Record<string, any>) => (v.players[0].exitWeek = 4200), /exitWeek/],
  ])('refuses to merge a runs.ndjson line with %s (exit 2, file and line, nothing written)', async (name, edit, field) => {
    const dirs = await mcShards(name.replace(/\W+/g, '-'));
    editLine(`${dirs[1]}/runs.ndjson`, 1, edit);
    const merged = folder.path('out', `merged-${name.replace(/\W+/g, '-')}`);
    const { status, stderr } = await gbsim('merge', ...dirs, '--out', merged);
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`runs\\.ndjson:2: .*${field.source}`));
    expect(existsSync(merged)).toBe(false);
  });

  it('refuses to resume from a runs.ndjson line with an impossible value (exit 2, file and line)', async () => {
    const dir = folder.path('out', 'resume-damaged');
    expect((await gbsim('mc', twins, '--runs', '3', '--workers', '1', '--out', dir, '--quiet')).status).toBe(0);
    editLine(`${dir}/runs.ndjson`, 2, (v) => (v.finalHhi = 12_000));
    const { status, stderr } = await gbsim('mc', twins, '--runs', '4', '--workers', '1', '--out', dir, '--resume', '--quiet');
    expect(status).toBe(2);
    expect(stderr).toMatch(/runs\.ndjson:3: finalHhi/);
  });

  it('refuses shards written by another gbsim version, and shards whose blocks overlap', async () => {
    const dirs = await mcShards('version');
    const identityFile = (dir: string) => `${dir}/shard.json`;
    const edit = (dir: string, change: (value: Record<string, any>) => void) => {
      const value = JSON.parse(readFileSync(identityFile(dir), 'utf8'));
      change(value);
      writeFileSync(identityFile(dir), JSON.stringify(value));
    };
    for (const dir of dirs) edit(dir, (v) => (v.gbsimVersion = '0.0.1'));
    const other = await gbsim('merge', ...dirs, '--out', folder.path('out', 'merged-version'));
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('written by gbsim 0.0.1');
    const overlapping = await mcShards('overlap');
    edit(overlapping[0]!, (v) => (v.shard.to = 3));
    const overlap = await gbsim('merge', ...overlapping, '--out', folder.path('out', 'merged-overlap'));
    expect(overlap.status).toBe(2);
    expect(overlap.stderr).toMatch(/shard 1\/2 claims items 0–2, but that shard holds 0–1/);
  });

  it('refuses sweep shards with a survival of 4200% or points out of order', async () => {
    const dirs = shardDirs('sweep');
    for (const [i, dir] of dirs.entries()) {
      const args = ['sweep', twins, '--vary', 'players.alpha.cashYuan=1e8..2e8:4', '--runs', '1', '--workers', '1', '--shard', `${i + 1}/2`, '--out', dir, '--quiet'];
      expect((await gbsim(...args)).status).toBe(0);
    }
    editLine(`${dirs[0]}/sweep-points.ndjson`, 0, (v) => (v.players[0].survival.estimate = 42));
    const survival = await gbsim('merge', ...dirs, '--out', folder.path('out', 'merged-sweep'));
    expect(survival.status).toBe(2);
    expect(survival.stderr).toMatch(/sweep-points\.ndjson:1: players\.0\.survival\.estimate/);
    editLine(`${dirs[0]}/sweep-points.ndjson`, 0, (v) => (v.players[0].survival.estimate = 0.5));
    const file = `${dirs[1]}/sweep-points.ndjson`;
    const [a, b] = readFileSync(file, 'utf8').trimEnd().split('\n');
    writeFileSync(file, `${b}\n${a}\n`);
    const order = await gbsim('merge', ...dirs, '--out', folder.path('out', 'merged-sweep'));
    expect(order.status).toBe(2);
    expect(order.stderr).toMatch(/sweep-points\.ndjson:1: point: holds point 3, expected 2/);
  });
});
