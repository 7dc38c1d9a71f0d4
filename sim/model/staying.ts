/**
 * Exit by expected value: each week every operating player (a startup, or a parent for its unit)
 * weighs the value of staying in a war of attrition (Fudenberg & Tirole 1986; Ghemawat & Nalebuff
 * 1985) against leaving (worth 0).
 *
 * Over the trailing window (`windowWeeks`), for player i:
 *   burn_i   = max(0, −(operating flow + recruiting + warehouse builds)): what fighting on costs a
 *              week, expansion and one-off investment excluded;
 *   T_i      = staying power in weeks = resources_i ÷ burn_i (∞ when not burning); resources are
 *              cash, plus for a unit what its parent can still put in (budget left, within the
 *              loss tolerance left);
 *   P_ik     = T_i^γ ÷ (T_i^γ + T_k^γ), the chance that i outlasts rival k;
 *   L_i      = GMV of every platform in i's cells (its local market); rival k's part of it is
 *              r_k = (L_i − g_i)·s_k ÷ Σ_{k'≠i} s_k' (national shares s);
 *   e_i      = g_i ÷ (g_i + Σ_k r_k·(1 − P_ik)), its expected share of the local market once the
 *              rivals it outlasts have gone;
 *   G_i      = min(matureGrowthCap, reachable ÷ adopters in its cells): room left to grow;
 *   prize_i  = m_i·e_i·L_i·G_i − F_i, the weekly profit after the war, with m_i its contribution
 *              margin before subsidies and F_i its fixed costs;
 *   D_i      = Σ_k P_ik·r_k·min(T_k, maxWarWeeks) ÷ Σ_k P_ik·r_k, the expected length of the war;
 *   V_i      = −burn_i·(1 − δ^D)/(1 − δ) + δ^D·prize_i/(1 − δ), δ = (1 + ρ)^(−1/52).
 * A player whose V stays negative for `negativeWeeks` first shrinks: it withdraws from every
 * province outside home whose contribution before subsidies does not cover its province costs;
 * if it has none left to shed, it exits (a unit is cut off by its parent, a startup winds down).
 *
 * Simplifications: rivals are ranked by national shares inside a player's local market, and the
 * prize ignores the lower logistics cost per order that a larger share would bring (it is a lower
 * bound on the value of winning).
 */
import { isOperating, type PlayerState } from './players.js';
import type { ClearingScratch } from './clearing.js';
import type { Market } from './market.js';
import { withdraw } from './retreat.js';

export interface StayingView {
  burnYuan: number;
  stayingPowerWeeks: number;
  share: number;
}

/** What the other players see of a player: its burn, staying power and GMV share. */
export function stayingView(market: Market, player: PlayerState): StayingView {
  let fighting = 0;
  for (const week of player.window) fighting += week.operatingYuan + week.investmentYuan;
  const burn = Math.max(0, -fighting / Math.max(1, player.window.length));
  return { burnYuan: burn, stayingPowerWeeks: burn > 0 ? resourcesOf(market, player) / burn : Infinity, share: player.shareLast };
}

/** Cash plus, for a unit, what its parent can still put in within its budget and loss tolerance. */
export function resourcesOf(market: Market, player: PlayerState): number {
  const cash = Math.max(0, player.cashYuan);
  const parentIndex = player.params.parent;
  if (parentIndex < 0) return cash;
  const parent = market.parents[parentIndex]!;
  const toleranceLeft = Math.max(0, parent.toleranceYuan - player.cumulativeLossYuan);
  return cash + Math.min(parent.budgetLeftYuan, toleranceLeft);
}

/** The value of staying of one player (yuan), from its window and its rivals' views. */
export function valueOfStaying(market: Market, player: PlayerState, views: readonly StayingView[]): number {
  const rules = market.params.capital.staying!;
  const window = player.window;
  const n = Math.max(1, window.length);
  let gmv = 0;
  let beforeSubsidy = 0;
  let fixed = 0;
  let local = 0;
  let reachable = 0;
  let adopted = 0;
  for (const week of window) {
    gmv += week.gmvYuan / n;
    beforeSubsidy += week.contributionBeforeSubsidyYuan / n;
    fixed += week.fixedYuan / n;
    local += week.localMarketGmvYuan / n;
    reachable += week.localReachable / n;
    adopted += week.localAdopters / n;
  }
  const own = views[player.index]!;
  if (gmv <= 0) return -own.burnYuan * 52;
  let rivalShares = 0;
  for (const rival of market.players) if (rival !== player && isOperating(rival)) rivalShares += views[rival.index]!.share;
  const rivalsGmv = Math.max(0, local - gmv);
  let remaining = 0;
  let warWeight = 0;
  let warWeeks = 0;
  for (const rival of market.players) {
    if (rival === player || !isOperating(rival)) continue;
    const view = views[rival.index]!;
    const r = rivalShares > 0 ? (rivalsGmv * view.share) / rivalShares : 0;
    const outlast = outlastProbability(own.stayingPowerWeeks, view.stayingPowerWeeks, rules.outlastElasticity);
    remaining += r * (1 - outlast);
    warWeight += outlast * r;
    warWeeks += outlast * r * Math.min(view.stayingPowerWeeks, rules.maxWarWeeks);
  }
  const expectedShare = gmv / (gmv + remaining);
  const growth = adopted > 0 ? Math.min(rules.matureGrowthCap, Math.max(1, reachable / adopted)) : 1;
  const margin = beforeSubsidy / gmv;
  const prize = margin * expectedShare * Math.max(local, gmv) * growth - fixed;
  const war = warWeight > 0 ? warWeeks / warWeight : 0;
  const delta = Math.pow(1 + rules.discountRatePerYear + parentImpatience(market, player), -1 / 52);
  const discountedWar = Math.pow(delta, war);
  return (-own.burnYuan * (1 - discountedWar)) / (1 - delta) + (discountedWar * prize) / (1 - delta);
}

/** P(a player with staying power a outlasts one with b), weeks; ∞ beats any finite power. */
export function outlastProbability(a: number, b: number, gamma: number): number {
  if (a === b) return 0.5;
  if (a === Infinity) return 1;
  if (b === Infinity) return 0;
  if (gamma === 0) return 0.5;
  return 1 / (1 + Math.pow(b / Math.max(a, 1e-9), gamma));
}

function parentImpatience(market: Market, player: PlayerState): number {
  return player.params.parent < 0 ? 0 : market.parents[player.params.parent]!.discountRateAdd;
}

/** The weekly review of every operating player: value of staying, then shrink or exit. */
export function reviewStaying(market: Market, scratch: ClearingScratch): void {
  const rules = market.params.capital.staying;
  if (!rules) return;
  const views = market.players.map((player) => (isOperating(player) ? stayingView(market, player) : { burnYuan: 0, stayingPowerWeeks: 0, share: 0 }));
  const values = market.players.map((player) => (isOperating(player) ? valueOfStaying(market, player, views) : NaN));
  for (const player of market.players) {
    if (!isOperating(player)) continue;
    const value = values[player.index]!;
    player.valueOfStayingYuan = value;
    const weeksIn = market.week - Math.floor((player.entryDay ?? 0) / 7);
    if (weeksIn < rules.minWeeksActive || player.window.length < rules.windowWeeks) continue;
    player.negativeValueWeeks = value < 0 ? player.negativeValueWeeks + 1 : 0;
    if (player.negativeValueWeeks < rules.negativeWeeks) continue;
    player.negativeValueWeeks = 0;
    if (shrink(market, player, scratch) > 0) continue;
    leave(market, player, value);
  }
}

/** Withdraws from the provinces outside home that do not cover their costs before subsidies. */
function shrink(market: Market, player: PlayerState, scratch: ClearingScratch): number {
  const P = market.players.length;
  const j = player.index;
  const p = player.params;
  let shed = 0;
  for (let province = 0; province < player.retreated.length; province++) {
    const k = province * P + j;
    if (player.home[province] || scratch.provincePoints[k]! === 0) continue;
    const penalty = 1 + p.managementPenaltyOutsideHome;
    const contribution =
      scratch.provinceGmv[k]! * (player.takeRate - player.commissionRate) -
      penalty * (scratch.provinceLogistics[k]! + p.fixedCostYuanPerProvinceWeek) -
      (market.params.costs.warehouse && player.warehouse[province] ? market.params.costs.warehouse.weeklyCostYuan : 0);
    if (contribution < 0) {
      withdraw(market, player, province, p.provinceRetreat?.pointsToRivalsShare ?? 0);
      shed++;
    }
  }
  return shed;
}

function leave(market: Market, player: PlayerState, value: number): void {
  const parentIndex = player.params.parent;
  const worth = `value of staying ${Math.round(value / 1e6)} million yuan`;
  if (parentIndex >= 0) {
    const parent = market.params.parents[parentIndex]!;
    player.exitReason = 'parent-cut-off';
    market.exitPlayer(player, 'exited', 'parent-cut-off', `${parent.name} stops funding ${player.params.name}: ${worth}`, null, parent.name);
  } else {
    player.exitReason = 'wind-down';
    market.exitPlayer(player, 'exited', 'wind-down', `${player.params.name} winds down: ${worth}`);
  }
  market.coolAppetite(market.params.capital.exitAppetiteHit);
}
