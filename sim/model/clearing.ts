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
import { createPresentScratch, presentShares, refreshChoiceWeights, type ChoiceWeights, type PresentScratch } from './choice.js';
import type { Geography } from './geography.js';
import { setPoints } from './network.js';
import { bassWeeklyProbability, seasonMultiplier } from './demand.js';
import type { CostParams, MarketParams } from './params.js';
import { isOperating } from './players.js';
import type { MarketContext, MarketState } from './state.js';

/** Per-player and per-(province, player) accumulators reused every week. */
export interface ClearingScratch {
  /** Players P and provinces: the (province, player) arrays have P × provinces entries. */
  players: number;
  provinces: number;
  choice: ChoiceWeights;
  /** Shares of adopters in the current cell, by player (set only for the players present). */
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
  /** 1 where the player operates (active or retreating) and is not suspended in the province: index province · P + j. */
  eligible: Uint8Array;
  warehouse: Uint8Array;
  /** 1 where the province is one of the player's homes: index province · P + j. */
  home: Uint8Array;
  /** Players present in the current cell. */
  present: Int32Array;
  /** Scratch for `presentShares`, by position in `present`. */
  presence: PresentScratch;
  /**
   * The week's figures that clearing adds to, by player, loaded from the players' figures before
   * the cell loop and written back after it (typed arrays are much cheaper to add to in the hot
   * loop than object fields; the additions happen in the same order, so the sums are the same).
   */
  sum: {
    gmvYuan: Float64Array;
    orders: Float64Array;
    adopters: Float64Array;
    pickupPoints: Float64Array;
    cells: Float64Array;
    localMarketGmvYuan: Float64Array;
    localReachable: Float64Array;
    localAdopters: Float64Array;
    dropCostYuan: Float64Array;
  };
}

/** The figures `clearCells` adds to (see `ClearingScratch.sum`). */
const SUMMED = ['gmvYuan', 'orders', 'adopters', 'pickupPoints', 'cells', 'localMarketGmvYuan', 'localReachable', 'localAdopters', 'dropCostYuan'] as const;

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
    eligible: new Uint8Array(players * provinces),
    warehouse: new Uint8Array(players * provinces),
    home: new Uint8Array(players * provinces),
    present: new Int32Array(players),
    presence: createPresentScratch(players),
    sum: {
      gmvYuan: perPlayer(),
      orders: perPlayer(),
      adopters: perPlayer(),
      pickupPoints: perPlayer(),
      cells: perPlayer(),
      localMarketGmvYuan: perPlayer(),
      localReachable: perPlayer(),
      localAdopters: perPlayer(),
      dropCostYuan: perPlayer(),
    },
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
    const operating = isOperating(player);
    for (let province = 0; province < player.suspended.length; province++) {
      scratch.suspended[province * P + j] = player.suspended[province]!;
      scratch.eligible[province * P + j] = operating && player.suspended[province] === 0 ? 1 : 0;
      scratch.warehouse[province * P + j] = player.warehouse[province]!;
      scratch.home[province * P + j] = player.home[province]!;
    }
    for (const field of SUMMED) scratch.sum[field][j] = player.figures[field];
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
  const { points, attraction, lowIncomeWeeks, cellPoints } = network;
  const P = network.players;
  const { cellShare, subsidy, invPrice, commission, learning, logisticsHome, logisticsAway, payPerPoint, suspended, eligible, warehouse, home, present, choice } = scratch;
  const { provincePoints, provinceGmv, provinceOrders, provinceLogistics, provinceVariable, provinceDrop } = scratch;
  const {
    gmvYuan: sumGmv, orders: sumOrders, adopters: sumAdopters, pickupPoints: sumPoints, cells: sumCells,
    localMarketGmvYuan: sumLocalGmv, localReachable: sumLocalReachable, localAdopters: sumLocalAdopters, dropCostYuan: sumDrop,
  } = scratch.sum;
  const demand = params.demand;
  const lapse = demand.lapse;
  const habitRate = 1 / lapse.subsidyMemoryWeeks;
  const warehouseCut = params.costs.warehouse?.variableCostCut ?? 0;
  const season = seasonMultiplier(demand.seasons, 7 * state.week - 3.5);
  const { pPerWeek, qPerWeek, pBoostPerSubsidyYuan } = demand.bass;
  const stochastic = demand.stochasticAdoption;
  const { reservationIncomeYuanPerWeek: reservation, dropAfterWeeks, switchShareOfPointsPerWeek, switchPremiumShare, multiHomingCap } = params.network;
  const { variablePerOrder, dropPerPointWeek } = rates;
  const reachable = geography.reachableHouseholds;
  const spendPerAdopter = geography.spendYuanPerAdopterWeek;
  const cellProvince = geography.cellProvince;
  const cellTier = geography.cellTier;
  const adoption = state.streams.adoption;
  const lapseStream = state.streams.lapse;
  const dropShare = params.network.dropShareOfPointsPerWeek;
  const firstServiceShare = demand.adoptedShareAtFirstService;
  const { basePerWeek: lapseBase, perYuanSubsidyCut, poorServicePerWeek, noServicePerWeek } = lapse;
  const candidateShops = geography.candidateShops;
  // e^{p+q} of the Bass step for the last p seen (p changes only with a cell's best subsidy).
  let bassP = Number.NaN;
  let bassGrowth = 0;

  for (let c = 0; c < geography.cellCount; c++) {
    const base = c * P;
    const province = cellProvince[c]!;
    const provinceBase = province * P;
    let count = 0;
    let maxSubsidy = 0;
    // A cell without any point has no attraction for anyone: skip the scan over players.
    if (cellPoints[c]! > 0) {
      for (let j = 0; j < P; j++) {
        if (attraction[base + j]! > 0 && eligible[provinceBase + j] !== 0) {
          present[count++] = j;
          if (subsidy[j]! > maxSubsidy) maxSubsidy = subsidy[j]!;
        }
      }
    }
    let adopted = adopters[c]!;
    if (count === 0) {
      if (adopted > 0 && noServicePerWeek > 0) adopters[c] = adopted - lapsing(lapseStream, adopted, noServicePerWeek, stochastic);
      continue;
    }
    const outsideShare = presentShares(choice, c, province, attraction, present, count, suspended, scratch.presence, cellShare);
    const habit = subsidyHabit[c]!;
    subsidyHabit[c] = habit + (maxSubsidy - habit) * habitRate;
    const lapseRate = Math.min(1, lapseBase + perYuanSubsidyCut * Math.max(0, habit - maxSubsidy) + poorServicePerWeek * outsideShare);
    if (lapseRate > 0 && adopted > 0) adopted -= lapsing(lapseStream, adopted, lapseRate, stochastic);

    const potential = reachable[c]!;
    if (served[c] === 0) {
      served[c] = 1;
      if (firstServiceShare > 0) adopted = Math.max(adopted, Math.floor(firstServiceShare * potential));
    }
    if (adopted < potential) {
      const p = pPerWeek + pBoostPerSubsidyYuan * maxSubsidy;
      if (p !== bassP) (bassP = p), (bassGrowth = Math.exp(p + qPerWeek));
      const probability = bassWeeklyProbability(adopted / potential, p, qPerWeek, bassGrowth);
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
      const pk = provinceBase + j;
      const pointCount = points[k]!;
      const share = cellShare[j]!;
      const gmv = spend * share;
      const orders = gmv * invPrice[j]!;
      const dropCost = pointCount * drop;
      sumGmv[j] = sumGmv[j]! + gmv;
      sumOrders[j] = sumOrders[j]! + orders;
      sumAdopters[j] = sumAdopters[j]! + adopted * share;
      sumCells[j] = sumCells[j]! + 1;
      sumLocalGmv[j] = sumLocalGmv[j]! + cellGmv;
      sumLocalReachable[j] = sumLocalReachable[j]! + potential;
      sumLocalAdopters[j] = sumLocalAdopters[j]! + adopted;
      sumDrop[j] = sumDrop[j]! + dropCost;
      const variableCost = orders * variable * learning[j]!;
      const logistics = variableCost * (warehouse[pk] ? 1 - warehouseCut : 1) + dropCost;
      provincePoints[pk] = provincePoints[pk]! + pointCount;
      provinceGmv[pk] = provinceGmv[pk]! + gmv;
      provinceOrders[pk] = provinceOrders[pk]! + orders;
      provinceLogistics[pk] = provinceLogistics[pk]! + logistics;
      provinceVariable[pk] = provinceVariable[pk]! + variableCost;
      provinceDrop[pk] = provinceDrop[pk]! + dropCost;
      if (home[pk]) logisticsHome[j] = logisticsHome[j]! + logistics;
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
      cellPoints[c]! >= multiHomingCap * candidateShops[c]!
    ) {
      switchOwners(state, geography, c, worst, best, switchShareOfPointsPerWeek);
    }
  }
  // Points are whole numbers, so their sum does not depend on the order of the additions: the
  // province totals give the same player totals as adding cell by cell.
  for (let j = 0; j < P; j++) {
    for (let province = 0; province < scratch.provinces; province++) sumPoints[j] = sumPoints[j]! + provincePoints[province * P + j]!;
  }
  for (const player of state.players) {
    const j = player.index;
    for (const field of SUMMED) player.figures[field] = scratch.sum[field][j]!;
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
