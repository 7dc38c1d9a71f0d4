import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as message from '../../sim/scenario/messages.js';
import { checkReferences } from '../../sim/scenario/references.js';
import { MINIMAL } from './helpers.js';

/** The minimal fixture as plain data, changed by `edit`. */
function minimalWith(edit: (data: any) => void): unknown {
  const data = parse(readFileSync(MINIMAL, 'utf8'));
  edit(data);
  return data;
}

describe('checkReferences', () => {
  it('finds nothing wrong with the minimal fixture', () => {
    expect(checkReferences(minimalWith(() => {}))).toEqual([]);
  });

  it('flags a repeated player id at the second occurrence', () => {
    const problems = checkReferences(minimalWith((data) => (data.players[1].id = 'alpha')));
    expect(problems).toEqual([{ path: ['players', 1, 'id'], message: message.duplicateId('player', 'alpha', 'players[0]'), got: '"alpha"' }]);
  });

  it('flags a repeated province id', () => {
    const problems = checkReferences(minimalWith((data) => (data.geography.provinces[1].id = 'hunan')));
    expect(problems.map((problem) => problem.message)).toContain(message.duplicateId('province', 'hunan', 'geography.provinces[0]'));
  });

  it('flags province references to nowhere, with a suggestion', () => {
    const problems = checkReferences(
      minimalWith((data) => {
        data.players[0].homeProvinces = ['hunnan'];
        data.players[0].expansion.provincePriority = ['hunan', 'guangdong'];
        data.geography.provinces[0].neighbours = ['hubie'];
      }),
    );
    expect(problems).toEqual([
      { path: ['players', 0, 'homeProvinces', 0], message: message.noSuchReference('province', 'hunnan', 'hunan'), got: '"hunnan"' },
      { path: ['players', 0, 'expansion', 'provincePriority', 1], message: message.noSuchReference('province', 'guangdong'), got: '"guangdong"' },
      { path: ['geography', 'provinces', 0, 'neighbours', 0], message: message.noSuchReference('province', 'hubie', 'hubei'), got: '"hubie"' },
    ]);
  });

  it('flags an event for a player that does not exist', () => {
    const problems = checkReferences(minimalWith((data) => (data.events[0].player = 'alpah')));
    expect(problems.map((problem) => problem.message)).toEqual([message.noSuchReference('player', 'alpah', 'alpha')]);
  });

  it('accepts dates on both ends of the horizon and flags dates outside it', () => {
    // Start 2020-06-01, 12 weeks: the horizon ends 84 days later, on 2020-08-24.
    expect(checkReferences(minimalWith((data) => (data.events[0].date = '2020-08-24')))).toEqual([]);
    expect(checkReferences(minimalWith((data) => (data.events[0].date = '2020-06-01')))).toEqual([]);
    const problems = checkReferences(
      minimalWith((data) => {
        data.events[0].date = '2020-08-25';
        data.demand.seasonality[0].fromDate = '2020-05-31';
      }),
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      message.outsideHorizon('2020-08-25', '2020-06-01', '2020-08-24', 12),
      message.outsideHorizon('2020-05-31', '2020-06-01', '2020-08-24', 12),
    ]);
  });

  it('flags a season that ends before it starts', () => {
    const problems = checkReferences(minimalWith((data) => (data.demand.seasonality[0].toDate = '2020-06-15')));
    expect(problems).toEqual([{ path: ['demand', 'seasonality', 0, 'toDate'], message: message.dateOrder('fromDate', '2020-07-01', 'toDate', '2020-06-15') }]);
  });

  it('flags cash given in both currencies and amounts given in none or both', () => {
    const problems = checkReferences(
      minimalWith((data) => {
        data.players[0].cashUsd = 1;
        delete data.events[0].amountYuan;
        data.events.push({ kind: 'investment', date: '2020-07-01', player: 'beta', amountYuan: 1, amountUsd: 1 });
      }),
    );
    expect(problems).toEqual([
      { path: ['players', 0, 'cashUsd'], message: message.notBoth(['cashYuan', 'cashUsd']) },
      { path: ['events', 0], message: message.exactlyOne(['amountYuan', 'amountUsd']) },
      { path: ['events', 1, 'amountUsd'], message: message.notBoth(['amountYuan', 'amountUsd']) },
    ]);
  });

  it('leaves event kinds without amounts alone', () => {
    const problems = checkReferences(minimalWith((data) => (data.events = [{ kind: 'appetite-shock', date: '2020-07-01', appetiteMultiplier: 0.5 }])));
    expect(problems).toEqual([]);
  });

  it('flags fewer counties than prefectures and fewer townships than counties', () => {
    const problems = checkReferences(
      minimalWith((data) => {
        data.geography.provinces[0].counties = 1;
        data.geography.provinces[1].townships = 4;
      }),
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      message.notBelow('counties', 1, 'prefectures', 2),
      message.notBelow('townships', 4, 'counties', 5),
    ]);
  });

  it('flags a first pass denser than the density a player builds to', () => {
    const problems = checkReferences(
      minimalWith((data) => {
        data.players[0].expansion.pointsPerThousandHouseholds = 2;
        data.players[0].expansion.entryPointsPerThousandHouseholds = 3;
      }),
    );
    expect(problems).toEqual([
      { path: ['players', 0, 'expansion', 'pointsPerThousandHouseholds'], message: message.notBelow('pointsPerThousandHouseholds', 2, 'entryPointsPerThousandHouseholds', 3), got: '2' },
    ]);
  });

  it('requires a parent for a unit', () => {
    const problems = checkReferences(minimalWith((data) => delete data.players[1].parent));
    expect(problems).toEqual([{ path: ['players', 1, 'kind'], message: message.requiredWhen('parent', 'kind is "unit"') }]);
  });

  it('tolerates data of any shape without throwing', () => {
    for (const data of [null, 3, 'text', [], { players: 'x', events: [null, 1, 'a'] }, { geography: { provinces: [{ id: 3 }] } }]) {
      expect(() => checkReferences(data)).not.toThrow();
    }
  });
});
