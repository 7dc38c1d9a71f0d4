/**
 * RunResult → flat, tidy rows (one row per player per week, per week, per event), with units in
 * the column names. Reports and writers take these rows, never a live market.
 */
import { Calendar } from '../kernel/calendar.js';
import { MARKET_COLUMNS, PLAYER_COLUMNS, PLAYER_STATUSES, PROVINCE_COLUMNS, type RunResult } from '../model/results.js';

export type Row = Record<string, string | number | boolean | null>;

export const WEEKLY_COLUMNS = ['week', 'date', 'player', 'playerName', 'status', ...PLAYER_COLUMNS] as const;
export const MARKET_ROW_COLUMNS = ['week', 'date', ...MARKET_COLUMNS] as const;
export const EVENT_COLUMNS = ['date', 'day', 'week', 'kind', 'player', 'counterparty', 'amountYuan', 'text'] as const;

/** One row per player per week: every quantity the model reports. */
export function weeklyRows(result: RunResult): Row[] {
  const tables = result.weekly;
  if (!tables) return [];
  const calendar = new Calendar(result.startDate);
  const rows: Row[] = [];
  for (let w = 0; w < tables.weeks; w++) {
    const date = calendar.weekStartDate(w + 1);
    for (let j = 0; j < tables.players; j++) {
      const k = w * tables.players + j;
      const row: Row = {
        week: w + 1,
        date,
        player: result.playerIds[j]!,
        playerName: result.playerNames[j]!,
        status: PLAYER_STATUSES[tables.status[k]!]!,
      };
      for (const column of PLAYER_COLUMNS) row[column] = tables.player[column][k]!;
      rows.push(row);
    }
  }
  return rows;
}

export const PROVINCE_ROW_COLUMNS = ['week', 'date', 'province', 'player', ...PROVINCE_COLUMNS] as const;

/** One row per province, player and week where the player had points there. */
export function provinceRows(result: RunResult): Row[] {
  const tables = result.weekly;
  if (!tables) return [];
  const calendar = new Calendar(result.startDate);
  const rows: Row[] = [];
  for (let w = 0; w < tables.weeks; w++) {
    const date = calendar.weekStartDate(w + 1);
    for (let province = 0; province < tables.provinces; province++) {
      for (let j = 0; j < tables.players; j++) {
        const k = (w * tables.provinces + province) * tables.players + j;
        if (tables.province.pickupPoints[k] === 0) continue;
        const row: Row = { week: w + 1, date, province: result.provinceIds[province]!, player: result.playerIds[j]! };
        for (const column of PROVINCE_COLUMNS) row[column] = tables.province[column][k]!;
        rows.push(row);
      }
    }
  }
  return rows;
}

/** One row per week for the whole market. */
export function marketRows(result: RunResult): Row[] {
  const tables = result.weekly;
  if (!tables) return [];
  const calendar = new Calendar(result.startDate);
  const rows: Row[] = [];
  for (let w = 0; w < tables.weeks; w++) {
    const row: Row = { week: w + 1, date: calendar.weekStartDate(w + 1) };
    for (const column of MARKET_COLUMNS) row[column] = tables.market[column][w]!;
    rows.push(row);
  }
  return rows;
}

export function eventRows(result: RunResult): Row[] {
  return result.events.map((e) => ({ date: e.date, day: e.day, week: e.week, kind: e.kind, player: e.player, counterparty: e.counterparty, amountYuan: e.amountYuan, text: e.text }));
}
