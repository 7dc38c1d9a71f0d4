/**
 * How hard the property tests try: a fixed seed and a bounded number of cases in CI, many more
 * with `GBSIM_SOAK=1` (`npm run test:soak`). `GBSIM_PROPERTY_SEED` replays another seed.
 */
import type fc from 'fast-check';

export const SOAK = process.env.GBSIM_SOAK === '1';
export const SEED = Number(process.env.GBSIM_PROPERTY_SEED ?? 20_201_211);

/** fast-check parameters: `ci` cases normally, `soak` cases when soaking. */
export function budget(ci: number, soak: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: SOAK ? soak : ci, endOnFailure: false };
}

/** A vitest timeout (ms) that grows with the soak. */
export function timeout(ciMs: number): number {
  return SOAK ? 60 * 60_000 : ciMs;
}
