/**
 * The plain-language summary of a sensitivity analysis: for the main outputs (survival of each
 * player, survivors, final HHI), the factors that matter most, by μ* (Morris) or total index (Sobol).
 */
import type { SensitivityResult } from '../charts/inputs.js';
import { list, whole } from '../words.js';
import type { Highlight } from './highlight.js';

const SHOWN = 3;

function ranking(result: SensitivityResult, output: string): Array<{ factor: string; value: number }> {
  const index = result.method === 'morris' ? 'muStar' : 'ST';
  return result.indices
    .filter((row) => row.output === output && row.index === index && Number.isFinite(row.estimate))
    .map((row) => ({ factor: row.factor, value: row.estimate }))
    .sort((a, b) => b.value - a.value || a.factor.localeCompare(b.factor));
}

function mainOutputs(result: SensitivityResult): string[] {
  return result.outputs.filter((o) => o.startsWith('survival.') || o === 'survivors' || o === 'finalHhi');
}

export function sensitivitySummaryText(result: SensitivityResult): string[] {
  const method = result.method === 'morris'
    ? `Morris screening with ${whole(result.design.trajectories)} trajectories on a ${result.design.levels}-level grid; factors ranked by μ*, the mean absolute effect of moving each across its range`
    : `Sobol indices from ${whole(result.design.baseSamples)} base samples (Saltelli design); factors ranked by their total index, the share of the output's variance they take part in`;
  const lines = [`${whole(result.factors.length)} uncertain parameters, ${whole(result.points)} design points with ${whole(result.runs)} runs each on common random numbers (seed ${result.seed}). ${method}.`];
  for (const output of mainOutputs(result)) {
    const ranked = ranking(result, output).filter((r) => r.value > 0);
    if (ranked.length === 0) lines.push(`${output}: no factor moves it in this design.`);
    else lines.push(`${output}: ${list(ranked.slice(0, SHOWN).map((r) => `${r.factor} (${r.value.toPrecision(2)})`))}.`);
  }
  return lines;
}

export function sensitivityHighlights(result: SensitivityResult): Highlight[] {
  return mainOutputs(result).slice(0, 4).flatMap((output) => {
    const top = ranking(result, output)[0];
    return top === undefined || top.value <= 0 ? [] : [{ label: `Drives ${output}`, value: top.factor, note: `${result.method === 'morris' ? 'μ*' : 'ST'} ${top.value.toPrecision(2)}` }];
  });
}
