import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AbcMethod } from '../../sim/experiment/abc-smc.js';
import { effectiveSampleSize, effectiveSampleWarning, generationSampleSize, runCalibration, type CalibrationResult } from '../../sim/experiment/calibration.js';
import type { Observation } from '../../sim/experiment/observations.js';
import { RandomStream } from '../../sim/random/index.js';
import { Scenario, type Factor } from '../../sim/scenario/schema.js';
import { analyticModel } from '../support/analytic.js';
import { smallScenario } from '../support/scenarios.js';
import { writeSyntheticObservations } from '../support/synthetic-observations.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from './fixtures.js';

const folder = temporaryFolder('calibrate');
afterAll(folder.remove);
const read = (dir: string, name: string) => readFileSync(`${dir}/${name}`, 'utf8');

/** y = (a + b, a − b, 2a) plus N(0, 0.05²) noise on common random numbers; c is never read. */
function toyModel(noiseSeed: number) {
  return analyticModel(['observed.0', 'observed.1', 'observed.2'], ([a, b], r) => {
    const noise = RandomStream.of({ seed: noiseSeed, replication: r, owner: 'toy', purpose: 'test' });
    return [a! + b! + noise.normal(0, 0.05), a! - b! + noise.normal(0, 0.05), 2 * a! + noise.normal(0, 0.05)];
  });
}
const TOY_FACTORS: Factor[] = [
  { path: 'a', distribution: 'uniform', low: 0, high: 1 },
  { path: 'b', distribution: 'normal', mean: 0.5, sd: 0.3 },
  { path: 'c', distribution: 'uniform', low: 0, high: 1 },
];
const observation = (i: number, value: number): Observation => ({ line: i + 2, date: '2020-01-01', player: '', metric: 'gmv_yuan_per_day', value, low: value - 0.1, high: value + 0.1, source: 'toy', quote: '', week: 1, fitted: true, note: '' });

const toyCalibration = async (seed: number, method: AbcMethod, factors: Factor[], truth: readonly number[]) => {
  const observed = [truth[0]! + truth[1]!, truth[0]! - truth[1]!, 2 * truth[0]!];
  const report = await runCalibration({
    scenario: { name: 'toy', file: '(analytic)', hash: '' }, data: {} as Scenario, file: '', factors,
    observations: observed.map((v, i) => observation(i, v)), model: toyModel(seed),
    settings: { particles: 200, generations: 4, alpha: 0.5, maxEvaluations: 20_000, seed, method }, runs: 2, shakeoutK: 0, out: null,
  });
  if (!report.ok) throw new Error(report.problems.join('\n'));
  return report.value.result!;
};

describe('ABC-SMC recovers known parameters', () => {
  it.each(['importance', 'mcmc'] as const)('(%s) puts θ* inside the 90 percent posterior interval for at least 90 percent of the informative parameters over ten seeds, narrower than the prior, and leaves an unread parameter at its prior', async (method) => {
    const truth = [0.3, 0.6];
    let covered = 0;
    const inertRatios: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const parameters = (await toyCalibration(seed, method, TOY_FACTORS, truth)).parameters;
      parameters.slice(0, 2).forEach((p, i) => {
        if (p.posterior.p05 <= truth[i]! && truth[i]! <= p.posterior.p95) covered += 1;
        expect(p.widthRatio, `${p.path}, seed ${seed}`).toBeLessThan(0.5);
      });
      inertRatios.push(parameters[2]!.widthRatio);
    }
    expect(covered / 20).toBeGreaterThanOrEqual(0.9);
    for (const ratio of inertRatios) expect(ratio).toBeGreaterThan(0.7);
  });

  it('with eleven unread parameters besides the two informative ones: the importance weights degenerate, the Metropolis-Hastings moves keep most particles distinct and every unread parameter at its prior', async () => {
    const truth = [0.3, 0.6];
    const factors: Factor[] = [...TOY_FACTORS.slice(0, 2), ...Array.from({ length: 11 }, (_, i): Factor => ({ path: `unread${i}`, distribution: 'uniform', low: 0, high: 1 }))];
    let covered = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const importance = await toyCalibration(seed, 'importance', factors, truth);
      const mcmc = await toyCalibration(seed, 'mcmc', factors, truth);
      const worth = (r: CalibrationResult) => r.generations[r.generations.length - 1]!.effectiveSampleSize;
      // Measured: importance 4-18 of 200 over these seeds, mcmc 194-198.
      expect(worth(importance), `seed ${seed}`).toBeLessThan(0.15 * 200);
      expect(worth(mcmc), `seed ${seed}`).toBeGreaterThan(0.75 * 200);
      // Moves are accepted near the rate that is optimal for random-walk Metropolis (0.234).
      for (const g of mcmc.generations.slice(1)) expect(g.acceptance).toBeGreaterThan(0.1), expect(g.acceptance).toBeLessThan(0.5);
      mcmc.parameters.slice(0, 2).forEach((p, i) => (covered += p.posterior.p05 <= truth[i]! && truth[i]! <= p.posterior.p95 ? 1 : 0));
      for (const p of mcmc.parameters.slice(2)) expect(p.widthRatio, `${p.path}, seed ${seed}`).toBeGreaterThan(0.75), expect(p.widthRatio).toBeLessThan(1.25);
      // Fewer model runs than the importance sampler: a proposal the prior refuses is never run.
      expect(mcmc.generations.reduce((n, g) => n + g.evaluations, 0)).toBeLessThan(importance.generations.reduce((n, g) => n + g.evaluations, 0));
    }
    expect(covered / 10).toBeGreaterThanOrEqual(0.9);
  });
});

describe("the posterior's effective sample size", () => {
  it('is the number of particles for equal weights and 1 when one particle holds all the weight', () => {
    expect(effectiveSampleSize([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(4, 12);
    expect(effectiveSampleSize([1, 0, 0, 0])).toBe(1);
    expect(effectiveSampleSize([0.5, 0.5, 0, 0])).toBeCloseTo(2, 12);
  });

  it('counts a repeated particle once, with the weights of its copies summed', () => {
    const particle = (z: number[]) => ({ z, distance: 0, outputs: [] });
    // Four equally weighted particles, three of them one point: weights 3/4 and 1/4, worth 1.6.
    const repeated = { particles: [particle([0, 1]), particle([0, 1]), particle([0, 1]), particle([2, 1])], weights: [0.25, 0.25, 0.25, 0.25] };
    expect(generationSampleSize(repeated)).toBeCloseTo(1 / (0.75 ** 2 + 0.25 ** 2), 12);
    expect(generationSampleSize({ ...repeated, particles: [particle([0]), particle([1]), particle([2]), particle([3])] })).toBeCloseTo(4, 12);
  });

  it('is warned about below a tenth of the particles, and only then', () => {
    const result = (last: number) => ({ settings: { particles: 200, generations: 2, alpha: 0.5, maxEvaluations: 1e6, seed: 1 }, generations: [{ epsilon: Infinity, evaluations: 200, acceptance: 1, effectiveSampleSize: 200 }, { epsilon: 1, evaluations: 400, acceptance: 0.5, effectiveSampleSize: last }] });
    expect(effectiveSampleWarning(result(7.3))).toMatch(/^the posterior is worth 7\.3 equally weighted distinct particles of 200/);
    expect(effectiveSampleWarning(result(19.9))).not.toBeNull();
    expect(effectiveSampleWarning(result(20))).toBeNull();
    expect(effectiveSampleWarning(result(150))).toBeNull();
  });
});

describe('gbsim calibrate on the market model', () => {
  let twins = '';
  let observations = '';
  let factors = '';
  const calibrate = (dir: string, ...more: string[]) =>
    gbsim('calibrate', twins, '--targets', observations, '--factors', factors, '--particles', '12', '--generations', '2', '--runs', '1', '--out', dir, '--quiet', ...more);
  const reference = folder.path('reference');

  beforeAll(async () => {
    const input = smallScenario();
    twins = writeSymmetricScenario(folder.dir, 26);
    const data = JSON.parse(readFileSync(twins, 'utf8')) as typeof input;
    data.demand.brandShockSdPerWeek = 0.02;
    writeFileSync(twins, JSON.stringify(data));
    const targets = [8, 16, 24].flatMap((week) => ['alpha', 'beta'].map((player) => ({ week, player, metric: 'orders_per_day' })));
    observations = writeSyntheticObservations(folder.path('observations.csv'), twins, ['demand.bass.qPerWeek=0.2'], targets, 3, 7);
    factors = folder.path('factors.yaml');
    writeFileSync(factors, 'uncertainty:\n  - { path: demand.bass.qPerWeek, distribution: uniform, low: 0.05, high: 0.4 }\n  - { path: yuanPerUsd, distribution: uniform, low: 5, high: 8 }\n');
    const { status, stderr, stdout } = await calibrate(reference, '--workers', '1');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('demand.bass.qPerWeek');
  }, 180_000);

  it('writes the posterior, the fit table and a calibrated scenario that extends the original and loads', async () => {
    const result = JSON.parse(read(reference, 'calibration.json')) as CalibrationResult;
    expect(result.generations).toHaveLength(2);
    // Generation 0 is the prior sample, equally weighted; the posterior's effective sample is Kish's
    // 1 ÷ Σ w² over its distinct particles (a particle redrawn and never moved counts once).
    expect(result.generations[0]!.effectiveSampleSize).toBeCloseTo(12, 9);
    const merged = new Map<string, number>();
    result.posterior.values.forEach((v, i) => merged.set(v.join(','), (merged.get(v.join(',')) ?? 0) + result.posterior.weights[i]!));
    expect(result.generations[1]!.effectiveSampleSize).toBeCloseTo(1 / [...merged.values()].reduce((sum, x) => sum + x * x, 0), 9);
    expect(result.generations[1]!.effectiveSampleSize).toBeGreaterThanOrEqual(1);
    expect(result.generations[1]!.effectiveSampleSize).toBeLessThanOrEqual(12 + 1e-9);
    expect(result.fit).toHaveLength(6);
    expect(read(reference, 'posterior-sample.csv').split('\n')[0]).toBe('demand.bass.qPerWeek,yuanPerUsd');
    expect(read(reference, 'calibrated.yaml')).toMatch(/extends: \.\.\/twins-26\.json/);
    const validated = await gbsim('validate', folder.path('reference', 'calibrated.yaml'), '--allow-outside');
    expect(validated.stderr).toBe('');
    expect(validated.status).toBe(0);
    // the posterior is usable directly as --factors input of mc --uncertainty
    const mc = await gbsim('mc', twins, '--uncertainty', '--factors', folder.path('reference', 'posterior.yaml'), '--sets', '2', '--runs', '1', '--workers', '1', '--quiet');
    expect(mc.status).toBe(0);
    const report = await gbsim('report', reference);
    expect(report.status).toBe(0);
    expect(read(reference, 'report.html')).toContain('Simulated against observed');
  });

  it('gives the same posterior with two workers, and when resumed from a cut-off evaluations file', async () => {
    const two = folder.path('two');
    expect((await calibrate(two, '--workers', '2')).status).toBe(0);
    const files = ['calibration.json', 'posterior.csv', 'calibration-fit.csv', 'calibration-evaluations.ndjson', 'calibrated.yaml'];
    for (const name of files) expect(read(two, name), name).toBe(read(reference, name));
    const lines = read(two, 'calibration-evaluations.ndjson').split('\n');
    writeFileSync(`${two}/calibration-evaluations.ndjson`, `${lines.slice(0, 15).join('\n')}\n${lines[15]!.slice(0, 10)}`);
    const resumed = await calibrate(two, '--workers', '1', '--resume');
    expect(resumed.status).toBe(0);
    for (const name of files) expect(read(two, name), name).toBe(read(reference, name));
  });

  it('points at the line and column of every bad observation', async () => {
    const bad = folder.path('bad.csv');
    writeFileSync(bad, 'date,player,metric,value,low,high,source,quote\n2020-13-01,alpha,orders_per_day,5,,,x,\n2020-07-01,gamma,orders_per_dya,abc,,,,\n2020-07-01,,orders_per_day,5,6,,x,"quoted, with comma"\n');
    const { status, stderr } = await gbsim('calibrate', twins, '--targets', bad, '--factors', factors, '--out', folder.path('bad-out'), '--quiet');
    expect(status).toBe(2);
    expect(stderr).toMatch(/2:1 +date: "2020-13-01" is not an ISO date/);
    expect(stderr).toMatch(/3:12 +player: no player with id "gamma"/);
    expect(stderr).toMatch(/3:18 +metric: unknown metric "orders_per_dya" \(did you mean "orders_per_day"\?\)/);
    expect(stderr).toMatch(/3:33 +value: "abc" is not a number/);
    expect(stderr).toMatch(/3:\d+ +source: every observation needs its source/);
    expect(stderr).toMatch(/4:30 +low: must not exceed value/);
  });
});
