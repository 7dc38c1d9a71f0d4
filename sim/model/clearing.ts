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
import { PRESENCE_BITS, setPoints } from './network.js';
import { bassWeeklyProbability, seasonMultiplier } from './demand.js';
import type { LogisticsRates } from './costs.js';
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
  /** Index (province · P + j). */
  provincePoints: Float64Array;
  provinceGmv: Float64Array;
  provinceOrders: Float64Array;
  provinceLogistics: Float64Array;
  /** Variable logistics cost (before any warehouse cut) by province and player. */
  provinceVariable: Float64Array;
  /** Delivery-drop cost by province and player. */
  provinceDrop: Float64Array;
  /**
   * What the cell loop adds up, by province, player and cell tier (index (province · P + j) · 4 +
   * tier): GMV and points. The province totals, orders and logistics follow from them and the
   * tiers' rates (`totalProvinces`).
   */
  tierGmv: Float64Array;
  tierPoints: Float64Array;
  /** Adopters' shares (adopters × share) by province and player. */
  provinceAdopters: Float64Array;
  suspended: Uint8Array;
  /** 1 where the player operates (active or retreating) and is not suspended in the province: index province · P + j. */
  eligible: Uint8Array;
  /** The same by province as bits (bit j for player j), with at most `PRESENCE_BITS` players. */
  eligibleBits: Int32Array;
  warehouse: Uint8Array;
  /** 1 where the province is one of the player's homes: index province · P + j. */
  home: Uint8Array;
  /**
   * Cells, and their GMV, reachable households and adopters (3 entries each), by set of players
   * present (the set's bits); `setsSeen` lists the sets met this week. Empty above `SET_PLAYERS` players.
   */
  setCells: Int32Array;
  setSums: Float64Array;
  setsSeen: Int32Array;
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

/** Cell tiers (city, county, township, village). */
const TIERS = 4;

/** Up to this many players, clearing adds the local market sums by set of players present (2^P sets). */
const SET_PLAYERS = 12;

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
    provincePoints: perProvince(),
    provinceGmv: perProvince(),
    provinceOrders: perProvince(),
    provinceLogistics: perProvince(),
    provinceVariable: perProvince(),
    provinceDrop: perProvince(),
    tierGmv: new Float64Array(players * provinces * TIERS),
    tierPoints: new Float64Array(players * provinces * TIERS),
    provinceAdopters: perProvince(),
    suspended: new Uint8Array(players * provinces),
    eligible: new Uint8Array(players * provinces),
    eligibleBits: new Int32Array(provinces),
    warehouse: new Uint8Array(players * provinces),
    home: new Uint8Array(players * provinces),
    present: new Int32Array(players),
    setCells: new Int32Array(players <= SET_PLAYERS ? 1 << players : 0),
    setSums: new Float64Array(players <= SET_PLAYERS ? 3 << players : 0),
    setsSeen: new Int32Array(players <= SET_PLAYERS ? 1 << players : 0),
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
  scratch.eligibleBits.fill(0);
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
      if (scratch.eligible[province * P + j] === 1 && j < PRESENCE_BITS) scratch.eligibleBits[province] = scratch.eligibleBits[province]! | (1 << j);
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
  scratch.tierGmv.fill(0);
  scratch.tierPoints.fill(0);
  scratch.provinceAdopters.fill(0);
}

/** Clears every cell for the week `state.week`; the totals land in `state.scratch` and the players' figures. */
export function clearCells(ctx: MarketContext): void {
  const { geography, params, state, rates } = ctx;
  const scratch = state.scratch;
  prepare(params, state, scratch);
  const { network, adopters, subsidyHabit, served } = state;
  const { points, attraction, lowIncomeWeeks, cellPoints } = network;
  const P = network.players;
  const { cellShare, subsidy, suspended, eligible, present, choice, commission } = scratch;
  const { tierGmv, tierPoints, provinceAdopters } = scratch;
  const sumCells = scratch.sum.cells;
  const { localMarketGmvYuan: sumLocalGmv, localReachable: sumLocalReachable, localAdopters: sumLocalAdopters } = scratch.sum;
  const demand = params.demand;
  const lapse = demand.lapse;
  const habitRate = 1 / lapse.subsidyMemoryWeeks;
  const season = seasonMultiplier(demand.seasons, 7 * state.week - 3.5);
  const { pPerWeek, qPerWeek, pBoostPerSubsidyYuan } = demand.bass;
  const stochastic = demand.stochasticAdoption;
  const { reservationIncomeYuanPerWeek: reservation, dropAfterWeeks, switchShareOfPointsPerWeek, switchPremiumShare, multiHomingCap } = params.network;
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
  const presenceBits = network.presence;
  const withBits = presenceBits.length > 0;
  const eligibleBits = scratch.eligibleBits;
  // The local market sums by set of players present (bits), when there are few enough players.
  const { setCells, setSums, setsSeen } = scratch;
  const bySet = withBits && setCells.length > 0;
  let sets = 0;

  for (let c = 0; c < geography.cellCount; c++) {
    const base = c * P;
    const province = cellProvince[c]!;
    const provinceBase = province * P;
    let count = 0;
    let maxSubsidy = 0;
    let cellBits = 0;
    // A cell without any point has no attraction for anyone: skip the scan over players.
    if (cellPoints[c]! > 0) {
      if (withBits) {
        // The players with attraction and eligible, lowest bit (player) first.
        cellBits = presenceBits[c]! & eligibleBits[province]!;
        let bits = cellBits;
        while (bits !== 0) {
          const low = bits & -bits;
          const j = 31 - Math.clz32(low);
          present[count++] = j;
          if (subsidy[j]! > maxSubsidy) maxSubsidy = subsidy[j]!;
          bits ^= low;
        }
      } else {
        for (let j = 0; j < P; j++) {
          if (attraction[base + j]! > 0 && eligible[provinceBase + j] !== 0) {
            present[count++] = j;
            if (subsidy[j]! > maxSubsidy) maxSubsidy = subsidy[j]!;
          }
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
    let cellGmv = 0;
    // The best- and worst-paying players per point, compared as income·points of the other (no
    // division). Only needed where owners may switch: where every shop is taken. Owners who drop a
    // platform in the loop below only free shops, so a cell with shops free before it has them after.
    const mayBind = switchShareOfPointsPerWeek > 0 && cellPoints[c]! >= multiHomingCap * candidateShops[c]!;
    let bestIncome = -1;
    let bestPoints = 1;
    let worstIncome = Infinity;
    let worstPoints = 1;
    let best = -1;
    let worst = -1;
    for (let i = 0; i < count; i++) {
      const j = present[i]!;
      const k = base + j;
      const pk = provinceBase + j;
      const pointCount = points[k]!;
      const share = cellShare[j]!;
      const gmv = spend * share;
      cellGmv += gmv;
      const at = pk * TIERS + tier;
      tierPoints[at] = tierPoints[at]! + pointCount;
      tierGmv[at] = tierGmv[at]! + gmv;
      provinceAdopters[pk] = provinceAdopters[pk]! + adopted * share;
      const income = gmv * commission[j]!;
      if (mayBind) {
        if (income * bestPoints > bestIncome * pointCount) (bestIncome = income), (bestPoints = pointCount), (best = j);
        if (income * worstPoints < worstIncome * pointCount) (worstIncome = income), (worstPoints = pointCount), (worst = j);
      }
      if (reservation > 0) {
        if (income < reservation * pointCount) {
          const weeks = ++lowIncomeWeeks[k]!;
          if (weeks >= dropAfterWeeks) dropPoints(state, geography, dropShare, c, j, pointCount);
        } else {
          lowIncomeWeeks[k] = 0;
        }
      }
    }
    if (bySet) {
      // Every player present gets the cell's market: added once per set of players present.
      const at = 3 * cellBits;
      if (setCells[cellBits] === 0) setsSeen[sets++] = cellBits;
      setCells[cellBits] = setCells[cellBits]! + 1;
      setSums[at] = setSums[at]! + cellGmv;
      setSums[at + 1] = setSums[at + 1]! + potential;
      setSums[at + 2] = setSums[at + 2]! + adopted;
    } else {
      for (let i = 0; i < count; i++) {
        const j = present[i]!;
        sumLocalGmv[j] = sumLocalGmv[j]! + cellGmv;
        sumLocalReachable[j] = sumLocalReachable[j]! + potential;
        sumLocalAdopters[j] = sumLocalAdopters[j]! + adopted;
        sumCells[j] = sumCells[j]! + 1;
      }
    }
    if (
      mayBind &&
      best !== worst &&
      best >= 0 &&
      bestIncome * worstPoints > (1 + switchPremiumShare) * worstIncome * bestPoints &&
      cellPoints[c]! >= multiHomingCap * candidateShops[c]!
    ) {
      switchOwners(state, geography, c, worst, best, switchShareOfPointsPerWeek);
    }
  }
  for (let i = 0; i < sets; i++) {
    const bits = setsSeen[i]!;
    const at = 3 * bits;
    for (let j = 0; j < P; j++) {
      if ((bits & (1 << j)) === 0) continue;
      sumLocalGmv[j] = sumLocalGmv[j]! + setSums[at]!;
      sumLocalReachable[j] = sumLocalReachable[j]! + setSums[at + 1]!;
      sumLocalAdopters[j] = sumLocalAdopters[j]! + setSums[at + 2]!;
      sumCells[j] = sumCells[j]! + setCells[bits]!;
    }
    setCells[bits] = 0;
    setSums[at] = setSums[at + 1] = setSums[at + 2] = 0;
  }
  totalProvinces(params, rates, scratch);
  for (const player of state.players) {
    const j = player.index;
    for (const field of SUMMED) player.figures[field] = scratch.sum[field][j]!;
  }
}

/**
 * The (province, player) totals that follow from the cell loop's sums by tier: points and GMV
 * are the tiers' sums, orders are GMV × 1/price, the variable logistics cost is each tier's GMV ×
 * its cost per order × 1/price × learning (less the warehouse cut where the player has
 * warehouses), the drop cost each tier's points × its cost per point, and logistics is booked at
 * home or away by province. Adding by province and tier, then over them, instead of pair by pair
 * changes only the order of the additions.
 */
function totalProvinces(params: MarketParams, rates: LogisticsRates, scratch: ClearingScratch): void {
  const P = scratch.players;
  const warehouseCut = params.costs.warehouse?.variableCostCut ?? 0;
  const { variablePerOrder, dropPerPointWeek } = rates;
  const { invPrice, learning, warehouse, home, logisticsHome, logisticsAway, tierGmv, tierPoints, provinceAdopters } = scratch;
  const { provincePoints, provinceGmv, provinceOrders, provinceVariable, provinceLogistics, provinceDrop } = scratch;
  const { gmvYuan, orders, adopters, pickupPoints, dropCostYuan } = scratch.sum;
  for (let j = 0; j < P; j++) {
    for (let province = 0; province < scratch.provinces; province++) {
      const pk = province * P + j;
      let points = 0;
      let gmv = 0;
      let variableGmv = 0;
      let drop = 0;
      for (let tier = 0, at = pk * TIERS; tier < TIERS; tier++, at++) {
        points += tierPoints[at]!;
        gmv += tierGmv[at]!;
        variableGmv += tierGmv[at]! * variablePerOrder[tier]!;
        drop += tierPoints[at]! * dropPerPointWeek[tier]!;
      }
      if (points === 0) continue;
      const provinceOrder = gmv * invPrice[j]!;
      const variableCost = variableGmv * invPrice[j]! * learning[j]!;
      const logistics = variableCost * (warehouse[pk] ? 1 - warehouseCut : 1) + drop;
      provincePoints[pk] = points;
      provinceGmv[pk] = gmv;
      provinceOrders[pk] = provinceOrder;
      provinceVariable[pk] = variableCost;
      provinceDrop[pk] = drop;
      provinceLogistics[pk] = logistics;
      if (home[pk]) logisticsHome[j] = logisticsHome[j]! + logistics;
      else logisticsAway[j] = logisticsAway[j]! + logistics;
      gmvYuan[j] = gmvYuan[j]! + gmv;
      orders[j] = orders[j]! + provinceOrder;
      adopters[j] = adopters[j]! + provinceAdopters[pk]!;
      pickupPoints[j] = pickupPoints[j]! + points;
      dropCostYuan[j] = dropCostYuan[j]! + drop;
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
