import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { saltelliBlocks } from '../../sim/experiment/gsa-indices.js';
import { runSensitivity, type SensitivityDesignSettings, type SensitivityResult } from '../../sim/experiment/sensitivity.js';
import type { Factor } from '../../sim/scenario/schema.js';
import { analyticModel, gFunction, gFunctionIndices, ISHIGAMI, ISHIGAMI_FACTORS, ishigami, unitFactors } from '../support/analytic.js';
import { temporaryFolder } from './fixtures.js';

const folder = temporaryFolder('gsa-known');
afterAll(folder.remove);

const SOBOL = (baseSamples: number): SensitivityDesignSettings => ({ method: 'sobol', baseSamples, trajectories: 0, levels: 4, candidates: 0 });
const MORRIS = (trajectories: number): SensitivityDesignSettings => ({ method: 'morris', baseSamples: 0, trajectories, levels: 4, candidates: 10 * trajectories });

/** Runs the analysis of `f` through runSensitivity and reads the result back from sensitivity.json. */
async function analyse(name: string, factors: Factor[], design: SensitivityDesignSettings, f: (x: readonly number[]) => number): Promise<SensitivityResult> {
  const dir = folder.path(name);
  const report = await runSensitivity({
    scenario: { name, file: '(analytic)', hash: '' },
    factors, design, model: analyticModel(['y'], (x) => [f(x)]),
    seed: 1, runs: 1, shakeoutK: 0, bootstrap: 500, shard: null,
    out: { dir, resume: false, force: false },
  });
  if (!report.ok) throw new Error(report.problems.join('\n'));
  return JSON.parse(readFileSync(`${dir}/sensitivity.json`, 'utf8')) as SensitivityResult;
}

const indexOf = (result: SensitivityResult, index: string) => result.indices.filter((row) => row.index === index);

describe('Sobol indices (Saltelli 2010 first order, Jansen total) against analytic values', () => {
  it('puts the Ishigami function\'s S1 = 0.3139, 0.4424, 0 and ST = 0.5576, 0.4424, 0.2437 inside the bootstrap intervals', async () => {
    const result = await analyse('ishigami', ISHIGAMI_FACTORS, SOBOL(2048), (x) => ishigami(x));
    for (const [name, truth] of [['S1', ISHIGAMI.S1], ['ST', ISHIGAMI.ST]] as const) {
      indexOf(result, name).forEach((row, i) => {
        expect(row.low, `${name} of x${i + 1}`).toBeLessThanOrEqual(truth[i]!);
        expect(row.high, `${name} of x${i + 1}`).toBeGreaterThanOrEqual(truth[i]!);
        expect(row.high - row.low, `${name} of x${i + 1}: interval width`).toBeLessThan(0.15);
      });
    }
  });

  it('recovers the G-function\'s analytic indices (a = 0, 1, 4.5, 9, 99)', async () => {
    const a = [0, 1, 4.5, 9, 99];
    const truth = gFunctionIndices(a);
    const result = await analyse('g-function', unitFactors(a.length), SOBOL(4096), gFunction(a));
    for (const name of ['S1', 'ST'] as const) {
      indexOf(result, name).forEach((row, i) => {
        expect(row.low, `${name} of x${i + 1}`).toBeLessThanOrEqual(truth[name][i]! + 1e-12);
        expect(row.high, `${name} of x${i + 1}`).toBeGreaterThanOrEqual(truth[name][i]! - 1e-12);
      });
    }
  });
});

describe('Morris elementary effects', () => {
  it('ranks the G-function\'s factors by importance (smaller a, larger μ*) and gives an inert factor μ* ≈ 0', async () => {
    const a = [0, 1, 4.5, 9, 99, 99];
    const result = await analyse('morris-g', unitFactors(a.length), MORRIS(20), gFunction(a));
    const muStar = indexOf(result, 'muStar').map((row) => row.estimate);
    for (let i = 0; i < 3; i++) expect(muStar[i], `x${i + 1} before x${i + 2}`).toBeGreaterThan(muStar[i + 1]!);
    expect(Math.max(muStar[4]!, muStar[5]!)).toBeLessThan(0.05 * muStar[0]!);
  });

  it('gives a linear function\'s coefficients exactly: μ* = |β|·range, σ = 0', async () => {
    const beta = [3, -2, 0.5, 0];
    const result = await analyse('morris-linear', unitFactors(4), MORRIS(8), (x) => beta.reduce((sum, b, i) => sum + b * x[i]!, 0));
    indexOf(result, 'muStar').forEach((row, i) => expect(row.estimate).toBeCloseTo(Math.abs(beta[i]!), 10));
    indexOf(result, 'mu').forEach((row, i) => expect(row.estimate).toBeCloseTo(beta[i]!, 10));
    indexOf(result, 'sigma').forEach((row) => expect(row.estimate).toBeCloseTo(0, 10));
  });
});

function scipyAvailable(): string | null {
  const probe = spawnSync('python3', ['-c', 'import scipy.stats; scipy.stats.sobol_indices'], { encoding: 'utf8' });
  return probe.status === 0 ? null : 'python3 with scipy ≥ 1.11 (scipy.stats.sobol_indices) is not on this machine';
}
const noScipy = scipyAvailable();

describe.skipIf(noScipy !== null)(`agreement with scipy.stats.sobol_indices${noScipy === null ? '' : ` (skipped: ${noScipy})`}`, () => {
  it('computes the same S1 and ST from the same Ishigami sample', async () => {
    const result = await analyse('scipy', ISHIGAMI_FACTORS, SOBOL(512), (x) => ishigami(x));
    const lines = readFileSync(folder.path('scipy', 'design-points.ndjson'), 'utf8').trimEnd().split('\n');
    const exact = lines.map((line) => (JSON.parse(line) as { outputs: number[] }).outputs[0]!);
    expect(exact).toHaveLength(512 * 5);
    const blocks = saltelliBlocks(exact, 3);
    const input = folder.path('scipy-input.json');
    writeFileSync(input, JSON.stringify({ f_A: [blocks.fA], f_B: [blocks.fB], f_AB: blocks.fAB.map((column) => [column]) }));
    const script = [
      'import json, sys, numpy as np',
      'from scipy.stats import sobol_indices',
      'd = json.load(open(sys.argv[1]))',
      "r = sobol_indices(func={k: np.array(v) for k, v in d.items()}, n=len(d['f_A'][0]))",
      'print(json.dumps({"S1": np.ravel(r.first_order).tolist(), "ST": np.ravel(r.total_order).tolist()}))',
    ].join('\n');
    const scipy = JSON.parse(execFileSync('python3', ['-c', script, input], { encoding: 'utf8' })) as { S1: number[]; ST: number[] };
    indexOf(result, 'S1').forEach((row, i) => expect(row.estimate).toBeCloseTo(scipy.S1[i]!, 12));
    indexOf(result, 'ST').forEach((row, i) => expect(row.estimate).toBeCloseTo(scipy.ST[i]!, 12));
  });
});
