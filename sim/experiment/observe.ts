/**
 * Observed metrics as model outputs: the one table that says how an observation's `metric`
 * (the observations CSV of scenarios/data, calibration targets) is read from a run's weekly
 * tables. The names are those of scenarios/data/README.md; adding a metric, or mapping one the
 * model gains a column for, is one entry in `METRICS`.
 *
 * A value "on a date" is read in the model week that contains the date (weeks start on the
 * scenario's start date). Flows over a period (`..._per_quarter`, `..._per_year`) sum the 13 or 52
 * weeks ending in that week; when the run has fewer weeks before it, the sum is scaled up to the
 * whole period (annualised). A market value (player `market` or empty) sums the players where the
 * quantity adds up, and is otherwise not defined.
 */
import { STATUS_CODE, type PlayerColumn, type WeeklyTables } from '../model/results.js';

export interface MetricSpec {
  describe: string;
  /** The value for player index j in week w (1-based), or null when the model has none for a player. */
  player: ((tables: WeeklyTables, j: number, week: number) => number) | null;
  /** The whole market's value in week w, or null when the metric is per player only. */
  market: ((tables: WeeklyTables, week: number) => number) | null;
}

const at = (tables: WeeklyTables, column: PlayerColumn, j: number, week: number) => tables.player[column][(week - 1) * tables.players + j]!;

/** Σ over the `span` weeks ending in `week` of value(w), scaled to `span` weeks when fewer exist (span Infinity: since the start, unscaled). */
function window(week: number, span: number, value: (w: number) => number, annualise = true): number {
  const first = Number.isFinite(span) ? Math.max(1, week - span + 1) : 1;
  let sum = 0;
  for (let w = first; w <= week; w++) sum += value(w);
  return Number.isFinite(span) && annualise ? (sum * span) / (week - first + 1) : sum;
}

const allPlayers = (tables: WeeklyTables, value: (j: number) => number) => {
  let sum = 0;
  for (let j = 0; j < tables.players; j++) sum += value(j);
  return sum;
};

/** A flow summed over a window, per player and for the market. */
function flow(describe: string, column: PlayerColumn, span: number, sign = 1, annualise = true): MetricSpec {
  return {
    describe,
    player: (t, j, w) => sign * window(w, span, (v) => at(t, column, j, v), annualise),
    market: (t, w) => sign * window(w, span, (v) => allPlayers(t, (j) => at(t, column, j, v)), annualise),
  };
}

function operating(status: number): boolean {
  return status === STATUS_CODE.active || status === STATUS_CODE.retreating;
}

/** Every metric an observation may name (see the module comment). */
export const METRICS: Readonly<Record<string, MetricSpec>> = {
  pickup_points: { describe: 'pickup points at the end of the week', player: (t, j, w) => at(t, 'pickupPoints', j, w), market: (t, w) => t.market.pickupPoints[w - 1]! },
  provinces: { describe: 'provinces with at least one pickup point', player: (t, j, w) => at(t, 'provinces', j, w), market: null },
  share: { describe: 'share of the week\'s market GMV (0..1)', player: (t, j, w) => at(t, 'share', j, w), market: null },
  orders_per_day: { describe: 'orders in the week / 7', player: (t, j, w) => at(t, 'orders', j, w) / 7, market: (t, w) => t.market.orders[w - 1]! / 7 },
  gmv_yuan_per_day: { describe: 'GMV of the week / 7, yuan', player: (t, j, w) => at(t, 'gmvYuan', j, w) / 7, market: (t, w) => t.market.gmvYuan[w - 1]! / 7 },
  gmv_yuan_per_year: flow('GMV of the 52 weeks ending in the week (annualised when fewer), yuan', 'gmvYuan', 52),
  operating_loss_yuan_per_quarter: flow('−operating profit of the 13 weeks ending in the week (annualised to 13 weeks when fewer), yuan', 'operatingProfitYuan', 13, -1),
  operating_loss_yuan_per_year: flow('−operating profit of the 52 weeks ending in the week (annualised when fewer), yuan', 'operatingProfitYuan', 52, -1),
  cumulative_operating_loss_yuan: flow('−operating profit since the start, yuan', 'operatingProfitYuan', Infinity, -1),
  cash_raised_yuan: {
    describe: 'funding received in the 4 weeks ending in the week (a round), yuan; for the market the 52 weeks (a year\'s total)',
    player: (t, j, w) => window(w, 4, (v) => at(t, 'fundingYuan', j, v), false),
    market: (t, w) => window(w, 52, (v) => allPlayers(t, (j) => at(t, 'fundingYuan', j, v)), false),
  },
  status: { describe: '1 while the player operates (active or retreating), else 0', player: (t, j, w) => (operating(t.status[(w - 1) * t.players + j]!) ? 1 : 0), market: null },
  users: { describe: 'adopting households (the sources count users differently: see their quotes)', player: (t, j, w) => at(t, 'adopters', j, w), market: (t, w) => t.market.adopters[w - 1]! },
  basket_yuan: {
    describe: 'GMV per order in the week, yuan',
    player: (t, j, w) => at(t, 'gmvYuan', j, w) / at(t, 'orders', j, w),
    market: (t, w) => t.market.gmvYuan[w - 1]! / t.market.orders[w - 1]!,
  },
  commission_rate: {
    describe: 'commission paid to pickup-point owners, share of GMV (the market: GMV-weighted)',
    player: (t, j, w) => at(t, 'commissionRate', j, w),
    market: (t, w) => allPlayers(t, (j) => at(t, 'commissionYuan', j, w)) / t.market.gmvYuan[w - 1]!,
  },
  fine_yuan: flow('fines in the 4 weeks ending in the week, yuan', 'finesYuan', 4, 1, false),
};

/** Metrics the observations use that the model has no output for (kept in the fit table, never fitted), with the reason. */
export const UNMODELLED: Readonly<Record<string, string>> = {
  cities: 'the model\'s cells are counties and townships, not the cities the sources count',
};

/** One quantity to read from every replication: a metric of a player (index, or null for the market) in a week. */
export interface ObservationSpec {
  name: string;
  metric: string;
  player: number | null;
  week: number;
}

/** The values of `specs` in a run's weekly tables (NaN where the run has no such week or value). */
export function observe(result: { weekly: WeeklyTables | null }, specs: readonly ObservationSpec[]): number[] {
  const tables = result.weekly;
  if (tables === null) throw new Error('observations need the weekly tables: run with record: true');
  return specs.map((spec) => {
    const metric = METRICS[spec.metric];
    if (metric === undefined || spec.week < 1 || spec.week > tables.weeks) return NaN;
    const value = spec.player === null ? metric.market?.(tables, spec.week) : metric.player?.(tables, spec.player, spec.week);
    return value === undefined || !Number.isFinite(value) ? NaN : value;
  });
}
