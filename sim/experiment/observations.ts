/**
 * Observations to calibrate against, as a tidy CSV (RFC 4180 quoting):
 *
 *   date,player,metric,value,low,high,source,quote
 *   2020-12-31,meituan,pickup-points,300000,250000,350000,https://...,"Meituan Select had ..."
 *
 *   date    ISO date; the value is read in the model week containing it
 *   player  a player id, or `market` (or empty) for the whole market
 *   metric  a name from METRICS (observe.ts), which says how the model produces it, or one the
 *           model does not produce (UNMODELLED: kept, not fitted)
 *   value   the observed number; low/high its plausible range (optional, low ≤ value ≤ high)
 *   source  where it comes from (a URL or a citation); quote: the sentence that says it
 *
 * Every problem is reported at once with its line and column. Rows dated after `fitUntil` are
 * kept as out-of-sample checks (reported, not fitted); so are, with a note saying why, rows dated
 * outside the run and metrics the model has no value for (for that player, or the market).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseIsoDate } from '../kernel/calendar.js';
import type { ScenarioIssue } from '../scenario/issues.js';
import type { Scenario } from '../scenario/schema.js';
import { closest } from '../scenario/did-you-mean.js';
import { METRICS, UNMODELLED, type ObservationSpec } from './observe.js';

export const OBSERVATION_COLUMNS = ['date', 'player', 'metric', 'value', 'low', 'high', 'source', 'quote'] as const;

export interface Observation {
  /** 1-based line of the row in its file. */
  line: number;
  date: string;
  /** Empty for the whole market (written `market` or empty). */
  player: string;
  metric: string;
  value: number;
  low: number | null;
  high: number | null;
  source: string;
  quote: string;
  /** Model week (1-based) that contains the date. */
  week: number;
  /** False for rows after the fitting cut-off (out-of-sample checks) and rows the run cannot produce. */
  fitted: boolean;
  /** Why a row is not fitted: '' when fitted, else `out of sample`, `before the run starts`, `after the run ends` or `not modelled: ...`. */
  note: string;
}

interface Field {
  text: string;
  line: number;
  col: number;
}

/** CSV text → records of fields with their positions (RFC 4180: quotes, doubled quotes, line breaks in quotes). */
export function csvFields(text: string): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const advance = (char: string) => {
    i += 1;
    if (char === '\n') {
      line += 1;
      col = 1;
    } else col += 1;
  };
  while (i <= text.length) {
    const start = { line, col };
    let value = '';
    if (text[i] === '"') {
      advance('"');
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          advance('"');
          advance('"');
        } else if (text[i] === '"') {
          advance('"');
          break;
        } else {
          value += text[i];
          advance(text[i]!);
        }
      }
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') advance(text[i]!);
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') {
        value += text[i];
        advance(text[i]!);
      }
    }
    record.push({ text: value.replace(/\r$/, ''), ...start });
    if (i >= text.length) {
      records.push(record);
      break;
    }
    const separator = text[i]!;
    advance(separator);
    if (separator === '\n') {
      records.push(record);
      record = [];
    }
  }
  return records.filter((r) => !(r.length === 1 && r[0]!.text.trim() === ''));
}

export type ObservationsRead = { ok: true; observations: Observation[] } | { ok: false; issues: ScenarioIssue[] };

/** Reads and checks `file` against `scenario` (see the module comment). */
export function readObservations(file: string, cwd: string, scenario: Scenario, fitUntil: string | null): ObservationsRead {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, issues: [{ file, line: 0, col: 0, path: '', message: code === 'ENOENT' ? 'no such file' : `cannot read the file (${code})`, stage: 'file' }] };
  }
  return parseObservations(text, file, scenario, fitUntil);
}

/** Checks the observations CSV `text` (named `file` in the issues) against `scenario` (see the module comment). */
export function parseObservations(csv: string, file: string, scenario: Scenario, fitUntil: string | null): ObservationsRead {
  const issues: ScenarioIssue[] = [];
  const problem = (at: { line: number; col: number }, path: string, message: string) => issues.push({ file, line: at.line, col: at.col, path, message, stage: 'shape' });
  const text = csv.replace(/^\uFEFF/, '');
  const records = csvFields(text);
  const header = records[0] ?? [];
  const index = new Map(header.map((field, i) => [field.text.trim(), i]));
  const missing = OBSERVATION_COLUMNS.filter((column) => !index.has(column));
  if (missing.length > 0) {
    problem({ line: 1, col: 1 }, '', `the header needs the columns ${OBSERVATION_COLUMNS.join(',')} (missing: ${missing.join(', ')})`);
    return { ok: false, issues };
  }
  if (records.length < 2) problem({ line: 1, col: 1 }, '', 'no observations below the header');
  const start = parseIsoDate(scenario.startDate)!;
  const players = scenario.players.map((p) => p.id);
  const observations: Observation[] = [];
  for (const record of records.slice(1)) {
    const at = (column: (typeof OBSERVATION_COLUMNS)[number]) => record[index.get(column)!] ?? { text: '', line: record[0]!.line, col: 1 };
    const text = (column: (typeof OBSERVATION_COLUMNS)[number]) => at(column).text.trim();
    const before = issues.length;
    const day = parseIsoDate(text('date'));
    const week = day === undefined ? 0 : Math.floor((day - start) / 7) + 1;
    if (day === undefined) problem(at('date'), 'date', `"${text('date')}" is not an ISO date (YYYY-MM-DD)`);
    const name = text('metric');
    const metric = METRICS[name];
    const known = [...Object.keys(METRICS), ...Object.keys(UNMODELLED)];
    if (metric === undefined && UNMODELLED[name] === undefined) problem(at('metric'), 'metric', `unknown metric "${name}"${hint(name, known)}; one of ${known.join(', ')}`);
    const player = text('player') === 'market' ? '' : text('player');
    if (player !== '' && !players.includes(player)) problem(at('player'), 'player', `no player with id "${player}"${hint(player, players)} (or market for the whole market)`);
    const number = (column: 'value' | 'low' | 'high', required: boolean): number | null => {
      const raw = text(column);
      if (raw === '' && !required) return null;
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) problem(at(column), column, `"${raw}" is not a number`);
      return value;
    };
    const value = number('value', true)!;
    const low = number('low', false);
    const high = number('high', false);
    if (low !== null && Number.isFinite(low) && Number.isFinite(value) && low > value) problem(at('low'), 'low', `must not exceed value (${value})`);
    if (high !== null && Number.isFinite(high) && Number.isFinite(value) && high < value) problem(at('high'), 'high', `must not be below value (${value})`);
    if (text('source') === '') problem(at('source'), 'source', 'every observation needs its source (a URL or a citation)');
    if (issues.length > before) continue;
    const modelled = metric !== undefined && (player === '' ? metric.market : metric.player) !== null;
    const note = !modelled
      ? `not modelled: ${UNMODELLED[name] ?? (player === '' ? 'no market value of this metric' : 'no per-player value of this metric')}`
      : week < 1 ? 'before the run starts' : week > scenario.horizonWeeks ? 'after the run ends' : fitUntil !== null && text('date') > fitUntil ? 'out of sample' : '';
    observations.push({ line: record[0]!.line, date: text('date'), player, metric: name, value, low, high, source: text('source'), quote: text('quote'), week, fitted: note === '', note });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, observations };
}

function hint(text: string, known: readonly string[]): string {
  const near = closest(text, known);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}

/** The quantities a run must report for these observations (one per observation, in order). */
export function observationSpecs(observations: readonly Observation[], playerIds: readonly string[]): ObservationSpec[] {
  return observations.map((o, i) => ({ name: `observed.${i}`, metric: o.metric, player: o.player === '' ? null : playerIds.indexOf(o.player), week: o.week }));
}

/**
 * The scale of an observation in the distance: half its stated range (high − low)/2, or 10% of
 * |value| when no range is given (at least 1e-9); 0/1 status metrics use 0.5.
 */
export function observationScale(o: Observation): number {
  if (o.low !== null && o.high !== null && o.high > o.low) return (o.high - o.low) / 2;
  if (o.metric === 'status') return 0.5;
  return Math.max(0.1 * Math.abs(o.value), 1e-9);
}
