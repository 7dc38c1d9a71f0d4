/**
 * Issue 13: docs/columns.md is generated from the column lists the writers use, every column has
 * a description, and the file in the repository is current.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnsMarkdown, OUTPUT_FILES, undescribed } from '../../sim/experiment/columns.js';
import { sweepFiles } from '../../sim/experiment/sweep.js';
import type { SweepResult } from '../../sim/experiment/types.js';
import { ROOT } from '../scenario/helpers.js';

describe('the column dictionary', () => {
  it('describes every column every CSV writer writes', () => {
    expect(undescribed()).toEqual([]);
  });

  it('lists the sweep columns as sweepFiles writes them', () => {
    const interval = { estimate: 0.5, low: 0.4, high: 0.6 };
    const result: SweepResult = {
      kind: 'sweep', gbsimVersion: 'x', scenario: { name: 's', file: 's.yaml', hash: 'h' }, design: 'grid', seed: 1, runs: 1, complete: true,
      vary: [{ path: 'a.b', from: 0, to: 1, steps: 2 }],
      points: [{ point: 0, values: { 'a.b': 0 }, players: [{ id: 'red', survival: interval, finalShare: interval }], meanSurvivors: 1, shakeoutProbability: 0, meanFinalHhi: 1 }],
    };
    const files = sweepFiles(result);
    const template = (name: string) => OUTPUT_FILES.find((f) => f.file.startsWith(name))!.columns.map((c) => c.replace('<path>', 'a.b').replace('<id>', 'red')).join(',');
    expect((files['sweep.csv'] as string).split('\n')[0]).toBe(template('sweep.csv'));
    expect((files['sweep-players.csv'] as string).split('\n')[0]).toBe(template('sweep-players.csv'));
  });

  it('is committed up to date in docs/columns.md (npm run docs:columns)', () => {
    expect(readFileSync(join(ROOT, 'docs/columns.md'), 'utf8')).toBe(columnsMarkdown());
  });
});
