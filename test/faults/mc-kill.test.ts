import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../fuzz/random.js';
import { SOAK } from '../properties/settings.js';
import { completeLines, killAtLines, runNode, startNode } from './child.js';
import { parseResult } from './result-files.js';

const dir = mkdtempSync(join(tmpdir(), 'gbsim-mc-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The default suite kills twice in a short run; `npm run test:soak` kills four times in a longer one.
const RUNS = SOAK ? 300 : 100;
const mc = (out: string, ...more: string[]) => ['sim/cli/main.ts', 'mc', 'scenarios/teaching/base.yaml', '--runs', String(RUNS), '--workers', '2', '--seed', '11', '--quiet', '--out', out, ...more];
const TEMPORARY = /\.tmp-\d+$/;
const KILLS = SOAK ? 4 : 2;

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
      // Killed once runs.ndjson holds a seeded number of replications: a sign of progress, not a
      // time, so the kill lands mid-run however loaded the machine is.
      const target = 1 + random.below(RUNS - 40);
      const ended = await killAtLines(startNode(mc(out)), join(out, 'runs.ndjson'), target);
      expect(ended.signal, `kill ${kill} came too late (the run had ended)`).toBe('SIGKILL');
      // The kill landed where it claims: after `target` replications, before the run finished.
      expect(ended.linesAtKill, `kill ${kill}`).toBeGreaterThanOrEqual(target);
      expect(completeLines(join(out, 'runs.ndjson')), `kill ${kill}`).toBeLessThan(RUNS);
      expect(existsSync(join(out, 'mc.json')), `kill ${kill}: mc.json of a finished run`).toBe(false);
      expect(interruptedProblems(out), `kill ${kill}`).toEqual([]);
      // A torn last line, as a kill in the middle of an append would leave it.
      if (kill === KILLS - 1 && existsSync(join(out, 'runs.ndjson'))) appendFileSync(join(out, 'runs.ndjson'), '{"replication": 99, "players": [{"id"');
      const resumed = await runNode(mc(out, '--resume'));
      expect(resumed.code, `kill ${kill}: ${resumed.stderr}`).toBe(0);
      expect(readFileSync(join(out, 'mc.json'), 'utf8'), `kill ${kill}`).toBe(expected);
    }
  }, 1_800_000); // a guard against a hang only: the test waits for progress, never for a time
});
