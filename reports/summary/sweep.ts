/**
 * The plain-language summary of a sweep: what was varied, and for each player how far its
 * survival moves across the sweep (from its lowest point to its highest), largest swings first.
 */
import { formatParameter, parameterLabel } from '../charts/axes.js';
import type { PlayerRef, SweepResult } from '../charts/inputs.js';
import { list, percent, whole } from '../words.js';
import type { Highlight } from './highlight.js';
import { incompleteNote } from './incomplete.js';

/** A swing in survival smaller than this (probability) reads as "barely moves". */
export const NOTABLE_SWING = 0.1;
/** The largest swings described point by point; the rest are named. */
const MOST_DETAILED = 3;

export function sweepSummaryText(result: SweepResult, players: readonly PlayerRef[]): string[] {
  const varied = list(result.vary.map((v) => `${v.path} from ${value(result, v.path, v.from)} to ${value(result, v.path, v.to)}`));
  const head = `The sweep varies ${varied} over ${whole(result.points.length)} points (${result.design === 'lhs' ? 'Latin hypercube' : result.design === 'csv' ? 'from a design file' : 'grid'}), ${whole(result.runs)} runs each (seed ${result.seed}).`;
  const swings = swingsOf(result, players);
  swings.sort((a, b) => b.size - a.size);
  const notable = swings.filter((s) => s.size >= NOTABLE_SWING);
  const flat = swings.filter((s) => s.size < NOTABLE_SWING).map((s) => s.name);
  const incomplete = incompleteNote(result.complete, `${whole(result.points.length)} points`, null);
  const lines = incomplete === '' ? [head] : [incomplete, head];
  if (notable.length > 0) {
    const detailed = notable.slice(0, MOST_DETAILED).map((s) => s.text);
    const more = notable.slice(MOST_DETAILED).map((s) => s.name);
    lines.push(`Survival moves most for ${list(detailed)}.${more.length > 0 ? ` It also moves by ${percentagePoints(NOTABLE_SWING)} or more for ${list(more)}.` : ''}`);
  }
  if (flat.length > 0) lines.push(`${list(flat)}: survival barely moves (by less than ${percentagePoints(NOTABLE_SWING)}).`);
  const survivors = result.points.map((p) => p.meanSurvivors);
  if (survivors.length > 0) {
    const [low, high] = [survivors.reduce((a, b) => Math.min(a, b), Infinity).toFixed(1), survivors.reduce((a, b) => Math.max(a, b), -Infinity).toFixed(1)];
    lines.push(low === high ? `The mean number of survivors is ${low} at every point.` : `The mean number of survivors ranges from ${low} to ${high}.`);
  }
  return lines;
}

type Swing = { name: string; size: number; text: string };

/** Every player's swing (players absent from the points left out); each point's players indexed once, so any number of players is fast. */
function swingsOf(result: SweepResult, players: readonly PlayerRef[]): Swing[] {
  const indexed = result.points.map((point) => ({ point, byId: new Map(point.players.map((p) => [p.id, p.survival.estimate])) }));
  return players.map((p) => swing(result, indexed, p)).filter((s) => s !== null);
}

function swing(result: SweepResult, indexed: ReadonlyArray<{ point: SweepResult['points'][number]; byId: ReadonlyMap<string, number> }>, player: PlayerRef): Swing | null {
  const at = indexed.flatMap(({ point, byId }) => (byId.has(player.id) ? [{ point, survival: byId.get(player.id)! }] : []));
  if (at.length === 0) return null;
  const lowest = at.reduce((a, b) => (b.survival < a.survival ? b : a));
  const highest = at.reduce((a, b) => (b.survival > a.survival ? b : a));
  // With one parameter its name is in the opening sentence; with more, each value is named.
  const where = (point: SweepResult['points'][number]) =>
    result.vary.map((v) => `${result.vary.length === 1 ? '' : `${parameterLabel(v.path)} = `}${value(result, v.path, point.values[v.path] ?? Number.NaN)}`).join(', ');
  return {
    name: player.name,
    size: highest.survival - lowest.survival,
    text: `${player.name} (from ${percent(lowest.survival)} at ${where(lowest.point)} to ${percent(highest.survival)} at ${where(highest.point)})`,
  };
}

function percentagePoints(difference: number): string {
  return `${Math.round(100 * difference)} percentage points`;
}

function value(result: SweepResult, path: string, x: number): string {
  return formatParameter(path, x, result.points.map((p) => p.values[path] ?? Number.NaN));
}

/** The sweep's key figures for the top of the report. */
export function sweepHighlights(result: SweepResult, players: readonly PlayerRef[]): Highlight[] {
  const swings = swingsOf(result, players);
  const widest = swings.sort((a, b) => b.size - a.size)[0];
  return [
    { label: 'Points', value: whole(result.points.length), note: result.design === 'lhs' ? 'Latin hypercube' : result.design === 'csv' ? 'design file' : 'grid' },
    { label: 'Runs per point', value: whole(result.runs), note: `seed ${result.seed}` },
    { label: 'Varied', value: `${result.vary.length} parameter${result.vary.length === 1 ? '' : 's'}`, note: result.vary.map((v) => v.path).join(', ') },
    { label: 'Widest swing in survival', value: widest ? `${Math.round(widest.size * 100)} pp` : '—', note: widest ? `${widest.name} (percentage points)` : '' },
  ];
}
