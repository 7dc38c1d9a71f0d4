/**
 * Issue 13, command-line input taken silently or failing as a crash: each case is exit 2 with a
 * usage message, found before any work; option typos get "did you mean"; `gbsim` alone lists
 * the commands.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gbsim, temporaryFolder, writeSymmetricScenario } from '../experiment/fixtures.js';

const folder = temporaryFolder('cli-input');
let twins = '';
beforeAll(() => {
  twins = writeSymmetricScenario(folder.path('s'), 26);
});
afterAll(folder.remove);

describe('bad command-line input is exit 2 with a message, never a crash or a silent choice', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['--out given twice', () => ['mc', twins, '--runs', '1', '--out', folder.path('a'), '--out', folder.path('b')], /--out is given 2 times/],
    ['--design given twice', () => ['sweep', twins, '--design', 'grid', '--design', 'lhs', '--vary', 'players.alpha.cashYuan=1e8..2e8:2', '--runs', '1'], /--design is given 2 times \(grid, lhs\)/],
    ['--seed beyond 2^53', () => ['mc', twins, '--runs', '1', '--seed', '9007199254740993'], /--seed must be a whole number from 0 to 4294967295/],
    ['--seed beyond the schema\'s range', () => ['run', twins, '--seed', '4294967296'], /--seed must be a whole number from 0 to 4294967295/],
    ['--runs beyond 2^53', () => ['compare', twins, twins, '--runs', '1e16'], /--runs must be a whole number ≥ 1 and below 2\^53/],
    ['--weeks beyond the horizon', () => ['run', twins, '--weeks', '27'], /--weeks 27 is beyond the scenario's horizon of 26 weeks/],
    ['--shard -1/3', () => ['mc', twins, '--runs', '3', '--shard', '-1/3', '--out', folder.path('c')], /--shard must be i\/n.*got "-1\/3"/],
    ['--out ""', () => ['run', twins, '--out', ''], /--out is empty/],
    ['an option typo', () => ['mc', twins, '--runs', '1', '--wrokers', '1'], /Unknown argument: wrokers\n--wrokers: did you mean --workers\?/],
    ['a typo of --seed', () => ['run', twins, '--sed', '3'], /did you mean --seed\?/],
  ];
  it.each(cases)('refuses %s', async (_, args, message) => {
    const { status, stderr } = await gbsim(...args());
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/TypeError|\n\s+at /);
    expect(existsSync(folder.path('a')) || existsSync(folder.path('b')) || existsSync(folder.path('c'))).toBe(false);
  });

  it('lists the commands when given no arguments (exit 2)', async () => {
    const { status, stderr } = await gbsim();
    expect(status).toBe(2);
    for (const command of ['run', 'validate', 'mc', 'compare', 'sweep', 'merge', 'report', 'schema']) expect(stderr).toContain(`gbsim ${command}`);
  });

  it('does not replace an existing file with schema --out unless --force', async () => {
    const file = folder.path('schema.json');
    writeFileSync(file, 'mine');
    const refused = await gbsim('schema', '--out', file);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('exists; add --force');
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect((await gbsim('schema', '--out', file, '--force')).status).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toBe('mine');
  });
});
