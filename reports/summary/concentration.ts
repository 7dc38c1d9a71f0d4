/** How the antitrust thresholds name a level of concentration (US Horizontal Merger Guidelines, 2010). */

/** `unconcentrated` below 1,500, `moderately concentrated` to 2,500, `highly concentrated` above. */
export function concentrationLevel(hhi: number): string {
  if (hhi > 2500) return 'highly concentrated';
  if (hhi >= 1500) return 'moderately concentrated';
  return 'unconcentrated';
}
