/** The plain-language summary of a calibration: how it ran, what it learnt per parameter, how well it fits. */
import { meetsSimulatedRange } from '../../sim/experiment/simulated-range.js';
import type { CalibrationResult } from '../charts/inputs.js';
import { list, whole } from '../words.js';
import type { Highlight } from './highlight.js';

/** An effective sample below this share of the particles reads as small (the share `gbsim calibrate` warns at). */
const SMALL_EFFECTIVE_SAMPLE_SHARE = 0.1;

/** A posterior narrower than this share of its prior's 90% width reads as "informed". */
const INFORMED = 0.7;

export function calibrationSummaryText(result: CalibrationResult): string[] {
  const last = result.generations[result.generations.length - 1]!;
  const evaluations = result.generations.reduce((sum, g) => sum + g.evaluations, 0);
  const informed = result.parameters.filter((p) => p.widthRatio < INFORMED);
  const flat = result.parameters.filter((p) => !(p.widthRatio < INFORMED));
  const fitted = result.fit.filter((f) => f.fitted);
  const outside = fitted.filter((f) => meetsSimulatedRange(f) !== true);
  const lines = [
    `${result.method}: ${whole(result.generations.length)} generations of ${whole(result.settings.particles)} particles, ${whole(evaluations)} evaluations of ${whole(result.runs)} runs each (seed ${result.seed}); final tolerance ${last.epsilon.toPrecision(3)}${result.stopped === 'budget' ? ', stopped by the evaluation budget' : ''}.`,
  ];
  // Written by gbsim since 2026-12-01; older calibration.json files do not have it.
  const effective = (last as { effectiveSampleSize?: number }).effectiveSampleSize;
  if (effective !== undefined) {
    const small = effective < SMALL_EFFECTIVE_SAMPLE_SHARE * result.settings.particles;
    lines.push(`The posterior is worth ${effective.toFixed(1)} equally weighted distinct particles of ${whole(result.settings.particles)}${small ? ': its intervals rest on a few particles, so read them as rough' : ''}.`);
  }
  if (informed.length > 0) lines.push(`The observations narrow ${list(informed.map((p) => `${p.path} (posterior 90% interval ${(100 * p.widthRatio).toFixed(0)}% of the prior's)`))}.`);
  if (flat.length > 0) lines.push(`They say little about ${list(flat.map((p) => p.path))}: those posteriors stay close to their priors.`);
  lines.push(`${whole(fitted.length - outside.length)} of ${whole(fitted.length)} fitted observations meet the posterior's 5–95% simulated range (an observation's stated range counts).`);
  // Rows after --fit-until with a simulated value; rows the model cannot read (before the run,
  // not modelled) are neither hits nor misses.
  const checks = result.fit.filter((f) => !f.fitted && meetsSimulatedRange(f) !== null);
  if (checks.length > 0) {
    const hits = checks.filter((f) => meetsSimulatedRange(f) === true);
    lines.push(`Out of sample: ${whole(hits.length)} of ${whole(checks.length)} later observations meet the simulated range.`);
  }
  return lines;
}

export function calibrationHighlights(result: CalibrationResult): Highlight[] {
  const fitted = result.fit.filter((f) => f.fitted);
  const inside = fitted.filter((f) => meetsSimulatedRange(f) === true).length;
  const narrowest = [...result.parameters].sort((a, b) => a.widthRatio - b.widthRatio)[0];
  return [
    { label: 'Observations fitted', value: `${inside} of ${fitted.length}`, note: 'inside the simulated 5–95% range' },
    ...(narrowest === undefined ? [] : [{ label: 'Best informed', value: narrowest.path, note: `posterior ${(100 * narrowest.widthRatio).toFixed(0)}% of the prior's width` }]),
  ];
}
