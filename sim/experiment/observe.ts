/**
 * Observed metrics as model outputs: the one table that says how an observation's `metric`
 * (observations CSV, calibration targets) is read from a run's weekly tables. Adding a metric
 * (say the per-player operating profit the model is gaining) is one entry in `METRICS`.
 *
 * A value "on a date" is read in the week that contains the date (weeks start on the scenario's
 * start date); cumulative metrics sum weeks 1..that week.
 */
import { STATUS_CODE, type RunResult, type WeeklyTables } from '../model/results.js';

export interface MetricSpec {
  /** Whether the metric is per player (true) or for the whole market (false: the player column is empty). */
  perPlayer: boolean;
  describe: string;
  /** The value for player index j (ignored for market metrics) in week w (1-based). */
  value(tables: WeeklyTables, j: number, week: number): number;
}

const at = (tables: WeeklyTables, column: keyof WeeklyTables['player'], j: number, week: number) => tables.player[column][(week - 1) * tables.players + j]!;
const sumTo = (tables: WeeklyTables, j: number, week: number, value: (w: number) => number) => {
  let sum = 0;
  for (let w = 1; w <= week; w++) sum += value(w);
  return sum;
};

/** Operating result of a week: revenue minus operating costs (funding and acquisitions left out). */
function operatingYuan(tables: WeeklyTables, j: number, w: number): number {
  const c = (column: keyof WeeklyTables['player']) => at(tables, column, j, w);
  return c('revenueYuan') - c('logisticsYuan') - c('commissionYuan') - c('subsidyYuan') - c('recruitingYuan') - c('fixedYuan') - c('managementPenaltyYuan');
}

/** Every metric an observation may name (see the module comment). */
export const METRICS: Readonly<Record<string, MetricSpec>> = {
  'pickup-points': { perPlayer: true, describe: 'pickup points at the end of the week', value: (t, j, w) => at(t, 'pickupPoints', j, w) },
  provinces: { perPlayer: true, describe: 'provinces with at least one pickup point', value: (t, j, w) => at(t, 'provinces', j, w) },
  'orders-per-day': { perPlayer: true, describe: 'orders in the week / 7', value: (t, j, w) => at(t, 'orders', j, w) / 7 },
  'gmv-yuan-week': { perPlayer: true, describe: 'GMV of the week, yuan', value: (t, j, w) => at(t, 'gmvYuan', j, w) },
  'gmv-yuan-cumulative': { perPlayer: true, describe: 'GMV since the start, yuan', value: (t, j, w) => sumTo(t, j, w, (v) => at(t, 'gmvYuan', j, v)) },
  'share': { perPlayer: true, describe: 'share of the week\'s market GMV (0..1)', value: (t, j, w) => at(t, 'share', j, w) },
  'operating-loss-yuan-cumulative': { perPlayer: true, describe: 'operating loss since the start (costs − revenue, without funding and acquisitions), yuan', value: (t, j, w) => -sumTo(t, j, w, (v) => operatingYuan(t, j, v)) },
  'cash-raised-yuan-cumulative': { perPlayer: true, describe: 'funding received since the start, yuan', value: (t, j, w) => sumTo(t, j, w, (v) => at(t, 'fundingYuan', j, v)) },
  operating: { perPlayer: true, describe: '1 while the player operates (active or retreating), else 0', value: (t, j, w) => {
    const status = t.status[(w - 1) * t.players + j]!;
    return status === STATUS_CODE.active || status === STATUS_CODE.retreating ? 1 : 0;
  } },
  'market-gmv-yuan-week': { perPlayer: false, describe: 'GMV of the whole market in the week, yuan', value: (t, _j, w) => t.market.gmvYuan[w - 1]! },
  'market-orders-per-day': { perPlayer: false, describe: 'orders of the whole market in the week / 7', value: (t, _j, w) => t.market.orders[w - 1]! / 7 },
  'market-pickup-points': { perPlayer: false, describe: 'pickup points of the whole market', value: (t, _j, w) => t.market.pickupPoints[w - 1]! },
};

/** One quantity to read from every replication: a metric of a player (index, or null for the market) in a week. */
export interface ObservationSpec {
  name: string;
  metric: string;
  player: number | null;
  week: number;
}

/** The values of `specs` in a recorded run (NaN where the run has no such week). */
export function observe(result: RunResult, specs: readonly ObservationSpec[]): number[] {
  const tables = result.weekly;
  if (tables === null) throw new Error('observations need the weekly tables: run with record: true');
  return specs.map((spec) => {
    if (spec.week < 1 || spec.week > tables.weeks) return NaN;
    return METRICS[spec.metric]!.value(tables, spec.player ?? 0, spec.week);
  });
}
