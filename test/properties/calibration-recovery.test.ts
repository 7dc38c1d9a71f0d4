/**
 * The bigger recovery study of `gbsim calibrate` on the market model (soak only: minutes of CPU):
 * observations made by the model at θ* (demand.bass.qPerWeek = 0.2, demand.basketYuan = 18), a
 * prior over those two and over yuanPerUsd (which no target depends on), several seeds. θ* must lie
 * in the 90% posterior interval for ≥ 90% of the informative parameters, the posterior of q must
 * be clearly narrower than its prior, and yuanPerUsd must keep its prior.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CalibrationResult } from '../../sim/experiment/calibration.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from '../experiment/fixtures.js';
import { writeSyntheticObservations } from '../support/synthetic-observations.js';
import { SOAK } from './settings.js';

const folder = temporaryFolder('recovery');
afterAll(folder.remove);

describe.skipIf(!SOAK)('calibration recovers known parameters of the market model (soak)', () => {
  it('covers θ* in ≥ 90% of the 90% posterior intervals over four seeds; an unread parameter keeps its prior', async () => {
    const twins = writeSymmetricScenario(folder.dir, 26);
    const data = JSON.parse(readFileSync(twins, 'utf8')) as { demand: { brandShockSdPerWeek: number } };
    data.demand.brandShockSdPerWeek = 0.02;
    writeFileSync(twins, JSON.stringify(data));
    const truth = { 'demand.bass.qPerWeek': 0.2, 'demand.basketYuan': 18 } as Record<string, number>;
    const factors = folder.path('factors.yaml');
    writeFileSync(factors, 'uncertainty:\n  - { path: demand.bass.qPerWeek, distribution: uniform, low: 0.05, high: 0.4 }\n  - { path: demand.basketYuan, distribution: uniform, low: 10, high: 25 }\n  - { path: yuanPerUsd, distribution: uniform, low: 5, high: 8 }\n');
    const targets = [8, 16, 24].flatMap((week) => ['alpha', 'beta'].flatMap((player) => [{ week, player, metric: 'orders_per_day' }, { week, player, metric: 'gmv_yuan_per_day' }]));
    let covered = 0;
    let informative = 0;
    const rows: string[] = [];
    for (const seed of [1, 2, 3, 4]) {
      const observations = writeSyntheticObservations(folder.path(`obs-${seed}.csv`), twins, Object.entries(truth).map(([path, value]) => `${path}=${value}`), targets, 3, 100 + seed);
      const out = folder.path(`out-${seed}`);
      const { status, stderr } = await gbsim('calibrate', twins, '--targets', observations, '--factors', factors, '--particles', '60', '--generations', '4', '--runs', '1', '--seed', String(seed), '--out', out, '--quiet');
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const result = JSON.parse(readFileSync(`${out}/calibration.json`, 'utf8')) as CalibrationResult;
      for (const p of result.parameters) {
        rows.push(`seed ${seed} ${p.path}: posterior 90% [${p.posterior.p05.toPrecision(4)}, ${p.posterior.p95.toPrecision(4)}], width ${(100 * p.widthRatio).toFixed(0)}% of the prior`);
        const value = truth[p.path];
        if (value === undefined) {
          expect(p.widthRatio, `${p.path} keeps its prior`).toBeGreaterThan(0.7);
          continue;
        }
        informative += 1;
        if (p.posterior.p05 <= value && value <= p.posterior.p95) covered += 1;
      }
      expect(result.parameters[0]!.widthRatio).toBeLessThan(0.4);
    }
    console.log(`calibration recovery: θ* covered in ${covered} of ${informative} intervals\n${rows.join('\n')}`);
    expect(covered / informative).toBeGreaterThanOrEqual(0.9);
  }, 1_800_000);
});
