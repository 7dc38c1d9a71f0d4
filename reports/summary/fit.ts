/** The plain-language summary of `gbsim fit`: how many observations the scenario's runs reach, and its worst misses. */
import type { FitResult } from '../charts/inputs.js';
import { list, whole } from '../words.js';
import type { Highlight } from './highlight.js';

export function fitSummaryText(result: FitResult): string[] {
  const { summary } = result;
  // Written since 2026-12-01; older fit.json files do not have it.
  const uncertain = result.uncertainty ?? null;
  const drawn = uncertain === null ? '' : `, each drawing its own values of ${whole(uncertain.factors.length)} uncertain parameters${uncertain.file === null ? '' : ` from ${uncertain.file}`} (the range below is their predictive range, not only run-to-run luck)`;
  const lines = [`${whole(result.runs)} runs of the scenario (seed ${result.seed})${drawn} against ${whole(result.rows.length)} observations of ${result.targets}${result.fitUntil === null ? '' : `, in sample up to ${result.fitUntil}`}.`];
  lines.push(`${whole(summary.inside)} of ${whole(summary.compared)} observations in sample meet the simulated 5–95% range (an observation's stated range counts).`);
  if (summary.medianAbsScaledError !== null) lines.push(`Their median scaled error is ${summary.medianAbsScaledError.toFixed(2)} in absolute value (the scale: half the stated range, else 10% of the value).`);
  if (summary.outOfSample.compared > 0) lines.push(`Out of sample: ${whole(summary.outOfSample.inside)} of ${whole(summary.outOfSample.compared)}${summary.outOfSample.medianAbsScaledError === null ? '' : `, median scaled error ${summary.outOfSample.medianAbsScaledError.toFixed(2)}`}.`);
  const worst = result.rows.filter((r) => r.scaledError !== null && !r.inside).sort((a, b) => Math.abs(b.scaledError!) - Math.abs(a.scaledError!)).slice(0, 3);
  if (worst.length > 0) lines.push(`The largest misses: ${list(worst.map((r) => `${r.player} ${r.metric} on ${r.date} (scaled error ${r.scaledError!.toFixed(1)})`))}.`);
  const none = result.rows.filter((r) => r.simulatedMean === null).length;
  if (none > 0) lines.push(`${whole(none)} observations have no simulated value (not modelled, or outside the run).`);
  return lines;
}

export function fitHighlights(result: FitResult): Highlight[] {
  const { summary } = result;
  return [
    { label: 'In sample', value: `${summary.inside} of ${summary.compared}`, note: 'inside the simulated 5–95% range' },
    ...(summary.outOfSample.compared > 0 ? [{ label: 'Out of sample', value: `${summary.outOfSample.inside} of ${summary.outOfSample.compared}`, note: 'later observations inside the range' }] : []),
    ...(summary.medianAbsScaledError === null ? [] : [{ label: 'Median |scaled error|', value: summary.medianAbsScaledError.toFixed(2), note: 'in sample; 0 is a perfect mean' }]),
  ];
}
