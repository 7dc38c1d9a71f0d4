/**
 * One run of the market: parameters and seed in, plain `RunResult` out.
 *   params → Market (kernel + model) → run to the horizon → RunResult
 */
import type { Geography } from './geography.js';
import { Market } from './market.js';
import type { MarketParams } from './params.js';
import type { PlayerOutcome, RunResult } from './results.js';
import { isOperating } from './players.js';
import { herfindahl } from './metrics.js';

export interface RunOptions {
  seed: number;
  replication?: number;
  /** Keep weekly tables (default true). */
  record?: boolean;
  weeks?: number;
  geography?: Geography;
  /** The shakeout is the first week with at most this many operating players, after more (default 5). */
  shakeoutK?: number;
}

export function runMarket(params: MarketParams, options: RunOptions): RunResult {
  const market = new Market(params, {
    seed: options.seed,
    replication: options.replication ?? 0,
    record: options.record ?? true,
    weeks: options.weeks,
    geography: options.geography,
  });
  market.run();
  return resultOf(market, options.shakeoutK ?? 5);
}

/** The result of a market run (to its horizon, or stepped there from outside with `market.kernel.runUntil`). */
export function resultOf(market: Market, shakeoutK = 5): RunResult {
  const params = market.params;
  const shares = market.lastShares.length ? market.lastShares : params.players.map(() => 0);
  const players: PlayerOutcome[] = market.players.map((player, j) => {
    const operating = isOperating(player);
    const finalShare = shares[j] ?? 0;
    return {
      id: player.params.id,
      name: player.params.name,
      status: player.status,
      exitReason: player.exitReason,
      survivor: operating && finalShare >= params.survivalShareThreshold,
      finalShare,
      pickupPoints: operating ? countPoints(market, j) : 0,
      peakPickupPoints: player.peakPickupPoints,
      adopters: operating ? player.lastFigures.adopters : 0,
      cashYuan: player.cashYuan,
      entryDate: player.entryDay === null ? null : market.calendar.dateOf(player.entryDay),
      exitDate: player.exitDay === null ? null : market.calendar.dateOf(player.exitDay),
      exitWeek: player.exitWeek,
    };
  });
  const firstShakeout = shakeoutIndex(market.activeByWeek, shakeoutK);
  return {
    scenarioName: params.name,
    startDate: params.startDate,
    seed: market.options.seed,
    replication: market.options.replication,
    horizonWeeks: market.weeks,
    playerIds: params.players.map((p) => p.id),
    playerNames: params.players.map((p) => p.name),
    provinceIds: market.geography.provinceIds,
    weekly: market.tables,
    events: market.events,
    players,
    parents: params.parents.map((parent, i) => ({
      id: parent.id,
      name: parent.name,
      budgetYuan: parent.budgetYuan,
      spentYuan: market.parents[i]!.spentYuan,
    })),
    survivors: players.filter((p) => p.survivor).map((p) => p.id),
    finalHhi: herfindahl(shares),
    shakeoutWeek: firstShakeout < 0 ? null : firstShakeout + 1,
    shakeoutK,
    kernelEvents: market.kernel.eventsProcessed,
  };
}

/**
 * The shakeout: the first week with at most k operating players after some earlier week had more
 * than k (a market that never had more than k players has no shakeout). Returns a 0-based index or -1.
 */
export function shakeoutIndex(activeByWeek: readonly number[], k: number): number {
  let crowded = false;
  for (let w = 0; w < activeByWeek.length; w++) {
    if (activeByWeek[w]! > k) crowded = true;
    else if (crowded) return w;
  }
  return -1;
}

function countPoints(market: Market, j: number): number {
  const { points, players } = market.network;
  let total = 0;
  for (let k = j; k < points.length; k += players) total += points[k]!;
  return total;
}
