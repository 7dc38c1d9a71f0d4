import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../fuzz/random.js';
import { SOAK } from '../properties/settings.js';
import { killWhen, runNode, startNode } from './child.js';
import { parseResult, resultBytes, RUN_RESULT_FILES } from './result-files.js';

const dir = mkdtempSync(join(tmpdir(), 'gbsim-run-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = 'scenarios/china-2020.yaml';
const run = (out: string, seed: number) => ['sim/cli/main.ts', 'run', SCENARIO, '--seed', String(seed), '--out', out, '--force'];
// The default suite kills once in each stage; `npm run test:soak` five times in each.
const KILLS = SOAK ? 15 : 3;
const TEMPORARY = /\.tmp-\d+$/;

/**
 * Where a `gbsim run --out` is, as seen from outside, in the order it gets there: it has locked
 * the folder (`.out.gbsim-lock` beside it) and computes; it has printed the survivors table
 * (the run is over, the files are being built); its staging folder holds `staged` whole files.
 */
interface Progress {
  locked: boolean;
  tablePrinted: boolean;
  staged: number;
}

/** A kill's target: the first moment the run has reached it. */
type Target = { stage: 'computing' } | { stage: 'building' } | { stage: 'staging'; files: number };

function observer(out: string, stdout: () => string): () => Progress {
  const name = out.split('/').pop()!;
  return () => {
    const beside = readdirSync(dir);
    const staging = beside.find((entry) => entry.startsWith(`.${name}.staging-`));
    let staged = 0;
    if (staging !== undefined) {
      try {
        staged = readdirSync(join(dir, staging)).filter((entry) => !TEMPORARY.test(entry)).length;
      } catch {
        staged = 0; // renamed into place between the two reads
      }
    }
    return { locked: beside.includes(`.${name}.gbsim-lock`), tablePrinted: stdout().includes('player'), staged };
  };
}

function reached(target: Target, progress: Progress): boolean {
  if (target.stage === 'computing') return progress.locked;
  if (target.stage === 'building') return progress.tablePrinted;
  return progress.staged >= target.files;
}

/** The seeded targets: every stage in turn, the number of staged files drawn (1–4 of 6: the largest, provinces.csv, is still to come). */
function targets(count: number): Target[] {
  const random = rng('gbsim-run-kills');
  return Array.from({ length: count }, (_, kill): Target => {
    const stage = kill % 3;
    return stage === 0 ? { stage: 'computing' } : stage === 1 ? { stage: 'building' } : { stage: 'staging', files: 1 + random.below(4) };
  });
}

describe('gbsim run --out killed with SIGKILL', () => {
  it(`leaves no files or the previous complete files when killed while computing, building or staging (${KILLS} kills at observed moments)`, async () => {
    const [previous, next] = [join(dir, 'previous'), join(dir, 'next')];
    expect((await runNode(run(previous, 1))).code).toBe(0);
    expect((await runNode(run(next, 2))).code).toBe(0);
    const old = resultBytes(previous, RUN_RESULT_FILES);
    const fresh = resultBytes(next, RUN_RESULT_FILES);
    expect(old.size).toBe(RUN_RESULT_FILES.length);
    expect(fresh.get('summary.json')).not.toBe(old.get('summary.json'));

    for (const [kill, target] of targets(KILLS).entries()) {
      const name = `out-${kill}`;
      const out = join(dir, name);
      // Even kills overwrite a previous run (--force); odd kills write into nothing.
      if (kill % 2 === 0) cpSync(previous, out, { recursive: true });
      const child = startNode(run(out, 2));
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const ended = await killWhen(child, observer(out, () => stdout), (progress) => reached(target, progress));
      const what = `kill ${kill} (${JSON.stringify(target)}, seen ${JSON.stringify(ended.stateAtKill)})`;
      // The kill landed where it claims: the run had reached the target and had not finished.
      expect(ended.signal, `${what} came too late: the run had ended`).toBe('SIGKILL');
      expect(reached(target, ended.stateAtKill), what).toBe(true);
      if (target.stage === 'computing') expect(ended.stateAtKill.tablePrinted, `${what}: the run was still computing`).toBe(false);
      // Killed before the swap, the folder holds exactly what it held before: the previous set, or nothing.
      const left = resultBytes(out, RUN_RESULT_FILES);
      if (kill % 2 === 0) expect(left, what).toEqual(old);
      else expect(left.size, what).toBe(0);
      if (existsSync(out)) for (const file of left.keys()) expect(() => parseResult(join(out, file)), `${what}: ${file}`).not.toThrow();
      // A kill while staging leaves the staging folder aside with at least the files it claims, each whole and new.
      const staging = readdirSync(dir).find((entry) => entry.startsWith(`.${name}.staging-`));
      if (target.stage === 'staging') {
        expect(staging, `${what}: its staging folder`).toBeDefined();
        const staged = resultBytes(join(dir, staging!), RUN_RESULT_FILES);
        for (const [file, bytes] of staged) expect(bytes, `${what}: staged ${file}`).toBe(fresh.get(file));
        expect(readdirSync(join(dir, staging!)).filter((entry) => !TEMPORARY.test(entry)).length, what).toBeGreaterThanOrEqual(target.files);
      }
      if (target.stage === 'computing') expect(staging, `${what}: no staging folder yet`).toBeUndefined();
    }
  }, 1_800_000); // a guard against a hang only: the test waits for progress, never for a time
});
