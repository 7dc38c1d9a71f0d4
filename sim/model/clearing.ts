/**
 * Weekly market clearing, the model's hot loop: for every cell, on typed arrays and without
 * allocating,
 *   1. lapse: adopters return to the outside option at
 *        base + perYuanSubsidyCut·max(0, habit − best subsidy) + poorService·outside share
 *      (and at `noServicePerWeek` where no platform serves the cell any more), where `habit` is
 *      the moving average of the cell's best subsidy over `subsidyMemoryWeeks`,
 *   2. Bass adoption among the cell's reachable households (only where some platform is present);
 *      the first week a platform serves a cell, `adoptedShareAtFirstService` of them adopt at once,
 *   3. latent-class logit choice (`choice.ts`),
 *   4. GMV = adopters · spend per adopter · season · share_j; orders = GMV ÷ price per order,
 *   5. logistics = orders·v_tier·learning_j·(1 − warehouse cut if j has warehouses in the province)
 *      + points·d_tier (the drop: economies of density), booked at home or away,
 *   6. owners: income per point below the reservation level for `dropAfterWeeks` weeks → drops;
 *      where the multi-homing cap binds, some owners of the lowest-paying platform switch to the
 *      highest-paying one when it pays `switchPremiumShare` more per point (owners rank
 *      platforms by income).
 * Players suspended in a province take no orders there.
 */
import type { RandomStream } from '../random/index.js';
import { cellShares, refreshChoiceWeights, type ChoiceWeights } from './choice.js';
import type { Geography } from './geography.js';
import { setPoints } from './network.js';
import { bassAdoptionProbability, seasonMultiplier } from './demand.js';
import type { CostParams, MarketParams } from './params.js';
import type { MarketContext, MarketState } from './state.js';

/** Per-player and per-(province, player) accumulators reused every week. */
export interface ClearingScratch {
  /** Players P and provinces: the (province, player) arrays have P × provinces entries. */
  players: number;
  provinces: number;
  choice: ChoiceWeights;
  /** Shares of adopters in the current cell, by player. */
  cellShare: Float64Array;
  subsidy: Float64Array;
  invPrice: Float64Array;
  commission: Float64Array;
  /** Variable logistics cost per order before warehouses, by player (tier base × learning). */
  learning: Float64Array;
  logisticsHome: Float64Array;
  logisticsAway: Float64Array;
  /** Commission per point in the current cell, by player. */
  payPerPoint: Float64Array;
  /** Index (province · P + j). */
  provincePoints: Float64Array;
  provinceGmv: Float64Array;
  provinceOrders: Float64Array;
  provinceLogistics: Float64Array;
  /** Variable logistics cost (before any warehouse cut) by province and player. */
  provinceVariable: Float64Array;
  /** Delivery-drop cost by province and player. */
  provinceDrop: Float64Array;
  suspended: Uint8Array;
  warehouse: Uint8Array;
  /** Players present in the current cell. */
  present: Int32Array;
}

export function createScratch(players: number, provinces: number, choice: ChoiceWeights): ClearingScratch {
  const perPlayer = () => new Float64Array(players);
  const perProvince = () => new Float64Array(players * provinces);
  return {
    players,
    provinces,
    choice,
    cellShare: perPlayer(),
    subsidy: perPlayer(),
    invPrice: perPlayer(),
    commission: perPlayer(),
    learning: perPlayer(),
    logisticsHome: perPlayer(),
    logisticsAway: perPlayer(),
    payPerPoint: perPlayer(),
    provincePoints: perProvince(),
    provinceGmv: perProvince(),
    provinceOrders: perProvince(),
    provinceLogistics: perProvince(),
    provinceVariable: perProvince(),
    provinceDrop: perProvince(),
    suspended: new Uint8Array(players * provinces),
    warehouse: new Uint8Array(players * provinces),
    present: new Int32Array(players),
  };
}

/** The learning factor on variable logistics cost after `cumulativeOrders` orders. */
export function learningFactor(learning: CostParams['learning'], cumulativeOrders: number): number {
  const { progressRatio, referenceOrders, floorShare } = learning;
  if (progressRatio >= 1 || cumulativeOrders <= referenceOrders) return 1;
  return Math.max(floorShare, Math.pow(cumulativeOrders / referenceOrders, Math.log2(progressRatio)));
}

function prepare(params: MarketParams, state: MarketState, scratch: ClearingScratch): void {
  const basketYuan = params.demand.basketYuan;
  const P = state.players.length;
  refreshChoiceWeights(params.demand, state.players, scratch.choice);
  for (const player of state.players) {
    const j = player.index;
    scratch.subsidy[j] = player.subsidyPerOrderYuan;
    scratch.invPrice[j] = 1 / (basketYuan * player.params.priceIndex);
    scratch.commission[j] = player.commissionRate;
    scratch.learning[j] = learningFactor(params.costs.learning, player.cumulativeOrders);
    scratch.logisticsHome[j] = 0;
    scratch.logisticsAway[j] = 0;
    for (let province = 0; province < player.suspended.length; province++) {
      scratch.suspended[province * P + j] = player.suspended[province]!;
      scratch.warehouse[province * P + j] = player.warehouse[province]!;
    }
  }
  scratch.provincePoints.fill(0);
  scratch.provinceGmv.fill(0);
  scratch.provinceOrders.fill(0);
  scratch.provinceLogistics.fill(0);
  scratch.provinceVariable.fill(0);
  scratch.provinceDrop.fill(0);
}

/** Clears every cell for the week `state.week`; the totals land in `state.scratch` and the players' figures. */
export function clearCells(ctx: MarketContext): void {
  const { geography, params, state, rates } = ctx;
  const scratch = state.scratch;
  prepare(params, state, scratch);
  const { network, adopters, subsidyHabit, served } = state;
  const { points, attraction, lowIncomeWeeks } = network;
  const P = network.players;
  const { cellShare, subsidy, invPrice, commission, learning, logisticsHome, logisticsAway, payPerPoint, suspended, warehouse, present, choice } = scratch;
  const { provincePoints, provinceGmv, provinceOrders, provinceLogistics, provinceVariable, provinceDrop } = scratch;
  const demand = params.demand;
  const lapse = demand.lapse;
  const habitRate = 1 / lapse.subsidyMemoryWeeks;
  const warehouseCut = params.costs.warehouse?.variableCostCut ?? 0;
  const season = seasonMultiplier(demand.seasons, 7 * state.week - 3.5);
  const { pPerWeek, qPerWeek, pBoostPerSubsidyYuan } = demand.bass;
  const stochastic = demand.stochasticAdoption;
  const { reservationIncomeYuanPerWeek: reservation, dropAfterWeeks, switchShareOfPointsPerWeek, switchPremiumShare, multiHomingCap } = params.network;
  const { variablePerOrder, dropPerPointWeek } = rates;
  const figures = state.players.map((p) => p.figures);
  const homes = state.players.map((p) => p.home);
  const operating = state.players.map((p) => p.status === 'active' || p.status === 'retreating');
  const reachable = geography.reachableHouseholds;
  const spendPerAdopter = geography.spendYuanPerAdopterWeek;
  const cellProvince = geography.cellProvince;
  const cellTier = geography.cellTier;
  const adoption = state.streams.adoption;
  const lapseStream = state.streams.lapse;
  const dropShare = params.network.dropShareOfPointsPerWeek;
  const firstServiceShare = demand.adoptedShareAtFirstService;

  for (let c = 0; c < geography.cellCount; c++) {
    const base = c * P;
    const province = cellProvince[c]!;
    const provinceBase = province * P;
    let count = 0;
    let maxSubsidy = 0;
    for (let j = 0; j < P; j++) {
      if (attraction[base + j]! > 0 && operating[j] && suspended[provinceBase + j] === 0) {
        present[count++] = j;
        if (subsidy[j]! > maxSubsidy) maxSubsidy = subsidy[j]!;
      }
    }
    let adopted = adopters[c]!;
    if (count === 0) {
      if (adopted > 0 && lapse.noServicePerWeek > 0) adopters[c] = adopted - lapsing(lapseStream, adopted, lapse.noServicePerWeek, stochastic);
      continue;
    }
    const outsideShare = cellShares(choice, c, province, attraction, suspended, cellShare);
    const habit = subsidyHabit[c]!;
    subsidyHabit[c] = habit + (maxSubsidy - habit) * habitRate;
    const lapseRate = Math.min(1, lapse.basePerWeek + lapse.perYuanSubsidyCut * Math.max(0, habit - maxSubsidy) + lapse.poorServicePerWeek * outsideShare);
    if (lapseRate > 0 && adopted > 0) adopted -= lapsing(lapseStream, adopted, lapseRate, stochastic);

    const potential = reachable[c]!;
    if (served[c] === 0) {
      served[c] = 1;
      if (firstServiceShare > 0) adopted = Math.max(adopted, Math.floor(firstServiceShare * potential));
    }
    if (adopted < potential) {
      const probability = bassAdoptionProbability(adopted / potential, pPerWeek + pBoostPerSubsidyYuan * maxSubsidy, qPerWeek);
      adopted += stochastic ? adoption.binomial(Math.floor(potential - adopted), probability) : (potential - adopted) * probability;
    }
    adopters[c] = adopted;

    const spend = adopted * spendPerAdopter[c]! * season;
    const tier = cellTier[c]!;
    const variable = variablePerOrder[tier]!;
    const drop = dropPerPointWeek[tier]!;
    let cellGmv = 0;
    for (let i = 0; i < count; i++) cellGmv += spend * cellShare[present[i]!]!;
    let payMax = -1;
    let payMin = Infinity;
    let best = -1;
    let worst = -1;
    for (let i = 0; i < count; i++) {
      const j = present[i]!;
      const k = base + j;
      const pointCount = points[k]!;
      const share = cellShare[j]!;
      const gmv = spend * share;
      const orders = gmv * invPrice[j]!;
      const figure = figures[j]!;
      figure.gmvYuan += gmv;
      figure.orders += orders;
      figure.adopters += adopted * share;
      figure.pickupPoints += pointCount;
      figure.cells++;
      figure.localMarketGmvYuan += cellGmv;
      figure.localReachable += potential;
      figure.localAdopters += adopted;
      figure.dropCostYuan += pointCount * drop;
      const variableCost = orders * variable * learning[j]!;
      const logistics = variableCost * (warehouse[provinceBase + j] ? 1 - warehouseCut : 1) + pointCount * drop;
      provincePoints[provinceBase + j] = provincePoints[provinceBase + j]! + pointCount;
      provinceGmv[provinceBase + j] = provinceGmv[provinceBase + j]! + gmv;
      provinceOrders[provinceBase + j] = provinceOrders[provinceBase + j]! + orders;
      provinceLogistics[provinceBase + j] = provinceLogistics[provinceBase + j]! + logistics;
      provinceVariable[provinceBase + j] = provinceVariable[provinceBase + j]! + variableCost;
      provinceDrop[provinceBase + j] = provinceDrop[provinceBase + j]! + pointCount * drop;
      if (homes[j]![province]) logisticsHome[j] = logisticsHome[j]! + logistics;
      else logisticsAway[j] = logisticsAway[j]! + logistics;
      const pay = (gmv * commission[j]!) / pointCount;
      payPerPoint[j] = pay;
      if (pay > payMax) (payMax = pay), (best = j);
      if (pay < payMin) (payMin = pay), (worst = j);
      if (reservation > 0) {
        if (pay < reservation) {
          const weeks = ++lowIncomeWeeks[k]!;
          if (weeks >= dropAfterWeeks) dropPoints(state, geography, dropShare, c, j, pointCount);
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
      switchOwners(state, geography, c, worst, best, switchShareOfPointsPerWeek);
    }
  }
}

/**
 * Adopters of a cell who lapse this week. Drawn (binomial) for small cells, where the draw matters,
 * and at the expected number where a cell has more than `LAPSE_DRAW_LIMIT` adopters: there the
 * binomial's relative sd (√((1−r)/(n·r))) is small against the adoption draw, and one draw per cell
 * and week would cost a fifth of a national run.
 */
function lapsing(stream: RandomStream, adopted: number, rate: number, stochastic: boolean): number {
  if (!stochastic || adopted > LAPSE_DRAW_LIMIT) return adopted * rate;
  const whole = Math.floor(adopted);
  return stream.binomial(whole, rate) + (adopted - whole) * rate;
}

/** Above this many adopters a cell's lapses are taken at their expected number. */
const LAPSE_DRAW_LIMIT = 200;

/** Owners of `from`'s points in cell c switch to `to` (within `to`'s shop limit). */
function switchOwners(state: MarketState, geography: Geography, c: number, from: number, to: number, shareOfPoints: number): void {
  const { network, players } = state;
  const P = network.players;
  const room = geography.candidateShops[c]! - network.points[c * P + to]!;
  const moving = Math.min(room, Math.floor(shareOfPoints * network.points[c * P + from]!));
  if (moving <= 0) return;
  setPoints(network, geography, c, from, network.points[c * P + from]! - moving);
  setPoints(network, geography, c, to, network.points[c * P + to]! + moving);
  players[from]!.figures.pointsLostToRivals += moving;
  players[to]!.figures.pointsWonFromRivals += moving;
}

/** Under-earning owners of (c, j) leave: each drops the platform with probability `dropShare`. */
function dropPoints(state: MarketState, geography: Geography, dropShare: number, c: number, j: number, count: number): void {
  const player = state.players[j]!;
  const dropped = player.streams.owners.binomial(count, dropShare);
  if (dropped === 0) return;
  const network = state.network;
  const k = c * network.players + j;
  const weeksLow = network.lowIncomeWeeks[k]!;
  setPoints(network, geography, c, j, count - dropped);
  if (count - dropped > 0) network.lowIncomeWeeks[k] = weeksLow;
  player.figures.droppedPoints += dropped;
}
