import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioSync } from '../../sim/scenario/load.js';
import * as message from '../../sim/scenario/messages.js';
import { MINIMAL, tempFolder } from '../scenario/helpers.js';

const folder = tempFolder();
const minimal = readFileSync(MINIMAL, 'utf8');
const DESCRIPTION = /^description: .*$/m;

/** The minimal fixture with its description replaced by `value` (a tagged node). */
function withDescription(name: string, value: string): string {
  return folder.write(name, minimal.replace('$schema: ../../scenarios/schema.json\n', '').replace(DESCRIPTION, `description: ${value}`));
}

describe('YAML is read as data only', () => {
  it.each([
    ['!!js/function "function () { globalThis.pwned = 1 }"', '!!js/function'],
    ['!!js/undefined ""', '!!js/undefined'],
    ['!!js/regexp /x/', '!!js/regexp'],
    ['!foo bar', '!foo'],
    ['!include secrets.yaml', '!include'],
    ['!!python/object/apply:os.system ["ls"]', '!!python/object/apply:os.system'],
    ['!!binary aGVsbG8=', '!!binary'],
    ['!!set { a, b }', '!!set'],
    ['!!omap [ a: 1 ]', '!!omap'],
    ['!!timestamp 2020-01-01', '!!timestamp'],
    ['!<tag:yaml.org,2002:js/function> x', '!!js/function'],
  ])('refuses `%s` as an unknown tag at its place, and runs nothing', (value, tag) => {
    const result = loadScenarioSync(withDescription(`tag-${tag.replace(/\W/g, '_')}.yaml`, value));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([expect.objectContaining({ line: 4, col: 14, message: message.unknownTag(tag) })]);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('refuses a tag declared by a %TAG directive', () => {
    const file = folder.write('directive.yaml', `%TAG !e! tag:evil.example,2020:\n---\n${minimal.replace(DESCRIPTION, 'description: !e!run x')}`);
    const result = loadScenarioSync(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toBe(message.unknownTag('tag:evil.example,2020:run'));
  });

  it('accepts the plain-data tags !!str, !!int, !!bool, !!map and !!seq', () => {
    const text = minimal
      .replace('$schema: ../../scenarios/schema.json\n', '')
      .replace(DESCRIPTION, 'description: !!str 12')
      .replace('seed: 7', 'seed: !!int 7')
      .replace('homeProvinces: [hunan]', 'homeProvinces: !!seq [hunan]')
      .replace('demand:\n', 'demand:\n  stochasticAdoption: !!bool false\n');
    const result = loadScenarioSync(folder.write('plain-tags.yaml', `${text}\nnetwork: !!map { multiHomingCap: !!int 2 }\n`));
    if (!result.ok) expect.fail(JSON.stringify(result.issues));
    expect(result.scenario.description).toBe('12');
    expect(result.scenario.players[0]?.homeProvinces).toEqual(['hunan']);
    expect(result.scenario.demand.stochasticAdoption).toBe(false);
  });
});
