/**
 * Regional retreat: each week a player's contribution in every province where it has points is
 *   GMV·(take rate − commission rate) + orders·(surcharge − subsidy) − logistics − province fixed
 *   cost − warehouse running cost,
 * at the week's own take rate and commission (`provinceContribution`, the `contributionYuan` of
 * provinces.csv), with logistics and fixed cost raised by the management penalty outside home
 * provinces. After
 * `negativeWeeks` straight negative weeks (and at least `minWeeksInProvince` weeks there) the
 * player withdraws: in each cell the strongest operating rival takes over `pointsToRivalsShare`
 * of its points (within that rival's shop limit), the rest close, and it never returns.
 */
import { provinceContribution } from './economics.js';
import { setPoints } from './network.js';
import { isOperating, refreshBlocked, type PlayerState } from './players.js';
import type { MarketContext } from './state.js';

/** A player's weekly review of its provinces (after the accounts); withdraws from those that keep losing. */
export function reviewProvinces(ctx: MarketContext, player: PlayerState): void {
  if (!isOperating(player)) return;
  const rules = player.params.provinceRetreat;
  const scratch = ctx.state.scratch;
  const P = scratch.players;
  const j = player.index;
  for (let province = 0; province < player.retreated.length; province++) {
    const k = province * P + j;
    if (scratch.provincePoints[k]! === 0) {
      player.provinceWeeksPresent[province] = 0;
      player.provinceNegativeWeeks[province] = 0;
      continue;
    }
    // Counted for every player: the province review by value (staying.ts) reads it too.
    player.provinceWeeksPresent[province]!++;
    if (!rules) continue;
    const contribution = provinceContribution(ctx.params.costs, player, scratch, province);
    player.provinceNegativeWeeks[province] = contribution < 0 ? player.provinceNegativeWeeks[province]! + 1 : 0;
    const judged = player.provinceWeeksPresent[province]! >= rules.minWeeksInProvince;
    if (judged && player.provinceNegativeWeeks[province]! >= rules.negativeWeeks && (rules.includeHome || !player.home[province])) {
      withdraw(ctx, player, province, rules.pointsToRivalsShare);
    }
  }
}

/** `player` leaves `province` for good: the strongest rival in each cell takes over `toRivalsShare` of its points. */
export function withdraw(ctx: MarketContext, player: PlayerState, province: number, toRivalsShare: number): void {
  const { geography } = ctx;
  const { network, players } = ctx.state;
  const P = network.players;
  const j = player.index;
  let closed = 0;
  let handedOver = 0;
  for (const c of geography.provinceCells[province]!) {
    const count = network.points[c * P + j]!;
    if (count === 0) continue;
    setPoints(network, geography, c, j, 0);
    closed += count;
    const rival = strongestRival(network.points, players, c, j);
    if (rival < 0) continue;
    const room = geography.candidateShops[c]! - network.points[c * P + rival]!;
    const moving = Math.max(0, Math.min(room, Math.floor(toRivalsShare * count)));
    if (moving > 0) setPoints(network, geography, c, rival, network.points[c * P + rival]! + moving);
    handedOver += moving;
  }
  player.retreated[province] = 1;
  refreshBlocked(player);
  if (player.status === 'active') player.status = 'retreating';
  ctx.log(
    'province-retreat',
    player,
    null,
    `${player.params.name} withdraws from ${geography.provinceNames[province]}: ${closed} pickup points close, ${handedOver} go to rivals`,
  );
}

/** The operating rival with the most points in cell c (-1 if none). */
function strongestRival(points: Int32Array, players: readonly PlayerState[], c: number, j: number): number {
  const P = players.length;
  let best = -1;
  let most = 0;
  for (let k = 0; k < P; k++) {
    const count = points[c * P + k]!;
    if (k !== j && isOperating(players[k]!) && count > most) (best = k), (most = count);
  }
  return best;
}
