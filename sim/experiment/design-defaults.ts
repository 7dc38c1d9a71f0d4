/**
 * The defaults of the design experiments (`gbsim sensitivity`, `calibrate`, `mc --uncertainty`),
 * shared by the command line and the library so that both run the same design when a setting is
 * left out. No imports: the command line reads it before it loads any experiment code.
 */

/** Morris trajectories kept and grid levels, Sobol' base samples, bootstrap resamples. */
export const SENSITIVITY_DEFAULTS = { trajectories: 20, levels: 4, samples: 256, bootstrap: 1000 } as const;

/** Morris candidates drawn when none are asked for: 10 per trajectory kept, at most 500. */
export function defaultCandidates(trajectories: number): number {
  return Math.min(500, Math.max(trajectories, 10 * trajectories));
}

/** ABC-SMC particles per generation, generations, tolerance quantile, evaluation budget; replications per evaluation. */
export const CALIBRATION_DEFAULTS = { particles: 200, generations: 5, alpha: 0.5, maxEvaluations: 20_000, runs: 4, method: 'mcmc' } as const;

/** Parameter sets of `mc --uncertainty` and how they are drawn. */
export const UNCERTAIN_MC_DEFAULTS = { sets: 64, sampling: 'lhs' } as const;
