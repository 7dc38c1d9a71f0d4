import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scenario/helpers.js';
import { refusalProblems } from './cli-output.js';
import { FUZZ_SEED, writeCorpus, type FuzzCase } from './corpus.js';
import { rng } from './random.js';

const dir = mkdtempSync(join(tmpdir(), 'gbsim-fuzz-child-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CASES = writeCorpus(dir).filter((c) => c.expect === 'invalid');

/** The hostile files everyone worries about, plus random mutants (seeded): 10 in all. */
const ALWAYS = ['special/deep-flow-lists.yaml', 'special/billion-laughs.yaml', 'special/ten-megabytes.yaml', 'special/random-bytes.yaml', 'special/a-folder.yaml', 'special/cycle-a.yaml'];
const random = rng(`${FUZZ_SEED}/child`);
const mutants = CASES.filter((c) => !c.name.startsWith('special/') && c.sets === undefined);
const SAMPLE: FuzzCase[] = [
  ...ALWAYS.map((name) => CASES.find((c) => c.name === name)!),
  ...Array.from({ length: 4 }, () => mutants.splice(random.below(mutants.length), 1)[0]!),
];

/** Any warning Node prints (`(node:123) Warning: ...`): noise a user should not see. */
const NODE_WARNING = /\(node:\d+\)/;

describe('fuzzed scenario files (gbsim validate as a child process, 5 s limit)', () => {
  it.each(SAMPLE)('exits 2 on $name ($what) with a message and no stack trace', (fuzz) => {
    // --allow-outside: the corpus lives in a temporary folder, outside this working directory.
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'sim/cli/main.ts', 'validate', '--allow-outside', fuzz.file], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 5_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(child.error, 'the child did not finish within 5 s').toBeUndefined();
    const outcome = { status: child.status ?? -1, stdout: child.stdout, stderr: child.stderr, ms: 0 };
    expect(refusalProblems(outcome, fuzz.file, fuzz.placed)).toEqual([]);
    expect(child.stderr).not.toMatch(NODE_WARNING);
  });
});
