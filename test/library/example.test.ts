/**
 * The documented library example (examples/library.mjs with node, examples/library.ts through
 * tsx), run as separate processes against the installed package (`import ... from 'gbsim'`):
 * every result it prints equals what the `gbsim` commands write for the same inputs.
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
import { gbsim, temporaryFolder } from '../experiment/fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = 6;
const BASE = 'scenarios/teaching/base.yaml';
const WAR = 'scenarios/teaching/subsidy-war.yaml';
const SET = ['--set', 'horizonWeeks=52'];
const folder = temporaryFolder('library-example');
afterAll(folder.remove);

interface ExampleOutput {
  run: { summary: unknown; weekly: Row[]; market: Row[]; events: Row[]; provinces: Row[] };
  mc: { result: unknown; survival: Row[]; runs: unknown[] };
  compare: { result: unknown; rows: Row[] };
  sweep: { result: unknown; points: Row[]; players: Row[] };
}

async function example(command: string[]): Promise<ExampleOutput> {
  const { stdout } = await promisify(execFile)(process.execPath, [...command, '--runs', String(RUNS), '--json'], {
    cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ExampleOutput;
}

const read = (dir: string, name: string) => readFileSync(folder.path(dir, name), 'utf8');
const json = (dir: string, name: string) => JSON.parse(read(dir, name)) as unknown;

describe('examples/library', () => {
  let fromJs: ExampleOutput;
  let fromTs: ExampleOutput;

  beforeAll(async () => {
    [fromJs, fromTs] = await Promise.all([example(['examples/library.mjs']), example(['--import', 'tsx', 'examples/library.ts'])]);
    const common = ['--seed', '1', '--workers', '1', '--quiet', ...SET];
    const statuses = [
      (await gbsim('run', BASE, '--seed', '7', ...SET, '--out', folder.path('run'))).status,
      (await gbsim('mc', BASE, '--runs', String(RUNS), ...common, '--out', folder.path('mc'))).status,
      (await gbsim('compare', BASE, WAR, '--runs', String(RUNS), ...common, '--out', folder.path('compare'))).status,
      (await gbsim('sweep', WAR, '--vary', 'players.red.cashYuan=2e8..8e8:3', '--runs', '2', ...common, '--out', folder.path('sweep'))).status,
    ];
    expect(statuses).toEqual([0, 0, 0, 0]);
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
    const columns = (name: string) => read('sweep', name).split('\n')[0]!.split(',');
    expect(fromJs.sweep.points).toHaveLength(3);
    expect(toCsv(fromJs.sweep.points, columns('sweep.csv'))).toBe(read('sweep', 'sweep.csv'));
    expect(toCsv(fromJs.sweep.players, columns('sweep-players.csv'))).toBe(read('sweep', 'sweep-players.csv'));
  });
});
