/**
 * Inputs for the report tests: a real run of a shipped scenario (as rows and as a results
 * directory) and the experiment fixtures in test/reports/fixtures/ (written by hand against
 * sim/experiment/types.ts), copied into temporary result directories.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { runFiles, runOnce } from '../../sim/experiment/run-once.js';
import type { CompareResult, McResult, SweepResult } from '../../sim/experiment/types.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
export const FIXTURES = join(ROOT, 'test/reports/fixtures');

/** A name that would run script, break out of a JSON block or a comment, and split a JS string. */
export const EVIL = '</script><script>alert(1)</script> & "quoted" \'single\' \u2028 <!-- <img src=x onerror=alert(2)>';

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'gbsim-report-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a run's result files (as `gbsim run --out` does) into `dir`; returns `dir`. */
export function writeRunDir(dir: string, file = 'scenarios/china-2020.yaml', sets: string[] = []): string {
  const prepared = prepareScenario(file, { sets, cwd: ROOT });
  const result = runOnce(prepared);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(runFiles(prepared, result))) writeFileSync(join(dir, name), text);
  const manifest = { command: 'run', args: { file, seed: result.seed, weeks: null, set: sets }, startedAt: '2026-01-02T03:04:05.000Z', node: 'v20', platform: 'test' };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export function mcFixture(): McResult {
  return JSON.parse(readFileSync(join(FIXTURES, 'mc.json'), 'utf8')) as McResult;
}

export function compareFixture(): CompareResult {
  return JSON.parse(readFileSync(join(FIXTURES, 'compare.json'), 'utf8')) as CompareResult;
}

export function sweepFixture(dimensions: 1 | 2): SweepResult {
  return JSON.parse(readFileSync(join(FIXTURES, `sweep-${dimensions}d.json`), 'utf8')) as SweepResult;
}

/** A result directory holding `value` as `name` (mc.json, compare.json, sweep.json). */
export function experimentDir(parent: string, name: 'mc.json' | 'compare.json' | 'sweep.json', value: unknown): string {
  const dir = join(parent, name.replace('.json', ''));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
  return dir;
}

/** Copies a directory (for tests that change one copy). */
export function copyDir(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}
