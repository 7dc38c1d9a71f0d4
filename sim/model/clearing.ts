/**
 * Weekly market clearing, the model's hot loop: for every cell, on typed arrays and without
 * allocating,
 *   1. Bass adoption among the cell's reachable households (only where some platform is present),
 *   2. logit choice: share_j = w_j·a_cj / (w_0 + Σ_k w_k·a_ck), w_j = e^{V_j − s} (offer utility,
 *      shifted by s = max(0, max_k V_k) so it cannot overflow), w_0 = e^{−s} the outside option;
 *      where that underflows to 0/0 in a cell, the cell's shares are taken in log space instead,
 *      a_cj = (1 + points per 1,000 households)^β_density (cached per cell and player),
 *   3. GMV = adopters · spend per adopter · season · share_j; orders = GMV ÷ price per order,
 *   4. logistics = orders·v_tier + points·d_tier, booked at home or away (management penalty),
 *   5. owners: income per point below the reservation level for `dropAfterWeeks` weeks → drops;
 *      where the multi-homing cap binds, some owners of the lowest-paying platform switch to the
 *      highest-paying one when it pays `switchPremiumShare` more per point.
 * Players suspended in a province take no orders there.
 */
import type { Market } from './market.js';
import { setPoints } from './network.js';
import { bassAdoptionProbability, seasonMultiplier } from './demand.js';

/** Per-player and per-(province, player) accumulators reused every week. */
export interface ClearingScratch {
  weight: Float64Array;
  /** Offer utility V_j of each operating player (−Infinity for the others). */
  utility: Float64Array;
  /** Shares in the current cell when they had to be computed in log space. */
  cellShare: Float64Array;
  subsidy: Float64Array;
  invPrice: Float64Array;
  commission: Float64Array;
  logisticsHome: Float64Array;
  logisticsAway: Float64Array;
  /** Commission per point in the current cell, by player. */
  payPerPoint: Float64Array;
  /** Index (province · P + j). */
  provincePoints: Float64Array;
  provinceGmv: Float64Array;
  provinceOrders: Float64Array;
  provinceLogistics: Float64Array;
  suspended: Uint8Array;
}

export function createScratch(players: number, provinces: number): ClearingScratch {
  const perPlayer = () => new Float64Array(players);
  const perProvince = () => new Float64Array(players * provinces);
  return {
    weight: perPlayer(),
    utility: perPlayer(),
    cellShare: perPlayer(),
    subsidy: perPlayer(),
    invPrice: perPlayer(),
    commission: perPlayer(),
    logisticsHome: perPlayer(),
    logisticsAway: perPlayer(),
    payPerPoint: perPlayer(),
    provincePoints: perProvince(),
    provinceGmv: perProvince(),
    provinceOrders: perProvince(),
    provinceLogistics: perProvince(),
    suspended: new Uint8Array(players * provinces),
  };
}

/** Utility of a player's offer before density: brand, assortment, net price against the outside option. */
export function offerUtility(market: Market, j: number): number {
  const { logit, basketYuan, outsidePriceIndex } = market.params.demand;
  const player = market.players[j]!;
  const p = player.params;
  const netPriceYuan = basketYuan * p.priceIndex - player.subsidyPerOrderYuan;
  return (
    p.brand +
    player.brandShock +
    logit.betaAssortment * p.assortment -
    logit.betaPricePerYuan * (netPriceYuan - basketYuan * outsidePriceIndex)
  );
}

/**
 * Offer weights e^{V_j − s} of operating players (0 for others) into `weights`, and the outside
 * option's weight e^{−s}, with s = max(0, max V): the logit's shares are unchanged by the shift.
 */
export function offerWeights(market: Market, weights: Float64Array, utilities: Float64Array): number {
  let shift = 0;
  for (const player of market.players) {
    const operating = player.status === 'active' || player.status === 'retreating';
    utilities[player.index] = operating ? offerUtility(market, player.index) : -Infinity;
    if (utilities[player.index]! > shift) shift = utilities[player.index]!;
  }
  for (let j = 0; j < weights.length; j++) weights[j] = Math.exp(utilities[j]! - shift);
  return Math.exp(-shift);
}

/**
 * Logit shares in cell c computed in log space (log-sum-exp with the cell's own shift), for the
 * rare cells where the market-wide shift makes every term underflow. Players without a point
 * (attraction 0), not operating (utility −Infinity) or excluded by `skip` get 0.
 */
export function cellSharesInLogSpace(
  c: number,
  attraction: Float64Array,
  utilities: Float64Array,
  skip: (j: number) => boolean,
  out: Float64Array,
): void {
  const P = utilities.length;
  let shift = 0;
  for (let j = 0; j < P; j++) {
    const a = attraction[c * P + j]!;
    out[j] = a > 0 && !skip(j) ? utilities[j]! + Math.log(a) : -Infinity;
    if (out[j]! > shift) shift = out[j]!;
  }
  let denominator = Math.exp(-shift);
  for (let j = 0; j < P; j++) denominator += out[j] = Math.exp(out[j]! - shift);
  for (let j = 0; j < P; j++) out[j] = out[j]! / denominator;
}

function prepare(market: Market, scratch: ClearingScratch): number {
  const basketYuan = market.params.demand.basketYuan;
  const P = market.players.length;
  const outside = offerWeights(market, scratch.weight, scratch.utility);
  for (const player of market.players) {
    const j = player.index;
    scratch.subsidy[j] = player.subsidyPerOrderYuan;
    scratch.invPrice[j] = 1 / (basketYuan * player.params.priceIndex);
    scratch.commission[j] = player.params.commissionRate;
    scratch.logisticsHome[j] = 0;
    scratch.logisticsAway[j] = 0;
    for (let province = 0; province < player.suspended.length; province++) {
      scratch.suspended[province * P + j] = player.suspended[province]!;
    }
  }
  scratch.provincePoints.fill(0);
  scratch.provinceGmv.fill(0);
  scratch.provinceOrders.fill(0);
  scratch.provinceLogistics.fill(0);
  return outside;
}

export function clearCells(market: Market, scratch: ClearingScratch): void {
  const outside = prepare(market, scratch);
  const { geography, network, params, adopters } = market;
  const { points, attraction, lowIncomeWeeks } = network;
  const P = network.players;
  const { weight, utility, cellShare, subsidy, invPrice, commission, logisticsHome, logisticsAway, payPerPoint, suspended } = scratch;
  const { provincePoints, provinceGmv, provinceOrders, provinceLogistics } = scratch;
  const demand = params.demand;
  const season = seasonMultiplier(demand.seasons, 7 * market.week - 3.5);
  const { pPerWeek, qPerWeek, pBoostPerSubsidyYuan } = demand.bass;
  const stochastic = demand.stochasticAdoption;
  const { reservationIncomeYuanPerWeek: reservation, dropAfterWeeks, switchShareOfPointsPerWeek, switchPremiumShare, multiHomingCap } = params.network;
  const { variablePerOrder, dropPerPointWeek } = market.rates;
  const figures = market.players.map((p) => p.figures);
  const homes = market.players.map((p) => p.home);
  const reachable = geography.reachableHouseholds;
  const spendPerAdopter = geography.spendYuanPerAdopterWeek;
  const cellProvince = geography.cellProvince;
  const cellTier = geography.cellTier;
  const adoption = market.adoptionStream;

  for (let c = 0; c < geography.cellCount; c++) {
    const base = c * P;
    const province = cellProvince[c]!;
    const provinceBase = province * P;
    let denominator = outside;
    let maxSubsidy = 0;
    let present = false;
    for (let j = 0; j < P; j++) {
      const a = attraction[base + j]!;
      if (a > 0 && utility[j]! > -Infinity && suspended[provinceBase + j] === 0) {
        denominator += weight[j]! * a;
        if (subsidy[j]! > maxSubsidy) maxSubsidy = subsidy[j]!;
        present = true;
      }
    }
    if (!present) continue;
    const logSpace = !(denominator > 0 && denominator < Infinity);
    if (logSpace) cellSharesInLogSpace(c, attraction, utility, (j) => suspended[provinceBase + j] !== 0, cellShare);

    const potential = reachable[c]!;
    let adopted = adopters[c]!;
    if (adopted < potential) {
      const probability = bassAdoptionProbability(adopted / potential, pPerWeek + pBoostPerSubsidyYuan * maxSubsidy, qPerWeek);
      adopted += stochastic ? adoption.binomial(Math.floor(potential - adopted), probability) : (potential - adopted) * probability;
      adopters[c] = adopted;
    }

    const spend = adopted * spendPerAdopter[c]! * season;
    const tier = cellTier[c]!;
    const variable = variablePerOrder[tier]!;
    const drop = dropPerPointWeek[tier]!;
    let payMax = -1;
    let payMin = Infinity;
    let best = -1;
    let worst = -1;
    for (let j = 0; j < P; j++) {
      const a = attraction[base + j]!;
      if (a === 0 || utility[j] === -Infinity || suspended[provinceBase + j] !== 0) continue;
      const k = base + j;
      const count = points[k]!;
      const share = logSpace ? cellShare[j]! : (weight[j]! * a) / denominator;
      const gmv = spend * share;
      const orders = gmv * invPrice[j]!;
      const figure = figures[j]!;
      figure.gmvYuan += gmv;
      figure.orders += orders;
      figure.adopters += adopted * share;
      figure.pickupPoints += count;
      figure.cells++;
      const logistics = orders * variable + count * drop;
      provincePoints[provinceBase + j] = provincePoints[provinceBase + j]! + count;
      provinceGmv[provinceBase + j] = provinceGmv[provinceBase + j]! + gmv;
      provinceOrders[provinceBase + j] = provinceOrders[provinceBase + j]! + orders;
      provinceLogistics[provinceBase + j] = provinceLogistics[provinceBase + j]! + logistics;
      if (homes[j]![province]) logisticsHome[j] = logisticsHome[j]! + logistics;
      else logisticsAway[j] = logisticsAway[j]! + logistics;
      const pay = (gmv * commission[j]!) / count;
      payPerPoint[j] = pay;
      if (pay > payMax) (payMax = pay), (best = j);
      if (pay < payMin) (payMin = pay), (worst = j);
      if (reservation > 0) {
        if (pay < reservation) {
          const weeks = ++lowIncomeWeeks[k]!;
          if (weeks >= dropAfterWeeks) market.dropPoints(c, j, count);
        } else {
          lowIncomeWeeks[k] = 0;
        }
      }
    }
    if (
      switchShareOfPointsPerWeek > 0 &&
      best !== worst &&
      best >= 0 &&
      payMax > (1 + switchPremiumShare) * payMin &&
      network.cellPoints[c]! >= multiHomingCap * geography.candidateShops[c]!
    ) {
      switchOwners(market, c, worst, best, switchShareOfPointsPerWeek);
    }
  }
}

/** Owners of `from`'s points in cell c switch to `to` (within `to`'s shop limit). */
function switchOwners(market: Market, c: number, from: number, to: number, shareOfPoints: number): void {
  const { network, geography } = market;
  const P = network.players;
  const room = geography.candidateShops[c]! - network.points[c * P + to]!;
  const moving = Math.min(room, Math.floor(shareOfPoints * network.points[c * P + from]!));
  if (moving <= 0) return;
  setPoints(network, geography, c, from, network.points[c * P + from]! - moving);
  setPoints(network, geography, c, to, network.points[c * P + to]! + moving);
  market.players[from]!.figures.pointsLostToRivals += moving;
  market.players[to]!.figures.pointsWonFromRivals += moving;
}
