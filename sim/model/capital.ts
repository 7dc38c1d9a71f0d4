/**
 * Capital competition: endogenous funding rounds, parents funding their units, investor
 * appetite, acquisitions and bankruptcy.
 *
 * - Rounds: when runway < `runwayThresholdWeeks` a player starts a round; it closes after
 *   `closeDelayWeeks` with probability
 *     min(1, base · appetite^e · (1 + shareWeight·share) · max(0, 1 + growthWeight·growth4w))
 *   raising clamp(sizeWeeksOfBurn · burn · appetite, min, max). A failed round changes no cash
 *   and may be retried after `retryAfterWeeks`.
 * - Parents: each week a unit's operating loss accumulates; past `lossToleranceYuan`, or after
 *   `patienceWeeks` straight weeks below `minShare`, the parent cuts it off (a strategic exit,
 *   not a bankruptcy). Otherwise, when the unit's runway falls below `topUpRunwayWeeks`, the
 *   parent tops it up to `topUpToRunwayWeeks` of burn from what is left of its budget.
 * - Appetite: a ← clamp(a + reversion·(long run − a) + sensitivity·g, 0.05, 3), where g is the
 *   market's weekly GMV growth averaged over 4 weeks, clamped to ±10%; a bankruptcy multiplies it by (1 − bankruptcyAppetiteHit); regulation events by
 *   their `appetiteMultiplier`.
 * - Acquisitions: the buyer pays the price (an outflow of its cash); the share
 *   `pointsTransferShare` of the target's points per cell (rounded down, within the buyer's shop
 *   limit) moves to the buyer, the rest close; of the target's customers (adopters × its share in
 *   each cell) the share `adoptersTransferShare` stays with group buying, the rest stop adopting.
 * - Bankruptcy: a player below zero cash for more than `bankruptcyGraceWeeks` weeks exits.
 */
import type { Market } from './market.js';
import { cellSharesInLogSpace, offerWeights } from './clearing.js';
import { setPoints } from './network.js';
import { isOperating, operatingFlow, type PlayerState } from './players.js';

const APPETITE_MIN = 0.05;
const APPETITE_MAX = 3;

export function clampAppetite(value: number): number {
  return Math.min(APPETITE_MAX, Math.max(APPETITE_MIN, value));
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
export function considerRound(market: Market, player: PlayerState, runwayWeeks: number): void {
  const rules = player.params.fundraising;
  if (!rules || !isOperating(player) || player.roundPending || market.week < player.nextRoundWeek) return;
  if (runwayWeeks >= rules.runwayThresholdWeeks) return;
  player.roundPending = true;
  market.log('round-started', player, null, `${player.params.name} starts raising (runway ${runwayWeeks.toFixed(1)} weeks)`, rules.investor);
  market.later(7 * rules.closeDelayWeeks, () => closeRound(market, player), market.priority.capital);
}

/** Probability that a player's round closes now. */
export function roundCloseProbability(market: Market, player: PlayerState): number {
  const rules = player.params.fundraising!;
  const probability =
    rules.baseCloseProbability *
    Math.pow(market.investorAppetite, rules.appetiteElasticity) *
    (1 + rules.shareWeight * player.shareLast) *
    Math.max(0, 1 + rules.growthWeight * growth4w(player.gmvHistory));
  return Math.min(1, probability);
}

function closeRound(market: Market, player: PlayerState): void {
  const rules = player.params.fundraising!;
  player.roundPending = false;
  if (!isOperating(player)) {
    market.log('round-abandoned', player, null, `${player.params.name}'s round is abandoned: it is ${player.status}`, rules.investor);
    return;
  }
  const probability = roundCloseProbability(market, player);
  if (player.streams.funding.uniform() >= probability) {
    player.nextRoundWeek = market.week + rules.retryAfterWeeks;
    market.log('round-failed', player, null, `${player.params.name}'s round fails (close probability ${probability.toFixed(2)})`, rules.investor);
    return;
  }
  const size = Math.min(rules.maxRoundYuan, Math.max(rules.minRoundYuan, rules.sizeWeeksOfBurn * burnOf(player) * market.investorAppetite));
  const valuation = player.gmvHistory.at(-1)! * 52 * rules.valuationGmvMultiple * market.investorAppetite;
  market.receiveFunding(player, size, 'funding-round', `${player.params.name} raises from ${rules.investor} at a valuation of ${Math.round(valuation)} yuan`, rules.investor);
}

// ----- parents ----------------------------------------------------------------------------------

export interface ParentState {
  budgetLeftYuan: number;
  spentYuan: number;
}

/** The parent's weekly review of one unit: cut it off, or top it up. */
export function reviewUnit(market: Market, player: PlayerState): void {
  const parentIndex = player.params.parent;
  if (parentIndex < 0 || !isOperating(player)) return;
  const rules = market.params.parents[parentIndex]!;
  const parent = market.parents[parentIndex]!;
  const operating = operatingFlow(player.flows);
  player.cumulativeLossYuan -= operating;
  player.lowShareWeeks = player.shareLast < rules.minShare ? player.lowShareWeeks + 1 : 0;
  if (player.cumulativeLossYuan > rules.lossToleranceYuan) {
    cutOff(market, player, `${rules.name} cuts ${player.params.name} off: losses ${Math.round(player.cumulativeLossYuan)} yuan exceed its tolerance`);
    return;
  }
  if (player.lowShareWeeks >= rules.patienceWeeks) {
    cutOff(market, player, `${rules.name} cuts ${player.params.name} off: share below ${rules.minShare} for ${rules.patienceWeeks} weeks`);
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
  market.receiveFunding(player, amount, 'parent-funding', `${rules.name} funds ${player.params.name}`, rules.name);
}

function cutOff(market: Market, player: PlayerState, text: string): void {
  player.exitReason = 'parent-cut-off';
  market.exitPlayer(player, 'exited', 'parent-cut-off', text);
}

// ----- appetite, bankruptcy ---------------------------------------------------------------------

export function updateAppetite(market: Market): void {
  const rules = market.params.capital;
  const drift = rules.appetiteReversionPerWeek * (rules.longRunInvestorAppetite - market.investorAppetite);
  const weeklyGrowth = Math.min(0.1, Math.max(-0.1, growth4w(market.gmvHistory) / 4));
  market.investorAppetite = clampAppetite(market.investorAppetite + drift + rules.appetiteGrowthSensitivity * weeklyGrowth);
}

/** Exits a player that has stayed below zero cash for longer than the grace period. */
export function checkSolvency(market: Market, player: PlayerState): void {
  if (!isOperating(player)) return;
  if (player.cashYuan >= 0) {
    player.weeksBelowZero = 0;
    return;
  }
  player.weeksBelowZero++;
  if (player.weeksBelowZero <= market.params.capital.bankruptcyGraceWeeks) return;
  player.exitReason = 'bankruptcy';
  market.exitPlayer(player, 'exited', 'bankruptcy', `${player.params.name} runs out of cash (${Math.round(player.cashYuan)} yuan) and exits`);
  market.investorAppetite = clampAppetite(market.investorAppetite * (1 - market.params.capital.bankruptcyAppetiteHit));
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
export function acquire(market: Market, buyer: PlayerState, target: PlayerState, terms: AcquisitionTerms): AcquisitionOutcome {
  const { network, geography, adopters } = market;
  const P = network.players;
  const t = target.index;
  const b = buyer.index;
  const weights = new Float64Array(P);
  const utilities = new Float64Array(P);
  const shares = new Float64Array(P);
  const outside = offerWeights(market, weights, utilities);
  const outcome: AcquisitionOutcome = { pointsBefore: 0, pointsTransferred: 0, customersBefore: 0, customersLost: 0 };
  for (let c = 0; c < geography.cellCount; c++) {
    const count = network.points[c * P + t]!;
    if (count === 0) continue;
    let denominator = outside;
    for (let j = 0; j < P; j++) denominator += weights[j]! * network.attraction[c * P + j]!;
    let share = (weights[t]! * network.attraction[c * P + t]!) / denominator;
    if (!(denominator > 0 && denominator < Infinity)) {
      cellSharesInLogSpace(c, network.attraction, utilities, () => false, shares);
      share = shares[t]!;
    }
    const customers = adopters[c]! * share;
    const lost = (1 - terms.adoptersTransferShare) * customers;
    adopters[c] = adopters[c]! - lost;
    outcome.customersBefore += customers;
    outcome.customersLost += lost;
    setPoints(network, geography, c, t, 0);
    const room = Math.min(geography.candidateShops[c]! - network.points[c * P + b]!, network.multiHomingCap * geography.candidateShops[c]! - network.cellPoints[c]!);
    const moving = Math.max(0, Math.min(room, Math.floor(terms.pointsTransferShare * count)));
    if (moving > 0) setPoints(network, geography, c, b, network.points[c * P + b]! + moving);
    outcome.pointsBefore += count;
    outcome.pointsTransferred += moving;
  }
  buyer.cashYuan -= terms.priceYuan;
  buyer.flows.acquisitionYuan += terms.priceYuan;
  target.exitReason = 'acquired';
  market.exitPlayer(
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
export function considerAcquisitions(market: Market, runway: (player: PlayerState) => number): void {
  const rules = market.params.capital.acquisitions;
  if (!rules) return;
  for (const target of market.players) {
    if (!isOperating(target) || runway(target) >= rules.distressRunwayWeeks) continue;
    if (market.acquisitionStream.uniform() >= rules.probabilityPerWeek) continue;
    const price = rules.priceWeeksOfGmv * target.figures.gmvYuan;
    const buyer = market.players
      .filter((p) => p !== target && isOperating(p) && p.cashYuan >= rules.acquirerCashMultiple * price && p.cashYuan > 0)
      .sort((a, b) => b.cashYuan - a.cashYuan || a.index - b.index)[0];
    if (!buyer) continue;
    acquire(market, buyer, target, { priceYuan: price, pointsTransferShare: rules.pointsTransferShare, adoptersTransferShare: rules.adoptersTransferShare });
  }
}
