import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** The report modules that must run in a browser page too: everything but reading, rendering and writing files. */
const PURE = [
  ...readdirSync(join(ROOT, 'reports/charts')).map((name) => `reports/charts/${name}`),
  ...readdirSync(join(ROOT, 'reports/summary')).map((name) => `reports/summary/${name}`),
  'reports/escape.ts',
  'reports/html.ts',
  'reports/page.ts',
  'reports/parameters-html.ts',
  'reports/results.ts',
  'reports/words.ts',
];

function imports(source: string): Array<{ typeOnly: boolean; from: string }> {
  return [...source.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)].map((m) => ({ typeOnly: m[1] !== undefined, from: m[2]! }));
}

describe('the report layer', () => {
  it.each(PURE)('keeps %s free of Node-only APIs and of the model (plain rows, result types and leaf rules only)', (file) => {
    const source = readFileSync(join(ROOT, file), 'utf8');
    expect(source).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
    for (const { typeOnly, from } of imports(source)) {
      expect(from, `${file} imports ${from}`).not.toMatch(/^node:|^(fs|path|os|url|worker_threads|child_process)$/);
      if (!from.includes('/sim/') || typeOnly) continue;
      // A value from the simulator only from a leaf module: one that imports nothing and uses no
      // Node API (a rule shared by a command and its report, such as sim/experiment/simulated-range.ts).
      const leaf = readFileSync(join(ROOT, dirname(file), from.replace(/\.js$/, '.ts')), 'utf8');
      expect(imports(leaf), `${file} imports values from ${from}, which imports other modules`).toEqual([]);
      expect(leaf, `${file} imports values from ${from}, which uses Node`).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
    }
  });
});
