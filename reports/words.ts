/** Numbers, dates and lists as they read in a sentence: "38.8%", "6 Dec 2021", "A, B and C", "1.5 bn yuan". */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date as `6 Dec 2021` (read as a calendar date: no time-zone shift). */
export function longDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
}

/** A share 0–1 as a percentage with `digits` decimals: `38.8%`. */
export function percent(share: number, digits = 0): string {
  return `${(100 * share).toFixed(digits)}%`;
}

/** An interval of shares as `94–99%`. */
export function percentRange(low: number, high: number): string {
  return `${Math.round(100 * low)}–${Math.round(100 * high)}%`;
}

/** Percentage points with a sign: `+12`, `−3.5`. */
export function points(difference: number, digits = 0): string {
  const value = (100 * difference).toFixed(digits);
  if (Number(value) === 0) return (0).toFixed(digits);
  return difference > 0 ? `+${value}` : `−${value.slice(1)}`;
}

/** A whole number with thousands separators: `1,000`. */
export function whole(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Yuan in a compact form: `1.5 bn yuan`, `45 m yuan`, `7,890 yuan`. */
export function yuan(amount: number): string {
  const magnitude = Math.abs(amount);
  const sign = amount < 0 ? '−' : '';
  if (magnitude >= 1e9) return `${sign}${trim(magnitude / 1e9)} bn yuan`;
  if (magnitude >= 1e6) return `${sign}${trim(magnitude / 1e6)} m yuan`;
  return `${sign}${whole(magnitude)} yuan`;
}

/** A number with at most 3 significant digits and no trailing zeros. */
export function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** The most items a sentence names; a longer list names the first ones and counts the others. */
export const MAX_LISTED = 12;

/** `A`, `A and B`, `A, B and C`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length > MAX_LISTED) return `${items.slice(0, MAX_LISTED - 1).join(', ')} and ${whole(items.length - MAX_LISTED + 1)} others`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `1 player`, `2 players`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${whole(n)} ${n === 1 ? noun : plural}`;
}
