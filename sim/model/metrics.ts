/** Market concentration: shares, the Herfindahl–Hirschman index and the top-k concentration ratio. */

/** Shares of a total (all 0 when the total is 0). */
export function sharesOf(values: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return Array.from(values, (v) => (total > 0 ? v / total : 0));
}

/** HHI on the 0–10,000 scale: the sum of squared percentage shares. */
export function herfindahl(shares: ArrayLike<number>): number {
  let hhi = 0;
  for (let i = 0; i < shares.length; i++) hhi += (100 * shares[i]!) ** 2;
  return hhi;
}

/** CR-k: the combined share of the k largest. */
export function concentrationRatio(shares: ArrayLike<number>, k = 3): number {
  return Array.from(shares)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((a, b) => a + b, 0);
}
