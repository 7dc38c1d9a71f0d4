import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../sim/cli/main.js';
import { validScenarioFiles } from '../scenario/corpus.js';
import { ROOT } from '../scenario/helpers.js';

const workspace = mkdtempSync(join(tmpdir(), 'gbsim-run-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

async function gbsim(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { status, stdout, stderr };
}

const RESULT_FILES = ['summary.json', 'weekly.csv', 'market.csv', 'events.csv', 'provinces.csv'];

function readResults(dir: string): Record<string, string> {
  return Object.fromEntries(RESULT_FILES.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('gbsim run', () => {
  it('runs china-2020 to its horizon and names its survivors', async () => {
    const { status, stdout } = await gbsim('run', join(ROOT, 'scenarios/china-2020.yaml'));
    expect(status).toBe(0);
    expect(stdout).toMatch(/china-2020: 104 weeks to 2022-05-30, seed 2020/);
    expect(stdout).toMatch(/^\d+ of 10 survive: [a-z-]+(, [a-z-]+)*;/m);
    expect(stdout).toContain('Xingsheng Youxuan');
  });

  it.each(validScenarioFiles().filter((file) => !file.includes('china-2020.yaml') || file.includes('what-if')))(
    'runs the shipped scenario %s (26 weeks) and writes its result files',
    async (file) => {
      const out = join(workspace, file.replaceAll('/', '_'));
      const { status, stdout, stderr } = await gbsim('run', join(ROOT, file), '--weeks', '26', '--out', out);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      expect(stdout).toMatch(/survive/);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary.horizonWeeks).toBe(26);
      const weekly = readFileSync(join(out, 'weekly.csv'), 'utf8').trim().split('\n');
      expect(weekly.length).toBe(1 + 26 * summary.players.length);
    },
  );

  it('writes byte-identical result files for the same scenario and seed, and different ones for another seed', async () => {
    const file = join(ROOT, 'scenarios/teaching/subsidy-war.yaml');
    const [a, b, c] = ['a', 'b', 'c'].map((name) => join(workspace, `determinism-${name}`));
    expect((await gbsim('run', file, '--seed', '5', '--out', a!)).status).toBe(0);
    expect((await gbsim('run', file, '--seed', '5', '--out', b!)).status).toBe(0);
    expect((await gbsim('run', file, '--seed', '6', '--out', c!)).status).toBe(0);
    expect(readResults(b!)).toEqual(readResults(a!));
    expect(readResults(c!)['weekly.csv']).not.toEqual(readResults(a!)['weekly.csv']);
    expect(readdirSync(a!).sort()).toEqual([...RESULT_FILES, 'manifest.json'].sort());
  });

  it('refuses to overwrite results without --force (exit 2) and overwrites them with it', async () => {
    const out = join(workspace, 'overwrite');
    const file = join(ROOT, 'scenarios/teaching/base.yaml');
    expect((await gbsim('run', file, '--weeks', '4', '--out', out)).status).toBe(0);
    const refused = await gbsim('run', file, '--weeks', '4', '--out', out);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect((await gbsim('run', file, '--weeks', '4', '--out', out, '--force')).status).toBe(0);
  });

  it('rejects a bad --weeks with exit 2', async () => {
    const result = await gbsim('run', join(ROOT, 'scenarios/teaching/base.yaml'), '--weeks', '0');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--weeks must be a whole number ≥ 1');
  });
});
