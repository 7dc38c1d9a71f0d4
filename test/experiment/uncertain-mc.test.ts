import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RandomStream } from '../../sim/random/index.js';
import { runUncertainMc, type UncertainMcResult } from '../../sim/experiment/uncertain-mc.js';
import { analyticModel, unitFactors } from '../support/analytic.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const folder = temporaryFolder('mc2');
afterAll(folder.remove);
const read = (dir: string, name: string) => readFileSync(`${dir}/${name}`, 'utf8');

describe('2nd-order Monte Carlo separates parameter uncertainty from run-to-run noise', () => {
  it('recovers the known variance shares of θ + noise and of a Bernoulli(θ) survival, θ ~ U(0, 1)', async () => {
    // y = θ + N(0, 1/12): half the variance from θ. survival ~ Bernoulli(θ): Var θ = 1/12,
    // E[θ(1 − θ)] = 1/6, so a third of the variance from θ.
    const model = analyticModel(['y', 'survival.x'], (x, r) => {
      const stream = RandomStream.of({ seed: 5, replication: r, owner: `theta-${x[0]}`, purpose: 'test' });
      return [x[0]! + stream.normal(0, Math.sqrt(1 / 12)), stream.uniform() < x[0]! ? 1 : 0];
    });
    const report = await runUncertainMc({ scenario: { name: 'analytic', file: '(analytic)', hash: '' }, factors: unitFactors(1), model, sampling: 'sobol', sets: 512, seed: 3, runs: 20, shakeoutK: 0, shard: null, out: null });
    if (!report.ok) throw new Error(report.problems.join('\n'));
    const [y, survival] = report.value.result!.outputs;
    expect(y!.mean).toBeCloseTo(0.5, 1);
    expect(y!.parameterShare).toBeGreaterThan(0.42);
    expect(y!.parameterShare).toBeLessThan(0.58);
    expect(survival!.parameterShare).toBeGreaterThan(0.27);
    expect(survival!.parameterShare).toBeLessThan(0.4);
    // θ's own 2.5–97.5% range (plus a little run noise) across sets; one set's noise interval is narrower
    expect(y!.parameterLow).toBeLessThan(0.1);
    expect(y!.parameterHigh).toBeGreaterThan(0.9);
    expect(y!.withinHigh - y!.withinLow).toBeLessThan(y!.parameterHigh - y!.parameterLow);
  });

  it('gives a parameter the model does not read no share of the variance', async () => {
    const model = analyticModel(['y'], (_x, r) => [RandomStream.of({ seed: 5, replication: r, owner: 'noise', purpose: 'test' }).normal()]);
    const report = await runUncertainMc({ scenario: { name: 'analytic', file: '(analytic)', hash: '' }, factors: unitFactors(1), model, sampling: 'lhs', sets: 50, seed: 3, runs: 10, shakeoutK: 0, shard: null, out: null });
    if (!report.ok) throw new Error(report.problems.join('\n'));
    // common random numbers: every set sees the same noise, so the set means are identical
    expect(report.value.result!.outputs[0]!.parameterShare).toBe(0);
  });
});

describe('gbsim mc --uncertainty', () => {
  let twins = '';
  let factors = '';
  const run = (dir: string, ...more: string[]) => gbsim('mc', twins, '--uncertainty', '--factors', factors, '--sets', '4', '--runs', '2', '--out', dir, '--quiet', ...more);
  const reference = folder.path('reference');
  beforeAll(async () => {
    twins = writeSymmetricScenario(folder.dir, 26);
    factors = folder.path('factors.yaml');
    writeFileSync(factors, 'uncertainty:\n  - { path: players.alpha.cashYuan, distribution: log-uniform, low: 1.0e8, high: 1.0e9 }\n  - { path: demand.brandShockSdPerWeek, distribution: uniform, low: 0.1, high: 0.5 }\n');
    const { status, stdout, stderr } = await run(reference, '--workers', '1');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('variance from parameters');
  });

  it('writes the decomposition for every output', () => {
    const result = JSON.parse(read(reference, 'uncertainty.json')) as UncertainMcResult;
    expect(result.outputs.map((o) => o.output)).toContain('survival.alpha');
    for (const o of result.outputs) {
      expect(o.parameterLow).toBeLessThanOrEqual(o.mean + 1e-12);
      expect(o.parameterHigh).toBeGreaterThanOrEqual(o.mean - 1e-12);
    }
    expect(read(reference, 'uncertainty-sets.csv').trimEnd().split('\n')).toHaveLength(5);
  });

  it('merges two shards of the parameter sets into the unsharded files, byte for byte', async () => {
    const shards = [folder.path('s1'), folder.path('s2')];
    for (const [i, dir] of shards.entries()) expect((await run(dir, '--workers', '1', '--shard', `${i + 1}/2`)).status).toBe(0);
    const merged = folder.path('merged');
    expect((await gbsim('merge', ...shards, '--out', merged)).status).toBe(0);
    for (const name of ['uncertainty.json', 'uncertainty.csv', 'uncertainty-sets.csv', 'design-points.ndjson']) expect(read(merged, name), name).toBe(read(reference, name));
  });
});
