import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFields, readObservations } from '../../sim/experiment/observations.js';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { temporaryFolder } from './fixtures.js';

const folder = temporaryFolder('observations');
afterAll(folder.remove);

describe('the observations CSV', () => {
  it('splits RFC 4180 fields with their line and column (quotes, doubled quotes, commas and line breaks inside)', () => {
    const records = csvFields('a,"b, c","say ""hi""\nthere"\r\n1,,3\n');
    expect(records.map((r) => r.map((f) => f.text))).toEqual([['a', 'b, c', 'say "hi"\nthere'], ['1', '', '3']]);
    expect(records[1]!.map((f) => [f.line, f.col])).toEqual([[3, 1], [3, 3], [3, 4]]);
  });

  it('reads every shipped china-2020 observation: each is fitted, or says why not', () => {
    const base = prepareScenario('scenarios/china-2020.yaml');
    const read = readObservations('scenarios/data/china-2020-observations.csv', process.cwd(), base.scenario, '2021-06-30');
    if (!read.ok) throw new Error(read.issues.map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`).join('\n'));
    expect(read.observations.filter((o) => o.fitted).length).toBeGreaterThan(0);
    for (const o of read.observations) {
      expect(o.fitted, `line ${o.line}`).toBe(o.note === '');
      if (o.date > '2021-06-30' && o.week <= base.params.horizonWeeks && !o.note.startsWith('not modelled')) expect(o.note, `line ${o.line}`).toBe('out of sample');
    }
  });

  it('keeps rows outside the run and metrics the model lacks, unfitted, with the reason', () => {
    const base = prepareScenario('scenarios/teaching/base.yaml');
    const file = folder.path('obs.csv');
    writeFileSync(file, 'date,player,metric,value,low,high,source,quote\n2019-01-01,red,pickup_points,5,,,s,\n2021-03-01,market,cities,5,,,s,\n2021-03-01,market,provinces,2,,,s,\n2021-03-01,red,pickup_points,5,,,s,\n');
    const read = readObservations(file, process.cwd(), base.scenario, null);
    if (!read.ok) throw new Error('should read');
    expect(read.observations.map((o) => o.note)).toEqual([
      'before the run starts',
      expect.stringMatching(/^not modelled: /),
      'not modelled: no market value of this metric',
      '',
    ]);
  });
});
