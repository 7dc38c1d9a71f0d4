/**
 * A design made elsewhere (SALib, pyDOE, R's lhs): a CSV file with one column per scenario path
 * (the header, as --set writes paths) and one row per point, every cell a number.
 *
 *   demand.bass.qPerWeek,players.red.cashYuan
 *   0.08,3.0e8
 *   0.11,5.5e8
 *
 * Every problem is reported at once with its line and column; paths must name numbers of the
 * scenario. Cells are not quoted (numbers and paths hold no commas); a header name may be.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScenarioIssue } from '../scenario/issues.js';
import type { Scenario } from '../scenario/schema.js';
import { resolveFactorPath } from '../scenario/uncertainty.js';

export type DesignCsv = { ok: true; paths: string[]; rows: number[][] } | { ok: false; issues: ScenarioIssue[] };

/** The largest design accepted (points). */
export const MAX_DESIGN_POINTS = 1_000_000;

interface Cell {
  text: string;
  col: number;
}

function cells(line: string): Cell[] {
  const out: Cell[] = [];
  let col = 1;
  for (const raw of line.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    out.push({ text: raw.trim().replace(/^"(.*)"$/, '$1'), col: col + lead });
    col += raw.length + 1;
  }
  return out;
}

/** Reads `file` (relative to `cwd`) and checks it against `scenario` (see the module comment). */
export function readDesignCsv(file: string, cwd: string, scenario: Scenario): DesignCsv {
  const issue = (line: number, col: number, path: string, message: string): ScenarioIssue => ({ file, line, col, path, message, stage: 'shape' });
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, issues: [issue(0, 0, '', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(error)})`)] };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length < 2) return { ok: false, issues: [issue(1, 1, '', 'a design needs a header of scenario paths and at least one row of values')] };
  const header = cells(lines[0]!);
  const issues: ScenarioIssue[] = [];
  const whole = new Set<number>();
  header.forEach((cell, i) => {
    if (cell.text === '') issues.push(issue(1, cell.col, '', `column ${i + 1} has no name (each column is a scenario path)`));
    else if (header.findIndex((other) => other.text === cell.text) < i) issues.push(issue(1, cell.col, cell.text, 'this path is already a column'));
    else {
      const resolved = resolveFactorPath(scenario, cell.text);
      if ('problem' in resolved) issues.push(issue(1, cell.col, cell.text, resolved.problem));
      else if (resolved.whole) whole.add(i);
    }
  });
  if (lines.length - 1 > MAX_DESIGN_POINTS) issues.push(issue(0, 0, '', `more than ${MAX_DESIGN_POINTS} points`));
  const rows: number[][] = [];
  for (let n = 1; n < lines.length && issues.length < 100; n++) {
    const row = cells(lines[n]!);
    if (row.length !== header.length) {
      issues.push(issue(n + 1, 1, '', `${row.length} values; the header has ${header.length} columns`));
      continue;
    }
    rows.push(row.map((cell, i) => {
      const value = cell.text === '' ? NaN : Number(cell.text);
      if (!Number.isFinite(value)) issues.push(issue(n + 1, cell.col, header[i]!.text, `"${cell.text}" is not a number`));
      else if (whole.has(i) && !Number.isInteger(value)) issues.push(issue(n + 1, cell.col, header[i]!.text, `takes whole numbers (got ${cell.text})`));
      return value;
    }));
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, paths: header.map((cell) => cell.text), rows };
}
