/**
 * Tidy CSV for R and pandas: a header of column names, one record per row, RFC 4180 quoting.
 * Text cells that a spreadsheet would read as a formula (starting with =, +, -, @, tab or CR)
 * are prefixed with a single quote; numbers are written as numbers. Numbers are rounded to
 * 6 decimals so files stay readable and byte-stable.
 */
import type { Row } from './rows.js';

/** A number as CSV text: integers as they are, others to at most 6 decimals; non-finite as empty. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  const rounded = Math.round(value * 1e6) / 1e6;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A text cell, neutralised against spreadsheet formulas and quoted when needed. */
export function formatText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function formatCell(value: Row[string] | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return formatText(value);
}

export function toCsv(rows: readonly Row[], columns: readonly string[]): string {
  const lines = [columns.map(formatText).join(',')];
  for (const row of rows) lines.push(columns.map((column) => formatCell(row[column])).join(','));
  return lines.join('\n') + '\n';
}
