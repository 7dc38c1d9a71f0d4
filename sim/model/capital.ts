/**
 * Capital competition: endogenous funding rounds, parents funding their units, investor
 * appetite, acquisitions and bankruptcy.
 *
 * - Rounds: when runway < `runwayThresholdWeeks` a player starts a round; it closes after
 *   `closeDelayWeeks` with probability
 *     min(1, base · appetite^e · (1 + shareWeight·share) · max(0, 1 + growthWeight·growth4w)
 *            · e^{marginWeight·m + trendWeight·Δm} · min(1, runway ÷ threshold)^runwayElasticity)
 *   where m is the contribution margin before subsidies over the player's window and Δm its change
 *   from the window's first half to its second (investors look at unit economics and their trend),
 *   raising min(clamp(sizeWeeksOfBurn · burn · appetite, min, max), maxDilutionShare · valuation),
 *   valuation = 52 · weekly GMV · valuationGmvMultiple · appetite · e^{marginWeight·m}. A failed
 *   round changes no cash and may be retried after `retryAfterWeeks`; a startup whose rounds keep
 *   failing runs out of cash and goes bankrupt.
 * - Parents: each week a unit's operating loss accumulates; past the loss tolerance (a hard limit,
 *   reason `parent-loss-limit`), or after `patienceWeeks` straight weeks below `minShare`, the parent
 *   cuts it off. The main rule is the value of staying (`staying.ts`). Otherwise, when the unit's
 *   runway falls below `topUpRunwayWeeks`, the parent tops it up to `topUpToRunwayWeeks` of burn
 *   from what is left of its budget. A shock to the parent (`parent-shock`) cuts its budget, its
 *   tolerance or its patience (a higher discount rate).
 * - Appetite: a ← clamp(a + reversion·(long run − a) + sensitivity·g − lossSensitivity·ℓ, 0.05, 3),
 *   where g is the market's weekly GMV growth averaged over 4 weeks (clamped to ±10%) and ℓ the
 *   sector's operating loss ÷ GMV that week (clamped to [0, 1]); a bankruptcy multiplies it by
 *   (1 − bankruptcyAppetiteHit), a strategic exit (cut-off, wind-down) by (1 − exitAppetiteHit),
 *   regulation events by their `appetiteMultiplier`.
 * - Acquisitions: the buyer pays the price (an outflow of its cash); the share
 *   `pointsTransferShare` of the target's points per cell (rounded down, within the buyer's shop
 *   limit) moves to the buyer, the rest close (all of them in a province the buyer has withdrawn
 *   from: it does not return there); of the target's customers (adopters × its share in each cell)
 *   the share `adoptersTransferShare` stays with group buying, the rest stop adopting. The target
 *   keeps the cash it had (its shareholders are paid the price; the tables show the cash at exit).
 * - Bankruptcy: a player below zero cash for more than `bankruptcyGraceWeeks` weeks exits.
 */
import { cellShares, refreshChoiceWeights } from './choice.js';
import { exitPlayer } from './lifecycle.js';
import { setPoints } from './network.js';
import type { CapitalParams, MarketEvent } from './params.js';
import { isOperating, operatingFlow, runwayAt, type PlayerState } from './players.js';
import { RUNWAY_NOT_BURNING } from './results.js';
import { PRIORITY, type MarketContext, type MarketState, type ParentState } from './state.js';

export type { ParentState };

const APPETITE_MIN = 0.05;
const APPETITE_MAX = 3;

export function clampAppetite(value: number): number {
  return Math.min(APPETITE_MAX, Math.max(APPETITE_MIN, value));
}

/** Multiplies investor appetite by (1 − hit). */
export function coolAppetite(state: MarketState, hit: number): void {
  state.investorAppetite = clampAppetite(state.investorAppetite * (1 - hit));
}

/** Growth of a series over its last 4 steps (ratio − 1), 0 when undefined, clamped to [−1, 5]. */
export function growth4w(history: readonly number[]): number {
  if (history.length < 5) return 0;
  const before = history[history.length - 5]!;
  const now = history[history.length - 1]!;
  if (before <= 0) return 0;
  return Math.min(5, Math.max(-1, now / before - 1));
}

/** Weekly burn (yuan, > 0) of a player, or 0 when it is not burning cash. */
function burnOf(player: PlayerState): number {
  return Math.max(0, -player.lastOperatingFlowYuan);
}

// ----- funding rounds ---------------------------------------------------------------------------

/** Starts a round for a player whose runway is short (after the week's accounts). */
export function considerRound(ctx: MarketContext, player: PlayerState, runwayWeeks: number): void {
  const rules = player.params.fundraising;
  if (!rules || !isOperating(player) || player.roundPending || ctx.state.week < player.nextRoundWeek) return;
  if (runwayWeeks >= rules.runwayThresholdWeeks) return;
  player.roundPending = true;
  ctx.log('round-started', player, null, `${player.params.name} starts raising (runway ${runwayWeeks.toFixed(1)} weeks)`, rules.investor);
  ctx.schedule(7 * rules.closeDelayWeeks, () => closeRound(ctx, player), PRIORITY.capital);
}

/** Probability that a player's round closes now, at investor appetite `appetite`. */
export function roundCloseProbability(appetite: number, player: PlayerState): number {
  const rules = player.params.fundraising!;
  const { margin, trend } = marginAndTrend(player);
  const runway = runwayAt(player.cashYuan, player.lastOperatingFlowYuan, RUNWAY_NOT_BURNING);
  const probability =
    rules.baseCloseProbability *
    Math.pow(appetite, rules.appetiteElasticity) *
    (1 + rules.shareWeight * player.shareLast) *
    Math.max(0, 1 + rules.growthWeight * growth4w(player.gmvHistory)) *
    Math.exp(Math.min(20, rules.marginWeight * margin + rules.trendWeight * trend)) *
    Math.pow(Math.min(1, runway / rules.runwayThresholdWeeks), rules.runwayElasticity);
  return Math.min(1, probability);
}

/**
 * Contribution margin before subsidies over the player's window (÷ GMV), and its change from the
 * window's first half to its second half; 0 and 0 without GMV.
 */
export function marginAndTrend(player: PlayerState): { margin: number; trend: number } {
  const window = player.window;
  const marginOf = (weeks: typeof window) => {
    let gmv = 0;
    let contribution = 0;
    for (const week of weeks) (gmv += week.gmvYuan), (contribution += week.contributionBeforeSubsidyYuan);
    return gmv > 0 ? contribution / gmv : 0;
  };
  const half = Math.floor(window.length / 2);
  const trend = half > 0 ? marginOf(window.slice(half)) - marginOf(window.slice(0, half)) : 0;
  return { margin: marginOf(window), trend };
}

function closeRound(ctx: MarketContext, player: PlayerState): void {
  const state = ctx.state;
  const rules = player.params.fundraising!;
  player.roundPending = false;
  if (!isOperating(player)) {
    ctx.log('round-abandoned', player, null, `${player.params.name}'s round is abandoned: it is ${player.status}`, rules.investor);
    return;
  }
  const probability = roundCloseProbability(state.investorAppetite, player);
  if (player.streams.funding.uniform() >= probability) {
    player.nextRoundWeek = state.week + rules.retryAfterWeeks;
    ctx.log('round-failed', player, null, `${player.params.name}'s round fails (close probability ${probability.toFixed(2)})`, rules.investor);
    return;
  }
  const { margin } = marginAndTrend(player);
  const valuation = player.gmvHistory.at(-1)! * 52 * rules.valuationGmvMultiple * state.investorAppetite * Math.exp(Math.min(20, rules.marginWeight * margin));
  const size = Math.min(
    Math.min(rules.maxRoundYuan, Math.max(rules.minRoundYuan, rules.sizeWeeksOfBurn * burnOf(player) * state.investorAppetite)),
    rules.maxDilutionShare * valuation,
  );
  if (burnOf(player) === 0 && rules.minRoundYuan === 0) {
    ctx.log('round-abandoned', player, null, `${player.params.name} no longer burns cash: its round is called off`, rules.investor);
    return;
  }
  if (!(size > 0)) {
    player.nextRoundWeek = state.week + rules.retryAfterWeeks;
    ctx.log('round-failed', player, null, `${player.params.name}'s round fails: investors value it at nothing`, rules.investor);
    return;
  }
  receiveFunding(ctx, player, size, 'funding-round', `${player.params.name} raises from ${rules.investor} at a valuation of ${Math.round(valuation)} yuan`, rules.investor);
}

/** Adds money to a player's cash now and to the week's funding flow. */
export function receiveFunding(
  ctx: MarketContext,
  player: PlayerState,
  amountYuan: number,
  kind: 'funding-round' | 'investment' | 'parent-funding',
  text: string,
  counterparty = '',
): void {
  player.cashYuan += amountYuan;
  player.flows.fundingYuan += amountYuan;
  ctx.log(kind, player, amountYuan, text, counterparty);
}

/** A dated funding round or strategic investment of the scenario (void if the player has left). */
export function applyFunding(ctx: MarketContext, event: Extract<MarketEvent, { kind: 'funding-round' | 'investment' }>): void {
  const player = ctx.state.players[event.player]!;
  const text = `${event.kind} by ${event.investor}${event.note ? `: ${event.note}` : ''}`;
  if (player.status === 'exited' || player.status === 'acquired') {
    ctx.log(`${event.kind}-void`, player, null, `${text} not made: ${player.params.name} is ${player.status}`, event.investor);
  } else {
    receiveFunding(ctx, player, event.amountYuan, event.kind, text, event.investor);
  }
}

// ----- parents ----------------------------------------------------------------------------------

/** The parent's weekly review of one unit: cut it off, or top it up. */
export function reviewUnit(ctx: MarketContext, player: PlayerState): void {
  const parentIndex = player.params.parent;
  if (parentIndex < 0 || !isOperating(player)) return;
  const rules = ctx.params.parents[parentIndex]!;
  const parent = ctx.state.parents[parentIndex]!;
  const operating = operatingFlow(player.flows);
  player.cumulativeLossYuan -= operating;
  player.lowShareWeeks = player.shareLast < rules.minShare ? player.lowShareWeeks + 1 : 0;
  if (rules.lossToleranceIsHardLimit && player.cumulativeLossYuan > parent.toleranceYuan) {
    cutOff(ctx, player, 'parent-loss-limit', `${rules.name} cuts ${player.params.name} off: losses ${Math.round(player.cumulativeLossYuan)} yuan exceed its tolerance`);
    return;
  }
  if (rules.minShare > 0 && player.lowShareWeeks >= rules.patienceWeeks) {
    cutOff(ctx, player, 'parent-cut-off', `${rules.name} cuts ${player.params.name} off: share below ${rules.minShare} for ${rules.patienceWeeks} weeks`);
    return;
  }
  const burn = Math.max(0, -operating);
  if (burn === 0 || parent.budgetLeftYuan <= 0) return;
  const cashAfterWeek = player.cashYuan + operating;
  if (cashAfterWeek / burn >= rules.topUpRunwayWeeks) return;
  const amount = Math.min(parent.budgetLeftYuan, rules.topUpToRunwayWeeks * burn - cashAfterWeek);
  if (amount <= 0) return;
  parent.budgetLeftYuan -= amount;
  parent.spentYuan += amount;
  receiveFunding(ctx, player, amount, 'parent-funding', `${rules.name} funds ${player.params.name}`, rules.name);
}

function cutOff(ctx: MarketContext, player: PlayerState, reason: 'parent-cut-off' | 'parent-loss-limit', text: string): void {
  player.exitReason = reason;
  exitPlayer(ctx, player, 'exited', reason, text);
  coolAppetite(ctx.state, ctx.params.capital.exitAppetiteHit);
}

// ----- appetite, bankruptcy ---------------------------------------------------------------------

/** The week's move of investor appetite (after the records). */
export function updateAppetite(rules: CapitalParams, state: MarketState): void {
  const drift = rules.appetiteReversionPerWeek * (rules.longRunInvestorAppetite - state.investorAppetite);
  const weeklyGrowth = Math.min(0.1, Math.max(-0.1, growth4w(state.gmvHistory) / 4));
  let gmv = 0;
  let operating = 0;
  for (const player of state.players) {
    gmv += player.figures.gmvYuan;
    operating += operatingFlow(player.flows);
  }
  const lossRate = gmv > 0 ? Math.min(1, Math.max(0, -operating / gmv)) : 0;
  state.investorAppetite = clampAppetite(
    state.investorAppetite + drift + rules.appetiteGrowthSensitivity * weeklyGrowth - rules.sectorLossSensitivity * lossRate,
  );
}

/** Exits a player that has stayed below zero cash for longer than the grace period. */
export function checkSolvency(ctx: MarketContext, player: PlayerState): void {
  if (!isOperating(player)) return;
  if (player.cashYuan >= 0) {
    player.weeksBelowZero = 0;
    return;
  }
  player.weeksBelowZero++;
  if (player.weeksBelowZero <= ctx.params.capital.bankruptcyGraceWeeks) return;
  player.exitReason = 'bankruptcy';
  exitPlayer(ctx, player, 'exited', 'bankruptcy', `${player.params.name} runs out of cash (${Math.round(player.cashYuan)} yuan) and exits`);
  coolAppetite(ctx.state, ctx.params.capital.bankruptcyAppetiteHit);
}

// ----- acquisitions -----------------------------------------------------------------------------

export interface AcquisitionTerms {
  priceYuan: number;
  pointsTransferShare: number;
  adoptersTransferShare: number;
}

/** The outcome of an acquisition, as logged. */
export interface AcquisitionOutcome {
  pointsBefore: number;
  pointsTransferred: number;
  customersBefore: number;
  customersLost: number;
}

/** `buyer` acquires `target` on `terms`; see the module header for what transfers. */
export function acquire(ctx: MarketContext, buyer: PlayerState, target: PlayerState, terms: AcquisitionTerms): AcquisitionOutcome {
  const { geography } = ctx;
  const { network, adopters, choice, players } = ctx.state;
  const P = network.players;
  const t = target.index;
  const b = buyer.index;
  refreshChoiceWeights(ctx.params.demand, players, choice);
  const shares = new Float64Array(P);
  const outcome: AcquisitionOutcome = { pointsBefore: 0, pointsTransferred: 0, customersBefore: 0, customersLost: 0 };
  for (let c = 0; c < geography.cellCount; c++) {
    const count = network.points[c * P + t]!;
    if (count === 0) continue;
    cellShares(choice, c, geography.cellProvince[c]!, network.attraction, null, shares);
    const share = shares[t]!;
    const customers = adopters[c]! * share;
    const lost = (1 - terms.adoptersTransferShare) * customers;
    adopters[c] = adopters[c]! - lost;
    outcome.customersBefore += customers;
    outcome.customersLost += lost;
    setPoints(network, geography, c, t, 0);
    const room = Math.min(geography.candidateShops[c]! - network.points[c * P + b]!, network.multiHomingCap * geography.candidateShops[c]! - network.cellPoints[c]!);
    const moving = buyer.retreated[geography.cellProvince[c]!] ? 0 : Math.max(0, Math.min(room, Math.floor(terms.pointsTransferShare * count)));
    if (moving > 0) setPoints(network, geography, c, b, network.points[c * P + b]! + moving);
    outcome.pointsBefore += count;
    outcome.pointsTransferred += moving;
  }
  buyer.cashYuan -= terms.priceYuan;
  buyer.flows.acquisitionYuan += terms.priceYuan;
  target.exitReason = 'acquired';
  exitPlayer(
    ctx,
    target,
    'acquired',
    'acquisition',
    `${buyer.params.name} acquires ${target.params.name}: ${outcome.pointsTransferred} of ${outcome.pointsBefore} pickup points and ` +
      `${Math.round(outcome.customersBefore - outcome.customersLost)} of ${Math.round(outcome.customersBefore)} customers transfer`,
    terms.priceYuan,
    buyer.params.id,
  );
  return outcome;
}

/** Endogenous acquisitions: a rich player may buy a distressed one (after the week's accounts). */
export function considerAcquisitions(ctx: MarketContext, runway: (player: PlayerState) => number): void {
  const rules = ctx.params.capital.acquisitions;
  if (!rules) return;
  const { players, streams } = ctx.state;
  for (const target of players) {
    if (!isOperating(target) || runway(target) >= rules.distressRunwayWeeks) continue;
    if (streams.acquisition.uniform() >= rules.probabilityPerWeek) continue;
    const price = rules.priceWeeksOfGmv * target.figures.gmvYuan;
    const buyer = players
      .filter((p) => p !== target && isOperating(p) && p.cashYuan >= rules.acquirerCashMultiple * price && p.cashYuan > 0)
      .sort((a, b) => b.cashYuan - a.cashYuan || a.index - b.index)[0];
    if (!buyer) continue;
    acquire(ctx, buyer, target, { priceYuan: price, pointsTransferShare: rules.pointsTransferShare, adoptersTransferShare: rules.adoptersTransferShare });
  }
}

/** A dated acquisition of the scenario (void if the buyer is not operating or the target has left). */
export function applyAcquisition(ctx: MarketContext, event: Extract<MarketEvent, { kind: 'acquisition' }>): void {
  const buyer = ctx.state.players[event.acquirer]!;
  const target = ctx.state.players[event.player]!;
  if (buyer.status !== 'active' && buyer.status !== 'retreating') {
    ctx.log('acquisition-void', target, null, `${buyer.params.name} cannot buy ${target.params.name}: the buyer is ${buyer.status}`, buyer.params.id);
  } else if (target.status === 'exited' || target.status === 'acquired') {
    ctx.log('acquisition-void', target, null, `${buyer.params.name} cannot buy ${target.params.name}: it is ${target.status}`, buyer.params.id);
  } else {
    acquire(ctx, buyer, target, event);
  }
}
