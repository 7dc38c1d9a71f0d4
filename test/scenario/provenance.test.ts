/**
 * MODEL.md §6: every number in a shipped scenario cites its source (the seed article or a named
 * public source) or says it is an assumption. A numeric line passes when the line itself (its
 * comment, or an event's `note`), or a comment in the block of lines above it (up to a blank
 * line), names a source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validScenarioFiles } from './corpus.js';
import { ROOT } from './helpers.js';

const SOURCE = /\b(seed|assumptions?|census|SAMR|NBS|public reports?)\b|https?:\/\/\S+|parameters\.md/i;
/** Keys whose numbers are choices of the run, not claims about the market. */
const CHOICES = /^\s*(seed|horizonWeeks|resolution):/;
const NUMBER = /(?::|,|\[)\s*-?\d[\d_.]*(e[+-]?\d+)?\s*(?:[,}\]#]|$)/i;

/** Lines of `text` that hold a number but cite no source. */
export function uncitedNumbers(text: string): string[] {
  const lines = text.split('\n');
  return lines.filter((line, i) => {
    const code = line.replace(/#.*$/, '');
    if (!NUMBER.test(code) || CHOICES.test(code) || /^\s*-?\s*\{?\s*name:/.test(code) && !/\d/.test(code.replace(/name:[^,}]*/, ''))) return false;
    if (SOURCE.test(line)) return false;
    for (let k = i - 1; k >= 0 && lines[k]!.trim() !== ''; k--) {
      if (lines[k]!.trim().startsWith('#') && SOURCE.test(lines[k]!)) return false;
    }
    return true;
  });
}

describe('provenance of shipped numbers', () => {
  it('finds a number with no source (so the check can fail)', () => {
    expect(uncitedNumbers('demand:\n  basketYuan: 15\n')).toEqual(['  basketYuan: 15']);
    expect(uncitedNumbers('demand:\n  basketYuan: 15  # (assumption)\n')).toEqual([]);
    expect(uncitedNumbers('# census figures\nprovinces:\n  - { households: 100 }\n')).toEqual([]);
  });

  it.each(validScenarioFiles().filter((file) => !file.startsWith('scenarios/invalid')))('cites a source for every number in %s', (file) => {
    expect(uncitedNumbers(readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });
});
