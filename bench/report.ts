/**
 * Turns measured modules into text: the console table and bench/RESULTS.md, which holds one
 * section per bench module between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` markers, so
 * running some benchmarks replaces their sections in place and keeps the others.
 */
import os from 'node:os';
import type { BenchModule, ModuleResult, TaskMeasurement } from './harness.js';

/** Where and when a run happened. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly date: string;
}

export function describeMachine(now: Date): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    node: process.version,
    date: now.toISOString().slice(0, 10),
  };
}

const COLUMNS = ['task', 'median', 'min', 'max', 'samples', 'figure', 'RSS'] as const;

function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toPrecision(3)} ms`;
}

function formatRate(perSecond: number, unit: string): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M ${unit}`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k ${unit}`;
  return `${perSecond.toPrecision(3)} ${unit}`;
}

/** The cells of one table row, in COLUMNS order. */
export function rowCells(m: TaskMeasurement): string[] {
  return [
    m.name,
    formatMs(m.medianMs),
    formatMs(m.minMs),
    formatMs(m.maxMs),
    String(m.samples),
    m.perSecond === undefined || m.unit === undefined ? '' : formatRate(m.perSecond, m.unit),
    `${(m.rssBytes / 2 ** 20).toFixed(0)} MB`,
  ];
}

/** A fixed-width table for the terminal. */
export function consoleTable(rows: readonly TaskMeasurement[]): string {
  const cells = [[...COLUMNS], ...rows.map(rowCells)];
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  const [header, ...body] = cells;
  return [line(header ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function markdownTable(rows: readonly TaskMeasurement[]): string {
  const header = `| ${COLUMNS.join(' | ')} |`;
  const rule = `|${COLUMNS.map((_, c) => (c === 0 ? ' --- ' : ' ---: ')).join('|')}|`;
  return [header, rule, ...rows.map((m) => `| ${rowCells(m).join(' | ')} |`)].join('\n');
}

/** Lines for the derived figures and the targets (`met`/`missed` with the figure judged). */
export function verdictLines(result: ModuleResult): string[] {
  return [
    ...result.figures.map((f) => `- ${f.name}: ${f.value}`),
    ...result.targets.map((t) => `- ${t.met ? 'met' : 'missed'}: ${t.name} ${t.target} (measured ${t.figure})`),
  ];
}

/** The RESULTS.md section of one module, markers included. */
export function renderSection(key: string, module: BenchModule, result: ModuleResult, machine: Machine): string {
  const parts = [
    `<!-- bench:${key} -->`,
    `## ${key}: ${module.title}`,
    ...(module.description ? [module.description] : []),
    `Machine: ${machine.cpu} (${machine.cores} cores) · Node ${machine.node} · ${machine.date}`,
    markdownTable(result.measurements.all),
    ...(result.figures.length + result.targets.length > 0 ? [verdictLines(result).join('\n')] : []),
    `<!-- /bench:${key} -->`,
  ];
  return parts.join('\n\n');
}

const PREAMBLE = `# gbsim benchmarks

Written by \`npm run bench\` (bench/run.ts), one section per \`bench/*.bench.ts\`. Running some
benchmarks (\`npm run bench -- kernel\`) replaces their sections and keeps the others.`;

/** Replaces each section in place in the RESULTS.md text; sections not there yet go at the end. */
export function mergeSections(previous: string | undefined, sections: ReadonlyMap<string, string>): string {
  const kept = new Map<string, string>();
  const marker = /<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g;
  for (const match of (previous ?? '').matchAll(marker)) kept.set(match[1] ?? '', match[0]);
  for (const [key, text] of sections) kept.set(key, text);
  return `${[PREAMBLE, ...kept.values()].join('\n\n')}\n`;
}
