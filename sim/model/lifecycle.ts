/**
 * A player's entry and exit.
 * - Entry (on its entry day): it becomes active, opens its initial footprint (province by province,
 *   then `initialPoints` along its expansion order) and, where it has points, cells start with the
 *   scenario's initial adopted share.
 * - Exit (bankruptcy, cut-off, wind-down, acquisition): its points close, it stops trading and
 *   spending; the exit is dated now and belongs to the week whose row shows now (`weekOfNow`).
 */
import { closeAllPoints, expansionDensity, openPoints } from './network.js';
import type { PlayerState } from './players.js';
import type { EventKind, PlayerStatus } from './results.js';
import { weekOfNow, type MarketContext } from './state.js';

/** A pending player enters the market now. */
export function enter(ctx: MarketContext, player: PlayerState): void {
  if (player.status !== 'pending') return;
  const { geography, state } = ctx;
  player.status = 'active';
  player.entryDay = ctx.now();
  const expansion = player.params.expansion;
  let placed = 0;
  const provinces = geography.provinceIds;
  const density = expansionDensity(expansion);
  for (const { province, points } of expansion.initialFootprint) {
    const target = provinces.indexOf(province);
    const only = Uint8Array.from(provinces, (_, i) => (i === target ? player.blockedProvince[i]! : 1));
    // A reported footprint is built to the target density; the first pass of the order starts after it.
    placed += openPoints(state.network, geography, player.index, player.cursor, points, { target: density.target, entry: density.target }, only, 0);
    player.cursor.position = 0;
    player.cursor.deepening = false;
  }
  if (expansion.initialPoints > 0) {
    placed += openPoints(state.network, geography, player.index, player.cursor, expansion.initialPoints, density, player.blockedProvince, 0);
  }
  if (placed > 0) {
    player.cursor.idleUntilWeek = 0;
    seedAdopters(ctx, player.index);
  }
  ctx.log('entry', player, null, `${player.params.name} enters${placed > 0 ? ` with ${placed} pickup points` : ''}`);
}

/** Cells where player j has points start with the scenario's initial adopted share. */
function seedAdopters(ctx: MarketContext, j: number): void {
  const share = ctx.params.demand.initialAdoptedShare;
  if (share <= 0) return;
  const { geography } = ctx;
  const { network, adopters } = ctx.state;
  const { points, players } = network;
  for (let c = 0; c < geography.cellCount; c++) {
    if (points[c * players + j]! > 0) {
      adopters[c] = Math.max(adopters[c]!, Math.floor(share * geography.reachableHouseholds[c]!));
    }
  }
}

/** Takes a player out of the market: its points close and it stops trading and spending. */
export function exitPlayer(
  ctx: MarketContext,
  player: PlayerState,
  status: PlayerStatus,
  kind: EventKind,
  text: string,
  amountYuan: number | null = null,
  counterparty = '',
): void {
  closeAllPoints(ctx.state.network, ctx.geography, player.index);
  player.status = status;
  player.roundPending = false;
  player.exitDay = ctx.now();
  player.exitWeek = weekOfNow(ctx.state);
  ctx.log(kind, player, amountYuan, text, counterparty);
}
