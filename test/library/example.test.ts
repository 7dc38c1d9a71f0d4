/**
 * The documented library example (examples/library.mjs with node, examples/library.ts through
 * tsx), run as separate processes against the installed package (`import ... from 'gbsim'`):
 * every result it prints equals what the `gbsim` commands write for the same inputs (run, mc,
 * compare, sweep, sensitivity, mc --uncertainty, calibrate).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARE_COLUMNS } from '../../sim/experiment/compare.js';
import { toCsv } from '../../sim/experiment/csv.js';
import { SURVIVAL_COLUMNS } from '../../sim/experiment/mc-files.js';
import { EVENT_COLUMNS, MARKET_ROW_COLUMNS, PROVINCE_ROW_COLUMNS, WEEKLY_COLUMNS, type Row } from '../../sim/experiment/rows.js';
import { FIT_COLUMNS } from '../../sim/experiment/calibration.js';
import { INDEX_COLUMNS } from '../../sim/experiment/sensitivity.js';
import { UNCERTAINTY_COLUMNS } from '../../sim/experiment/uncertain-mc.js';
import { gbsim, temporaryFolder } from '../experiment/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = 6;
const BASE = 'scenarios/teaching/base.yaml';
const WAR = 'scenarios/teaching/subsidy-war.yaml';
const UNCERTAIN = 'scenarios/teaching/uncertain-subsidy-war.yaml';
const TARGETS = 'examples/data/subsidy-war-targets.csv';
const SET = ['--set', 'horizonWeeks=52'];
const folder = temporaryFolder('library-example');
afterAll(folder.remove);

interface ExampleOutput {
  run: { summary: unknown; weekly: Row[]; market: Row[]; events: Row[]; provinces: Row[] };
  mc: { result: unknown; survival: Row[]; runs: unknown[] };
  compare: { result: unknown; rows: Row[] };
  sweep: { result: unknown; points: Row[]; players: Row[] };
  sensitivity: { result: unknown; indices: Row[]; design: Row[] };
  uncertainty: { result: unknown; outputs: Row[]; sets: Row[] };
  calibration: { result: unknown; fit: Row[]; posterior: Row[]; sample: Row[]; posteriorYaml: string; calibrated: string };
}

async function example(command: string[]): Promise<ExampleOutput> {
  const { stdout } = await promisify(execFile)(process.execPath, [...command, '--runs', String(RUNS), '--json'], {
    cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ExampleOutput;
}

const read = (dir: string, name: string) => readFileSync(folder.path(dir, name), 'utf8');
const json = (dir: string, name: string) => JSON.parse(read(dir, name)) as unknown;
/** The columns of a CSV file whose columns depend on the scenario (its header). */
const columns = (dir: string, name: string) => read(dir, name).split('\n')[0]!.split(',');

describe('examples/library', () => {
  let fromJs: ExampleOutput;
  let fromTs: ExampleOutput;

  beforeAll(async () => {
    // The examples run as child processes while the commands run here.
    const examples = Promise.all([example(['examples/library.mjs']), example(['--import', 'tsx', 'examples/library.ts'])]);
    const common = ['--seed', '1', '--workers', '1', '--quiet', ...SET];
    const statuses = [
      (await gbsim('run', BASE, '--seed', '7', ...SET, '--out', folder.path('run'))).status,
      (await gbsim('mc', BASE, '--runs', String(RUNS), ...common, '--out', folder.path('mc'))).status,
      (await gbsim('compare', BASE, WAR, '--runs', String(RUNS), ...common, '--out', folder.path('compare'))).status,
      (await gbsim('sweep', WAR, '--vary', 'players.red.cashYuan=2e8..8e8:3', '--runs', '2', ...common, '--out', folder.path('sweep'))).status,
      // the example's design experiments at --runs 6: 1 replication per point, 2 trajectories, 3 sets, 6 particles
      (await gbsim('sensitivity', UNCERTAIN, '--method', 'morris', '--trajectories', '2', '--runs', '1', '--bootstrap', '200', ...common, '--out', folder.path('sensitivity'))).status,
      (await gbsim('mc', UNCERTAIN, '--uncertainty', '--sets', '3', '--runs', '1', ...common, '--out', folder.path('uncertainty'))).status,
      (await gbsim('calibrate', UNCERTAIN, '--targets', TARGETS, '--particles', '6', '--generations', '2', '--runs', '1', ...common, '--out', folder.path('calibration'))).status,
    ];
    expect(statuses).toEqual([0, 0, 0, 0, 0, 0, 0]);
    [fromJs, fromTs] = await examples;
  }, 240_000);

  it('prints the same results from JavaScript and from TypeScript', () => {
    expect(fromTs).toEqual(fromJs);
  });

  it('gives the summary and the weekly, market, events and provinces rows that gbsim run writes', () => {
    expect(fromJs.run.summary).toEqual(json('run', 'summary.json'));
    expect(fromJs.run.weekly.length).toBeGreaterThan(0);
    expect(toCsv(fromJs.run.weekly, WEEKLY_COLUMNS)).toBe(read('run', 'weekly.csv'));
    expect(toCsv(fromJs.run.market, MARKET_ROW_COLUMNS)).toBe(read('run', 'market.csv'));
    expect(toCsv(fromJs.run.events, EVENT_COLUMNS)).toBe(read('run', 'events.csv'));
    expect(toCsv(fromJs.run.provinces, PROVINCE_ROW_COLUMNS)).toBe(read('run', 'provinces.csv'));
  });

  it('gives the mc.json, survival rows and runs.ndjson lines that gbsim mc writes', () => {
    expect(fromJs.mc.result).toEqual(json('mc', 'mc.json'));
    expect(toCsv(fromJs.mc.survival, SURVIVAL_COLUMNS)).toBe(read('mc', 'survival.csv'));
    expect(fromJs.mc.runs).toHaveLength(RUNS);
    expect(fromJs.mc.runs).toEqual(read('mc', 'runs.ndjson').trimEnd().split('\n').map((line) => JSON.parse(line)));
  });

  it('gives the compare.json and compare.csv rows that gbsim compare writes', () => {
    expect(fromJs.compare.result).toEqual(json('compare', 'compare.json'));
    expect(toCsv(fromJs.compare.rows, COMPARE_COLUMNS)).toBe(read('compare', 'compare.csv'));
  });

  it('gives the sweep.json, sweep.csv and sweep-players.csv rows that gbsim sweep writes', () => {
    expect(fromJs.sweep.result).toEqual(json('sweep', 'sweep.json'));
    expect(fromJs.sweep.points).toHaveLength(3);
    expect(toCsv(fromJs.sweep.points, columns('sweep', 'sweep.csv'))).toBe(read('sweep', 'sweep.csv'));
    expect(toCsv(fromJs.sweep.players, columns('sweep', 'sweep-players.csv'))).toBe(read('sweep', 'sweep-players.csv'));
  });

  it('gives the sensitivity.json, index rows and design rows that gbsim sensitivity writes', () => {
    expect(fromJs.sensitivity.result).toEqual(json('sensitivity', 'sensitivity.json'));
    expect(fromJs.sensitivity.indices).toHaveLength(7 * 5 * 3);
    expect(fromJs.sensitivity.design).toHaveLength(2 * (5 + 1));
    expect(toCsv(fromJs.sensitivity.indices, INDEX_COLUMNS)).toBe(read('sensitivity', 'sensitivity-indices.csv'));
    expect(toCsv(fromJs.sensitivity.design, columns('sensitivity', 'sensitivity-design.csv'))).toBe(read('sensitivity', 'sensitivity-design.csv'));
  });

  it('gives the uncertainty.json and rows that gbsim mc --uncertainty writes', () => {
    expect(fromJs.uncertainty.result).toEqual(json('uncertainty', 'uncertainty.json'));
    expect(toCsv(fromJs.uncertainty.outputs, UNCERTAINTY_COLUMNS)).toBe(read('uncertainty', 'uncertainty.csv'));
    expect(fromJs.uncertainty.sets).toHaveLength(3);
    expect(toCsv(fromJs.uncertainty.sets, columns('uncertainty', 'uncertainty-sets.csv'))).toBe(read('uncertainty', 'uncertainty-sets.csv'));
  });

  it('gives the calibration.json, fit, posterior and calibrated scenario that gbsim calibrate writes', () => {
    expect(fromJs.calibration.result).toEqual(json('calibration', 'calibration.json'));
    expect(toCsv(fromJs.calibration.fit, FIT_COLUMNS)).toBe(read('calibration', 'calibration-fit.csv'));
    expect(fromJs.calibration.posterior).toHaveLength(6);
    for (const [rows, name] of [[fromJs.calibration.posterior, 'posterior.csv'], [fromJs.calibration.sample, 'posterior-sample.csv']] as const) {
      expect(toCsv(rows, columns('calibration', name)), name).toBe(read('calibration', name));
    }
    expect(fromJs.calibration.posteriorYaml).toBe(read('calibration', 'posterior.yaml'));
    // The same scenario; its extends: names the original from where it is saved (the working
    // directory by default, the --out folder for the command).
    expect(fromJs.calibration.calibrated).toContain(`extends: ${UNCERTAIN}\n`);
    expect(fromJs.calibration.calibrated.replace(`extends: ${UNCERTAIN}`, 'extends: X')).toBe(read('calibration', 'calibrated.yaml').replace(/^extends: .*$/m, 'extends: X'));
  });
});
