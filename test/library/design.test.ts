/**
 * The library's design experiments (sensitivity, calibrate, uncertainMonteCarlo) against the
 * commands they stand for: for the same inputs they return the result object and the rows of every
 * file the command writes, byte for byte once written with toCsv; they report progress, stop on an
 * AbortSignal without presenting a partial result, and reject wrong arguments naming them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIT_COLUMNS, INDEX_COLUMNS, UNCERTAINTY_COLUMNS, calibrate, loadScenario, sensitivity, toCsv, uncertainMonteCarlo,
  type ObservationInput, type Progress, type Row, type Scenario,
} from '../../sim/index.js';
import { jsonText } from '../../sim/experiment/mc-files.js';
import { gbsim, temporaryFolder, writeSymmetricScenario } from '../experiment/fixtures.js';
import { writeSyntheticObservations } from '../support/synthetic-observations.js';

const folder = temporaryFolder('library-design');
afterAll(folder.remove);
const read = (dir: string, name: string) => readFileSync(folder.path(dir, name), 'utf8');
const json = (dir: string, name: string) => JSON.parse(read(dir, name)) as unknown;
const header = (dir: string, name: string) => read(dir, name).split('\n')[0]!.split(',');
const FACTORS = 'uncertainty:\n  - { path: demand.bass.qPerWeek, distribution: uniform, low: 0.05, high: 0.4 }\n  - { path: players.alpha.cashYuan, distribution: log-uniform, low: 2.0e8, high: 8.0e8 }\n';

let file = '';
let factors = '';
let targets = '';
let twins: Scenario;

beforeAll(async () => {
  file = writeSymmetricScenario(folder.dir, 26);
  factors = folder.path('factors.yaml');
  writeFileSync(factors, FACTORS);
  const weeks = [8, 16, 24].flatMap((week) => ['alpha', 'beta'].map((player) => ({ week, player, metric: 'orders_per_day' })));
  targets = writeSyntheticObservations(folder.path('targets.csv'), file, ['demand.bass.qPerWeek=0.2'], weeks, 2, 7);
  const loaded = await loadScenario(file);
  if (!loaded.ok) throw new Error(loaded.message);
  twins = loaded.scenario;
});

/** The targets CSV as rows of its columns (numbers as numbers, empty cells left out). */
function targetRows(): ObservationInput[] {
  const [head, ...lines] = readFileSync(targets, 'utf8').trimEnd().split('\n');
  const names = head!.split(',');
  return lines.map((line) => {
    const quote = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
    const cells = line.slice(0, line.indexOf('"')).split(',');
    const row: Record<string, unknown> = { quote };
    names.slice(0, 7).forEach((name, i) => {
      if (cells[i] !== '') row[name] = ['value', 'low', 'high'].includes(name) ? Number(cells[i]) : cells[i];
    });
    return row as unknown as ObservationInput;
  });
}

describe('sensitivity', () => {
  it('gives the sensitivity.json and the index and design rows that gbsim sensitivity writes (Sobol)', async () => {
    const cli = await gbsim('sensitivity', file, '--factors', factors, '--method', 'sobol', '--samples', '2', '--runs', '2', '--bootstrap', '20', '--seed', '3', '--workers', '1', '--out', folder.path('sobol'), '--quiet');
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const lib = await sensitivity(twins, { method: 'sobol', factors, samples: 2, runs: 2, bootstrap: 20, seed: 3 });
    expect(lib.complete).toBe(true);
    expect(jsonText(lib.result)).toBe(read('sobol', 'sensitivity.json'));
    expect(lib.indices.length).toBe(7 * 2 * 2);
    expect(toCsv(lib.indices, INDEX_COLUMNS)).toBe(read('sobol', 'sensitivity-indices.csv'));
    expect(toCsv(lib.design, header('sobol', 'sensitivity-design.csv'))).toBe(read('sobol', 'sensitivity-design.csv'));
  });

  it('reports progress in order up to points × runs, and stops on its signal with no indices', async () => {
    const seen: Progress[] = [];
    const whole = await sensitivity(twins, { method: 'morris', factors, trajectories: 2, candidates: 2, runs: 1, bootstrap: 10, onProgress: (p) => seen.push(p) });
    expect(whole.complete).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...Array(2 * 3 + 1).keys()]);
    expect(seen.every((p) => p.total === 6)).toBe(true);

    const controller = new AbortController();
    const stopped: number[] = [];
    const partial = await sensitivity(twins, {
      method: 'morris', factors, trajectories: 2, candidates: 2, runs: 1, bootstrap: 10, signal: controller.signal,
      onProgress: ({ done }) => { stopped.push(done); if (done === 2) controller.abort(); },
    });
    expect(partial).toEqual({ result: null, complete: false, indices: [], design: [] });
    expect(Math.max(...stopped)).toBeLessThan(6);
  });

  it('rejects wrong arguments and bad factors, naming them', async () => {
    await expect(sensitivity(twins, { method: 'morris', factors, runs: 1, levels: 3 })).rejects.toThrow(/levels must be even \(got 3\)/);
    await expect(sensitivity(twins, { method: 'fast' as never, factors, runs: 1 })).rejects.toThrow(/method must be morris or sobol/);
    await expect(sensitivity(twins, { method: 'morris', runs: 1 })).rejects.toThrow(/has no uncertain parameters/);
    const wrong = [{ path: 'players.gamma.cashYuan', distribution: 'uniform', low: 1, high: 2 } as const];
    await expect(sensitivity(twins, { method: 'morris', factors: wrong, runs: 1 })).rejects.toThrow(/factors\[0\]\.path/);
  });
});

describe('calibrate', () => {
  const settings = ['--particles', '6', '--generations', '2', '--runs', '1', '--seed', '5', '--workers', '1', '--quiet'];
  const FILES = ['calibration.json', 'calibration-fit.csv', 'posterior.csv', 'posterior-sample.csv', 'posterior.yaml', 'calibrated.yaml'];

  it('gives every file gbsim calibrate writes, from the targets as a file or as rows', async () => {
    const cli = await gbsim('calibrate', file, '--targets', targets, '--factors', factors, ...settings, '--out', folder.path('cal'));
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const seen: Progress[] = [];
    const options = { factors, particles: 6, generations: 2, runs: 1, seed: 5, calibratedDir: folder.path('cal') };
    const fromFile = await calibrate(twins, { ...options, targets, onProgress: (p) => seen.push(p) });
    expect(fromFile).toMatchObject({ complete: true, stopped: 'done' });
        const files: Record<string, string> = {
      'calibration.json': jsonText(fromFile.result),
      'calibration-fit.csv': toCsv(fromFile.fit, FIT_COLUMNS),
      'posterior.csv': toCsv(fromFile.posterior, header('cal', 'posterior.csv')),
      'posterior-sample.csv': toCsv(fromFile.sample, header('cal', 'posterior-sample.csv')),
      'posterior.yaml': fromFile.posteriorYaml,
      'calibrated.yaml': fromFile.calibrated,
    };
    for (const name of FILES) expect(files[name], name).toBe(read('cal', name));
    expect(fromFile.evaluations).toBe((json('cal', 'calibration.json') as { generations: Array<{ evaluations: number }> }).generations.reduce((s, g) => s + g.evaluations, 0));
    expect(seen.length).toBeGreaterThan(fromFile.evaluations);
    expect(seen.every((p, i) => p.done <= p.total && (i === 0 || p.done >= seen[i - 1]!.done))).toBe(true);
    expect(seen.at(-1)!.done).toBe(fromFile.evaluations);

    const fromRows = await calibrate(twins, { ...options, targets: targetRows() });
    expect(fromRows.result?.fit.map((f) => f.source)).toEqual(fromFile.result?.fit.map((f) => f.source));
    expect(fromRows).toEqual(fromFile);
  });

  it('stops on its signal without presenting a posterior', async () => {
    const controller = new AbortController();
    const partial = await calibrate(twins, {
      targets, factors, particles: 8, generations: 2, runs: 1, signal: controller.signal,
      onProgress: ({ done }) => { if (done === 3) controller.abort(); },
    });
    expect(partial).toMatchObject({ result: null, complete: false, stopped: 'interrupted', fit: [], posterior: [], calibrated: '' });
    expect(partial.evaluations).toBeLessThan(8);
  });

  it('points at the row and column of every bad target row', async () => {
    const rows = targetRows();
    const bad: ObservationInput[] = [{ ...rows[0]!, metric: 'orders_per_dya' }, rows[1]!, { ...rows[2]!, player: 'gamma', source: '' }];
    const error = await calibrate(twins, { targets: bad, factors, particles: 8, generations: 1, runs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    const message = (error as Error).message;
    expect(message).toMatch(/2:\d+ +metric: unknown metric "orders_per_dya" \(did you mean "orders_per_day"\?\)/);
    expect(message).toMatch(/4:\d+ +player: no player with id "gamma"/);
    expect(message).toMatch(/4:\d+ +source: every observation needs its source/);
    await expect(calibrate(twins, { targets, factors, fitUntil: '2020-13-01' })).rejects.toThrow(/fitUntil must be an ISO date/);
    await expect(calibrate(twins, { targets, factors, alpha: 1 })).rejects.toThrow(/alpha must lie strictly between 0 and 1/);
  });
});

describe('uncertainMonteCarlo', () => {
  it('gives the uncertainty.json and rows that gbsim mc --uncertainty writes, and stops on its signal', async () => {
    const cli = await gbsim('mc', file, '--uncertainty', '--factors', factors, '--sets', '3', '--sampling', 'sobol', '--runs', '2', '--seed', '2', '--workers', '1', '--out', folder.path('umc'), '--quiet');
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const lib = await uncertainMonteCarlo(twins, { factors, sets: 3, sampling: 'sobol', runs: 2, seed: 2 });
    expect(jsonText(lib.result)).toBe(read('umc', 'uncertainty.json'));
    expect(toCsv(lib.outputs, UNCERTAINTY_COLUMNS)).toBe(read('umc', 'uncertainty.csv'));
    expect(toCsv(lib.sets, header('umc', 'uncertainty-sets.csv'))).toBe(read('umc', 'uncertainty-sets.csv'));
    const stopped = await uncertainMonteCarlo(twins, { factors, sets: 3, runs: 2, signal: AbortSignal.abort() });
    expect(stopped).toEqual({ result: null, complete: false, outputs: [] as Row[], sets: [] as Row[] });
  });
});
