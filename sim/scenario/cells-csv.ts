/**
 * Loads a geography's cells from CSV (`geography.cellsCsv`). Columns (header required, any order):
 *   id, province, tier, households, spend_yuan_per_household_week, group_buy_share_of_spend,
 *   reachable_household_share, candidate_shops
 * plus any others (prefecture, county, township names...), which are ignored. Every bad row is
 * reported with its line and column, all at once.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { CellRow } from '../model/params.js';
import { readRegularFile } from './bounded-read.js';
import { printable } from './issues.js';
import { quote } from './messages.js';
import { Tier } from './schema.js';

/** Largest cells CSV read, in bytes (a national village-level map is about 50 MB). */
export const MAX_CSV_BYTES = 256_000_000;

/** A decimal number as written in a cell (`12`, `-3.5`, `1e6`): empty cells, hex and words are refused. */
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function numberCell(schema: z.ZodNumber) {
  return z.string().regex(DECIMAL, 'must be a number').transform(Number).pipe(schema);
}

export interface CsvIssue {
  file: string;
  line: number;
  col: number;
  path: string;
  message: string;
}

const COLUMNS = {
  id: z.string().min(1),
  province: z.string().min(1),
  tier: Tier,
  households: numberCell(z.number().min(0).max(1e9)),
  spend_yuan_per_household_week: numberCell(z.number().min(0).max(1e6)),
  group_buy_share_of_spend: numberCell(z.number().min(0).max(1)),
  reachable_household_share: numberCell(z.number().min(0).max(1)),
  candidate_shops: numberCell(z.number().int().min(0).max(1e8)),
} as const;
type Column = keyof typeof COLUMNS;
const COLUMN_NAMES = Object.keys(COLUMNS) as Column[];

/**
 * The cells of `file`, with the sha256 (hex) of its bytes so a scenario's identity covers the
 * file's contents, not only its name.
 */
export function loadCellsCsv(file: string, provinceIds: readonly string[]): { ok: true; cells: CellRow[]; sha256: string } | { ok: false; issues: CsvIssue[] } {
  let records: string[][];
  let sha256: string;
  try {
    const read = readRegularFile(file, MAX_CSV_BYTES);
    if (!read.ok) throw new Error(unreadable(read));
    sha256 = createHash('sha256').update(read.bytes).digest('hex');
    records = parse(read.bytes.toString('utf8'), { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    return { ok: false, issues: [{ file, line: 1, col: 1, path: 'cellsCsv', message: `cannot read cells CSV: ${printable((error as Error).message)}` }] };
  }
  const header = records[0] ?? [];
  const missing = COLUMN_NAMES.filter((name) => !header.includes(name));
  if (missing.length > 0 || records.length < 2) {
    const message = missing.length > 0 ? `missing columns: ${missing.join(', ')}` : 'no cells (only a header)';
    return { ok: false, issues: [{ file, line: 1, col: 1, path: 'cellsCsv', message }] };
  }
  const position = new Map(header.map((name, i) => [name, i]));
  const provinces = new Set(provinceIds);
  const issues: CsvIssue[] = [];
  const cells: CellRow[] = [];
  records.slice(1).forEach((record, r) => {
    const line = r + 2;
    const cell: Record<string, unknown> = {};
    for (const name of COLUMN_NAMES) {
      const col = position.get(name)!;
      const parsed = COLUMNS[name].safeParse(record[col]);
      if (!parsed.success) issues.push({ file, line, col: col + 1, path: name, message: `${parsed.error.issues[0]?.message} (got ${quote(record[col] ?? '')})` });
      else cell[name] = parsed.data;
    }
    if (typeof cell.province === 'string' && !provinces.has(cell.province)) {
      issues.push({ file, line, col: position.get('province')! + 1, path: 'province', message: `no province with id ${quote(cell.province)} in geography.provinces` });
    }
    cells.push({
      id: String(cell.id),
      province: String(cell.province),
      tier: cell.tier as CellRow['tier'],
      households: cell.households as number,
      spendYuanPerHouseholdWeek: cell.spend_yuan_per_household_week as number,
      groupBuyShareOfSpend: cell.group_buy_share_of_spend as number,
      reachableHouseholdShare: cell.reachable_household_share as number,
      candidateShops: cell.candidate_shops as number,
    });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, cells, sha256 };
}

function unreadable(read: Extract<ReturnType<typeof readRegularFile>, { ok: false }>): string {
  switch (read.reason) {
    case 'missing': return `no such file (${read.detail})`;
    case 'directory': return 'it is a directory';
    case 'not-regular': return `it is ${read.detail}, not a regular file`;
    case 'too-large': return `the file has ${read.detail}; a cells CSV may have at most ${MAX_CSV_BYTES} bytes`;
    default: return read.detail;
  }
}
