/**
 * Axes every chart shares: the run's time axis (ISO week-start dates on a UTC scale, so a chart
 * reads the same in every time zone, with one domain for all time charts of a report), money in
 * the unit its size calls for (bn, m or thousand yuan, named in the axis title) and shares in %.
 */

const DAY_MS = 86_400_000;

/** The ISO date `days` days after the ISO date `start`. */
export function addDays(start: string, days: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The ISO date on which week `week` (1-based) of a run starting on `start` begins. */
export function weekStartDate(start: string, week: number): string {
  return addDays(start, 7 * (week - 1));
}

/** Milliseconds since the epoch at UTC midnight of an ISO date. */
export function utcMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The x channel of a time chart: `field` holds ISO dates; the domain spans the whole run. */
export function timeX(startDate: string, horizonWeeks: number, field = 'date', title = 'Week starting') {
  return {
    field,
    type: 'temporal' as const,
    title,
    scale: { type: 'utc' as const, domain: [utcMs(startDate), utcMs(addDays(startDate, 7 * horizonWeeks))] },
    axis: { format: '%b %Y', labelOverlap: true, grid: false },
  };
}

/** A tooltip entry showing an ISO date field as written (no time-zone shift). */
export function dateTooltip(field = 'date', title = 'Week starting') {
  return { field, type: 'nominal' as const, title };
}

/** A display unit: divide the raw value by `divisor`; `label` goes into the axis title. */
export interface DisplayUnit {
  divisor: number;
  /** `bn yuan`, `m yuan`, `thousand yuan`, `yuan`; for counts `millions`, `thousands` or empty. */
  label: string;
}

function largestMagnitude(values: Iterable<number>): number {
  let largest = 0;
  for (const value of values) if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  return largest;
}

/** The money unit that keeps the largest magnitude among `valuesYuan` readable (1 to 1,000s). */
export function moneyUnit(valuesYuan: Iterable<number>): DisplayUnit {
  const largest = largestMagnitude(valuesYuan);
  if (largest >= 1e9) return { divisor: 1e9, label: 'bn yuan' };
  if (largest >= 1e6) return { divisor: 1e6, label: 'm yuan' };
  if (largest >= 1e4) return { divisor: 1e3, label: 'thousand yuan' };
  return { divisor: 1, label: 'yuan' };
}

/** The same choice for counts (orders, pickup points): millions, thousands or units. */
export function countUnit(values: Iterable<number>): DisplayUnit {
  const largest = largestMagnitude(values);
  if (largest >= 1e7) return { divisor: 1e6, label: 'millions' };
  if (largest >= 1e4) return { divisor: 1e3, label: 'thousands' };
  return { divisor: 1, label: '' };
}

/**
 * The unit for a scenario parameter's values: money units for amounts (paths ending in `Yuan`, but
 * not rates such as `betaPricePerYuan`), else by size.
 */
export function parameterUnit(path: string, values: Iterable<number>): DisplayUnit {
  if (path.endsWith('Yuan') && !path.endsWith('PerYuan')) return moneyUnit(values);
  const largest = largestMagnitude(values);
  if (largest >= 1e9) return { divisor: 1e9, label: 'billions' };
  if (largest >= 1e6) return { divisor: 1e6, label: 'millions' };
  return { divisor: 1, label: '' };
}

/** A parameter path short enough for an axis: its last two segments (`xingsheng.cashYuan`). */
export function parameterLabel(path: string): string {
  return path.split('.').slice(-2).join('.');
}

/** A parameter's value in the unit its values call for: `1.5 bn yuan`, `0.25`, `3 millions`. */
export function formatParameter(path: string, value: number, allValues: Iterable<number>): string {
  const unit = parameterUnit(path, allValues);
  const shown = String(Number((value / unit.divisor).toPrecision(3)));
  return unit.label === '' ? shown : `${shown} ${unit.label}`;
}

/** `Cash (bn yuan)`, `Pickup points (thousands)`, `Orders`. */
export function axisTitle(what: string, unit: DisplayUnit): string {
  return unit.label === '' ? what : `${what} (${unit.label})`;
}

/** Rounds for display data so embedded specs stay small (4 significant digits are plenty for a chart). */
export function round4(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
}
