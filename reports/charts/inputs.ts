/**
 * What the charts take: flat rows with units in their column names (the rows of weekly.csv,
 * market.csv and events.csv, typed), and the experiment result objects as the experiment layer
 * defines them. Plain data only: nothing here refers to a live market.
 */
import type { PlayerRef } from './palette.js';

export type { CompareResult, McResult, SweepResult, Interval, Quantiles } from '../../sim/experiment/types.js';
export type { PlayerRef } from './palette.js';
export type { SensitivityResult } from '../../sim/experiment/sensitivity.js';
export type { CalibrationResult } from '../../sim/experiment/calibration.js';
export type { FitResult } from '../../sim/experiment/fit.js';

/** One player in one week (a row of weekly.csv). Money in yuan; cash at the week's end. */
export interface WeeklyRow {
  week: number;
  /** ISO date of the week's first day. */
  date: string;
  player: string;
  playerName: string;
  status: string;
  pickupPoints: number;
  orders: number;
  gmvYuan: number;
  /** Share of the week's GMV, 0–1. */
  share: number;
  cashYuan: number;
  runwayWeeks: number;
}

/** The whole market in one week (a row of market.csv). */
export interface MarketRow {
  week: number;
  date: string;
  gmvYuan: number;
  orders: number;
  pickupPoints: number;
  /** Herfindahl–Hirschman index of GMV shares, 0–10,000. */
  hhi: number;
  /** Combined share of the three largest players, 0–1. */
  cr3: number;
  activePlayers: number;
}

/** One entry of the event log (a row of events.csv). `player` is empty for market-wide events. */
export interface EventRow {
  date: string;
  day: number;
  kind: string;
  player: string;
  counterparty: string;
  amountYuan: number | null;
  text: string;
}

/** Everything the charts of one run need. */
export interface RunData {
  /** Every player of the scenario, in scenario order (this fixes their colours). */
  players: PlayerRef[];
  /** ISO date of the first day of week 1. */
  startDate: string;
  horizonWeeks: number;
  weekly: WeeklyRow[];
  market: MarketRow[];
  events: EventRow[];
}

/** Statuses of a player that is in the market (has entered and has not left). */
export const OPERATING_STATUSES: readonly string[] = ['active', 'retreating'];
