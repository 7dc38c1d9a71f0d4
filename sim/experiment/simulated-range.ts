/**
 * Whether an observation meets the simulated 90% range: its stated range [low, high] (or its value
 * where it states none) overlaps [p05, p95]. Null without a simulated range. `gbsim fit` and the
 * calibration report count "inside" by this one rule (no imports: the reports use it too).
 */
export function meetsSimulatedRange(row: { observed: number; low: number | null; high: number | null; simulatedP05: number | null; simulatedP95: number | null }): boolean | null {
  const { simulatedP05: p05, simulatedP95: p95 } = row;
  if (p05 === null || p95 === null || !Number.isFinite(p05) || !Number.isFinite(p95)) return null;
  return (row.low ?? row.observed) <= p95 && (row.high ?? row.observed) >= p05;
}
