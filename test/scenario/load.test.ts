import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MAX_EXTENDS_DEPTH } from '../../sim/scenario/extends-chain.js';
import { loadScenario, loadScenarioSync } from '../../sim/scenario/load.js';
import type { LoadResult } from '../../sim/scenario/load.js';
import type { ScenarioIssue } from '../../sim/scenario/issues.js';
import * as message from '../../sim/scenario/messages.js';
import { MAX_FILE_BYTES } from '../../sim/scenario/read-file.js';
import { MINIMAL, tempFolder } from './helpers.js';

const minimalText = readFileSync(MINIMAL, 'utf8');
const folder = tempFolder();

function issuesOf(result: LoadResult): readonly ScenarioIssue[] {
  if (result.ok) throw new Error('expected the scenario to be invalid');
  return result.issues;
}

function scenarioOf(result: LoadResult) {
  if (!result.ok) throw new Error(`expected a valid scenario, got ${JSON.stringify(result.issues)}`);
  return result;
}

/** Writes `name` beside a copy of the minimal fixture (so `extends: minimal.yaml` works) and returns its path. */
function besideMinimal(name: string, text: string): string {
  folder.write('minimal.yaml', minimalText);
  return folder.write(name, text);
}

describe('loadScenario', () => {
  it('loads a YAML scenario and fills in the defaults', async () => {
    const { scenario, source } = scenarioOf(await loadScenario(MINIMAL));
    expect(scenario.players.map((player) => player.id)).toEqual(['alpha', 'beta']);
    expect(scenario.network.multiHomingCap).toBe(2);
    expect(scenario.players[0]?.expansion.tierPriority).toEqual(['village', 'township', 'county', 'city']);
    expect(scenario.players[0]?.kind).toBe('startup');
    expect(scenario.yuanPerUsd).toBe(6.5);
    expect(source.chain).toEqual([MINIMAL]);
    expect(source.text).toBe(minimalText);
    expect(source.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads the same scenario from JSON with the same hash', () => {
    const json = folder.write('minimal.json', JSON.stringify(parseYaml(minimalText), null, 2));
    const fromYaml = scenarioOf(loadScenarioSync(MINIMAL));
    const fromJson = scenarioOf(loadScenarioSync(json));
    expect(fromJson.scenario).toEqual(fromYaml.scenario);
    expect(fromJson.source.hash).toBe(fromYaml.source.hash);
  });

  it('gives a hash that ignores comments, layout and key order but not values', () => {
    const reordered = folder.write('reordered.yaml', `# moved around\nhorizonWeeks: 12\n${minimalText.replace('horizonWeeks: 12\n', '')}`);
    const changed = folder.write('changed.yaml', minimalText.replace('seed: 7', 'seed: 8'));
    const base = scenarioOf(loadScenarioSync(MINIMAL)).source.hash;
    expect(scenarioOf(loadScenarioSync(reordered)).source.hash).toBe(base);
    expect(scenarioOf(loadScenarioSync(changed)).source.hash).not.toBe(base);
  });

  it('reports every problem of a file at once, sorted by line', () => {
    const bad = folder.write(
      'many.yaml',
      minimalText
        .replace('horizonWeeks: 12', 'horizonWeeks: -1')
        .replace('cashYuan: 500000000', 'cashYuan: -5')
        .replace('player: alpha', 'player: alpah'),
    );
    const issues = issuesOf(loadScenarioSync(bad));
    expect(issues.map((issue) => issue.path)).toEqual(['horizonWeeks', 'players[0].cashYuan', 'events[0].player']);
    expect(issues.map((issue) => issue.line)).toEqual([...issues.map((issue) => issue.line)].sort((a, b) => a - b));
  });

  it('words shape problems in plain language with the offending value', () => {
    const bad = folder.write('shapes.yaml', minimalText.replace('basketYuan: 40', 'basketYuan: "forty"').replace('cashYuan: 500000000', 'cashYuan: -3e8'));
    const issues = issuesOf(loadScenarioSync(bad));
    expect(issues.find((issue) => issue.path === 'demand.basketYuan')).toMatchObject({
      message: message.expectedType('a number', 'forty'),
      got: '"forty"',
    });
    expect(issues.find((issue) => issue.path === 'players[0].cashYuan')?.message).toBe('must be ≥ 0 (got -300000000)');
  });

  it('points an unknown key at the key itself and suggests the nearest allowed key', () => {
    const bad = folder.write('typo.yaml', minimalText.replace('    cashYuan: 500000000', '    cashYaun: 500000000'));
    const issue = issuesOf(loadScenarioSync(bad)).find((found) => found.path === 'players[0].cashYaun');
    const line = minimalText.split('\n').findIndex((text) => text.includes('cashYuan: 500000000')) + 1;
    expect(issue).toMatchObject({ line, col: 5, path: 'players[0].cashYaun', message: message.unknownKey('cashYaun', 'cashYuan') });
  });

  it('points a missing required field at the mapping that lacks it', () => {
    const bad = folder.write('missing.yaml', minimalText.replace('    takeRate: 0.18\n', ''));
    const [issue] = issuesOf(loadScenarioSync(bad));
    const line = minimalText.split('\n').findIndex((text) => text === '  - id: beta') + 1;
    expect(issue).toMatchObject({ line, col: 5, path: 'players[1].takeRate', message: message.required() });
  });

  it('runs the cross-reference checks even when shapes are wrong', () => {
    const bad = folder.write('both.yaml', minimalText.replace('horizonWeeks: 12', 'horizonWeeks: many').replace('player: alpha', 'player: gamma'));
    const paths = issuesOf(loadScenarioSync(bad)).map((issue) => issue.path);
    expect(paths).toEqual(['horizonWeeks', 'events[0].player']);
  });
});

describe('loadScenario on files that are not scenarios', () => {
  const cases: [string, () => string, string][] = [
    ['a missing path', () => join(folder.dir, 'no-such.yaml'), message.fileNotFound()],
    ['a directory', () => folder.dir, message.isDirectory()],
    ['an empty file', () => folder.write('empty.yaml', ''), message.emptyFile()],
    ['a file of comments only', () => folder.write('comments.yaml', '# nothing\n'), message.emptyFile()],
    ['binary garbage', () => folder.write('garbage.yaml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3])), message.binaryFile()],
    ['text that is not UTF-8', () => folder.write('latin1.yaml', new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a])), message.notUtf8()],
    ['a scalar top level', () => folder.write('scalar.yaml', 'just words\n'), message.notAMapping('just words')],
    ['a list top level', () => folder.write('list.yaml', '- a\n- b\n'), message.notAMapping([])],
    ['a file over the size cap', () => folder.write('huge.yaml', `# ${'x'.repeat(MAX_FILE_BYTES)}\n`), 'file is too large'],
    ['two YAML documents', () => folder.write('two.yaml', 'name: a\n---\nname: b\n'), 'YAML syntax error'],
    ['a list used as a key', () => folder.write('complex-key.yaml', '? [a, b]\n: 1\n'), message.complexKey()],
  ];
  it.each(cases)('gives one clear issue for %s', (_, makePath, expected) => {
    const issues = issuesOf(loadScenarioSync(makePath()));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain(expected);
  });

  it('rejects YAML tags, even the standard YAML 1.1 ones that make objects', () => {
    const path = folder.write('tags.yaml', 'name: !!binary aGVsbG8=\nseed: !!set {a}\n');
    expect(issuesOf(loadScenarioSync(path)).map((issue) => issue.message)).toEqual([message.unknownTag('!!binary'), message.unknownTag('!!set')]);
  });

  it('accepts plain aliases within the limit but rejects an alias that contains itself', () => {
    const ok = folder.write('aliases.yaml', minimalText.replace('neighbours: [hubei]', 'neighbours: &n [hubei]').replace('homeProvinces: [hunan]', 'homeProvinces: *n'));
    expect(scenarioOf(loadScenarioSync(ok)).scenario.players[0]?.homeProvinces).toEqual(['hubei']);
    const recursive = folder.write('recursive.yaml', 'a: &a\n  b: *a\n');
    expect(issuesOf(loadScenarioSync(recursive))[0]?.message).toBe(message.recursiveAlias('a'));
  });

  it('reads a strict JSON file and reports a syntax error with its line', () => {
    const path = folder.write('bad.json', '{\n  "name": "x",\n  "seed": 1,\n}\n');
    expect(issuesOf(loadScenarioSync(path))[0]).toMatchObject({ line: 4, col: 1, stage: 'yaml' });
  });
});

describe('extends', () => {
  it('merges the child over its base: mappings key by key, lists without ids replaced', () => {
    const child = besideMinimal('child.yaml', [
        'extends: minimal.yaml',
        'name: Child',
        'demand:',
        '  bass: { pPerWeek: 0.02 }',
        'events: []',
      ].join('\n'));
    const result = scenarioOf(loadScenarioSync(child));
    expect(result.scenario.name).toBe('Child');
    expect(result.scenario.demand.bass).toEqual({ pPerWeek: 0.02, qPerWeek: 0.2, pBoostPerSubsidyYuan: 0 });
    expect(result.scenario.events).toEqual([]);
    expect(result.scenario.players).toHaveLength(2);
    expect('extends' in result.scenario).toBe(false);
    expect(result.source.chain.map((file) => relative(folder.dir, file))).toEqual(['child.yaml', 'minimal.yaml']);
  });

  it('merges lists of items with ids by id: named items change, new ones follow, the rest stay', () => {
    const child = besideMinimal('by-id.yaml', [
        'extends: minimal.yaml',
        'players:',
        '  - id: beta',
        '    brand: 2',
        '  - id: gamma',
        '    name: Gamma',
        '    cashYuan: 1000',
        '    takeRate: 0.2',
        '    commissionRate: 0.1',
        '    expansion: { targetNewPointsPerWeek: 5 }',
      ].join('\n'));
    const { scenario } = scenarioOf(loadScenarioSync(child));
    expect(scenario.players.map((player) => [player.id, player.brand, player.name])).toEqual([
      ['alpha', 0, 'Alpha Youxuan'],
      ['beta', 2, 'Beta Maicai'],
      ['gamma', 0, 'Gamma'],
    ]);
    expect(scenario.players[1]?.cashUsd).toBe(50000000);
  });

  it('replaces a list with ids when the child repeats an id, so the repetition is reported', () => {
    const child = besideMinimal('repeat.yaml', 'extends: minimal.yaml\nplayers: [{ id: beta, brand: 1 }, { id: beta, brand: 2 }]\n');
    const issues = issuesOf(loadScenarioSync(child));
    expect(issues.map((issue) => issue.message)).toContain(message.duplicateId('player', 'beta', 'players[0]'));
  });

  it('places a problem in the file and line that wrote the value', () => {
    const base = folder.write('placed/base.yaml', minimalText.replace('basketYuan: 40', 'basketYuan: 0'));
    const child = folder.write('placed/child.yaml', 'extends: base.yaml\n\nhorizonWeeks: 0\n');
    const basketLine = minimalText.split('\n').findIndex((text) => text.includes('basketYuan: 40')) + 1;
    expect(issuesOf(loadScenarioSync(child))).toEqual([
      expect.objectContaining({ file: child, line: 3, col: 1, path: 'horizonWeeks' }),
      expect.objectContaining({ file: base, line: basketLine, col: 3, path: 'demand.basketYuan' }),
    ]);
  });

  it('names base files relative to the file that extends them', () => {
    folder.write('names/base.yaml', minimalText.replace('horizonWeeks: 12', 'horizonWeeks: 0'));
    folder.write('names/deep/child.yaml', 'extends: ../base.yaml\n');
    const display = relative(process.cwd(), join(folder.dir, 'names/deep/child.yaml'));
    // The base lies outside the working directory and the named file's folder: allowed explicitly.
    const [issue] = issuesOf(loadScenarioSync(display, { allowOutside: true }));
    expect(issue?.file).toBe(join(display, '../../base.yaml'));
  });

  it('reports a cycle once, naming the whole chain, at the extends that closes it', () => {
    const a = folder.write('cycle/a.yaml', 'extends: b.yaml\n');
    folder.write('cycle/b.yaml', 'extends: c.yaml\n');
    const c = folder.write('cycle/c.yaml', 'name: C\nextends: a.yaml\n');
    const issues = issuesOf(loadScenarioSync(a));
    expect(issues).toEqual([expect.objectContaining({ file: c, line: 2, col: 10, message: message.extendsCycle([a, join(folder.dir, 'cycle/b.yaml'), c, a]) })]);
  });

  it('stops a chain of extends longer than the limit', () => {
    for (let i = 0; i <= MAX_EXTENDS_DEPTH; i++) folder.write(`long/${i}.yaml`, `extends: ${i + 1}.yaml\n`);
    const issues = issuesOf(loadScenarioSync(join(folder.dir, 'long/0.yaml')));
    expect(issues).toEqual([expect.objectContaining({ message: message.extendsTooDeep(MAX_EXTENDS_DEPTH), stage: 'extends' })]);
  });

  it('reports a missing target at the extends value', () => {
    const path = folder.write('orphan.yaml', '# an orphan\nextends:   nowhere.yaml\n');
    expect(issuesOf(loadScenarioSync(path))).toEqual([
      expect.objectContaining({ line: 2, col: 12, message: message.extendsMissing('nowhere.yaml'), stage: 'extends' }),
    ]);
  });

  it('resolves cellsCsv relative to the file that wrote it, wherever the child is', () => {
    folder.write('csv/base/base.yaml', `${minimalText}\n`.replace('geography:\n', 'geography:\n  cellsCsv: data/cells.csv\n'));
    const child = folder.write('csv/child.yaml', 'extends: base/base.yaml\n');
    const result = scenarioOf(loadScenarioSync(child));
    const expected = join(folder.dir, 'csv/base/data/cells.csv');
    expect(result.scenario.geography.cellsCsv).toBe(expected);
    expect(result.source.resolvedPaths).toEqual({ 'geography.cellsCsv': expected });
  });

  it('resolves cellsCsv given with --set relative to the working folder', () => {
    const result = scenarioOf(loadScenarioSync(MINIMAL, { sets: ['geography.cellsCsv=cells.csv'], cwd: folder.dir }));
    expect(result.scenario.geography.cellsCsv).toBe(join(folder.dir, 'cells.csv'));
  });
});
