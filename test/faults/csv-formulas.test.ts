import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gbsim } from '../fuzz/cli-output.js';
import { player, smallScenario } from '../support/scenarios.js';

/** Names a spreadsheet would run as formulas (`=`, `+`, `-`, `@`): CSV cells must start with `'`. */
const FORMULAS = ['=HYPERLINK("http://example.com","x")', '+1', '-1+2', '@SUM(A1)'];

const dir = mkdtempSync(join(tmpdir(), 'gbsim-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const out = join(dir, 'out');

type Row = Record<string, string>;
const read = (name: string): Row[] => parse(readFileSync(join(out, name), 'utf8'), { columns: true }) as Row[];

beforeAll(async () => {
  const scenario = smallScenario({
    horizonWeeks: 6,
    players: FORMULAS.map((name, i) => player(`p${i}`, { name, headquartersCostYuanPerWeek: 5e7 })),
    events: [{ kind: 'funding-round', date: '2020-06-10', player: 'p0', amountYuan: 1e6, investor: '=cmd|\' /C calc\'!A0', note: '-2+3' }],
  });
  writeFileSync(join(dir, 'formulas.json'), JSON.stringify(scenario));
  expect((await gbsim('run', join(dir, 'formulas.json'), '--out', out)).status).toBe(0);
});

describe('CSV files against spreadsheet formulas', () => {
  it('prefixes player names that look like formulas with a quote in weekly.csv', () => {
    const names = new Set(read('weekly.csv').map((row) => row.playerName));
    expect([...names].sort()).toEqual(FORMULAS.map((name) => `'${name}`).sort());
  });

  it('prefixes formula-like text, names and investors in events.csv', () => {
    const events = read('events.csv');
    const funding = events.find((row) => row.kind === 'funding-round');
    expect(funding?.counterparty).toBe("'=cmd|' /C calc'!A0");
    // Text that only contains a formula further in is not one: it stays as it is.
    expect(funding?.text).toBe("funding-round by =cmd|' /C calc'!A0: -2+3");
    const entries = events.filter((row) => row.kind === 'entry').map((row) => row.text);
    expect(entries.sort()).toEqual(FORMULAS.map((name) => `'${name} enters`).sort());
  });

  it('keeps negative numbers as numbers', () => {
    const flows = read('weekly.csv').map((row) => row.netFlowYuan!);
    const negative = flows.filter((cell) => cell.startsWith('-'));
    expect(negative.length).toBeGreaterThan(0);
    for (const cell of negative) expect(Number(cell)).toBeLessThan(0);
    expect(flows.some((cell) => cell.startsWith("'"))).toBe(false);
  });
});
