/**
 * Encodings for charts that show players: the colour channel (the colour rule of `palette.ts`,
 * legend labelled with names), a legend you can click to pick players out (the others fade), and
 * axis labels that show a player's name for its id.
 */
import { playerColorScale, type PlayerRef } from './palette.js';

/** Name of the selection a player legend is bound to. */
export const PICKED = 'picked';

/** A vega expression mapping `datum.<key>` (an id) to its name in `names`; unknown ids show as themselves. */
export function nameLookupExpr(names: Readonly<Record<string, string>>, key: 'label' | 'value' | 'player' = 'label'): string {
  // JSON text is a vega expression literal once the line separators JSON allows in strings are escaped.
  const literal = JSON.stringify(names).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `(${literal})[datum.${key}] || datum.${key}`;
}

/** A vega expression mapping `datum.<key>` (a player id) to the player's name. */
export function playerNameExpr(players: readonly PlayerRef[], key: 'label' | 'value' | 'player' = 'label'): string {
  return nameLookupExpr(Object.fromEntries(players.map((p) => [p.id, p.name])), key);
}

/** A y channel listing players (field `player`) in scenario order, labelled with their names. */
export function playerY(players: readonly PlayerRef[], title: string | null = null) {
  return {
    field: 'player',
    type: 'nominal' as const,
    title,
    sort: players.map((p) => p.id),
    axis: { labelExpr: playerNameExpr(players, 'value'), labelLimit: 400, labelPadding: 8, domain: false, ticks: false },
  };
}

/**
 * The colour channel: field `player` holds ids; every scenario player is in the domain. `symbol`
 * is the legend's marker: `stroke` for lines, `square` for areas, bars and points.
 */
export function playerColorEncoding(players: readonly PlayerRef[], options: { legend?: boolean; symbol?: 'stroke' | 'square' } = {}) {
  const symbol = options.symbol ?? 'square';
  return {
    field: 'player',
    type: 'nominal' as const,
    title: 'Player',
    scale: playerColorScale(players),
    legend:
      options.legend === false
        ? null
        : {
            labelExpr: playerNameExpr(players),
            labelLimit: 400,
            orient: 'right' as const,
            titleFontWeight: 'bold' as const,
            symbolType: symbol,
            symbolStrokeWidth: symbol === 'stroke' ? 3 : 1,
          },
  };
}

/** The legend-bound selection: click a legend entry to pick a player, shift-click for more. */
export function pickPlayersParam() {
  return { name: PICKED, select: { type: 'point' as const, fields: ['player'] }, bind: 'legend' as const };
}

/** Full opacity for picked players (all of them while none is picked), faint for the rest. */
export function pickedOpacity(on = 1, off = 0.12) {
  return { condition: { param: PICKED, value: on, empty: true }, value: off };
}

/**
 * Adds `playerName` to each row from its `player` id, in the page, so the embedded data need not
 * repeat every name in every row.
 */
export function playerNameTransform(players: readonly PlayerRef[]) {
  return { calculate: playerNameExpr(players, 'player'), as: 'playerName' };
}

/** The tooltip entry naming the player (rows need `playerName`, e.g. from `playerNameTransform`). */
export function playerTooltip() {
  return { field: 'playerName', type: 'nominal' as const, title: 'Player' };
}
