import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../fuzz/random.js';
import { killAfter, runNode, startNode } from './child.js';
import { parseResult } from './result-files.js';

const dir = mkdtempSync(join(tmpdir(), 'gbsim-mc-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUNS = 800;
const mc = (out: string, ...more: string[]) => ['sim/cli/main.ts', 'mc', 'scenarios/teaching/base.yaml', '--runs', String(RUNS), '--workers', '2', '--seed', '11', '--quiet', '--out', out, ...more];
const TEMPORARY = /\.tmp-\d+$/;
const KILLS = 4;

/** Problems with the files of an interrupted Monte Carlo directory (empty: all whole). */
function interruptedProblems(out: string): string[] {
  if (!existsSync(out)) return [];
  const problems: string[] = [];
  for (const name of readdirSync(out).filter((entry) => !TEMPORARY.test(entry))) {
    const path = join(out, name);
    if (name === 'runs.ndjson') {
      const lines = readFileSync(path, 'utf8').split('\n');
      const torn = lines.pop();
      lines.forEach((line, i) => {
        try {
          JSON.parse(line);
        } catch {
          problems.push(`runs.ndjson line ${i + 1} is not JSON: ${line.slice(0, 80)}`);
        }
      });
      if (torn !== '' && torn !== undefined) {
        try {
          JSON.parse(torn);
          problems.push('runs.ndjson ends without a newline after a whole line');
        } catch {
          // a torn last line: allowed, --resume must ignore it
        }
      }
    } else {
      try {
        parseResult(path);
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}

describe('gbsim mc --out killed with SIGKILL, then --resume', () => {
  it(`keeps every file whole and resumes to the uninterrupted result, byte for byte (${KILLS} seeded moments)`, async () => {
    const reference = join(dir, 'reference');
    expect((await runNode(mc(reference))).code).toBe(0);
    const expected = readFileSync(join(reference, 'mc.json'), 'utf8');

    const random = rng('gbsim-mc-kills');
    for (let kill = 0; kill < KILLS; kill++) {
      const out = join(dir, `killed-${kill}`);
      const ended = await killAfter(startNode(mc(out)), 700 + random.below(1_800));
      expect(ended.signal, `kill ${kill} came too late`).toBe('SIGKILL');
      expect(interruptedProblems(out), `kill ${kill}`).toEqual([]);
      // A torn last line, as a kill in the middle of an append would leave it.
      if (kill === KILLS - 1 && existsSync(join(out, 'runs.ndjson'))) appendFileSync(join(out, 'runs.ndjson'), '{"replication": 99, "players": [{"id"');
      const resumed = await runNode(mc(out, '--resume'));
      expect(resumed.code, `kill ${kill}: ${resumed.stderr}`).toBe(0);
      expect(readFileSync(join(out, 'mc.json'), 'utf8'), `kill ${kill}`).toBe(expected);
    }
  }, 180_000);
});
