import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../sim/scenario/did-you-mean.js';
import { formatIssueCompact, formatIssues, formatPath, ScenarioError, sortIssues } from '../../sim/scenario/issues.js';
import type { ScenarioIssue } from '../../sim/scenario/issues.js';

const issue = (file: string, line: number, col: number, path: string, message: string): ScenarioIssue => ({ file, line, col, path, message, stage: 'shape' });

describe('formatting issues', () => {
  const issues = [
    issue('scenarios/what-if.yaml', 12, 5, 'players[1].cashYuan', 'must be ≥ 0 (got -300000000)'),
    issue('scenarios/what-if.yaml', 20, 3, 'events[0].player', 'no player with id "xingshen" (did you mean "xingsheng"?)'),
  ];

  it('prints a header and one aligned line per problem', () => {
    expect(formatIssues('scenarios/what-if.yaml', issues)).toBe(
      [
        'scenarios/what-if.yaml: 2 problems',
        '  12:5  players[1].cashYuan: must be ≥ 0 (got -300000000)',
        '  20:3  events[0].player: no player with id "xingshen" (did you mean "xingsheng"?)',
      ].join('\n'),
    );
  });

  it('names other files and --set where a problem came from there', () => {
    const text = formatIssues('a.yaml', [
      issue('a.yaml', 3, 1, 'seed', 'x'),
      issue('base.yaml', 7, 3, 'name', 'y'),
      issue('--set', 0, 0, 'horizonWeeks', 'z'),
      issue('a.yaml', 0, 0, '', 'no such file'),
    ]);
    expect(text.split('\n')).toEqual(['a.yaml: 4 problems', '  3:1            seed: x', '  base.yaml:7:3  name: y', '  --set          horizonWeeks: z', '  no such file']);
  });

  it('says "1 problem" for one', () => {
    expect(formatIssues('a.yaml', [issue('a.yaml', 1, 1, '', 'file is empty')])).toBe('a.yaml: 1 problem\n  1:1  file is empty');
  });

  it('has a compact file:line:col form for tools', () => {
    expect(issues.map(formatIssueCompact)).toEqual([
      'scenarios/what-if.yaml:12:5 players[1].cashYuan: must be ≥ 0 (got -300000000)',
      'scenarios/what-if.yaml:20:3 events[0].player: no player with id "xingshen" (did you mean "xingsheng"?)',
    ]);
  });

  it('sorts by file (named file first, --set last), line, then column', () => {
    const sorted = sortIssues(
      [issue('--set', 0, 0, 'a', ''), issue('base.yaml', 1, 1, 'b', ''), issue('top.yaml', 9, 1, 'c', ''), issue('top.yaml', 2, 8, 'd', ''), issue('top.yaml', 2, 3, 'e', '')],
      ['top.yaml', 'base.yaml'],
    );
    expect(sorted.map((item) => item.path)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('writes paths with dots and indices', () => {
    expect(formatPath(['players', 1, 'cashYuan'])).toBe('players[1].cashYuan');
    expect(formatPath(['$schema'])).toBe('$schema');
    expect(formatPath(['tiers', 'odd key'])).toBe('tiers["odd key"]');
    expect(formatPath([])).toBe('');
  });

  it('carries every failure in a ScenarioError and formats them all', () => {
    const error = new ScenarioError([
      { file: 'a.yaml', issues: [issue('a.yaml', 1, 1, '', 'one')] },
      { file: 'b.yaml', issues: [issue('b.yaml', 2, 2, '', 'two')] },
    ]);
    expect(error.message).toBe('a.yaml, b.yaml: 2 problems');
    expect(error.format()).toBe('a.yaml: 1 problem\n  1:1  one\n\nb.yaml: 1 problem\n  2:2  two');
  });
});

describe('did you mean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('cashYaun', 'cashYuan')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the nearest candidate, ignoring case', () => {
    expect(closest('xingshen', ['meituan', 'xingsheng', 'shihui'])).toBe('xingsheng');
    expect(closest('HorizonWeeks', ['horizonWeeks', 'seed'])).toBe('horizonWeeks');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closest('town', ['city', 'county', 'township', 'village'])).toBeUndefined();
    expect(closest('zz', ['ab'])).toBeUndefined();
  });
});
