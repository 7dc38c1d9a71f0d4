/**
 * Charts of markets with many players. A scenario holds at most 200 players, but a result file
 * may hold any number (written by hand or by another tool), and a chart with a row, a colour or a
 * series per player stops being readable long before that (and vega-lite's custom sort orders
 * nest one expression per player: 10,000 players overflow the stack). Each per-player chart
 * draws at most `MAX_DRAWN_PLAYERS`, the ones that matter most for that chart (largest share,
 * largest difference...), keeps them in scenario order, and says in its subtitle how many players
 * it leaves out and where their numbers are.
 */
import type { PlayerRef } from './palette.js';

/** The most players a chart draws one by one. */
export const MAX_DRAWN_PLAYERS = 12;

/** The players a chart draws (scenario order) and how many it leaves out. */
export interface Focus<T> {
  shown: T[];
  hidden: number;
}

/**
 * Every item when there are at most `limit`; otherwise the `limit` with the highest `score`
 * (ties: the earlier item), in their original order. A loop, not a sort of spread arguments, so
 * any number of items works.
 */
export function focusOn<T>(items: readonly T[], score: (item: T, index: number) => number, limit = MAX_DRAWN_PLAYERS): Focus<T> {
  if (items.length <= limit) return { shown: [...items], hidden: 0 };
  const scores = items.map((item, i) => {
    const value = score(item, i);
    return Number.isFinite(value) ? value : -Infinity;
  });
  const order = items.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const kept = order.slice(0, limit).sort((a, b) => a - b);
  return { shown: kept.map((i) => items[i]!), hidden: items.length - limit };
}

/** The subtitle's note on the players left out ('' when none): `…; the 12 players with the largest X of 10,000 (the rest in FILE)`. */
export function focusNote(focus: Focus<unknown>, largest: string, where: string): string {
  if (focus.hidden === 0) return '';
  const total = focus.shown.length + focus.hidden;
  return `; the ${focus.shown.length} players with the largest ${largest} of ${total.toLocaleString('en-US')} (the other ${focus.hidden.toLocaleString('en-US')} in ${where})`;
}

/** Player references of the shown items. */
export function refsOf(items: ReadonlyArray<{ id: string; name: string }>): PlayerRef[] {
  return items.map((p) => ({ id: p.id, name: p.name }));
}

/** The smallest and largest of `values` and of `start` (no spread arguments: any number of values). */
export function extent(values: Iterable<number>, start: readonly [number, number]): [number, number] {
  let [low, high] = start;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return [low, high];
}
