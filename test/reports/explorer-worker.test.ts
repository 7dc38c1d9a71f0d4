/**
 * The explorer's model worker, run in Node (no browser): stepping a run week by week gives the
 * summary.json that `gbsim run` writes for the YAML the worker exports; bad settings are answered
 * with problems, not a run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explorerPageData } from '../../reports/explorer/scenarios.js';
import type { FromWorker, ScenarioPayload } from '../../reports/explorer/protocol.js';
import { handle } from '../../reports/explorer/worker.js';
import { runCli } from '../../sim/cli/main.js';
import { ROOT, tempFolder } from '../scenario/helpers.js';

const workspace = tempFolder();

function payloadOf(file: string, settings: Record<string, number | string>, seed: number): ScenarioPayload {
  const [scenario] = explorerPageData([join(ROOT, file)], {}).scenarios;
  return { data: scenario!.data, settings, seed, file: 'lesson-explorer.yaml', gbsimVersion: explorerPageData([join(ROOT, file)], {}).gbsimVersion };
}

/** Loads and advances `step` weeks at a time to the end; returns the ready message and the summary. */
function runInSteps(payload: ScenarioPayload, step: number, runId: number): { ready: Extract<FromWorker, { kind: 'ready' }>; summary: string; weeks: number[] } {
  const ready = handle({ kind: 'load', runId, scenario: payload });
  if (ready.kind !== 'ready') throw new Error(JSON.stringify(ready));
  const weeks: number[] = [];
  for (;;) {
    const progress = handle({ kind: 'advance', runId, weeks: step });
    if (progress.kind !== 'progress') throw new Error(JSON.stringify(progress));
    weeks.push(...progress.rows.map((row) => row.week));
    if (progress.summary !== null) return { ready, summary: progress.summary, weeks };
  }
}

async function cliSummary(yaml: string, seed: number): Promise<string> {
  writeFileSync(join(workspace.dir, 'lesson-explorer.yaml'), yaml);
  const before = process.cwd();
  process.chdir(workspace.dir);
  try {
    const quiet = { write: () => true };
    const status = await runCli(['run', 'lesson-explorer.yaml', '--seed', String(seed), '--out', `out-${seed}`, '--force'], { stdout: quiet, stderr: quiet });
    expect(status).toBe(0);
  } finally {
    process.chdir(before);
  }
  return readFileSync(join(workspace.dir, `out-${seed}`, 'summary.json'), 'utf8');
}

describe('the explorer worker in Node', () => {
  it('steps a run week by week (or three at a time) to the summary.json `gbsim run` writes for its exported YAML', async () => {
    const payload = payloadOf('scenarios/teaching/regulation.yaml', { 'players.red.cashYuan': 4.5e8, 'events[0].date': '2021-03-15' }, 5);
    const weekly = runInSteps(payload, 1, 1);
    const threes = runInSteps(payload, 3, 2);
    expect(weekly.weeks).toEqual(Array.from({ length: weekly.ready.horizonWeeks }, (_, i) => i + 1));
    expect(threes.summary).toBe(weekly.summary);
    expect(weekly.ready.yaml).toContain('cashYuan: 450000000');
    expect(weekly.ready.yaml).toContain('date: 2021-03-15');
    expect(weekly.summary).toBe(await cliSummary(weekly.ready.yaml, 5));
  });

  it('answers settings that name no value, or break the scenario, with problems instead of a run', () => {
    const nowhere = handle({ kind: 'load', runId: 3, scenario: payloadOf('scenarios/teaching/base.yaml', { 'players.nobody.cashYuan': 1 }, 1) });
    expect(nowhere.kind).toBe('invalid');
    const negative = handle({ kind: 'load', runId: 4, scenario: payloadOf('scenarios/teaching/base.yaml', { 'players.red.cashYuan': -5 }, 1) });
    expect(negative.kind).toBe('invalid');
    if (negative.kind === 'invalid') expect(negative.problems.join('\n')).toContain('cashYuan');
    expect(handle({ kind: 'advance', runId: 99, weeks: 1 }).kind).toBe('failed');
  });

  it('numbers replications as `gbsim mc` does: replication r of seed s is the same run whichever block holds it', () => {
    const payload = payloadOf('scenarios/teaching/base.yaml', {}, 3);
    const whole = handle({ kind: 'replicate', runId: 5, scenario: payload, from: 0, to: 4 });
    const tail = handle({ kind: 'replicate', runId: 6, scenario: payload, from: 2, to: 4 });
    if (whole.kind !== 'replicas' || tail.kind !== 'replicas') throw new Error('no replicas');
    expect(whole.finalShares).toHaveLength(4);
    expect(tail.finalShares).toEqual(whole.finalShares.slice(2));
    expect(new Set(whole.finalShares.map((shares) => shares.join())).size).toBeGreaterThan(1);
  });
});
