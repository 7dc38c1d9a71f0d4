import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL, tempFolder } from '../scenario/helpers.js';
import { gbsim, RAW_CONTROL, STACK_LINE } from './cli-output.js';

const folder = tempFolder();
const HEADER = 'id,province,tier,households,spend_yuan_per_household_week,group_buy_share_of_spend,reachable_household_share,candidate_shops';
const ROW = 'c1,hunan,village,1000,100,0.3,0.5,10';
const scenarioText = readFileSync(MINIMAL, 'utf8').replace('$schema: ../../scenarios/schema.json\n', '');
mkdirSync(join(folder.dir, 'a-folder'), { recursive: true });

/** A scenario beside a cells CSV with `csv` as its text (or naming `target` instead). */
function scenarioWithCells(name: string, csv: string | Buffer | null, target = `${name}.csv`): string {
  if (csv !== null) folder.write(target, csv);
  return folder.write(`${name}.yaml`, scenarioText.replace('geography:\n', `geography:\n  cellsCsv: ${target}\n`));
}

const validate = (file: string) => gbsim('validate', file, '--allow-outside');

describe('cells CSV files (gbsim validate reads them too)', () => {
  it.each([
    ['plain', `${HEADER}\n${ROW}\n`],
    ['with a UTF-8 byte-order mark, as spreadsheets save it', `\ufeff${HEADER}\r\n${ROW}\r\n`],
    ['with extra columns in another order', `county,${HEADER.split(',').reverse().join(',')}\nx,${ROW.split(',').reverse().join(',')}\n`],
  ])('accepts a CSV %s', async (name, csv) => {
    const outcome = await validate(scenarioWithCells(name.replace(/\W+/g, '-'), csv));
    expect(outcome.stderr).toBe('');
    expect(outcome.status).toBe(0);
  });

  it.each([
    ['an empty number cell', `${HEADER}\nc1,hunan,village,,100,0.3,0.5,10\n`, '2:4'],
    ['a hexadecimal number', `${HEADER}\nc1,hunan,village,0x10,100,0.3,0.5,10\n`, '2:4'],
    ['NaN', `${HEADER}\nc1,hunan,village,NaN,100,0.3,0.5,10\n`, '2:4'],
    ['Infinity', `${HEADER}\nc1,hunan,village,1000,Infinity,0.3,0.5,10\n`, '2:5'],
    ['1e400', `${HEADER}\nc1,hunan,village,1e400,100,0.3,0.5,10\n`, '2:4'],
    ['a negative count', `${HEADER}\nc1,hunan,village,1000,100,0.3,0.5,-10\n`, '2:8'],
    ['a fractional shop count', `${HEADER}\nc1,hunan,village,1000,100,0.3,0.5,2.5\n`, '2:8'],
    ['an escape sequence in a cell', `${HEADER}\nc1,hunan,\u001b[2Jvillage,1000,100,0.3,0.5,10\n`, '2:3'],
    ['an unknown province', `${HEADER}\nc1,atlantis,village,1000,100,0.3,0.5,10\n`, '2:2'],
    ['a missing column', `${HEADER.replace(',candidate_shops', '')}\n${ROW.replace(/,10$/, '')}\n`, '1:1'],
    ['only a header', `${HEADER}\n`, '1:1'],
    ['an unbalanced quote', `${HEADER}\nc1,"hunan,village,1000,100,0.3,0.5,10\n`, '1:1'],
    ['rows of different lengths', `${HEADER}\n${ROW},extra\n`, '1:1'],
    ['binary garbage', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256)), '1:1'],
  ])('refuses a CSV with %s, naming the CSV and the place', async (name, csv, place) => {
    const outcome = await validate(scenarioWithCells(name.replace(/\W+/g, '-'), csv));
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/\.csv: \d+ problems?\n/);
    expect(outcome.stderr).toContain(`  ${place}`);
    expect(outcome.stderr).not.toMatch(STACK_LINE);
    expect(outcome.stderr).not.toMatch(RAW_CONTROL);
  });

  it.each([
    ['a folder', 'a-folder'],
    ['a missing file', 'nowhere.csv'],
  ])('refuses a cellsCsv that names %s', async (name, target) => {
    const outcome = await validate(scenarioWithCells(name.replace(/\W+/g, '-'), null, target));
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toContain('cannot read cells CSV');
    expect(outcome.stderr).not.toMatch(STACK_LINE);
  });

  it('gbsim run refuses the same CSV with exit 2 before running', async () => {
    const outcome = await gbsim('run', scenarioWithCells('run-empty-cell', `${HEADER}\nc1,hunan,village,,100,0.3,0.5,10\n`), '--allow-outside');
    expect(outcome.status).toBe(2);
    expect(outcome.stdout).toBe('');
  });
});
