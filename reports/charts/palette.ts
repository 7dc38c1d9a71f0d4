/**
 * The colour rule: one colour per player, the same in every chart and every report. A player's
 * colour is fixed by its position in the scenario (the first player is blue, the second orange,
 * ...), and every chart's colour scale names all the scenario's players in its domain, so a chart
 * that leaves a player out (an exited player, a player absent from a compared scenario) does not
 * shift anyone else's colour.
 *
 * The first eight colours are Okabe & Ito's colour-blind-safe palette (Okabe and Ito, "Color
 * Universal Design", 2008), ordered so that neighbours contrast and yellow (weak on white) comes
 * last; players nine to seventeen take Paul Tol's colour-blind-safe "muted" scheme; beyond that the
 * colours repeat.
 */

/** Okabe–Ito (8) then Tol muted (9). */
export const PLAYER_PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#56B4E9', // sky blue
  '#CC79A7', // reddish purple
  '#4D4D4D', // dark grey (Okabe–Ito's black, lightened so stacked areas keep their edges)
  '#F0E442', // yellow
  '#332288', // indigo
  '#CC6677', // rose
  '#117733', // green
  '#88CCEE', // cyan
  '#882255', // wine
  '#44AA99', // teal
  '#999933', // olive
  '#DDCC77', // sand
  '#AA4499', // purple
];

/** A player as the reports know it: the id in the data, the name people read. */
export interface PlayerRef {
  id: string;
  name: string;
}

/** The colour of the player at `position` (0-based) in its scenario. */
export function playerColor(position: number): string {
  return PLAYER_PALETTE[position % PLAYER_PALETTE.length]!;
}

/** The colour scale of every chart that colours by player: all ids, in scenario order. */
export function playerColorScale(players: readonly PlayerRef[]): { domain: string[]; range: string[] } {
  return { domain: players.map((p) => p.id), range: players.map((_, i) => playerColor(i)) };
}
