/**
 * The week's records, after accounts, reviews and cash: each player's share of the market's GMV,
 * its trailing histories, the count of operating players, a finiteness check of every figure and
 * flow, and (when the run keeps them) the weekly rows of the player, province and market tables.
 * A player that left during the week keeps its flows but shows no points, orders or share in it.
 */
import { contribution, provinceContribution } from './economics.js';
import { concentrationRatio, herfindahl } from './metrics.js';
import type { MarketParams } from './params.js';
import { isOperating, operatingFlow, runwayAt, type PlayerState, type WeekFigures } from './players.js';
import { CASH_FLOWS, RUNWAY_NOT_BURNING, STATUS_CODE, type WeeklyTables } from './results.js';
import type { MarketState } from './state.js';

/** Raised when the model's state stops being finite: names the player, week and quantity. */
export class NonFiniteStateError extends Error {
  constructor(readonly player: string, readonly week: number, readonly quantity: string, readonly value: number) {
    super(`model state became non-finite: ${quantity} of player "${player}" in week ${week} is ${value}`);
  }
}

/** Records the week `state.week` just cleared (see the module header). */
export function recordWeek(params: MarketParams, state: MarketState): void {
  const players = state.players;
  for (const player of players) if (!isOperating(player)) clearOperatingFigures(player.figures);
  let totalGmv = 0;
  for (const player of players) totalGmv += player.figures.gmvYuan;
  const shares = players.map((p) => (totalGmv > 0 ? p.figures.gmvYuan / totalGmv : 0));
  let active = 0;
  for (const player of players) {
    if (isOperating(player)) active++;
    player.sharePrevious = player.shareLast;
    player.shareLast = shares[player.index]!;
    player.gmvHistory.push(player.figures.gmvYuan);
    if (player.gmvHistory.length > 5) player.gmvHistory.shift();
    checkFinite(player, state.week);
  }
  state.gmvHistory.push(totalGmv);
  if (state.gmvHistory.length > 5) state.gmvHistory.shift();
  state.lastShares = shares;
  state.activeByWeek.push(active);
  if (state.tables) writeRows(params, state, state.tables, shares, totalGmv, active);
}

/** A player that left during the week keeps its flows but shows no points, orders or share. */
function clearOperatingFigures(figures: WeekFigures): void {
  figures.pickupPoints = 0;
  figures.cells = 0;
  figures.provinces = 0;
  figures.adopters = 0;
  figures.orders = 0;
  figures.gmvYuan = 0;
  figures.warehouses = 0;
}

function checkFinite(player: PlayerState, week: number): void {
  const check = (quantity: string, value: number) => {
    if (!Number.isFinite(value)) throw new NonFiniteStateError(player.params.id, week, quantity, value);
  };
  const figures = player.figures as unknown as Record<string, number>;
  const flows = player.flows as unknown as Record<string, number>;
  for (const quantity in figures) check(quantity, figures[quantity]!);
  for (const quantity in flows) check(quantity, flows[quantity]!);
  check('cashYuan', player.cashYuan);
}

function writeRows(params: MarketParams, state: MarketState, tables: WeeklyTables, shares: number[], totalGmv: number, active: number): void {
  const P = state.network.players;
  const w = state.week - 1;
  const t = tables.player;
  for (const player of state.players) {
    const k = w * P + player.index;
    const f = player.figures;
    t.pickupPoints[k] = f.pickupPoints;
    t.newPoints[k] = f.newPoints;
    t.droppedPoints[k] = f.droppedPoints;
    t.pointsWonFromRivals[k] = f.pointsWonFromRivals;
    t.pointsLostToRivals[k] = f.pointsLostToRivals;
    t.cells[k] = f.cells;
    t.provinces[k] = f.provinces;
    t.adopters[k] = f.adopters;
    t.orders[k] = f.orders;
    t.gmvYuan[k] = f.gmvYuan;
    t.share[k] = shares[player.index]!;
    t.subsidyPerOrderYuan[k] = isOperating(player) || f.orders > 0 ? player.subsidyPerOrderYuan : 0;
    for (const { column } of CASH_FLOWS) t[column][k] = (player.flows as unknown as Record<string, number>)[column]!;
    t.netFlowYuan[k] = CASH_FLOWS.reduce((sum, { column, sign }) => sum + sign * t[column][k]!, 0);
    t.cashYuan[k] = player.cashYuan;
    t.takeRate[k] = isOperating(player) ? player.takeRate : 0;
    t.commissionRate[k] = isOperating(player) ? player.commissionRate : 0;
    t.logisticsPerOrderYuan[k] = f.orders > 0 ? player.flows.logisticsYuan / f.orders : 0;
    t.contributionYuan[k] = contribution(player);
    t.contributionMargin[k] = f.gmvYuan > 0 ? t.contributionYuan[k]! / f.gmvYuan : 0;
    t.operatingProfitYuan[k] = operatingFlow(player.flows);
    t.warehouses[k] = f.warehouses;
    t.valueOfStayingYuan[k] = isOperating(player) && Number.isFinite(player.valueOfStayingYuan) ? player.valueOfStayingYuan : 0;
    t.runwayWeeks[k] = isOperating(player) ? runwayAt(player.cashYuan, player.lastOperatingFlowYuan, RUNWAY_NOT_BURNING) : 0;
    tables.status[k] = STATUS_CODE[player.status];
  }
  writeProvinceRows(params, state, tables, w);
  const m = tables.market;
  m.gmvYuan[w] = totalGmv;
  m.orders[w] = state.players.reduce((s, p) => s + p.figures.orders, 0);
  m.adopters[w] = sumOf(state.adopters);
  m.pickupPoints[w] = state.players.reduce((s, p) => s + p.figures.pickupPoints, 0);
  m.hhi[w] = herfindahl(shares);
  m.cr3[w] = concentrationRatio(shares, 3);
  m.activePlayers[w] = active;
  m.investorAppetite[w] = state.investorAppetite;
}

/**
 * The sum of a typed array, in index order. A plain loop (a reduce costs a callback per cell and
 * week), in a function of its own: inside `writeRows` the loop was compiled on the stack each week
 * and thrown away at the next line, so every week ran it slowly again.
 */
function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum;
}

/** Each operating player's footprint and contribution by province (see `WeeklyTables.province`). */
function writeProvinceRows(params: MarketParams, state: MarketState, tables: WeeklyTables, w: number): void {
  const s = state.scratch;
  const P = s.players;
  const provinces = s.provinces;
  const t = tables.province;
  for (const player of state.players) {
    if (!isOperating(player)) continue;
    const j = player.index;
    for (let province = 0; province < provinces; province++) {
      const k = province * P + j;
      if (s.provincePoints[k]! === 0) continue;
      const row = (w * provinces + province) * P + j;
      t.pickupPoints[row] = s.provincePoints[k]!;
      t.orders[row] = s.provinceOrders[k]!;
      t.gmvYuan[row] = s.provinceGmv[k]!;
      t.contributionYuan[row] = provinceContribution(params.costs, player, s, province);
    }
  }
}
