/**
 * Issue 13: a result set changes as a whole. `gbsim run --force` over an earlier run, with the
 * disk "full" part-way (a file-size limit makes the larger files fail with EFBIG), must leave the
 * earlier set untouched, never new and old files mixed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scenario/helpers.js';
import { gbsim, temporaryFolder } from '../experiment/fixtures.js';

const folder = temporaryFolder('staged');
afterAll(folder.remove);
const seedOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { seed: number }).seed;

describe('gbsim run --force over an earlier run', () => {
  it('leaves the earlier result set whole when writing the new one fails part-way', async () => {
    const scenario = folder.path('minimal.yaml');
    copyFileSync(join(ROOT, 'test/fixtures/minimal.yaml'), scenario);
    const out = folder.path('out');
    expect((await gbsim('run', scenario, '--seed', '1', '--out', out)).status).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
    expect(Buffer.byteLength(before['summary.json']!)).toBeLessThan(2048);
    expect(Buffer.byteLength(before['weekly.csv']!)).toBeGreaterThan(2048);
    // ulimit -f 2: files may grow to 2 KiB; summary.json fits, weekly.csv does not (EFBIG).
    const command = `ulimit -f 2; exec "${process.execPath}" --import tsx sim/cli/main.ts run "${scenario}" --seed 2 --out "${out}" --force`;
    const child = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('EFBIG');
    const after = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
    expect(after).toEqual(before);
    expect(seedOf(out)).toBe(1);
    expect(readdirSync(folder.dir).filter((name) => name.includes('staging'))).toEqual([]);
    expect((await gbsim('run', scenario, '--seed', '2', '--out', out, '--force')).status).toBe(0);
    expect(seedOf(out)).toBe(2);
  });
});
