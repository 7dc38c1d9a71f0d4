import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalibrationResult } from '../../sim/experiment/calibration.js';
import { fitRows, fitSummary, uncertainRunValues } from '../../sim/experiment/fit.js';
import { meetsSimulatedRange } from '../../sim/experiment/simulated-range.js';
import { calibrationHighlights, calibrationSummaryText } from '../../reports/summary/calibration.js';
import type { Observation } from '../../sim/experiment/observations.js';
import { observe } from '../../sim/experiment/observe.js';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { runMarket } from '../../sim/model/run.js';
import { fit, loadScenario } from '../../sim/index.js';
import { writeSyntheticObservations } from '../support/synthetic-observations.js';
import { gbsim, temporaryFolder, writeScenario, writeSymmetricScenario } from './fixtures.js';
import { mirroredCells } from '../support/scenarios.js';

const observation = (value: number, extra: Partial<Observation> = {}): Observation => ({ line: 2, date: '2020-01-06', player: 'alpha', metric: 'orders_per_day', value, low: null, high: null, source: 'test', quote: '', week: 2, fitted: true, note: '', ...extra });

describe('the fit table of one scenario', () => {
  it('gives each observation the mean of its runs, their 5% and 95%, the scaled error and whether the observed range meets the simulated one', () => {
    const runs = Array.from({ length: 20 }, (_, r) => [r + 1, r + 1]);
    const [plain, ranged] = fitRows([observation(10), observation(30, { low: 20, high: 40 })], runs);
    // 1 … 20: mean 10.5; the 5% is the first value whose cumulative weight reaches 0.05 (1), the 95% the 19th (19).
    expect(plain).toMatchObject({ runsWithValue: 20, simulatedMean: 10.5, simulatedP05: 1, simulatedP95: 19, inside: true, player: 'alpha' });
    expect(plain!.scaledError).toBeCloseTo(0.5 / 1, 12); // scale: 10% of the value
    // [20, 40] meets [1, 19]? No: 20 > 19.
    expect(ranged).toMatchObject({ simulatedMean: 10.5, inside: false });
    expect(ranged!.scaledError).toBeCloseTo((10.5 - 30) / 10, 12); // scale: half the stated range
  });

  it('leaves out runs without a value, and gives no simulated value (and no verdict) when no run has one', () => {
    const [some, none] = fitRows([observation(2), observation(2, { player: '', metric: 'basket_yuan', note: 'out of sample' })], [[1, NaN], [NaN, NaN], [3, NaN]]);
    expect(some).toMatchObject({ runsWithValue: 2, simulatedMean: 2, simulatedP05: 1, simulatedP95: 3, scaledError: 0, inside: true });
    expect(none).toMatchObject({ runsWithValue: 0, simulatedMean: null, scaledError: null, inside: null, player: 'market' });
  });

  it('counts the rows inside and their median absolute scaled error in sample and out of sample apart', () => {
    const rows = fitRows([observation(1), observation(10), observation(2, { note: 'out of sample' }), observation(5, { note: 'not modelled: x' })], [[1, 1, 1, NaN], [1, 1, 1, NaN]]);
    // In sample: errors 0 and (1 − 10)/1 = −9 → median 4.5; out of sample: (1 − 2)/0.2 = −5, outside.
    expect(fitSummary(rows)).toEqual({ compared: 2, inside: 1, medianAbsScaledError: 4.5, outOfSample: { compared: 1, inside: 0, medianAbsScaledError: 5 } });
    expect(fitSummary(rows.slice(0, 1)).medianAbsScaledError).toBe(0);
  });
});

describe('gbsim fit', () => {
  const folder = temporaryFolder('fit');
  afterAll(folder.remove);
  let twins = '';
  let targets = '';
  const specs = [8, 16, 24].flatMap((week) => ['alpha', 'beta'].map((player) => ({ week, player, metric: 'orders_per_day' })));
  beforeAll(() => {
    twins = writeSymmetricScenario(folder.dir, 26);
    targets = writeSyntheticObservations(folder.path('observations.csv'), twins, [], specs, 2, 7);
  });

  it('scores the scenario on its own seeds: the simulated means are those of runs (S, 0) … (S, R − 1), and the files are the same for 1 and 2 workers', async () => {
    const one = await gbsim('fit', twins, '--targets', targets, '--runs', '3', '--workers', '1', '--quiet', '--out', folder.path('one'));
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/of 6 observations inside the simulated 90% range/);
    const two = await gbsim('fit', twins, '--targets', targets, '--runs', '3', '--workers', '2', '--quiet', '--out', folder.path('two'));
    expect(two.status).toBe(0);
    const csv = readFileSync(folder.path('one', 'fit.csv'), 'utf8');
    expect(readFileSync(folder.path('two', 'fit.csv'), 'utf8')).toBe(csv);
    expect(readFileSync(folder.path('two', 'fit.json'), 'utf8')).toBe(readFileSync(folder.path('one', 'fit.json'), 'utf8'));

    const prepared = prepareScenario(twins);
    const ids = prepared.params.players.map((p) => p.id);
    const sums = new Array<number>(specs.length).fill(0);
    for (let r = 0; r < 3; r++) {
      const result = runMarket(prepared.params, { seed: prepared.scenario.seed, replication: r, record: true, geography: prepared.geography, shakeoutK: 5 });
      observe(result, specs.map((t, i) => ({ name: `t${i}`, metric: t.metric, player: ids.indexOf(t.player), week: t.week }))).forEach((v, i) => (sums[i]! += v));
    }
    const result = JSON.parse(readFileSync(folder.path('one', 'fit.json'), 'utf8')) as { rows: Array<{ simulatedMean: number }> };
    result.rows.forEach((row, i) => expect(row.simulatedMean).toBeCloseTo(sums[i]! / 3, 6));
    expect(csv.split('\n')[0]).toBe('line,date,player,metric,note,observed,low,high,runsWithValue,simulatedMean,simulatedP05,simulatedP95,scaledError,inside,source');
  }, 120_000);

  it('with --uncertainty, run r draws parameter set r of a Latin hypercube over the uncertainty: section on seed (S, r): the means are those of the runs made directly with those values', async () => {
    const twinsInput = JSON.parse(readFileSync(twins, 'utf8')) as Record<string, unknown>;
    const uncertain = writeScenario(folder.dir, 'twins-uncertain-q', { ...twinsInput, name: 'twins-uncertain-q', uncertainty: [{ path: 'demand.bass.qPerWeek', distribution: 'uniform', low: 0.02, high: 0.4 }] } as never, mirroredCells());
    const { status, stdout, stderr } = await gbsim('fit', uncertain, '--targets', targets, '--runs', '4', '--uncertainty', '--workers', '2', '--quiet', '--out', folder.path('uncertain'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/4 runs, each with its own draw of 1 uncertain parameters \(Latin hypercube\)/);
    const prepared = prepareScenario(uncertain);
    const values = uncertainRunValues(prepared.scenario.uncertainty!, 4, prepared.scenario.seed);
    // One draw in each quarter of [0.02, 0.4]: a Latin hypercube.
    expect(values.map(([q]) => Math.floor((q! - 0.02) / 0.095)).sort()).toEqual([0, 1, 2, 3]);
    const sums = new Array<number>(specs.length).fill(0);
    for (let r = 0; r < 4; r++) {
      const set = prepareScenario(uncertain, { sets: [`demand.bass.qPerWeek=${values[r]![0]}`] });
      const ids = set.params.players.map((p) => p.id);
      const result = runMarket(set.params, { seed: set.scenario.seed, replication: r, record: true, geography: set.geography, shakeoutK: 5 });
      observe(result, specs.map((t, i) => ({ name: `t${i}`, metric: t.metric, player: ids.indexOf(t.player), week: t.week }))).forEach((v, i) => (sums[i]! += v));
    }
    const written = JSON.parse(readFileSync(folder.path('uncertain', 'fit.json'), 'utf8')) as { uncertainty: unknown; rows: Array<{ simulatedMean: number }> };
    expect(written.uncertainty).toEqual({ factors: ['demand.bass.qPerWeek'], file: null });
    written.rows.forEach((row, i) => expect(row.simulatedMean).toBeCloseTo(sums[i]! / 4, 6));
    const report = await gbsim('report', folder.path('uncertain'));
    expect(report.status).toBe(0);
    expect(readFileSync(folder.path('uncertain', 'report.html'), 'utf8')).toContain('each drawing its own values of 1 uncertain parameters');
    // Without --uncertainty the same file runs at its stated q on every run: other means.
    const plain = await gbsim('fit', uncertain, '--targets', targets, '--runs', '4', '--workers', '1', '--quiet', '--out', folder.path('uncertain-plain'));
    expect(plain.status).toBe(0);
    const plainRows = (JSON.parse(readFileSync(folder.path('uncertain-plain', 'fit.json'), 'utf8')) as { rows: Array<{ simulatedMean: number }> }).rows;
    expect(plainRows.map((r) => r.simulatedMean)).not.toEqual(written.rows.map((r) => r.simulatedMean));
    // --factors only with --uncertainty; --uncertainty needs uncertain parameters.
    const stray = await gbsim('fit', uncertain, '--targets', targets, '--runs', '2', '--factors', 'x.yaml');
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(/--factors goes with --uncertainty/);
    const none = await gbsim('fit', twins, '--targets', targets, '--runs', '2', '--uncertainty', '--out', folder.path('never-uncertain'));
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/has no uncertain parameters/);
    expect(existsSync(folder.path('never-uncertain'))).toBe(false);
  }, 120_000);

  it('gives the library the rows the command writes (fit in sim/index.ts)', async () => {
    const loaded = await loadScenario(twins);
    if (!loaded.ok) throw new Error(loaded.message);
    const result = await fit(loaded.scenario, { targets, runs: 3, workers: 2 });
    expect(result.complete).toBe(true);
    const written = JSON.parse(readFileSync(folder.path('one', 'fit.json'), 'utf8')) as { rows: unknown[]; summary: unknown };
    expect(JSON.parse(JSON.stringify(result.rows))).toEqual(written.rows);
    expect(result.summary).toEqual(written.summary);
    await expect(fit(loaded.scenario, { targets, runs: 0 })).rejects.toThrow(/runs/);
    await expect(fit(loaded.scenario, { targets, runs: 2, uncertainty: true })).rejects.toThrow(/no uncertain parameters/);
    // With uncertainty: the rows of `gbsim fit --uncertainty` (the test above wrote both files).
    const uncertain = await loadScenario(folder.path('twins-uncertain-q.json'));
    if (!uncertain.ok) throw new Error(uncertain.message);
    const drawn = await fit(uncertain.scenario, { targets, runs: 4, workers: 2, uncertainty: true });
    expect(JSON.parse(JSON.stringify(drawn.rows))).toEqual((JSON.parse(readFileSync(folder.path('uncertain', 'fit.json'), 'utf8')) as { rows: unknown[] }).rows);
  }, 120_000);

  it('writes a report of the fit: the summary in words, the in-sample count and the chart of simulated against observed', async () => {
    const { status, stderr } = await gbsim('report', folder.path('one'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const html = readFileSync(folder.path('one', 'report.html'), 'utf8');
    const result = JSON.parse(readFileSync(folder.path('one', 'fit.json'), 'utf8')) as { summary: { inside: number; compared: number } };
    expect(html).toContain(`${result.summary.inside} of ${result.summary.compared} observations in sample meet the simulated 5–95% range`);
    expect(html).toContain('Simulated against observed');
    expect(html).toContain('twins: fit to observations');
    const bare = await gbsim('fit', twins, '--targets', targets, '--runs', '1', '--report');
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/--report needs --out DIR/);
  }, 120_000);

  it('refuses a bad observations file with every problem, its line and column, exit 2 and no output folder', async () => {
    const bad = folder.path('bad.csv');
    writeFileSync(bad, 'date,player,metric,value,low,high,source,quote\n2020-01-06,alpha,order_per_day,5,,,x,\n2020-13-01,gamma,orders_per_day,five,,,x,\n');
    const { status, stderr } = await gbsim('fit', twins, '--targets', bad, '--runs', '2', '--out', folder.path('never'));
    expect(status).toBe(2);
    expect(stderr).toMatch(/bad\.csv: 4 problems/);
    expect(stderr).toMatch(/\n\s+2:18\s+metric: unknown metric "order_per_day" \(did you mean "orders_per_day"\?\)/);
    expect(stderr).toMatch(/\n\s+3:1\s+date: "2020-13-01" is not an ISO date/);
    expect(stderr).toMatch(/\n\s+3:12\s+player: no player with id "gamma"/);
    expect(stderr).toMatch(/\n\s+3:33\s+value: "five" is not a number/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(folder.path('never'))).toBe(false);
  });

  it('does not overwrite results without --force', async () => {
    const again = await gbsim('fit', twins, '--targets', targets, '--runs', '1', '--quiet', '--out', folder.path('one'));
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds results \(.*fit\.csv.*\); use --force/);
  });
});

describe('one rule for "inside" in fit and calibration reports', () => {
  const row = (observed: number, low: number | null, high: number | null, p05: number, p95: number, fitted: boolean, note: string): CalibrationResult['fit'][number] => ({ line: 2, date: '2021-01-04', player: 'alpha', metric: 'orders_per_day', fitted, note, observed, low, high, simulatedMean: (p05 + p95) / 2, simulatedP05: p05, simulatedP95: p95, scaledError: 0, source: 'test' });

  it('counts an observation whose stated range meets the simulated range as inside, and a row without a simulated range as neither', () => {
    expect(meetsSimulatedRange(row(30, 20, 40, 1, 19, true, ''))).toBe(false);
    expect(meetsSimulatedRange(row(30, 15, 40, 1, 19, true, ''))).toBe(true); // 15 ≤ 19: the ranges meet though 30 is outside
    expect(meetsSimulatedRange(row(10, null, null, 1, 19, true, ''))).toBe(true);
    expect(meetsSimulatedRange(row(10, null, null, Number.NaN, Number.NaN, false, 'before the run starts'))).toBeNull();
    expect(meetsSimulatedRange({ observed: 1, low: null, high: null, simulatedP05: null, simulatedP95: null })).toBeNull();
  });

  it('the calibration summary counts fitted and out-of-sample rows by it, leaving out rows the model cannot read', () => {
    const fit = [
      row(30, 15, 40, 1, 19, true, ''), // inside only by its stated range
      row(30, null, null, 1, 19, true, ''), // outside
      row(5, null, null, 1, 19, false, 'out of sample'), // inside
      row(5, null, null, Number.NaN, Number.NaN, false, 'before the run starts'), // no simulated value
    ];
    const result = { method: 'ABC-SMC', generations: [{ epsilon: 1, evaluations: 10, acceptance: 1, effectiveSampleSize: 10 }], settings: { particles: 10 }, seed: 1, runs: 1, stopped: 'generations', parameters: [], fit } as unknown as CalibrationResult;
    const text = calibrationSummaryText(result).join('\n');
    expect(text).toContain('1 of 2 fitted observations meet');
    expect(text).toContain('Out of sample: 1 of 1 later observations meet');
    expect(calibrationHighlights(result)[0]).toMatchObject({ value: '1 of 2' });
  });
});
