/**
 * Exit by expected value: each week every operating player (a startup, or a parent for its unit)
 * weighs staying in a war of attrition (Fudenberg & Tirole 1986; Ghemawat & Nalebuff 1985), staying
 * without fighting, and leaving (worth 0).
 *
 * Over the trailing window (`windowWeeks`), for player i with weekly GMV g_i:
 *   burn_i   = max(0, −(operating flow + recruiting + warehouse builds)): what fighting on costs a
 *              week, expansion and one-off investment excluded;
 *   T_i      = staying power in weeks = resources_i ÷ burn_i (∞ when not burning); resources are
 *              cash, plus for a unit what its parent can still put in (budget left, within the
 *              loss tolerance left);
 *   P_ik     = T_i^γ ÷ (T_i^γ + T_k^γ), the chance that i outlasts rival k, or 0 when k is viable
 *              (its own peace value below is ≥ 0: it never has to quit);
 *   L_i      = GMV of every platform in i's cells (its local market); rival k's part of it is
 *              r_k = (L_i − g_i)·s_k ÷ Σ_{k'≠i} s_k' (national shares s);
 *   e_i      = g_i ÷ (g_i + Σ_k r_k·(1 − P_ik)), its expected share of the local market once the
 *              rivals it outlasts have gone;
 *   G_i      = min(matureGrowthCap, reachable ÷ adopters in its cells): room left to grow;
 *   m_i      = (contribution before subsidies + drop costs) ÷ GMV + σ_i: the margin on each extra
 *              order (the delivery drop is paid per point, so it does not grow with volume —
 *              economies of density); σ_i is what a yuan of a unit's GMV is worth to its parent's
 *              other businesses (`strategicValueShareOfGmv`; 0 for a startup): a parent with such
 *              complementarities carries a loss-making unit longer;
 *   prize_i  = m_i·e_i·L_i·G_i − drop_i − F_i, the weekly profit after the war (F: fixed costs);
 *   peace_i  = m_i·g_i·G_i − drop_i − F_i, the weekly profit if it stops fighting and keeps its share;
 *   D_i      = Σ_k P_ik·r_k·min(T_k, maxWarWeeks) ÷ Σ_k P_ik·r_k, the expected length of the war;
 *   fight_i  = −burn_i·(1 − δ^D)/(1 − δ) + δ^D·prize_i/(1 − δ),  δ = (1 + ρ)^(−1/52);
 *   V_i      = max(fight_i, peace_i/(1 − δ)).
 * A player that finds peace worth more than fighting de-escalates: its subsidy steps down
 * (`policies.ts`), and a war ends when its fighters all do or someone leaves. A player whose V stays
 * negative for `negativeWeeks` first shrinks: it withdraws from every province outside home whose
 * projected contribution (same margin and growth) does not cover its province costs (with the
 * part of the headquarters a province carries where that shrinks with the footprint,
 * `headquartersFixedShare` < 1); if none is left to shed, it exits (a unit is cut off by its
 * parent, a startup winds down). With `provinceReview`, players also shed provinces while they stay:
 * every `everyWeeks` weeks each proposes the provinces outside home whose projection (the same, plus
 * its parent's σ·GMV) is negative, and in each province only the proposer with the least GMV there
 * leaves (a sequential war of attrition within the province: the weakest gives up first).
 *
 * Simplifications: rivals are ranked by national shares inside a player's local market; the
 * projections ignore learning (a lower bound on the value of staying); a parent's units are judged
 * one by one.
 */
import { coolAppetite } from './capital.js';
import { headquartersSavedPerProvince } from './economics.js';
import { exitPlayer } from './lifecycle.js';
import type { CapitalParams } from './params.js';
import { isOperating, type PlayerState, type WeekSummary } from './players.js';
import { withdraw } from './retreat.js';
import type { MarketContext, ParentState } from './state.js';

type StayingRules = NonNullable<CapitalParams['staying']>;

export interface StayingView {
  burnYuan: number;
  stayingPowerWeeks: number;
  share: number;
  /** It earns money without fighting at its current share (projected): it never has to quit. */
  viable: boolean;
}

/** The two values of staying of one player, yuan. */
export interface StayingValues {
  fightYuan: number;
  peaceYuan: number;
  /** max(fight, peace). */
  valueYuan: number;
  /** Projected weekly growth factor G of its local market. */
  growth: number;
  /** Margin on each extra order, before subsidies and drop costs. */
  margin: number;
}

/** What the other players see of a player: its burn, staying power and GMV share. */
export function stayingView(rules: StayingRules, parents: readonly ParentState[], player: PlayerState): StayingView {
  let fighting = 0;
  for (const week of player.window) fighting += week.operatingYuan + week.investmentYuan;
  const burn = Math.max(0, -fighting / Math.max(1, player.window.length));
  return {
    burnYuan: burn,
    stayingPowerWeeks: burn > 0 ? resourcesOf(parents, player) / burn : Infinity,
    share: player.shareLast,
    viable: peaceProfit(rules, parents, player) >= 0,
  };
}

/** Weekly profit if the player stopped fighting and kept its share: m·g·G − drop − fixed (see above). */
function peaceProfit(rules: StayingRules, parents: readonly ParentState[], player: PlayerState): number {
  const mean = averages(player.window);
  if (mean.gmvYuan <= 0) return -(mean.dropCostYuan + mean.fixedYuan);
  const margin = (mean.contributionBeforeSubsidyYuan + mean.dropCostYuan) / mean.gmvYuan + strategicShare(parents, player);
  return margin * mean.gmvYuan * growthOf(rules, mean) - mean.dropCostYuan - mean.fixedYuan;
}

function growthOf(rules: StayingRules, mean: { localReachable: number; localAdopters: number }): number {
  const cap = rules.matureGrowthCap;
  return mean.localAdopters > 0 ? Math.min(cap, Math.max(1, mean.localReachable / mean.localAdopters)) : 1;
}

/** Cash plus, for a unit, what its parent can still put in within its budget and loss tolerance. */
export function resourcesOf(parents: readonly ParentState[], player: PlayerState): number {
  const cash = Math.max(0, player.cashYuan);
  const parentIndex = player.params.parent;
  if (parentIndex < 0) return cash;
  const parent = parents[parentIndex]!;
  const toleranceLeft = Math.max(0, parent.toleranceYuan - player.cumulativeLossYuan);
  return cash + Math.min(parent.budgetLeftYuan, toleranceLeft);
}

/** The figures of a week that the value of staying averages over its window. */
const AVERAGED = ['gmvYuan', 'contributionBeforeSubsidyYuan', 'fixedYuan', 'localMarketGmvYuan', 'localReachable', 'localAdopters', 'dropCostYuan'] as const;

/** The window's weekly averages. */
function averages(window: readonly WeekSummary[]): Pick<WeekSummary, (typeof AVERAGED)[number]> {
  const n = Math.max(1, window.length);
  const mean = { gmvYuan: 0, contributionBeforeSubsidyYuan: 0, fixedYuan: 0, localMarketGmvYuan: 0, localReachable: 0, localAdopters: 0, dropCostYuan: 0 };
  for (const week of window) {
    for (const key of AVERAGED) mean[key] += week[key] / n;
  }
  return mean;
}

/** The values of staying of one player (yuan), from its window and its rivals' views. */
export function valuesOfStaying(
  rules: StayingRules,
  players: readonly PlayerState[],
  parents: readonly ParentState[],
  player: PlayerState,
  views: readonly StayingView[],
): StayingValues {
  const mean = averages(player.window);
  const own = views[player.index]!;
  const delta = Math.pow(1 + rules.discountRatePerYear + parentImpatience(parents, player), -1 / 52);
  const perpetuity = 1 / (1 - delta);
  if (mean.gmvYuan <= 0) {
    const loss = -(mean.dropCostYuan + mean.fixedYuan) * perpetuity;
    return { fightYuan: loss, peaceYuan: loss, valueYuan: loss, growth: 1, margin: 0 };
  }
  let rivalShares = 0;
  for (const rival of players) if (rival !== player && isOperating(rival)) rivalShares += views[rival.index]!.share;
  const local = Math.max(mean.localMarketGmvYuan, mean.gmvYuan);
  const rivalsGmv = local - mean.gmvYuan;
  let remaining = 0;
  let warWeight = 0;
  let warWeeks = 0;
  for (const rival of players) {
    if (rival === player || !isOperating(rival)) continue;
    const view = views[rival.index]!;
    const r = rivalShares > 0 ? (rivalsGmv * view.share) / rivalShares : 0;
    const outlast = view.viable ? 0 : outlastProbability(own.stayingPowerWeeks, view.stayingPowerWeeks, rules.outlastElasticity);
    remaining += r * (1 - outlast);
    warWeight += outlast * r;
    warWeeks += outlast * r * Math.min(view.stayingPowerWeeks, rules.maxWarWeeks);
  }
  const expectedShare = mean.gmvYuan / (mean.gmvYuan + remaining);
  const growth = growthOf(rules, mean);
  const margin = (mean.contributionBeforeSubsidyYuan + mean.dropCostYuan) / mean.gmvYuan + strategicShare(parents, player);
  const overheads = mean.dropCostYuan + mean.fixedYuan;
  const prize = margin * expectedShare * local * growth - overheads;
  const peace = margin * mean.gmvYuan * growth - overheads;
  const peaceValue = peace * perpetuity;
  // With no rival expected to quit (no war weight), the prize is the peace value itself (the
  // expected share × the local market is the own GMV), so fighting gains nothing: taken as equal
  // here rather than left to the rounding of the two formulas, which decided the tie either way.
  if (warWeight === 0) return { fightYuan: peaceValue, peaceYuan: peaceValue, valueYuan: peaceValue, growth, margin };
  const war = warWeeks / warWeight;
  const discountedWar = Math.pow(delta, war);
  const fight = -own.burnYuan * (1 - discountedWar) * perpetuity + discountedWar * prize * perpetuity;
  return { fightYuan: fight, peaceYuan: peaceValue, valueYuan: Math.max(fight, peaceValue), growth, margin };
}

/** P(a player with staying power a outlasts one with b), weeks; ∞ beats any finite power. */
export function outlastProbability(a: number, b: number, gamma: number): number {
  if (a === b) return 0.5;
  if (a === Infinity) return 1;
  if (b === Infinity) return 0;
  if (gamma === 0) return 0.5;
  return 1 / (1 + Math.pow(b / Math.max(a, 1e-9), gamma));
}

/** σ: what a yuan of the player's GMV is worth to its parent's other businesses (0 for a startup). */
function strategicShare(parents: readonly ParentState[], player: PlayerState): number {
  return player.params.parent < 0 ? 0 : parents[player.params.parent]!.strategicShareOfGmv;
}

function parentImpatience(parents: readonly ParentState[], player: PlayerState): number {
  return player.params.parent < 0 ? 0 : parents[player.params.parent]!.discountRateAdd;
}

/** The weekly review of every operating player: value of staying, then de-escalate, shrink or exit. */
export function reviewStaying(ctx: MarketContext): void {
  const rules = ctx.params.capital.staying;
  if (!rules) return;
  const { players, parents } = ctx.state;
  const views = players.map((player) => (isOperating(player) ? stayingView(rules, parents, player) : { burnYuan: 0, stayingPowerWeeks: 0, share: 0, viable: false }));
  const values = players.map((player) => (isOperating(player) ? valuesOfStaying(rules, players, parents, player, views) : null));
  for (const player of players) {
    const value = values[player.index];
    if (!value || !isOperating(player)) continue;
    player.valueOfStayingYuan = value.valueYuan;
    if (!judged(ctx, rules, player)) continue;
    player.prefersPeace = rules.deEscalate && value.peaceYuan >= value.fightYuan;
    player.negativeValueWeeks = value.valueYuan < 0 ? player.negativeValueWeeks + 1 : 0;
    if (player.negativeValueWeeks < rules.negativeWeeks) continue;
    player.negativeValueWeeks = 0;
    if (shrink(ctx, player, value) > 0) continue;
    leave(ctx, player, value.valueYuan);
  }
  const review = rules.provinceReview;
  if (review && ctx.state.week % review.everyWeeks === 0) reviewProvincesByValue(ctx, rules, review, values);
}

/** Withdraws from the provinces outside home whose projected contribution does not cover their costs. */
function shrink(ctx: MarketContext, player: PlayerState, value: StayingValues): number {
  let shed = 0;
  for (let province = 0; province < player.retreated.length; province++) {
    if (!sheddable(ctx, player, province)) continue;
    if (projectedProvinceProfit(ctx, player, province, value.growth) < 0) {
      withdraw(ctx, player, province, player.params.provinceRetreat?.pointsToRivalsShare ?? 0);
      shed++;
    }
  }
  return shed;
}

/**
 * A province outside home the player still serves. The week's province totals predate this
 * week's withdrawals (`reviewProvinces` runs first), so a province left this week is skipped.
 */
function sheddable(ctx: MarketContext, player: PlayerState, province: number): boolean {
  const k = province * ctx.state.scratch.players + player.index;
  return !player.home[province] && !player.retreated[province] && ctx.state.scratch.provincePoints[k]! > 0;
}

/**
 * What a province outside home is projected to add each week on the unit's own account, at no
 * subsidy: its variable margin grown by `growth`, less its delivery drop and province costs (raised
 * by the management penalty), its warehouse and the part of the headquarters it carries.
 */
function projectedProvinceProfit(ctx: MarketContext, player: PlayerState, province: number, growth: number): number {
  const scratch = ctx.state.scratch;
  const k = province * scratch.players + player.index;
  const p = player.params;
  const warehouseCost = ctx.params.costs.warehouse?.weeklyCostYuan ?? 0;
  const penalty = 1 + p.managementPenaltyOutsideHome;
  const variable = scratch.provinceGmv[k]! * (player.takeRate - player.commissionRate) - penalty * (scratch.provinceLogistics[k]! - scratch.provinceDrop[k]!);
  return (
    variable * growth -
    penalty * (scratch.provinceDrop[k]! + p.fixedCostYuanPerProvinceWeek) -
    (player.warehouse[province] ? warehouseCost : 0) -
    headquartersSavedPerProvince(player)
  );
}

/**
 * The province review while staying (`staying.provinceReview`), every `everyWeeks` weeks: each
 * operating player that is judged (as in `reviewStaying`) proposes to leave every province outside
 * home it has served for `minWeeksInProvince` weeks whose projected profit, with what its parent
 * makes of the province's GMV (σ·GMV, grown like the margin), is negative. In each province only
 * the proposer with the least GMV there leaves at this review: the weakest gives up first and the
 * others judge the province again with its customers. The shrink before an exit judges a province on
 * the unit's own account (its parent is then already cutting the unit's losses).
 */
function reviewProvincesByValue(ctx: MarketContext, rules: StayingRules, review: NonNullable<StayingRules['provinceReview']>, values: readonly (StayingValues | null)[]): void {
  const { players, parents, scratch } = ctx.state;
  const P = scratch.players;
  const leaver = new Int32Array(scratch.provinces).fill(-1);
  for (const player of players) {
    const value = values[player.index];
    if (!value || !isOperating(player) || !judged(ctx, rules, player)) continue;
    const strategic = strategicShare(parents, player);
    for (let province = 0; province < scratch.provinces; province++) {
      if (!sheddable(ctx, player, province) || player.provinceWeeksPresent[province]! < review.minWeeksInProvince) continue;
      const gmv = scratch.provinceGmv[province * P + player.index]!;
      if (projectedProvinceProfit(ctx, player, province, value.growth) + strategic * gmv * value.growth >= 0) continue;
      const current = leaver[province]!;
      if (current < 0 || gmv < scratch.provinceGmv[province * P + current]!) leaver[province] = player.index;
    }
  }
  for (let province = 0; province < scratch.provinces; province++) {
    const j = leaver[province]!;
    if (j < 0) continue;
    const player = players[j]!;
    withdraw(ctx, player, province, player.params.provinceRetreat?.pointsToRivalsShare ?? 0);
  }
}

/** Whether a player's value of staying is judged this week: long enough in the market and a full window. */
function judged(ctx: MarketContext, rules: StayingRules, player: PlayerState): boolean {
  const weeksIn = ctx.state.week - Math.floor((player.entryDay ?? 0) / 7);
  return weeksIn >= rules.minWeeksActive && player.window.length >= rules.windowWeeks;
}

function leave(ctx: MarketContext, player: PlayerState, value: number): void {
  const parentIndex = player.params.parent;
  const worth = `value of staying ${Math.round(value / 1e6)} million yuan`;
  if (parentIndex >= 0) {
    const parent = ctx.params.parents[parentIndex]!;
    player.exitReason = 'parent-cut-off';
    exitPlayer(ctx, player, 'exited', 'parent-cut-off', `${parent.name} stops funding ${player.params.name}: ${worth}`, null, parent.name);
  } else {
    player.exitReason = 'wind-down';
    exitPlayer(ctx, player, 'exited', 'wind-down', `${player.params.name} winds down: ${worth}`);
  }
  coolAppetite(ctx.state, ctx.params.capital.exitAppetiteHit);
}
