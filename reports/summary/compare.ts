/**
 * The plain-language summary of a comparison: for each scenario against the baseline, the
 * differences whose test is significant (survival and share in percentage points, pickup points in
 * points); the rest is noise.
 */
import type { CompareResult } from '../charts/inputs.js';
import { count, list, points, whole } from '../words.js';
import type { Highlight } from './highlight.js';
import { incompleteNote } from './incomplete.js';

type Player = CompareResult['players'][number];

export function compareSummaryText(result: CompareResult): string[] {
  const baseline = result.scenarios[0]?.name ?? 'the baseline';
  const head = `Each scenario against ${baseline}, over ${whole(result.runs)} paired runs (seed ${result.seed}, common random numbers): differences in percentage points, scenario minus baseline.`;
  const incomplete = incompleteNote(result.complete, `${whole(result.runs)} paired runs`, null);
  return [...(incomplete === '' ? [] : [incomplete]), head, ...result.scenarios.slice(1).map((scenario, i) => scenarioSentence(scenario.name, i, result.players))];
}

function scenarioSentence(name: string, index: number, players: readonly Player[]): string {
  const changes: string[] = [];
  for (const p of players) {
    const survival = p.survivalDifference[index];
    const share = p.finalShareDifference[index];
    if (survival?.significant) changes.push(`${p.name}'s survival ${change(survival.estimate, survival.low, survival.high)}`);
    if (share?.significant) changes.push(`${p.name}'s final share ${change(share.estimate, share.low, share.high, 1)}`);
    const points = p.finalPointsDifference?.[index];
    if (points?.significant) changes.push(`${p.name}'s pickup points at the end ${pointsChange(points.estimate, points.low, points.high)}`);
    const exit = p.exitWeekDifference?.[index];
    if (exit?.significant) changes.push(`${p.name} ${exit.estimate > 0 ? 'stays' : 'leaves'} ${Math.abs(exit.estimate).toFixed(1)} weeks ${exit.estimate > 0 ? 'longer' : 'earlier'} (exit week, the horizon when it stays; 95% interval ${signedWeeks(exit.low)} to ${signedWeeks(exit.high)})`);
  }
  const absent = players.filter((p) => p.survivalDifference[index] === null || p.survivalDifference[index] === undefined).map((p) => p.name);
  const missing = absent.length === 0 ? '' : ` ${list(absent)} ${absent.length === 1 ? 'is' : 'are'} not in ${name}.`;
  if (changes.length === 0) return `In ${name}, no player's survival, final share or pickup points differs from the baseline beyond the noise (every 95% interval includes zero).${missing}`;
  return `In ${name}: ${list(changes)}; the other differences are within the noise.${missing}`;
}

function change(estimate: number, low: number, high: number, digits = 0): string {
  const verb = estimate > 0 ? 'rises' : 'falls';
  return `${verb} by ${(100 * Math.abs(estimate)).toFixed(digits)} percentage points (95% interval ${points(low, digits)} to ${points(high, digits)})`;
}

function signedWeeks(v: number): string {
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}`;
}

function pointsChange(estimate: number, low: number, high: number): string {
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${whole(Math.abs(Math.round(v)))}`;
  return `${estimate > 0 ? 'rise' : 'fall'} by ${whole(Math.abs(Math.round(estimate)))} (95% interval ${signed(low)} to ${signed(high)})`;
}

/** The comparison's key figures for the top of the report. */
export function compareHighlights(result: CompareResult): Highlight[] {
  const differences = result.players.flatMap((p) => [...p.survivalDifference, ...p.finalShareDifference]).filter((d) => d !== null && d !== undefined);
  const significant = differences.filter((d) => d.significant).length;
  return [
    { label: 'Baseline', value: result.scenarios[0]?.name ?? '—', note: `against ${count(result.scenarios.length - 1, 'scenario')}` },
    { label: 'Paired runs', value: whole(result.runs), note: `per scenario; seed ${result.seed}` },
    { label: 'Clear differences', value: `${significant} of ${differences.length}`, note: '95% interval excludes zero' },
  ];
}
