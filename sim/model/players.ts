/**
 * A player's state during a run: status, cash, its expansion walk, and the week's flows. One
 * object per player (players are few); everything per cell lives in the network's typed arrays.
 */
import { RandomStream } from '../random/index.js';
import type { Geography } from './geography.js';
import { expansionOrder, type ExpansionCursor } from './network.js';
import type { PlayerParams } from './params.js';
import type { PlayerStatus } from './results.js';

/** The week's money flows of one player, yuan (all ≥ 0; signs are in `CASH_FLOWS`). */
export interface WeekFlows {
  fundingYuan: number;
  revenueYuan: number;
  logisticsYuan: number;
  commissionYuan: number;
  subsidyYuan: number;
  recruitingYuan: number;
  fixedYuan: number;
  warehouseYuan: number;
  managementPenaltyYuan: number;
  finesYuan: number;
  acquisitionYuan: number;
}

export function emptyFlows(): WeekFlows {
  return {
    fundingYuan: 0,
    revenueYuan: 0,
    logisticsYuan: 0,
    commissionYuan: 0,
    subsidyYuan: 0,
    recruitingYuan: 0,
    fixedYuan: 0,
    warehouseYuan: 0,
    managementPenaltyYuan: 0,
    finesYuan: 0,
    acquisitionYuan: 0,
  };
}

/** The week's operating figures of one player. */
export interface WeekFigures {
  pickupPoints: number;
  newPoints: number;
  droppedPoints: number;
  pointsWonFromRivals: number;
  pointsLostToRivals: number;
  cells: number;
  provinces: number;
  adopters: number;
  orders: number;
  gmvYuan: number;
  /** Warehoused provinces at the week's end. */
  warehouses: number;
  /** GMV of every platform in the cells where this player is present (its local market), yuan. */
  localMarketGmvYuan: number;
  /** Reachable households and adopters in the cells where this player is present. */
  localReachable: number;
  localAdopters: number;
  /** Delivery-drop cost of the week (the per-point part of logistics), yuan. */
  dropCostYuan: number;
}

export function emptyFigures(): WeekFigures {
  return {
    pickupPoints: 0,
    newPoints: 0,
    droppedPoints: 0,
    pointsWonFromRivals: 0,
    pointsLostToRivals: 0,
    cells: 0,
    provinces: 0,
    adopters: 0,
    orders: 0,
    gmvYuan: 0,
    warehouses: 0,
    localMarketGmvYuan: 0,
    localReachable: 0,
    localAdopters: 0,
    dropCostYuan: 0,
  };
}

export interface PlayerState {
  readonly index: number;
  readonly params: PlayerParams;
  status: PlayerStatus;
  cashYuan: number;
  subsidyPerOrderYuan: number;
  /** This week's gross margin on GMV (procurement scale) and commission share (a decision). */
  takeRate: number;
  commissionRate: number;
  /** Orders served since entry (the learning curve's experience). */
  cumulativeOrders: number;
  /** 1 where the player runs warehouses, by province index. */
  warehouse: Uint8Array;
  /** Subject to a ban on selling below cost. */
  belowCostBanned: boolean;
  /** Price raised per order to sell at cost under a below-cost ban (yuan, ≥ 0; shoppers see it a week later). */
  surchargeYuan: number;
  /** Trailing window of weekly figures for the value of staying (oldest first). */
  window: WeekSummary[];
  /** Value of staying at the last review, yuan (NaN before the first review). */
  valueOfStayingYuan: number;
  negativeValueWeeks: number;
  /** Its last review found staying without fighting worth more than fighting on: it de-escalates. */
  prefersPeace: boolean;
  /** Shock to the brand utility (a random walk, or mean-reverting). */
  brandShock: number;
  entryDay: number | null;
  exitDay: number | null;
  exitWeek: number | null;
  peakPickupPoints: number;
  /** Most provinces served in a week so far (for the headquarters cost). */
  peakProvinces: number;
  /** 1 for the player's home provinces, by province index. */
  home: Uint8Array;
  /** 1 where the player may not open points (retreat, suspension), by province index. */
  blockedProvince: Uint8Array;
  /** 1 for provinces the player withdrew from for good. */
  retreated: Uint8Array;
  /** 1 for provinces where regulators suspended the player's business. */
  suspended: Uint8Array;
  /** Consecutive weeks each province's contribution was negative, and weeks present there. */
  provinceNegativeWeeks: Uint16Array;
  provinceWeeksPresent: Uint16Array;
  /** Subsidy per order the regulator allows this player (Infinity: no cap). */
  subsidyCapYuan: number;
  /** GMV share of the last two cleared weeks. */
  shareLast: number;
  sharePrevious: number;
  /** GMV of the last cleared weeks, oldest first (at most 5). */
  gmvHistory: number[];
  roundPending: boolean;
  nextRoundWeek: number;
  weeksBelowZero: number;
  /** Operating loss accumulated since entry (negative when profitable), yuan. */
  cumulativeLossYuan: number;
  lowShareWeeks: number;
  exitReason: ExitReason | null;
  cursor: ExpansionCursor;
  flows: WeekFlows;
  figures: WeekFigures;
  /** The figures of the last cleared week. */
  lastFigures: WeekFigures;
  /** Operating cash flow of the last cleared week (funding excluded), yuan. */
  lastOperatingFlowYuan: number;
  streams: { expansion: RandomStream; owners: RandomStream; brand: RandomStream; funding: RandomStream };
}

export type ExitReason = 'bankruptcy' | 'parent-cut-off' | 'parent-loss-limit' | 'wind-down' | 'acquired';

/** One week of a player's economics, kept for the value of staying and investors' view. */
export interface WeekSummary {
  gmvYuan: number;
  orders: number;
  /** Operating cash flow (funding, fines, acquisitions excluded). */
  operatingYuan: number;
  /** Recruiting and warehouse builds: investment a player fighting on could stop. */
  investmentYuan: number;
  /** Revenue − commission − logistics − management penalty: contribution before subsidies. */
  contributionBeforeSubsidyYuan: number;
  /** Headquarters, province, per-point and warehouse running costs. */
  fixedYuan: number;
  localMarketGmvYuan: number;
  localReachable: number;
  localAdopters: number;
  dropCostYuan: number;
}

export function createPlayerState(
  index: number,
  params: PlayerParams,
  geography: Geography,
  seed: number,
  replication: number,
): PlayerState {
  const stream = (purpose: 'expansion' | 'owners' | 'brand' | 'funding') =>
    RandomStream.of({ seed, replication, owner: params.id, purpose });
  const provinces = geography.provinceIds.length;
  const home = new Uint8Array(provinces);
  for (const id of params.homeProvinces) {
    const p = geography.provinceIds.indexOf(id);
    if (p >= 0) home[p] = 1;
  }
  const streams = { expansion: stream('expansion'), owners: stream('owners'), brand: stream('brand'), funding: stream('funding') };
  return {
    index,
    params,
    status: 'pending',
    cashYuan: params.cashYuan,
    subsidyPerOrderYuan: params.subsidyPerOrderYuan,
    takeRate: params.takeRate,
    commissionRate: params.commissionRate,
    cumulativeOrders: 0,
    warehouse: new Uint8Array(provinces),
    belowCostBanned: false,
    surchargeYuan: 0,
    window: [],
    valueOfStayingYuan: NaN,
    negativeValueWeeks: 0,
    prefersPeace: false,
    brandShock: 0,
    entryDay: null,
    exitDay: null,
    exitWeek: null,
    peakPickupPoints: 0,
    peakProvinces: 0,
    home,
    blockedProvince: new Uint8Array(provinces),
    retreated: new Uint8Array(provinces),
    suspended: new Uint8Array(provinces),
    provinceNegativeWeeks: new Uint16Array(provinces),
    provinceWeeksPresent: new Uint16Array(provinces),
    subsidyCapYuan: Infinity,
    shareLast: 0,
    sharePrevious: 0,
    gmvHistory: [],
    roundPending: false,
    nextRoundWeek: 0,
    weeksBelowZero: 0,
    cumulativeLossYuan: 0,
    lowShareWeeks: 0,
    exitReason: null,
    cursor: { order: expansionOrder(geography, params, streams.expansion), position: 0, idleUntilWeek: 0, deepening: false },
    flows: emptyFlows(),
    figures: emptyFigures(),
    lastFigures: emptyFigures(),
    lastOperatingFlowYuan: 0,
    streams,
  };
}

/** Refreshes the provinces a player may not open points in: retreated or suspended. */
export function refreshBlocked(player: PlayerState): void {
  for (let p = 0; p < player.blockedProvince.length; p++) player.blockedProvince[p] = player.retreated[p]! | player.suspended[p]!;
}

/** Operating cash flow of a week (funding, fines and acquisitions excluded), yuan. */
export function operatingFlow(flows: WeekFlows): number {
  return (
    flows.revenueYuan -
    flows.logisticsYuan -
    flows.commissionYuan -
    flows.subsidyYuan -
    flows.recruitingYuan -
    flows.fixedYuan -
    flows.warehouseYuan -
    flows.managementPenaltyYuan
  );
}

/** Weeks of cash left at an operating flow (a large constant when not burning). */
export function runwayAt(cashYuan: number, operatingFlowYuan: number, notBurning: number): number {
  if (operatingFlowYuan >= 0) return notBurning;
  return Math.min(notBurning, Math.max(0, cashYuan) / -operatingFlowYuan);
}

/** Whether the player takes part in the market (opens points, takes orders, spends). */
export function isOperating(player: PlayerState): boolean {
  return player.status === 'active' || player.status === 'retreating';
}
