import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus, type FuzzCase } from './corpus.js';
import { gbsim, refusalProblems } from './cli-output.js';

const dir = mkdtempSync(join(tmpdir(), 'gbsim-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CASES: FuzzCase[] = writeCorpus(dir);

/**
 * A guard against a case that hangs or grows without bound (the multi-megabyte files take a few
 * seconds quietly), not a speed test: generous enough to hold on a loaded 2-core machine, where
 * 15 s was exceeded by ordinary cases. Speed is measured in bench/, not asserted here.
 */
const MAX_MS = 90_000;

/** `gbsim validate` on a case; `--allow-outside` because the what-if copies extend `../china-2020.yaml`. */
const validate = (fuzz: FuzzCase) => gbsim('validate', fuzz.file, '--allow-outside', ...(fuzz.sets ?? []).flatMap((set) => ['--set', set]));

describe('fuzzed scenario files (gbsim validate, in-process)', () => {
  it('has a corpus of at least 150 cases, refusals and acceptances', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(CASES.some((c) => c.expect === 'valid')).toBe(true);
  });

  it.each(CASES.filter((c) => c.expect === 'invalid'))('refuses $name ($what) with exit 2, naming the file', async (fuzz) => {
    const outcome = await validate(fuzz);
    expect(refusalProblems(outcome, fuzz.file, fuzz.placed)).toEqual([]);
    expect(outcome.ms).toBeLessThan(MAX_MS);
  });

  it.each(CASES.filter((c) => c.expect === 'valid'))('accepts $name ($what)', async (fuzz) => {
    const outcome = await validate(fuzz);
    expect(outcome.stderr).toBe('');
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain(': valid (');
  });

  it('leaves Object.prototype alone after every "__proto__" key', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
