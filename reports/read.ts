/**
 * A result directory → `ReportInput`: finds out what the directory holds (a run, or the result of
 * mc, compare or sweep), reads those files and types their rows. A directory that holds none of
 * them, or a file that is not what its name says, is a `ReportInputError` naming the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { EventRow, MarketRow, RunData, WeeklyRow } from './charts/inputs.js';
import type { Manifest, ReportInput, ResultKind, RunSummary } from './results.js';

export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}

/** The file that marks each kind of result directory. */
export const MARKER_FILES: Record<ResultKind, string> = { run: 'summary.json', mc: 'mc.json', compare: 'compare.json', sweep: 'sweep.json', sensitivity: 'sensitivity.json', calibration: 'calibration.json', fit: 'fit.json' };
const RUN_TABLES = ['weekly.csv', 'market.csv', 'events.csv'] as const;

/** What `dir` holds, from its marker file; throws when it holds none or more than one. */
export function detectResultKind(dir: string): ResultKind {
  if (!existsSync(dir)) throw new ReportInputError(`${dir}: no such directory`);
  const found = (Object.keys(MARKER_FILES) as ResultKind[]).filter((kind) => existsSync(join(dir, MARKER_FILES[kind])));
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new ReportInputError(`${dir} holds no gbsim results: expected summary.json (from gbsim run --out), mc.json, compare.json, sweep.json, sensitivity.json, calibration.json or fit.json`);
  }
  throw new ReportInputError(`${dir} holds results of more than one kind (${found.map((k) => MARKER_FILES[k]).join(', ')}); keep one per directory`);
}

/** Reads the results in `dir` for a report. */
export function readResults(dir: string): ReportInput {
  const kind = detectResultKind(dir);
  const manifest = existsSync(join(dir, 'manifest.json')) ? (readJson(dir, 'manifest.json') as Manifest) : null;
  if (kind === 'run') return readRun(dir, manifest);
  const result = readJson(dir, MARKER_FILES[kind]) as { kind?: unknown };
  if (result.kind !== kind) throw new ReportInputError(`${join(dir, MARKER_FILES[kind])}: expected "kind": "${kind}" (got ${JSON.stringify(result.kind)})`);
  const problem = resultProblem(kind, result);
  if (problem !== null) throw new ReportInputError(`${join(dir, MARKER_FILES[kind])}: ${problem}; the file is damaged (run the experiment again)`);
  return { kind, result, manifest } as ReportInput;
}

function readRun(dir: string, manifest: Manifest | null): ReportInput {
  const summary = readJson(dir, 'summary.json') as RunSummary;
  if (!Array.isArray(summary.players) || typeof summary.startDate !== 'string') {
    throw new ReportInputError(`${join(dir, 'summary.json')}: not the summary of a gbsim run (no players or startDate)`);
  }
  const missing = RUN_TABLES.filter((name) => !existsSync(join(dir, name)));
  if (missing.length > 0) throw new ReportInputError(`${dir}: summary.json is there but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  const data: RunData = {
    players: summary.players.map((p) => ({ id: p.id, name: p.name })),
    startDate: summary.startDate,
    horizonWeeks: summary.horizonWeeks,
    weekly: readCsv(dir, 'weekly.csv').map(toWeeklyRow),
    market: readCsv(dir, 'market.csv').map(toMarketRow),
    events: readCsv(dir, 'events.csv').map(toEventRow),
  };
  return { kind: 'run', summary, data, manifest };
}

function readJson(dir: string, name: string): unknown {
  const path = join(dir, name);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReportInputError(`${path}: cannot read it as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

type CsvRecord = Record<string, string>;

function readCsv(dir: string, name: string): CsvRecord[] {
  const path = join(dir, name);
  try {
    return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as CsvRecord[];
  } catch (error) {
    throw new ReportInputError(`${path}: cannot read it as CSV (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** A number cell (empty = NaN). */
function num(value: string | undefined): number {
  return value === undefined || value === '' ? Number.NaN : Number(value);
}

/**
 * A text cell as it was before sim/experiment/csv.ts guarded it against spreadsheet formulas
 * (a leading ' before =, +, -, @, tab or CR is removed).
 */
export function unguardText(value: string | undefined): string {
  if (value === undefined) return '';
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function toWeeklyRow(r: CsvRecord): WeeklyRow {
  return {
    week: num(r.week),
    date: r.date ?? '',
    player: unguardText(r.player),
    playerName: unguardText(r.playerName),
    status: r.status ?? '',
    pickupPoints: num(r.pickupPoints),
    orders: num(r.orders),
    gmvYuan: num(r.gmvYuan),
    share: num(r.share),
    cashYuan: num(r.cashYuan),
    runwayWeeks: num(r.runwayWeeks),
  };
}

function toMarketRow(r: CsvRecord): MarketRow {
  return {
    week: num(r.week),
    date: r.date ?? '',
    gmvYuan: num(r.gmvYuan),
    orders: num(r.orders),
    pickupPoints: num(r.pickupPoints),
    hhi: num(r.hhi),
    cr3: num(r.cr3),
    activePlayers: num(r.activePlayers),
  };
}

function toEventRow(r: CsvRecord): EventRow {
  return {
    date: r.date ?? '',
    day: num(r.day),
    kind: r.kind ?? '',
    player: unguardText(r.player),
    counterparty: unguardText(r.counterparty),
    amountYuan: r.amountYuan === undefined || r.amountYuan === '' ? null : Number(r.amountYuan),
    text: unguardText(r.text),
  };
}

const probability = z.number().min(0).max(1 + 1e-9);
const interval = z.object({ estimate: probability, low: probability, high: probability });
const runs = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
/** What a report relies on in each result file: counts whole and positive, probabilities and shares in [0, 1]. */
const RESULT_SHAPES = {
  mc: z.object({
    runs,
    players: z.array(z.object({ id: z.string(), name: z.string(), survival: interval, finalShare: interval })).min(1),
    market: z.object({ survivors: z.object({ distribution: z.array(z.number().int().min(0)) }) }),
  }).refine((r) => r.market.survivors.distribution.reduce((a, b) => a + b, 0) === r.runs, 'market.survivors.distribution does not add up to runs'),
  compare: z.object({ runs, scenarios: z.array(z.object({ name: z.string() })).min(2), players: z.array(z.object({ id: z.string(), survival: z.array(interval.nullable()) })) }),
  sweep: z.object({ runs, points: z.array(z.object({ players: z.array(z.object({ survival: interval, finalShare: interval })) })) }),
} as const;

/** The first way a result file breaks what gbsim writes (a tampered "runs": -5, a share of 4200%), or null. */
function resultProblem(kind: Exclude<ResultKind, 'run'>, value: unknown): string | null {
  const shape = (RESULT_SHAPES as Record<string, z.ZodType | undefined>)[kind];
  if (shape === undefined) return null;
  const parsed = shape.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}
