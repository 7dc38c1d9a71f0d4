import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputDir, writeFileAtomic } from '../../sim/experiment/files.js';
import { rng } from '../fuzz/random.js';
import { killWhen, startNode, waitForLine } from './child.js';
import { checkGeneration, GENERATED_FILES } from './generations.js';

const dir = mkdtempSync(join(tmpdir(), 'gbsim-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KILLS = 12;
const TEMPORARY = /\.tmp-\d+$/;
const NAMES = GENERATED_FILES.map((file) => file.name);

describe('writeFileAtomic under SIGKILL', () => {
  it(`leaves every file whole (old or new generation) when the writer is killed while writing a seeded file, ${KILLS} times`, async () => {
    const random = rng('gbsim-atomic-kills');
    const problems: string[] = [];
    let killedMidWrite = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const child = startNode(['test/faults/fixtures/atomic-writer.ts', dir]);
      expect(await waitForLine(child, 'ready')).toBe(true);
      // Killed once the temporary file of a seeded file is seen: a state of the writer, not a time.
      const target = NAMES[random.below(NAMES.length)]!;
      const writing = () => readdirSync(dir).filter((name) => TEMPORARY.test(name));
      // This writer's own temporary file (killed writers before it left theirs).
      const own = `${target}.tmp-${child.pid}`;
      const ended = await killWhen(child, writing, (temporary) => temporary.includes(own));
      // The kill landed where it claims: while that file was being written, before the writer ended.
      expect(ended.signal).toBe('SIGKILL');
      expect(ended.stateAtKill, `kill ${kill}: writing ${target}`).toContain(own);
      const entries = readdirSync(dir);
      if (entries.includes(own)) killedMidWrite++;
      for (const name of entries.filter((entry) => !TEMPORARY.test(entry))) {
        const check = checkGeneration(name, readFileSync(join(dir, name), 'utf8'));
        if (!check.ok) problems.push(`kill ${kill}: ${name}: ${check.why}`);
      }
      expect(entries.filter((entry) => !TEMPORARY.test(entry)).sort()).toEqual([...NAMES].sort());
    }
    expect(problems).toEqual([]);
    // Each kill follows the sight of a temporary file by a fraction of a millisecond, while a write
    // takes milliseconds: nearly every kill leaves its temporary file.
    expect(killedMidWrite).toBeGreaterThan(KILLS / 2);
  }, 120_000);

  it('never takes a temporary file left by a killed writer for a result', () => {
    const leftovers = mkdtempSync(join(tmpdir(), 'gbsim-leftovers-'));
    try {
      writeFileSync(join(leftovers, 'summary.json.tmp-4242'), '{"torn": ');
      writeFileSync(join(leftovers, 'weekly.csv.tmp-4243'), 'week,');
      expect(() => checkOutputDir(leftovers, ['summary.json', 'weekly.csv'], false)).not.toThrow();
      writeFileAtomic(join(leftovers, 'summary.json'), '{"whole": true}\n');
      expect(JSON.parse(readFileSync(join(leftovers, 'summary.json'), 'utf8'))).toEqual({ whole: true });
    } finally {
      rmSync(leftovers, { recursive: true, force: true });
    }
  });

  it('removes its temporary file when the rename fails, and leaves what was there', () => {
    const occupied = join(dir, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'keep.txt'), 'kept\n');
    // Renaming a file over a folder that is not empty fails after the temporary file is written.
    expect(() => writeFileAtomic(occupied, 'new\n')).toThrow();
    expect(readFileSync(join(occupied, 'keep.txt'), 'utf8')).toBe('kept\n');
    expect(readdirSync(dir).filter((name) => name.startsWith('occupied.tmp-'))).toEqual([]);
  });
});
