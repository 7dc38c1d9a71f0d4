import { appendFileSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeMessages } from '../../sim/experiment/messages.js';
import { runMonteCarlo } from '../../sim/experiment/monte-carlo.js';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { wilsonInterval } from '../../sim/experiment/stats.js';
import type { McResult } from '../../sim/experiment/types.js';
import type { ScenarioInput } from '../../sim/scenario/schema.js';
import { gbsim, temporaryFolder, writeDoomedScenario, writeScenario, writeSymmetricScenario } from './fixtures.js';

const RUNS = 200;
const folder = temporaryFolder('mc');
const out = (name: string) => folder.path('out', name);
const read = (dir: string, name: string) => readFileSync(`${dir}/${name}`, 'utf8');
const mcJson = (dir: string) => JSON.parse(read(dir, 'mc.json')) as McResult;
let twins = '';
let reference = '';

beforeAll(async () => {
  twins = writeSymmetricScenario(folder.dir);
  reference = out('reference');
  const { status, stderr } = await gbsim('mc', twins, '--runs', String(RUNS), '--workers', '1', '--out', reference, '--quiet');
  expect(stderr).toBe('');
  expect(status).toBe(0);
});
afterAll(folder.remove);

describe('gbsim mc', () => {
  it('writes byte-identical results with one worker and with two', async () => {
    const dir = out('two-workers');
    expect((await gbsim('mc', twins, '--runs', String(RUNS), '--workers', '2', '--out', dir, '--quiet')).status).toBe(0);
    for (const name of ['mc.json', 'survival.csv', 'runs.ndjson']) expect(read(dir, name), name).toBe(read(reference, name));
  });

  it('writes runs.ndjson in replication order, one summary per line', () => {
    const lines = read(reference, 'runs.ndjson').trimEnd().split('\n');
    expect(lines).toHaveLength(RUNS);
    expect(lines.map((line) => (JSON.parse(line) as { replication: number }).replication)).toEqual(Array.from({ length: RUNS }, (_, r) => r));
  });

  it('merges three shards into the unsharded files, byte for byte', async () => {
    const shards = [1, 2, 3].map((i) => out(`shard-${i}`));
    for (const [i, dir] of shards.entries()) {
      const { status, stdout } = await gbsim('mc', twins, '--runs', String(RUNS), '--workers', i === 1 ? '2' : '1', '--shard', `${i + 1}/3`, '--out', dir, '--quiet');
      expect(status).toBe(0);
      expect(stdout).toMatch(new RegExp(`^shard ${i + 1}/3: replications \\d+–\\d+`));
    }
    const merged = out('merged');
    const { status, stdout } = await gbsim('merge', shards[2]!, shards[0]!, shards[1]!, '--out', merged);
    expect(status).toBe(0);
    expect(stdout).toContain('merged 3 shards');
    for (const name of ['mc.json', 'survival.csv', 'runs.ndjson']) expect(read(merged, name), name).toBe(read(reference, name));
  });

  it('takes the shard from a Slurm job array when --shard is not given', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '2' });
    try {
      const { status } = await gbsim('mc', twins, '--runs', '10', '--workers', '1', '--out', out('slurm'), '--quiet');
      expect(status).toBe(0);
    } finally {
      process.env = saved;
    }
    expect(JSON.parse(read(out('slurm'), 'shard.json'))).toMatchObject({ shard: { index: 1, count: 2, from: 0, to: 5 } });
  });

  it('refuses shards that do not belong together, listing every problem (exit 2)', async () => {
    const other = out('other-seed');
    await gbsim('mc', twins, '--runs', String(RUNS), '--seed', '99', '--workers', '1', '--shard', '2/3', '--out', other, '--quiet');
    const { status, stderr } = await gbsim('merge', out('shard-1'), other, out('shard-1'), '--out', out('bad-merge'));
    expect(status).toBe(2);
    expect(stderr).toContain('the shards disagree on seed');
    expect(stderr).toContain(mergeMessages.duplicate(1, [out('shard-1'), out('shard-1')]));
    expect(stderr).toContain(mergeMessages.missing([3], 3));
    const notShard = await gbsim('merge', reference, out('shard-1'), '--out', out('bad-merge'));
    expect(notShard.stderr).toContain(mergeMessages.notAShard(reference));
  });

  it('continues an interrupted run to exactly the uninterrupted result', async () => {
    const dir = out('interrupted');
    const prepared = prepareScenario(twins);
    const controller = new AbortController();
    const options = { prepared, sets: [], cwd: process.cwd(), seed: prepared.scenario.seed, runs: RUNS, shakeoutK: 5, shard: null, precision: null };
    const first = await runMonteCarlo({
      ...options, workers: 2, out: { dir, resume: false, force: false }, signal: controller.signal,
      onProgress: ({ done }) => done >= 37 && controller.abort(),
    });
    expect(first.ok && first.value.complete).toBe(false);
    const partial = mcJson(dir);
    expect(partial).toMatchObject({ complete: false });
    expect(read(dir, 'runs.ndjson').split('\n').length - 1).toBe(partial.runs);
    appendFileSync(`${dir}/runs.ndjson`, '{"replication":');
    const { status } = await gbsim('mc', twins, '--runs', String(RUNS), '--workers', '1', '--out', dir, '--resume', '--quiet');
    expect(status).toBe(0);
    for (const name of ['mc.json', 'survival.csv', 'runs.ndjson']) expect(read(dir, name), name).toBe(read(reference, name));
  });

  it('refuses to resume a run made with another seed (exit 2)', async () => {
    const { status, stderr } = await gbsim('mc', twins, '--runs', String(RUNS), '--seed', '5', '--out', reference, '--resume');
    expect(status).toBe(2);
    expect(stderr).toMatch(/cannot resume: .*experiment\.json was written with seed 7, this run has 5/);
  });

  it('does not overwrite results without --force (exit 2)', async () => {
    const { status, stderr } = await gbsim('mc', twins, '--runs', '5', '--out', reference);
    expect(status).toBe(2);
    expect(stderr).toMatch(/already holds results .*use --force/);
  });

  it('gives identical players survival probabilities that agree within their intervals', () => {
    const [alpha, beta] = mcJson(reference).players;
    expect(alpha!.survival.estimate).toBeGreaterThan(0.5);
    expect(alpha!.survival.estimate).toBeLessThan(1);
    expect(alpha!.survival.estimate).toBeGreaterThanOrEqual(beta!.survival.low);
    expect(alpha!.survival.estimate).toBeLessThanOrEqual(beta!.survival.high);
    expect(beta!.survival.estimate).toBeGreaterThanOrEqual(alpha!.survival.low);
    expect(beta!.survival.estimate).toBeLessThanOrEqual(alpha!.survival.high);
  });

  it('gives a player that must die survival exactly 0 with Wilson\'s interval [0, high]', async () => {
    const dir = out('doomed');
    const { status } = await gbsim('mc', writeDoomedScenario(folder.dir), '--runs', '40', '--workers', '1', '--out', dir, '--quiet');
    expect(status).toBe(0);
    const doomed = mcJson(dir).players.find((p) => p.id === 'doomed')!;
    expect(doomed.survival).toEqual({ ...wilsonInterval(0, 40), survivors: 0, runs: 40 });
    expect(doomed.survival.low).toBe(0);
    expect(doomed.exit.exits).toBe(40);
    expect(doomed.finalShare.estimate).toBe(0);
  });

  it('with --precision adds batches until every survival interval is narrow enough, whatever the workers', async () => {
    const results = [];
    for (const workers of ['1', '2']) {
      const dir = out(`precision-${workers}`);
      const { status, stdout } = await gbsim('mc', twins, '--precision', '0.04', '--runs', '50', '--max-runs', '2000', '--workers', workers, '--out', dir, '--quiet');
      expect(status).toBe(0);
      expect(stdout).toContain('precision reached');
      results.push(read(dir, 'mc.json'));
    }
    expect(results[1]).toBe(results[0]);
    const result = JSON.parse(results[0]!) as McResult;
    expect(result.runs % 50).toBe(0);
    expect(result.precision).toMatchObject({ halfWidth: 0.04, reached: true });
    for (const p of result.players) expect((p.survival.high - p.survival.low) / 2).toBeLessThan(0.04);
    const before = await runMonteCarlo({ ...baseOptions(), runs: result.runs - 50 });
    const widest = Math.max(...(before.ok ? before.value.result!.players : []).map((p) => (p.survival.high - p.survival.low) / 2));
    expect(widest).toBeGreaterThanOrEqual(0.04);
  });

  it('says so when --max-runs stops --precision first', async () => {
    const { status, stdout } = await gbsim('mc', twins, '--precision', '0.001', '--runs', '30', '--max-runs', '45', '--workers', '1');
    expect(status).toBe(0);
    expect(stdout).toMatch(/precision NOT reached: widest survival interval ±0\.\d+ > ±0\.001 after 45 runs/);
  });

  it('prints the survival table on stdout and progress on stderr only', async () => {
    const { status, stdout, stderr } = await gbsim('mc', twins, '--runs', '20', '--workers', '1');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^twins: 20 runs, seed 7, 52 weeks\n\nplayer +P\(survive\) +95% interval +mean final share/);
    expect(stdout).toMatch(/survivors: mean \d\.\d\d/);
    expect(stdout).toMatch(/shakeout \(≤ 5 operating players\)/);
    expect(stdout).not.toContain('runs/s');
    expect(stderr).toContain('mc twins: 20/20 runs (100%)');
    expect(stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(10);
  });

  it('reports bad options all at once (exit 2)', async () => {
    const { status, stderr } = await gbsim('mc', twins, '--runs', '0', '--workers', '1.5', '--precision', '2');
    expect(status).toBe(2);
    expect(stderr).toContain('--runs must be a whole number ≥ 1 (got 0)');
    expect(stderr).toContain('--workers must be a whole number ≥ 1 (got 1.5)');
    expect(stderr).toContain('--precision must lie strictly between 0 and 0.5 (got 2)');
  });

  it('passes --allow-outside on to the worker threads', async () => {
    const base = writeSymmetricScenario(folder.path('elsewhere'));
    const child = writeScenario(folder.path('here'), 'child', { extends: `../elsewhere/${basename(base)}`, name: 'child' } as unknown as ScenarioInput);
    const refused = await gbsim('mc', child, '--runs', '4', '--workers', '2', '--quiet');
    expect(refused.status).toBe(2);
    const allowed = await gbsim('mc', child, '--runs', '4', '--workers', '2', '--quiet', '--allow-outside');
    expect(allowed.stderr).toBe('');
    expect(allowed.status).toBe(0);
  });

  function baseOptions() {
    const prepared = prepareScenario(twins);
    return { prepared, sets: [], cwd: process.cwd(), seed: prepared.scenario.seed, runs: RUNS, shakeoutK: 5, workers: 1, shard: null, precision: null, out: null };
  }
});
