/**
 * A player's unit economics, week by week: its decisions (`decide`: brand shock, take rate and
 * commission, subsidy through `policies.ts`, expansion), the week's accounts (`settleAccounts`),
 * its warehouses (`reviewWarehouses`), its trailing window (`summariseWeek`) and its cash
 * (`bookCash`).
 *
 * Per order, contribution = take rate × basket − commission × basket − logistics − subsidy, where
 *   - the take rate (gross margin) rises with procurement scale from `takeRate` towards
 *     `takeRateMax`: take = takeRate + (takeRateMax − takeRate)·g/(g + g½), g = last week's GMV;
 *   - the commission share is a decision within [minRate, maxRate] (`commissionPolicy`): up by a
 *     step while owners leave (dropped points > `dropAlarmShare` of points last week), down by a
 *     step while the player loses money;
 *   - logistics falls with density (the drop cost is spread over a point's orders), with
 *     experience (learning curve on the variable cost) and with warehouses (`clearing.ts`).
 * Fixed costs scale with the footprint: headquarters + per active province + per 1,000 points +
 * warehouses' running costs. The headquarters cost is fixed, except that a player serving fewer
 * provinces than at its peak may cut the share 1 − `headquartersFixedShare` of it in proportion:
 *   headquarters = H·(f + (1 − f)·provinces ÷ peak provinces).
 * Outside home provinces the management penalty raises logistics and province costs by the
 * penalty's share.
 *
 * Warehouses are lumpy investments a player chooses per province: it builds when the weekly
 * saving on variable logistics there, net of the running cost, repays the build cost within
 * `paybackWeeks` (and it has the cash), and closes them when the saving falls below half the
 * running cost or it leaves the province.
 *
 * A below-cost ban binds at settlement: from its date the subsidy paid per order is cut, and where
 * even an unsubsidised order does not cover its variable cost the price is raised by the gap (a
 * surcharge in revenue, which shoppers see from the next week), so that the average order covers
 * its variable cost: contribution per order ≥ 0.
 */
import type { ClearingScratch } from './clearing.js';
import { expansionDensity, openPoints } from './network.js';
import type { CostParams } from './params.js';
import { operatingFlow, runwayAt, type PlayerState } from './players.js';
import { updateSubsidy } from './policies.js';
import { CASH_FLOWS, RUNWAY_NOT_BURNING } from './results.js';
import type { MarketContext } from './state.js';

/**
 * A player's decisions for the week, before clearing: brand shock (mean-reverting), take rate and
 * commission, subsidy (its policy, then the regulator's rules), and expansion (recruiting paid now,
 * within `maxRecruitingShareOfCash` of its cash; outside home at the management penalty's cost).
 */
export function decide(ctx: MarketContext, player: PlayerState): void {
  const { params, geography, state } = ctx;
  const demand = params.demand;
  if (demand.brandShockSdPerWeek > 0) {
    player.brandShock = (1 - demand.brandShockReversionPerWeek) * player.brandShock + player.streams.brand.normal(0, demand.brandShockSdPerWeek);
  }
  decidePrices(player);
  updateSubsidy(state.players, player, runwayAt(player.cashYuan, player.lastOperatingFlowYuan, RUNWAY_NOT_BURNING));
  const p = player.params;
  const expansion = p.expansion;
  const cost = p.recruitCostYuanPerPoint;
  let budget = expansion.targetNewPointsPerWeek;
  if (cost > 0) budget = Math.min(budget, Math.floor((expansion.maxRecruitingShareOfCash * Math.max(0, player.cashYuan)) / cost));
  const away = p.homeProvinces.length > 0 && p.managementPenaltyOutsideHome > 0 ? { home: player.home, costFactor: 1 + p.managementPenaltyOutsideHome } : null;
  const opened = openPoints(state.network, geography, player.index, player.cursor, budget, expansionDensity(expansion), player.blockedProvince, state.week, away);
  player.figures.newPoints += opened;
  player.flows.recruitingYuan += opened * cost;
}

/** The week's take rate and commission decisions (before clearing). */
export function decidePrices(player: PlayerState): void {
  const p = player.params;
  const gmv = player.lastFigures.gmvYuan;
  const max = p.takeRateMax ?? p.takeRate;
  player.takeRate = max > p.takeRate ? p.takeRate + ((max - p.takeRate) * gmv) / (gmv + p.procurementHalfScaleGmvYuanPerWeek) : p.takeRate;
  const policy = p.commissionPolicy;
  if (!policy) return;
  const last = player.lastFigures;
  const leaving = last.pickupPoints > 0 && last.droppedPoints + last.pointsLostToRivals > policy.dropAlarmShare * last.pickupPoints;
  let rate = player.commissionRate;
  if (leaving) rate += policy.stepRate;
  else if (player.lastOperatingFlowYuan < 0) rate -= policy.stepRate;
  player.commissionRate = Math.min(policy.maxRate, Math.max(policy.minRate, rate));
}

/** Books the week's revenue and costs of one operating player from the clearing's totals. */
export function settleAccounts(player: PlayerState, scratch: ClearingScratch): void {
  const j = player.index;
  const p = player.params;
  const { figures, flows } = player;
  const P = scratch.players;
  let homeProvinces = 0;
  let awayProvinces = 0;
  for (let province = 0; province < scratch.provinces; province++) {
    if (scratch.provincePoints[province * P + j]! > 0) {
      if (player.home[province]) homeProvinces++;
      else awayProvinces++;
    }
  }
  figures.provinces = homeProvinces + awayProvinces;
  const logisticsAway = scratch.logisticsAway[j]!;
  const logistics = scratch.logisticsHome[j]! + logisticsAway;
  const penalty = p.managementPenaltyOutsideHome * (logisticsAway + p.fixedCostYuanPerProvinceWeek * awayProvinces);
  const revenue = figures.gmvYuan * player.takeRate;
  const commission = figures.gmvYuan * player.commissionRate;
  let subsidyPerOrder = player.subsidyPerOrderYuan;
  let surcharge = 0;
  if (player.belowCostBanned && figures.orders > 0) {
    const marginPerOrder = (revenue - commission - logistics - penalty) / figures.orders;
    subsidyPerOrder = Math.min(subsidyPerOrder, Math.max(0, marginPerOrder));
    surcharge = Math.max(0, -marginPerOrder);
  }
  player.surchargeYuan = surcharge;
  flows.revenueYuan += surcharge > 0 ? revenue + surcharge * figures.orders : revenue;
  flows.commissionYuan += commission;
  flows.subsidyYuan += figures.orders * subsidyPerOrder;
  flows.logisticsYuan += logistics;
  player.peakProvinces = Math.max(player.peakProvinces, figures.provinces);
  flows.fixedYuan +=
    p.fixedCostYuanPerProvinceWeek * figures.provinces + headquartersCost(player) + (p.fixedCostYuanPerThousandPointsWeek * figures.pickupPoints) / 1000;
  flows.managementPenaltyYuan += penalty;
  player.cumulativeOrders += figures.orders;
  player.peakPickupPoints = Math.max(player.peakPickupPoints, figures.pickupPoints);
}

/** The week's headquarters cost: H·(f + (1 − f)·provinces ÷ peak provinces), or H for f = 1 (see above). */
export function headquartersCost(player: PlayerState): number {
  const { headquartersCostYuanPerWeek: cost, headquartersFixedShare: fixed } = player.params;
  if (fixed >= 1 || player.peakProvinces === 0) return cost;
  return cost * (fixed + ((1 - fixed) * player.figures.provinces) / player.peakProvinces);
}

/** What leaving one province saves of the headquarters cost: H·(1 − f) ÷ peak provinces (0 for f = 1). */
export function headquartersSavedPerProvince(player: PlayerState): number {
  const { headquartersCostYuanPerWeek: cost, headquartersFixedShare: fixed } = player.params;
  if (fixed >= 1 || player.peakProvinces === 0) return 0;
  return (cost * (1 - fixed)) / player.peakProvinces;
}

/** Builds and closes a player's province warehouses, and books their running cost. */
export function reviewWarehouses(ctx: MarketContext, player: PlayerState): void {
  const rules = ctx.params.costs.warehouse;
  if (!rules) return;
  const scratch = ctx.state.scratch;
  const P = scratch.players;
  const j = player.index;
  let open = 0;
  for (let province = 0; province < player.warehouse.length; province++) {
    const k = province * P + j;
    const saving = rules.variableCostCut * scratch.provinceVariable[k]!;
    if (player.warehouse[province]) {
      if (scratch.provincePoints[k]! === 0 || saving < 0.5 * rules.weeklyCostYuan) {
        player.warehouse[province] = 0;
        ctx.log('warehouse-closed', player, null, `${player.params.name} closes its warehouses in ${ctx.geography.provinceNames[province]}`);
        continue;
      }
      open++;
    } else if (saving - rules.weeklyCostYuan > rules.buildCostYuan / rules.paybackWeeks && player.cashYuan > rules.buildCostYuan) {
      player.warehouse[province] = 1;
      player.flows.warehouseYuan += rules.buildCostYuan;
      ctx.log('warehouse-built', player, rules.buildCostYuan, `${player.params.name} builds warehouses in ${ctx.geography.provinceNames[province]}`);
      open++;
    }
  }
  player.flows.warehouseYuan += open * rules.weeklyCostYuan;
  player.figures.warehouses = open;
}

/** Appends the week's economics to the player's trailing window (at most `length` weeks). */
export function summariseWeek(costs: CostParams, player: PlayerState, length: number): void {
  const { flows, figures } = player;
  const running = (costs.warehouse?.weeklyCostYuan ?? 0) * figures.warehouses;
  player.window.push({
    gmvYuan: figures.gmvYuan,
    orders: figures.orders,
    operatingYuan: operatingFlow(flows),
    investmentYuan: flows.recruitingYuan + flows.warehouseYuan - running,
    contributionBeforeSubsidyYuan: contributionBeforeSubsidy(player),
    fixedYuan: flows.fixedYuan + running,
    localMarketGmvYuan: figures.localMarketGmvYuan,
    localReachable: figures.localReachable,
    localAdopters: figures.localAdopters,
    dropCostYuan: figures.dropCostYuan,
  });
  if (player.window.length > length) player.window.shift();
}

/**
 * Books the week's flows. Money that moved at event time (funding, fines, acquisitions)
 * already changed cash; cash is rebuilt from the week's opening cash in `CASH_FLOWS` order,
 * which makes cash = opening + Σ sign·flow exact. `openingCash` becomes next week's.
 */
export function bookCash(openingCash: Float64Array, player: PlayerState): void {
  const flows = player.flows as unknown as Record<string, number>;
  let cash = openingCash[player.index]!;
  for (const { column, sign } of CASH_FLOWS) cash += sign * flows[column]!;
  player.cashYuan = cash;
  openingCash[player.index] = cash;
  player.lastOperatingFlowYuan = operatingFlow(player.flows);
}

/** Revenue − commission − logistics − management penalty of the week so far, yuan. */
export function contributionBeforeSubsidy(player: PlayerState): number {
  const f = player.flows;
  return f.revenueYuan - f.commissionYuan - f.logisticsYuan - f.managementPenaltyYuan;
}

/** Contribution after subsidies (what a week's orders earn before fixed costs), yuan. */
export function contribution(player: PlayerState): number {
  return contributionBeforeSubsidy(player) - player.flows.subsidyYuan;
}

/**
 * A player's contribution in one province this week, yuan (the `contributionYuan` of
 * `provinces.csv`, and what the province retreat rule judges): GMV at the week's take rate less
 * commission, plus any below-cost surcharge less the subsidy per order, less logistics and the
 * province's fixed cost (both raised by the management penalty outside home) and the running cost
 * of a warehouse there. Reads the week's province totals in `scratch`.
 */
export function provinceContribution(costs: CostParams, player: PlayerState, scratch: ClearingScratch, province: number): number {
  const k = province * scratch.players + player.index;
  const p = player.params;
  const penalty = player.home[province] ? 1 : 1 + p.managementPenaltyOutsideHome;
  const warehouseCost = costs.warehouse?.weeklyCostYuan ?? 0;
  return (
    scratch.provinceGmv[k]! * (player.takeRate - player.commissionRate) +
    scratch.provinceOrders[k]! * (player.surchargeYuan - player.subsidyPerOrderYuan) -
    penalty * (scratch.provinceLogistics[k]! + p.fixedCostYuanPerProvinceWeek) -
    (player.warehouse[province] ? warehouseCost : 0)
  );
}
