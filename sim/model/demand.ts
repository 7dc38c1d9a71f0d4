/**
 * Consumer demand: Bass adoption per cell and multinomial-logit choice among the platforms
 * present and an outside option (wet market, supermarket) with utility 0.
 *
 * Adoption uses the Bass model's exact solution over one week rather than a difference equation:
 * from adopted share F0 the share after Δt weeks is
 *   F(Δt) = (R − p) / (R + q),  R = (p + q·F0) / (1 − F0) · e^{(p+q)Δt},
 * which from F0 = 0 is the closed form F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}).
 * The weekly probability that a non-adopter adopts is (F1 − F0)/(1 − F0), which simplifies to
 *   (p + q·F0)·(g − 1) / ((p + q·F0)·g + q·(1 − F0)),  g = e^{(p+q)Δt},
 * computed in that form (one division, and no cancellation in F1 − F0); new adopters are drawn
 * as a binomial with that probability (or taken at their expected number).
 */

/** Adopted share after `weeks` weeks from share `f0`, with constant p and q (per week). */
export function bassShareAfter(f0: number, p: number, q: number, weeks: number): number {
  return shareAfterGrowth(f0, p, q, (p + q) * weeks, Math.exp((p + q) * weeks));
}

/** F after a step of exponent (p+q)Δt, given `growth` = e^{(p+q)Δt}. */
function shareAfterGrowth(f0: number, p: number, q: number, exponent: number, growth: number): number {
  if (f0 >= 1) return 1;
  if (p + q * f0 <= 0) return f0;
  if (exponent > 700) return 1; // e^{(p+q)Δt} overflows; F has reached 1 to double precision
  const r = ((p + q * f0) / (1 - f0)) * growth;
  return (r - p) / (r + q);
}

/** The Bass closed form F(t) from F(0) = 0. */
export function bassClosedForm(t: number, p: number, q: number): number {
  const decay = Math.exp(-(p + q) * t);
  return (1 - decay) / (1 + (q / p) * decay);
}

/**
 * The probability that a non-adopter adopts over a step of exponent (p+q)Δt, given `growth` =
 * e^{(p+q)Δt}, within [0, 1]: (F1 − F0)/(1 − F0) in the one-division form of the header.
 */
function adoptionOverStep(f0: number, p: number, q: number, exponent: number, growth: number): number {
  if (f0 >= 1) return 0;
  const hazard = p + q * f0;
  if (hazard <= 0) return 0;
  if (exponent > 700) return 1; // e^{(p+q)Δt} overflows: every non-adopter has adopted
  const probability = (hazard * (growth - 1)) / (hazard * growth + q * (1 - f0));
  return probability < 0 ? 0 : probability > 1 ? 1 : probability;
}

/** Probability that a non-adopter adopts during the next `weeks` weeks, from adopted share f0. */
export function bassAdoptionProbability(f0: number, p: number, q: number, weeks = 1): number {
  return adoptionOverStep(f0, p, q, (p + q) * weeks, Math.exp((p + q) * weeks));
}

/**
 * `bassAdoptionProbability(f0, p, q)` over one week, given `growth` = e^{p+q}: the same number bit
 * for bit. For the clearing loop, where p takes only a few values a week (one per best subsidy in
 * a cell), so the exponential is computed once per value instead of once per cell.
 */
export function bassWeeklyProbability(f0: number, p: number, q: number, growth: number): number {
  return adoptionOverStep(f0, p, q, p + q, growth);
}

/**
 * Logit choice shares with an outside option of utility 0: share_j = e^{V_j} / (1 + Σ_k e^{V_k}).
 * Returns the platforms' shares; the outside option's share is 1 minus their sum. Utilities are
 * shifted by max(0, max V) before exponentiating, so large utilities cannot overflow.
 */
export function logitShares(utilities: readonly number[]): number[] {
  const shift = Math.max(0, ...utilities);
  const weights = utilities.map((v) => Math.exp(v - shift));
  const denominator = Math.exp(-shift) + weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / denominator);
}

/** Seasonal spend multiplier on a day: the last listed season covering it wins; 1 outside all. */
export function seasonMultiplier(
  seasons: readonly { fromDay: number; toDay: number; spendMultiplier: number }[],
  day: number,
): number {
  let multiplier = 1;
  for (const season of seasons) if (day >= season.fromDay && day <= season.toDay) multiplier = season.spendMultiplier;
  return multiplier;
}
