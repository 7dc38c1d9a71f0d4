/**
 * The big tables (weekly rows, runs, sweep points) as files in the format asked for: tidy CSV
 * (csv.ts) or Parquet (hyparquet-writer, pure JavaScript). Both hold the same rows and columns;
 * Parquet keeps every number at full double precision (CSV rounds to 6 decimals) and types its
 * columns: text → UTF-8 string, true/false → boolean, counts (weeks, days, replications, ranks)
 * → INT32, other numbers → DOUBLE, and a missing or non-finite value → null (CSV: empty).
 * The bytes depend on the rows alone (no timestamps), so the same inputs give the same file.
 */
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { toCsv } from './csv.js';
import type { Row } from './rows.js';
import { GBSIM_VERSION } from './version.js';

export type TableFormat = 'csv' | 'parquet';

export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'parquet'];

/** Columns written as INT32 when every value in them is a whole number (else DOUBLE). */
const COUNT_COLUMNS = new Set([
  'week', 'day', 'replication', 'point', 'rank', 'exitWeek', 'survivors', 'shakeoutWeek', 'runs', 'scenarioIndex', 'exits',
]);

/** `name.csv` or `name.parquet`. */
export function tableName(base: string, format: TableFormat): string {
  return `${base}.${format}`;
}

/** One table file: its name (`base` plus the format's extension) and contents. */
export function tableFile(base: string, rows: readonly Row[], columns: readonly string[], format: TableFormat): Record<string, string | Uint8Array> {
  return { [tableName(base, format)]: format === 'csv' ? toCsv(rows, columns) : toParquet(rows, columns) };
}

/** The rows as a Parquet file (one row group per 100,000 rows, snappy-compressed pages). */
export function toParquet(rows: readonly Row[], columns: readonly string[]): Uint8Array {
  const columnData = columns.map((name) => parquetColumn(name, rows.map((row) => row[name] ?? null)));
  const buffer = parquetWriteBuffer({ columnData, createdBy: `gbsim ${GBSIM_VERSION}`, rowGroupSize: 100_000 });
  return new Uint8Array(buffer);
}

function parquetColumn(name: string, values: Array<string | number | boolean | null>): ColumnSource {
  const present = values.filter((v) => v !== null);
  if (present.some((v) => typeof v === 'string')) return { name, type: 'STRING', data: values.map((v) => (v === null ? null : String(v))) };
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return { name, type: 'BOOLEAN', data: values };
  const numbers = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'boolean' ? Number(v) : null));
  if (present.length === 0) return { name, type: 'STRING', data: values };
  const counts = COUNT_COLUMNS.has(name) && numbers.every((v) => v === null || (Number.isInteger(v) && Math.abs(v) < 2 ** 31));
  return { name, type: counts ? 'INT32' : 'DOUBLE', data: numbers };
}
