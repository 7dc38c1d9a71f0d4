/**
 * Dates <-> simulation days. Day 0 is the scenario's start date; every date in scenario files and
 * outputs is an ISO date (YYYY-MM-DD, UTC, no time zone). Week w (1-based) covers days
 * [7(w-1), 7w); its market clears at day 7w.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO date to days since 1970-01-01, or returns undefined when it is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

/** Formats days since 1970-01-01 as an ISO date. */
export function formatEpochDay(epochDay: number): string {
  return new Date(Math.floor(epochDay) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Maps a scenario's simulation days to ISO dates and back. */
export class Calendar {
  readonly startEpochDay: number;

  constructor(readonly startDate: string) {
    const epochDay = parseIsoDate(startDate);
    if (epochDay === undefined) throw new RangeError(`Calendar: "${startDate}" is not an ISO date (YYYY-MM-DD)`);
    this.startEpochDay = epochDay;
  }

  /** Simulation day of an ISO date (negative before the start). */
  dayOf(date: string): number {
    const epochDay = parseIsoDate(date);
    if (epochDay === undefined) throw new RangeError(`Calendar: "${date}" is not an ISO date (YYYY-MM-DD)`);
    return epochDay - this.startEpochDay;
  }

  /** ISO date of a simulation day (fractions of a day fall on that day). */
  dateOf(dayOfSimulation: number): string {
    return formatEpochDay(this.startEpochDay + Math.floor(dayOfSimulation));
  }

  /** ISO date of the first day of week `week` (1-based). */
  weekStartDate(week: number): string {
    return this.dateOf(7 * (week - 1));
  }
}
