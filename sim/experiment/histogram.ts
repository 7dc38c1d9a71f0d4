/**
 * Fixed-size tallies that give quantiles without keeping the values, so a Monte Carlo run's
 * memory does not grow with its number of replications:
 *
 *   - `WeekCounts`: how many runs had an event in week w (exact quantiles of whole weeks);
 *   - `BinnedHistogram`: counts in equal-width bins over a known range, the two ends of the range
 *     counted apart, plus the exact minimum and maximum. A quantile is the midpoint of the bin that
 *     holds it, clipped to [min, max]: accurate to half a bin (final shares: 1,000 bins of 0.001,
 *     so ±0.0005; HHI: 100 bins of 100 on 0–10,000, so ±50), and exact when it falls on an end of
 *     the range (a share of 0 or 1, an HHI of 10,000) or when every value is the same.
 *
 * Quantiles are the inverse of the empirical distribution function (R's type 1): the p-quantile
 * of n values is the k-th smallest, k = ⌈p·n⌉ (at least 1).
 */
import type { Quantiles } from './types.js';

/** The reported quantiles, as whole percentages (integer arithmetic keeps ⌈p·n⌉ exact). */
const PERCENTS = [5, 25, 50, 75, 95] as const;

/** The rank k = ⌈pct·n/100⌉ (≥ 1) of each reported quantile among n values. */
function quantileRanks(n: number): number[] {
  return PERCENTS.map((pct) => Math.max(1, Math.ceil((pct * n) / 100)));
}

/**
 * The value of each reported quantile from counts in order: `valueOf(i)` is the value of
 * slot i. Returns null when there are no values.
 */
function quantilesOfCounts(counts: ArrayLike<number>, total: number, valueOf: (slot: number) => number): Quantiles | null {
  if (total === 0) return null;
  const ranks = quantileRanks(total);
  const values: number[] = [];
  let cumulative = 0;
  for (let slot = 0; slot < counts.length && values.length < ranks.length; slot++) {
    cumulative += counts[slot]!;
    while (values.length < ranks.length && cumulative >= ranks[values.length]!) values.push(valueOf(slot));
  }
  const [p05, p25, p50, p75, p95] = values as [number, number, number, number, number];
  return { p05, p25, p50, p75, p95 };
}

/** Counts of events by week (week 1 first), growing as later weeks are seen. */
export class WeekCounts {
  private readonly counts: number[] = [];
  total = 0;
  private sumOfWeeks = 0;

  add(week: number): void {
    if (!(Number.isInteger(week) && week >= 1)) throw new RangeError(`WeekCounts: a week is a whole number ≥ 1 (got ${week})`);
    while (this.counts.length < week) this.counts.push(0);
    this.counts[week - 1]! += 1;
    this.total += 1;
    this.sumOfWeeks += week;
  }

  /** Mean week, or null when nothing was counted. */
  get mean(): number | null {
    return this.total === 0 ? null : this.sumOfWeeks / this.total;
  }

  quantiles(): Quantiles | null {
    return quantilesOfCounts(this.counts, this.total, (slot) => slot + 1);
  }

  /** Index w − 1: the count in week w, for weeks 1..max(weeks, last week seen). */
  byWeek(weeks: number): number[] {
    return Array.from({ length: Math.max(weeks, this.counts.length) }, (_, i) => this.counts[i] ?? 0);
  }
}

/**
 * Counts in `bins` equal bins over [low, high], with the two ends counted apart: a value exactly
 * `low` or `high` (a share of 0 after an exit, an HHI of 10,000 for a monopoly) is common and
 * its quantile is then exact. Values outside the range go to the end bins.
 */
export class BinnedHistogram {
  /** Slot 0: exactly `low`; slots 1..bins: the bins; slot bins + 1: exactly `high`. */
  private readonly counts: Uint32Array;
  total = 0;
  private min = Infinity;
  private max = -Infinity;

  constructor(
    readonly bins: number,
    readonly low: number,
    readonly high: number,
  ) {
    this.counts = new Uint32Array(bins + 2);
  }

  add(value: number): void {
    this.counts[this.slotOf(value)]! += 1;
    this.total += 1;
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
  }

  private slotOf(value: number): number {
    if (value === this.low) return 0;
    if (value === this.high) return this.bins + 1;
    const bin = Math.floor(((value - this.low) * this.bins) / (this.high - this.low));
    return 1 + Math.min(this.bins - 1, Math.max(0, bin));
  }

  /** The value a quantile falling in `slot` is reported as. */
  private valueOf(slot: number): number {
    if (slot === 0) return this.low;
    if (slot === this.bins + 1) return this.high;
    const midpoint = this.low + ((slot - 0.5) * (this.high - this.low)) / this.bins;
    return Math.min(this.max, Math.max(this.min, midpoint));
  }

  /** Quantiles (exact at the ends, else bin midpoints clipped to the observed range), or null when empty. */
  quantiles(): Quantiles | null {
    return quantilesOfCounts(this.counts, this.total, (slot) => this.valueOf(slot));
  }
}
