/**
 * The charts of each kind of report, in the order the report shows them. Each function takes
 * plain data (rows or an experiment's result object) and returns named vega-lite specs.
 */
import type { NamedChart } from './chart.js';
import type { CompareResult, McResult, PlayerRef, RunData, SweepResult } from './inputs.js';
import { compareDifferencesChart } from './compare-differences.js';
import { finalSharesChart } from './mc-shares.js';
import { shakeoutTimingChart } from './mc-shakeout.js';
import { survivalChart } from './mc-survival.js';
import { survivorsCountChart } from './mc-survivors.js';
import { cashRunwayChart } from './run-cash.js';
import { concentrationChart } from './run-concentration.js';
import { eventTimelineChart } from './run-events.js';
import { ordersGmvChart } from './run-orders.js';
import { pickupPointsChart } from './run-pickup-points.js';
import { marketShareChart } from './run-share.js';
import { sweepSurvivalChart } from './sweep-survival.js';

export type { NamedChart } from './chart.js';
export { sensitivityCharts } from './sensitivity.js';
export { calibrationCharts } from './calibration.js';

export function runCharts(data: RunData): NamedChart[] {
  return [marketShareChart(data), eventTimelineChart(data), pickupPointsChart(data), cashRunwayChart(data), ordersGmvChart(data), concentrationChart(data)];
}

export function mcCharts(result: McResult): NamedChart[] {
  return [survivalChart(result), survivorsCountChart(result), shakeoutTimingChart(result), finalSharesChart(result)];
}

export function compareCharts(result: CompareResult): NamedChart[] {
  return [compareDifferencesChart(result)];
}

/** `players`: the sweep's players with their names, in scenario order (sweep.json has ids only). */
export function sweepCharts(result: SweepResult, players: readonly PlayerRef[]): NamedChart[] {
  return [sweepSurvivalChart(result, players)];
}
