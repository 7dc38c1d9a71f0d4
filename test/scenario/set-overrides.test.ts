import { describe, expect, it } from 'vitest';
import { loadScenarioSync } from '../../sim/scenario/load.js';
import type { LoadResult } from '../../sim/scenario/load.js';
import { SET_SOURCE } from '../../sim/scenario/issues.js';
import * as message from '../../sim/scenario/messages.js';
import { MINIMAL } from './helpers.js';

function load(...sets: string[]): LoadResult {
  return loadScenarioSync(MINIMAL, { sets });
}

function scenarioWith(...sets: string[]) {
  const result = load(...sets);
  if (!result.ok) throw new Error(`expected a valid scenario, got ${JSON.stringify(result.issues)}`);
  return result.scenario;
}

function messagesOf(...sets: string[]): string[] {
  const result = load(...sets);
  if (result.ok) throw new Error('expected the overrides to fail');
  return result.issues.map((issue) => issue.message);
}

describe('--set path=value', () => {
  it('sets numbers written in any YAML form', () => {
    const scenario = scenarioWith('players[1].cashUsd=3e8', 'demand.bass.pPerWeek=0.02', 'seed=0x10');
    expect(scenario.players[1]?.cashUsd).toBe(3e8);
    expect(scenario.demand.bass.pPerWeek).toBe(0.02);
    expect(scenario.seed).toBe(16);
  });

  it('names a list item by its id, with dots or brackets', () => {
    const scenario = scenarioWith('players.beta.brand=2', 'players[alpha].brand=-1');
    expect(scenario.players.map((player) => player.brand)).toEqual([-1, 2]);
  });

  it('reads booleans, text and flow collections', () => {
    const scenario = scenarioWith(
      'demand.stochasticAdoption=false',
      'name=Another name',
      'players[0].homeProvinces=[hunan, hubei]',
      'network={multiHomingCap: 1}',
    );
    expect(scenario.demand.stochasticAdoption).toBe(false);
    expect(scenario.name).toBe('Another name');
    expect(scenario.players[0]?.homeProvinces).toEqual(['hunan', 'hubei']);
    expect(scenario.network.multiHomingCap).toBe(1);
    expect(scenario.network.dropAfterWeeks).toBe(4);
  });

  it('creates missing mappings on the way', () => {
    expect(scenarioWith('players.alpha.fundraising.runwayThresholdWeeks=10').players[0]?.fundraising?.runwayThresholdWeeks).toBe(10);
  });

  it('applies overrides in order, the last one winning', () => {
    expect(scenarioWith('seed=1', 'seed=2').seed).toBe(2);
  });

  it('changes the hash like editing the file would', () => {
    const plain = loadScenarioSync(MINIMAL);
    const changed = loadScenarioSync(MINIMAL, { sets: ['seed=8'] });
    const same = loadScenarioSync(MINIMAL, { sets: ['seed=7'] });
    if (!plain.ok || !changed.ok || !same.ok) throw new Error('expected valid scenarios');
    expect(changed.source.hash).not.toBe(plain.source.hash);
    expect(same.source.hash).toBe(plain.source.hash);
  });

  it('reports a value the schema rejects as coming from --set', () => {
    const result = load('players[1].cashUsd=-3');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([
        expect.objectContaining({ file: SET_SOURCE, line: 0, path: 'players[1].cashUsd', message: message.atLeast(0, true, -3) }),
      ]);
    }
  });

  it('reports an unknown key set from the command line with a suggestion', () => {
    expect(messagesOf('players.alpha.cashYaun=1')).toEqual([message.unknownKey('cashYaun', 'cashYuan')]);
  });

  it.each([
    ['seed', message.setNoEquals('seed')],
    ['=3', message.setNoEquals('=3')],
    ['players[5].brand=1', message.setIndexOutOfRange('players[5].brand=1', 'players', 5, 2)],
    ['players.alpah.brand=1', message.setNoSuchId('players.alpah.brand=1', 'players', 'alpah', 'alpha')],
    ['name.first=x', message.setNotACollection('name.first=x', 'name', 'Minimal two-player market')],
    ['players..brand=1', message.setBadPath('players..brand=1', 'empty step in "players..brand"')],
    ['players[0]brand=1', message.setBadPath('players[0]brand=1', 'unexpected "b" in "players[0]brand"')],
    ['extends=other.yaml', message.setForbidden('extends=other.yaml', 'extends')],
  ])('reports the bad override %s, naming --set', (expression, expected) => {
    const result = load(expression);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([expect.objectContaining({ file: SET_SOURCE, stage: 'set', message: expected })]);
      expect(expected).toContain('--set');
    }
  });

  it('reports a value that is not valid YAML', () => {
    expect(messagesOf('players[0].homeProvinces=[hunan')[0]).toMatch(/^--set players\[0\]\.homeProvinces=\[hunan: bad value/);
  });

  it('still validates the rest of the scenario when one override is bad', () => {
    expect(messagesOf('players[9].brand=1', 'horizonWeeks=0')).toEqual([
      message.setIndexOutOfRange('players[9].brand=1', 'players', 9, 2),
      message.atLeast(1, true, 0),
    ]);
  });
});
