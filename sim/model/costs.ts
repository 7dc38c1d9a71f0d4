/**
 * Logistics cost with economies of density. Each order has a variable cost (picking, trunk
 * transport) and each pickup point a weekly delivery-drop cost shared by its orders, so the cost
 * per order at r orders per point per week is v + d/r: it falls as orders per point rise.
 * Both are set from traditional retail's cost per order by tier and group buying's stated
 * advantage at a reference density r₀ (seed: 3–4x, up to 20x for fresh produce):
 *   base = retail / advantage,  v = (1 − s)·base,  d = s·base·r₀,
 * where s is the drop's share of cost at the reference density; so v + d/r₀ = base.
 */
import type { CostParams } from './params.js';

export interface LogisticsRates {
  /** Yuan per order, by tier index. */
  variablePerOrder: Float64Array;
  /** Yuan per pickup point per week, by tier index. */
  dropPerPointWeek: Float64Array;
}

export function logisticsRates(costs: CostParams): LogisticsRates {
  const retail = costs.retailLogisticsCostPerOrderYuan;
  const bases = [retail.city, retail.county, retail.township, retail.village].map((r) => r / costs.advantageOverRetail);
  return {
    variablePerOrder: Float64Array.from(bases, (base) => (1 - costs.dropCostShareAtReference) * base),
    dropPerPointWeek: Float64Array.from(bases, (base) => costs.dropCostShareAtReference * base * costs.referenceOrdersPerPointWeek),
  };
}

/** Logistics cost per order at `ordersPerPoint` orders per point per week. */
export function costPerOrder(rates: LogisticsRates, tier: number, ordersPerPoint: number): number {
  return rates.variablePerOrder[tier]! + rates.dropPerPointWeek[tier]! / ordersPerPoint;
}
