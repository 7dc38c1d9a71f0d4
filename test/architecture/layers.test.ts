/**
 * The layers stay as STYLE.md draws them: `sim/model`, `sim/kernel` and `sim/random` do no I/O
 * (no `node:` modules, no `process`, no wall clock), only `sim/kernel/simjs.ts` imports simjs, code
 * that only needs dates imports the calendar rather than the kernel, imports never point up
 * (model → experiment, cli, scenario's loaders or reports), and inside `sim/model` only the driver
 * (`market.ts`, and `run.ts` which runs it) wires the event kernel: the phase modules take a
 * `MarketContext` and import neither the kernel nor `market.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => relative(ROOT, join(ROOT, folder, file)));
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

/** Problems of one file against the pure-layer rules. */
export function pureLayerProblems(file: string, text: string, imports: readonly string[]): string[] {
  const problems: string[] = [];
  for (const spec of imports) {
    if (spec.startsWith('node:') || ['fs', 'path', 'os', 'worker_threads', 'child_process'].includes(spec)) problems.push(`${file} imports ${spec}`);
    if (spec === 'simjs' && file !== 'sim/kernel/simjs.ts') problems.push(`${file} imports simjs`);
    if (/\/(experiment|cli)\//.test(spec) || spec.includes('reports/')) problems.push(`${file} imports upward: ${spec}`);
  }
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  for (const pattern of [/\bprocess\./, /Math\.random\(/, /Date\.now\(/, /new Date\(\s*\)/, /performance\.now\(/]) {
    if (pattern.test(code)) problems.push(`${file} uses ${pattern.source}`);
  }
  return problems;
}

/** The model modules allowed to see the event kernel or the `Market` driver. */
const DRIVERS = ['sim/model/market.ts', 'sim/model/run.ts'];

/** Problems of one `sim/model` file against the driver/phase split. */
export function phaseModuleProblems(file: string, imports: readonly string[]): string[] {
  if (DRIVERS.includes(file)) return [];
  const problems: string[] = [];
  for (const spec of imports) {
    if (/(^|\/)kernel(\/|$)/.test(spec) || spec === 'simjs') problems.push(`${file} imports the kernel (${spec}): take a MarketContext instead`);
    if (/(^|\/)market(\.js)?$/.test(spec)) problems.push(`${file} imports the Market driver (${spec}): take a MarketContext instead`);
  }
  return problems;
}

describe('layers', () => {
  const pure = [...sourceFiles('sim/model'), ...sourceFiles('sim/kernel'), ...sourceFiles('sim/random')];

  it('finds what it looks for (the check can fail)', () => {
    expect(pureLayerProblems('sim/model/x.ts', "import { readFileSync } from 'node:fs';\nconst t = Date.now();", ['node:fs'])).toHaveLength(2);
    expect(pureLayerProblems('sim/model/x.ts', '', ['../experiment/run-once.js'])).toHaveLength(1);
  });

  it('keeps sim/model, sim/kernel and sim/random free of I/O, the wall clock and upward imports', () => {
    expect(pure.length).toBeGreaterThan(20);
    const problems = pure.flatMap((file) => pureLayerProblems(file, readFileSync(join(ROOT, file), 'utf8'), importsOf(file)));
    expect(problems).toEqual([]);
  });

  it('lets only sim/kernel/simjs.ts import simjs', () => {
    const all = [...sourceFiles('sim'), ...sourceFiles('reports')];
    expect(all.filter((file) => importsOf(file).includes('simjs'))).toEqual(['sim/kernel/simjs.ts']);
  });

  it('has date-only code import the calendar, not the kernel', () => {
    const users = [...sourceFiles('sim'), ...sourceFiles('reports')].filter((file) => importsOf(file).some((spec) => /kernel\/index\.js$/.test(spec)));
    for (const file of users) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(/\bKernel\b/.test(text.replace(/import[^;]*;/g, '')), `${file} imports the kernel but only uses dates`).toBe(true);
    }
  });

  it('finds a phase module that reaches for the kernel or the driver (the check can fail)', () => {
    expect(phaseModuleProblems('sim/model/clearing.ts', ['../kernel/index.js', './market.js', './choice.js'])).toHaveLength(2);
    expect(phaseModuleProblems('sim/model/capital.ts', ['../kernel/kernel.js'])).toHaveLength(1);
    expect(phaseModuleProblems('sim/model/market.ts', ['../kernel/index.js'])).toEqual([]);
    expect(phaseModuleProblems('sim/model/run.ts', ['./market.js'])).toEqual([]);
  });

  it('lets only the driver (market.ts, run.ts) wire the kernel: phase modules import neither the kernel nor market.ts', () => {
    const model = sourceFiles('sim/model');
    expect(model).toEqual(expect.arrayContaining(['sim/model/clearing.ts', 'sim/model/capital.ts', 'sim/model/state.ts']));
    expect(model.flatMap((file) => phaseModuleProblems(file, importsOf(file)))).toEqual([]);
    expect(importsOf('sim/model/market.ts')).toContain('../kernel/index.js');
  });
});
