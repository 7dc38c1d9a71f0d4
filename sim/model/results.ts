/**
 * What a run returns: weekly per-player and market tables (columnar, typed arrays), the event
 * log, and the final state. Plain data only, so experiments, writers and reports never need a
 * live market. Column names carry their units.
 */

import type { ExitReason } from './players.js';

export const PLAYER_STATUSES = ['pending', 'active', 'retreating', 'exited', 'acquired'] as const;
export type PlayerStatus = (typeof PLAYER_STATUSES)[number];
export const STATUS_CODE: Record<PlayerStatus, number> = { pending: 0, active: 1, retreating: 2, exited: 3, acquired: 4 };

/** Per player per week. Money in yuan; flows are the week's totals; cash is at the week's end. */
export const PLAYER_COLUMNS = [
  'pickupPoints',
  'newPoints',
  'droppedPoints',
  'pointsWonFromRivals',
  'pointsLostToRivals',
  'cells',
  'provinces',
  'adopters',
  'orders',
  'gmvYuan',
  'share',
  'subsidyPerOrderYuan',
  'revenueYuan',
  'logisticsYuan',
  'commissionYuan',
  'subsidyYuan',
  'recruitingYuan',
  'fixedYuan',
  'warehouseYuan',
  'managementPenaltyYuan',
  'finesYuan',
  'acquisitionYuan',
  'fundingYuan',
  'netFlowYuan',
  'cashYuan',
  'runwayWeeks',
  'takeRate',
  'commissionRate',
  'logisticsPerOrderYuan',
  'contributionYuan',
  'contributionMargin',
  'operatingProfitYuan',
  'warehouses',
  'valueOfStayingYuan',
] as const;
export type PlayerColumn = (typeof PLAYER_COLUMNS)[number];

/**
 * The cash flows, in the order they are added to cash: every week
 * cash = previous cash + Σ sign · flow, exactly (the same additions in the same order).
 */
export const CASH_FLOWS: ReadonlyArray<{ column: PlayerColumn; sign: 1 | -1 }> = [
  { column: 'fundingYuan', sign: 1 },
  { column: 'revenueYuan', sign: 1 },
  { column: 'logisticsYuan', sign: -1 },
  { column: 'commissionYuan', sign: -1 },
  { column: 'subsidyYuan', sign: -1 },
  { column: 'recruitingYuan', sign: -1 },
  { column: 'fixedYuan', sign: -1 },
  { column: 'warehouseYuan', sign: -1 },
  { column: 'managementPenaltyYuan', sign: -1 },
  { column: 'finesYuan', sign: -1 },
  { column: 'acquisitionYuan', sign: -1 },
];

/** Runway reported for a player that is not burning cash (weeks). */
export const RUNWAY_NOT_BURNING = 9999;

/** Per week, the whole market. */
export const MARKET_COLUMNS = ['gmvYuan', 'orders', 'adopters', 'pickupPoints', 'hhi', 'cr3', 'activePlayers', 'investorAppetite'] as const;
export type MarketColumn = (typeof MARKET_COLUMNS)[number];

/** Per province, player and week: the regional footprint and what it earns. */
export const PROVINCE_COLUMNS = ['pickupPoints', 'orders', 'gmvYuan', 'contributionYuan'] as const;
export type ProvinceColumn = (typeof PROVINCE_COLUMNS)[number];

export interface WeeklyTables {
  weeks: number;
  players: number;
  provinces: number;
  /**
   * Index `((week − 1) · provinces + province) · players + j`. contributionYuan is the province's
   * GMV × (take rate − commission) + any below-cost surcharge − its logistics − subsidies − its
   * province and warehouse costs (with the management penalty outside home): what it adds before
   * headquarters and per-point costs.
   */
  province: Record<ProvinceColumn, Float64Array>;
  /** Index `(week - 1) * players + j`. */
  player: Record<PlayerColumn, Float64Array>;
  status: Uint8Array;
  /** Index `week - 1`. */
  market: Record<MarketColumn, Float64Array>;
}

/** Every kind of event the log holds: a closed set (events.csv's `kind`). */
export const EVENT_KINDS = [
  'entry',
  'funding-round',
  'investment',
  'funding-round-void',
  'investment-void',
  'round-started',
  'round-failed',
  'round-abandoned',
  'parent-funding',
  'parent-cut-off',
  'parent-loss-limit',
  'parent-shock',
  'wind-down',
  'bankruptcy',
  'acquisition',
  'acquisition-void',
  'province-retreat',
  'warehouse-built',
  'warehouse-closed',
  'subsidy-cap',
  'below-cost-ban',
  'fine',
  'fine-void',
  'suspension',
  'suspension-lifted',
  'appetite-shock',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventRecord {
  day: number;
  /** The week whose row shows the event's effect: ⌊day/7⌋ + 1, or the week being cleared for events of its cycle. */
  week: number;
  date: string;
  kind: EventKind;
  player: string;
  /** Investor, acquirer, regulator or rival involved, if any. */
  counterparty: string;
  amountYuan: number | null;
  text: string;
}

export interface PlayerOutcome {
  id: string;
  name: string;
  status: PlayerStatus;
  exitReason: ExitReason | null;
  survivor: boolean;
  finalShare: number;
  pickupPoints: number;
  peakPickupPoints: number;
  adopters: number;
  cashYuan: number;
  entryDate: string | null;
  exitDate: string | null;
  exitWeek: number | null;
}

export interface ParentOutcome {
  id: string;
  name: string;
  budgetYuan: number;
  spentYuan: number;
}

export interface RunResult {
  scenarioName: string;
  startDate: string;
  seed: number;
  replication: number;
  horizonWeeks: number;
  playerIds: string[];
  playerNames: string[];
  provinceIds: string[];
  /** Weekly tables, or null when the run was asked for its outcome only. */
  weekly: WeeklyTables | null;
  events: EventRecord[];
  players: PlayerOutcome[];
  parents: ParentOutcome[];
  survivors: string[];
  finalHhi: number;
  /** First week with at most `shakeoutK` operating players after a week with more, or null. */
  shakeoutWeek: number | null;
  shakeoutK: number;
  kernelEvents: number;
}

export function createWeeklyTables(weeks: number, players: number, provinces: number): WeeklyTables {
  const player = {} as Record<PlayerColumn, Float64Array>;
  for (const column of PLAYER_COLUMNS) player[column] = new Float64Array(weeks * players);
  const market = {} as Record<MarketColumn, Float64Array>;
  for (const column of MARKET_COLUMNS) market[column] = new Float64Array(weeks);
  const province = {} as Record<ProvinceColumn, Float64Array>;
  for (const column of PROVINCE_COLUMNS) province[column] = new Float64Array(weeks * provinces * players);
  return { weeks, players, provinces, player, status: new Uint8Array(weeks * players), market, province };
}
