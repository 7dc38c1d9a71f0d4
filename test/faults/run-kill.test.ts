import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../fuzz/random.js';
import { killAfter, runNode, startNode } from './child.js';
import { parseResult, resultBytes, RUN_RESULT_FILES } from './result-files.js';

const dir = mkdtempSync(join(tmpdir(), 'gbsim-run-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = 'scenarios/china-2020.yaml';
const run = (out: string, seed: number) => ['sim/cli/main.ts', 'run', SCENARIO, '--seed', String(seed), '--out', out, '--force'];
const KILLS = 10;

describe('gbsim run --out killed with SIGKILL', () => {
  it(`leaves no files, the previous complete files or the new complete files (${KILLS} seeded moments)`, async () => {
    const [previous, next] = [join(dir, 'previous'), join(dir, 'next')];
    expect((await runNode(run(previous, 1))).code).toBe(0);
    expect((await runNode(run(next, 2))).code).toBe(0);
    const old = resultBytes(previous, RUN_RESULT_FILES);
    const fresh = resultBytes(next, RUN_RESULT_FILES);
    expect(old.size).toBe(RUN_RESULT_FILES.length);
    expect(fresh.get('summary.json')).not.toBe(old.get('summary.json'));

    const random = rng('gbsim-run-kills');
    const problems: string[] = [];
    let finished = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const out = join(dir, `out-${kill}`);
      // Even kills overwrite a previous run (--force); odd kills write into nothing.
      if (kill % 2 === 0) cpSync(previous, out, { recursive: true });
      const ended = await killAfter(startNode(run(out, 2)), random.below(1_200));
      if (ended.code === 0) finished++;
      for (const [name, bytes] of resultBytes(out, RUN_RESULT_FILES)) {
        const expected = kill % 2 === 0 ? [old.get(name), fresh.get(name)] : [fresh.get(name)];
        if (!expected.includes(bytes)) problems.push(`kill ${kill}: ${name} is neither the previous nor the new complete file (${bytes.length} bytes)`);
        expect(() => parseResult(join(out, name)), `kill ${kill}: ${name}`).not.toThrow();
      }
      if (resultBytes(out, ['manifest.json']).size > 0) expect(() => parseResult(join(out, 'manifest.json'))).not.toThrow();
    }
    expect(problems).toEqual([]);
    expect(finished).toBeLessThan(KILLS);
  }, 120_000);
});
