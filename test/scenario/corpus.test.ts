import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssueCompact } from '../../sim/scenario/issues.js';
import { loadScenarioSync } from '../../sim/scenario/load.js';
import { invalidScenarioFiles, validScenarioFiles } from './corpus.js';
import { ROOT } from './helpers.js';

describe('the shipped scenarios', () => {
  const files = validScenarioFiles();
  if (files.length === 0) {
    it.skip('validates every file in scenarios/ outside invalid/ (none shipped yet)', () => {});
  } else {
    it.each(files)('validates %s', (file) => {
      const result = loadScenarioSync(file, { cwd: ROOT });
      if (!result.ok) expect.fail(result.issues.map(formatIssueCompact).join('\n'));
      expect(result.ok).toBe(true);
    });
  }
});

describe('the invalid corpus (scenarios/invalid/)', () => {
  const corpus = invalidScenarioFiles();

  it('has at least 15 files, each with at least one expectation', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    for (const { file, expectations } of corpus) expect(expectations.length, file).toBeGreaterThan(0);
  });

  it('extends a base that is itself valid, so each file fails only for its own reason', () => {
    expect(loadScenarioSync(join('scenarios', 'invalid', 'parts', 'base.yaml'), { cwd: ROOT }).ok).toBe(true);
  });

  it.each(corpus)('$file fails exactly as its expect lines say', ({ file, expectations }) => {
    const result = loadScenarioSync(file, { cwd: ROOT });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const shown = result.issues.map(formatIssueCompact).join('\n');
    expect(result.issues, shown).toHaveLength(expectations.length);
    for (const expected of expectations) {
      const found = result.issues.some(
        (issue) =>
          issue.file === expected.file &&
          issue.line === expected.line &&
          issue.col === expected.col &&
          (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`).includes(expected.text),
      );
      expect(found, `expected ${expected.file}:${expected.line}:${expected.col} "${expected.text}" among\n${shown}`).toBe(true);
    }
  });
});
