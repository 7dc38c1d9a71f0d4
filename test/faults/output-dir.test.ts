import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gbsim } from '../fuzz/cli-output.js';
import { resultBytes, RUN_RESULT_FILES } from './result-files.js';

const dir = mkdtempSync(join(tmpdir(), 'gbsim-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCENARIO = 'scenarios/teaching/base.yaml';

describe('an output directory that already holds results', () => {
  const out = join(dir, 'run');

  it('is not overwritten without --force: exit 2, naming the directory and the way out, files untouched', async () => {
    expect((await gbsim('run', SCENARIO, '--weeks', '8', '--out', out)).status).toBe(0);
    const before = resultBytes(out, [...RUN_RESULT_FILES, 'manifest.json']);
    const again = await gbsim('run', SCENARIO, '--weeks', '8', '--seed', '2', '--out', out);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(out);
    expect(again.stderr).toContain('--force');
    expect(resultBytes(out, [...RUN_RESULT_FILES, 'manifest.json'])).toEqual(before);
  });

  it('is overwritten with --force', async () => {
    const forced = await gbsim('run', SCENARIO, '--weeks', '8', '--seed', '2', '--out', out, '--force');
    expect(forced.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).seed).toBe(2);
  });

  it('refuses a --out that is a file, naming it', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory\n');
    const outcome = await gbsim('run', SCENARIO, '--weeks', '2', '--out', file);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('not a directory\n');
  });

  it('holds for gbsim mc too', async () => {
    const mcOut = join(dir, 'mc');
    expect((await gbsim('mc', SCENARIO, '--runs', '20', '--workers', '1', '--quiet', '--out', mcOut)).status).toBe(0);
    const again = await gbsim('mc', SCENARIO, '--runs', '20', '--workers', '1', '--quiet', '--out', mcOut);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(mcOut);
    expect((await gbsim('mc', SCENARIO, '--runs', '20', '--workers', '1', '--quiet', '--out', mcOut, '--force')).status).toBe(0);
  });
});
