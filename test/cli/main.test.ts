import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { validLine } from '../../sim/cli/commands/validate.js';
import { COMMANDS, runCli } from '../../sim/cli/main.js';
import { scenarioJsonSchemaText } from '../../sim/scenario/json-schema.js';
import { invalidScenarioFiles } from '../scenario/corpus.js';
import { ROOT } from '../scenario/helpers.js';

const MINIMAL = 'test/fixtures/minimal.yaml';
const STACK_LINE = /^\s+at .+[:(]/m;

/** Runs gbsim in-process and returns its exit status and what it wrote. */
async function gbsim(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}

const temp = mkdtempSync(join(tmpdir(), 'gbsim-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('gbsim (in-process)', () => {
  it('lists every command under --help and exits 0', async () => {
    const { status, stdout, stderr } = await gbsim('--help');
    expect(status).toBe(0);
    expect(stderr).toBe('');
    for (const spec of COMMANDS) expect(stdout).toContain(`gbsim ${spec.command}`);
    expect(stdout).toContain('--verbose');
    expect(stdout).toContain('Exit status: 0 ok, 1 runtime failure, 2 bad input');
  });

  it.each(COMMANDS.map((spec) => spec.command.split(' ')[0] ?? ''))('shows examples under "gbsim %s --help"', async (name) => {
    const { status, stdout } = await gbsim(name, '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain(`gbsim ${name}`);
  });

  it('prints the package version', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await gbsim('--version')).toEqual({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it.each([
    [[], 'name a command'],
    [['frobnicate'], 'Unknown argument: frobnicate'],
    [['validat', MINIMAL], 'Did you mean validate?'],
    [['validate'], 'Not enough non-option arguments'],
    [['validate', MINIMAL, '--no-such-option'], 'Unknown argument'],
    [['schema', '--out'], 'Not enough arguments following: out'],
  ])('exits 2 on bad usage %j with a message and where to get help', async (args, expected) => {
    const { status, stdout, stderr } = await gbsim(...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(expected);
    expect(stderr).toMatch(/Run "gbsim( \w+)? --help" for usage\./);
  });

  it('prints exactly one line per valid file', async () => {
    const { status, stdout, stderr } = await gbsim('validate', MINIMAL, 'scenarios/invalid/parts/base.yaml');
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toBe(`${validLine(MINIMAL, 2, 12)}\n${validLine('scenarios/invalid/parts/base.yaml', 2, 12)}\n`);
  });

  it('applies --set overrides, repeated and before or after the files', async () => {
    const after = await gbsim('validate', MINIMAL, '--set', 'horizonWeeks=20', '--set', 'seed=2');
    expect(after).toEqual({ status: 0, stdout: `${validLine(MINIMAL, 2, 20)}\n`, stderr: '' });
    const before = await gbsim('validate', '--set', 'horizonWeeks=30', MINIMAL);
    expect(before.stdout).toBe(`${validLine(MINIMAL, 2, 30)}\n`);
  });

  it('reports every bad file with all its problems on stderr and exits 2', async () => {
    const { status, stdout, stderr } = await gbsim('validate', MINIMAL, 'scenarios/invalid/negative-money.yaml', 'no-such-file.yaml');
    expect(status).toBe(2);
    expect(stdout).toBe(`${validLine(MINIMAL, 2, 12)}\n`);
    expect(stderr).toBe(
      [
        'scenarios/invalid/negative-money.yaml: 1 problem',
        '  10:5  players[1].cashYuan: must be ≥ 0 (got -300000000)',
        '',
        'no-such-file.yaml: 1 problem',
        '  no such file',
        '',
      ].join('\n'),
    );
  });

  it('reports a bad --set as bad input', async () => {
    const { status, stderr } = await gbsim('validate', MINIMAL, '--set', 'players[7].brand=1');
    expect(status).toBe(2);
    expect(stderr).toContain('--set players[7].brand=1: players has 2 items, no index 7');
  });

  it.each(invalidScenarioFiles().map(({ file }) => file))('exits 2 without a stack trace on %s', async (file) => {
    const { status, stdout, stderr } = await gbsim('validate', file);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ problems?\\n`));
    expect(stderr).not.toMatch(STACK_LINE);
  });

  it('prints the JSON Schema, or writes it with --out', async () => {
    const printed = await gbsim('schema');
    expect(printed).toEqual({ status: 0, stdout: scenarioJsonSchemaText(), stderr: '' });
    const out = join(temp, 'schema.json');
    const written = await gbsim('schema', '--out', out);
    expect(written.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('exits 1 on a runtime failure and shows the stack trace only with --verbose', async () => {
    const out = join(temp, 'no-such-folder', 'schema.json');
    const quiet = await gbsim('schema', '--out', out);
    expect(quiet.status).toBe(1);
    expect(quiet.stderr).toMatch(/^gbsim: error: ENOENT/);
    expect(quiet.stderr).toContain('--verbose');
    expect(quiet.stderr).not.toMatch(STACK_LINE);
    const verbose = await gbsim('schema', '--out', out, '--verbose');
    expect(verbose.status).toBe(1);
    expect(verbose.stderr).toMatch(STACK_LINE);
  });
});

describe('gbsim (as a process)', () => {
  const run = promisify(execFile);
  const gbsimProcess = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'sim/cli/main.ts', ...args], { cwd: ROOT }).then(
      ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ status: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('validates a file and exits 0', async () => {
    expect(await gbsimProcess('validate', MINIMAL)).toEqual({ status: 0, stdout: `${validLine(MINIMAL, 2, 12)}\n`, stderr: '' });
  });

  it('sets exit status 2 for a bad file, printing the problems without a stack trace', async () => {
    const { status, stdout, stderr } = await gbsimProcess('validate', 'scenarios/invalid/unknown-key.yaml');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('6:5  players[0].cashYaun: unknown key "cashYaun" (did you mean "cashYuan"?)');
    expect(stderr).not.toMatch(STACK_LINE);
  });
});
