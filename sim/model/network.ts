/**
 * The store network: pickup points as counts per (cell, player) in typed arrays, never one object
 * per shop. Index `c * P + j` is cell c, player j (P players).
 *
 * Invariants kept by every function here (and tested):
 *   0 ≤ points[c,j] ≤ candidateShops[c]            (a shop is one pickup point of a platform)
 *   Σ_j points[c,j] ≤ multiHomingCap · candidateShops[c]
 * Together these are exactly the condition for the counts to be realisable by shops that each
 * serve at most `multiHomingCap` platforms.
 */
import type { RandomStream } from '../random/index.js';
import type { Geography } from './geography.js';
import type { PlayerParams } from './params.js';

export interface Network {
  readonly players: number;
  readonly multiHomingCap: number;
  readonly betaDensity: number;
  points: Int32Array;
  /** Σ_j points[c, j]. */
  cellPoints: Int32Array;
  /** (1 + points per 1,000 households)^betaDensity, or 0 where the player has no point. */
  attraction: Float64Array;
  /** Consecutive weeks the owners of (c, j) earned less than their reservation income. */
  lowIncomeWeeks: Uint16Array;
  /**
   * Bit j of cell c is set where attraction[c, j] > 0, so clearing finds a cell's players without
   * scanning all of them; kept only with at most `PRESENCE_BITS` players (empty otherwise).
   */
  presence: Int32Array;
}

/** The most players a cell's `presence` bits can hold. */
export const PRESENCE_BITS = 31;

export function createNetwork(geography: Geography, players: number, multiHomingCap: number, betaDensity: number): Network {
  const size = geography.cellCount * players;
  return {
    players,
    multiHomingCap,
    betaDensity,
    points: new Int32Array(size),
    cellPoints: new Int32Array(geography.cellCount),
    attraction: new Float64Array(size),
    lowIncomeWeeks: new Uint16Array(size),
    presence: new Int32Array(players <= PRESENCE_BITS ? geography.cellCount : 0),
  };
}

/** Sets points[c, j] to `count` (bounds are the caller's job) and refreshes the cached attraction. */
export function setPoints(network: Network, geography: Geography, c: number, j: number, count: number): void {
  const k = c * network.players + j;
  network.cellPoints[c] = network.cellPoints[c]! + count - network.points[k]!;
  network.points[k] = count;
  const households = geography.households[c]!;
  const attraction = count > 0 && households > 0 ? Math.pow(1 + (1000 * count) / households, network.betaDensity) : 0;
  network.attraction[k] = attraction;
  if (network.presence.length > 0) {
    network.presence[c] = attraction > 0 ? network.presence[c]! | (1 << j) : network.presence[c]! & ~(1 << j);
  }
  if (count === 0) network.lowIncomeWeeks[k] = 0;
}

/** How many more points player j may open in cell c under the shop and multi-homing limits. */
export function openingCapacity(network: Network, geography: Geography, c: number, j: number): number {
  const shops = geography.candidateShops[c]!;
  const own = shops - network.points[c * network.players + j]!;
  const shared = network.multiHomingCap * shops - network.cellPoints[c]!;
  return Math.max(0, Math.min(own, shared));
}

/** Points player j aims for in cell c: its target density, within the cell's candidate shops. */
export function targetPoints(geography: Geography, c: number, pointsPerThousandHouseholds: number): number {
  return Math.min(geography.candidateShops[c]!, Math.ceil((geography.households[c]! * pointsPerThousandHouseholds) / 1000));
}

/**
 * The order in which a player fills cells: provinces by (1) its province priority list, (2) home
 * provinces, (3) distance in neighbour steps from those, (4) the rest by households; within a
 * province, tiers in its tier priority (unlisted tiers are never entered); within a tier, a
 * random order from the player's expansion stream.
 */
export function expansionOrder(geography: Geography, player: PlayerParams, stream: RandomStream): Int32Array {
  const provinceRank = rankProvinces(geography, player);
  const tierRank = new Array<number>(4).fill(-1);
  player.expansion.tierPriority.forEach((tier, rank) => {
    const index = ['city', 'county', 'township', 'village'].indexOf(tier);
    if (tierRank[index] === -1) tierRank[index] = rank;
  });
  const provincesByRank = new Array<number>(provinceRank.length);
  provinceRank.forEach((rank, province) => (provincesByRank[rank] = province));
  const tiersByRank = [0, 1, 2, 3].filter((tier) => tierRank[tier]! >= 0).sort((a, b) => tierRank[a]! - tierRank[b]!);
  // The cells by (province rank, tier rank), each group in increasing cell order, then shuffled.
  const order: number[] = [];
  for (const province of provincesByRank) {
    for (const tier of tiersByRank) {
      const group = Array.from(geography.provinceTierCells[4 * province + tier]!);
      if (group.length > 0) order.push(...stream.shuffle(group));
    }
  }
  const allowed = allowedProvinces(geography, player, provinceRank);
  return Int32Array.from(allowed === null ? order : order.filter((c) => allowed[geography.cellProvince[c]!] === 1));
}

/**
 * With `expansion.maxProvinces`, the provinces the player may expand into: those of its
 * `initialFootprint`, then the first of its ranking, up to `maxProvinces` in all (null: no limit).
 * The order is filtered after it is drawn, so the expansion stream's draws do not depend on the cap.
 */
function allowedProvinces(geography: Geography, player: PlayerParams, provinceRank: number[]): Uint8Array | null {
  const limit = player.expansion.maxProvinces;
  if (limit === undefined) return null;
  const count = geography.provinceIds.length;
  const allowed = new Uint8Array(count);
  let taken = 0;
  for (const { province } of player.expansion.initialFootprint) {
    const i = geography.provinceIds.indexOf(province);
    if (i >= 0 && allowed[i] === 0) (allowed[i] = 1), taken++;
  }
  const byRank = new Array<number>(count);
  provinceRank.forEach((rank, p) => (byRank[rank] = p));
  for (const p of byRank) {
    if (taken >= limit) break;
    if (allowed[p] === 0) (allowed[p] = 1), taken++;
  }
  return allowed;
}

function rankProvinces(geography: Geography, player: PlayerParams): number[] {
  const count = geography.provinceIds.length;
  const indexOf = new Map(geography.provinceIds.map((id, i) => [id, i]));
  const seeds = [...player.expansion.provincePriority, ...player.homeProvinces]
    .map((id) => indexOf.get(id))
    .filter((i): i is number => i !== undefined);
  const households = geography.provinceHouseholds;
  const distance = new Array<number>(count).fill(Infinity);
  const queue: number[] = [];
  for (const s of seeds) if (distance[s] === Infinity) (distance[s] = 0), queue.push(s);
  for (let head = 0; head < queue.length; head++) {
    const p = queue[head]!;
    for (const q of geography.provinceNeighbours[p]!) {
      if (distance[q] === Infinity) (distance[q] = distance[p]! + 1), queue.push(q);
    }
  }
  const seedRank = new Map<number, number>();
  seeds.forEach((p, rank) => seedRank.has(p) || seedRank.set(p, rank));
  const ordered = [...Array(count).keys()].sort(
    (a, b) =>
      (seedRank.get(a) ?? Infinity) - (seedRank.get(b) ?? Infinity) ||
      distance[a]! - distance[b]! ||
      households[b]! - households[a]! ||
      a - b,
  );
  const rank = new Array<number>(count);
  ordered.forEach((p, r) => (rank[p] = r));
  return rank;
}

/** A player's walk through its expansion order. */
export interface ExpansionCursor {
  order: Int32Array;
  position: number;
  /** Week before which the player does not look for cells again (it found none). */
  idleUntilWeek: number;
  /**
   * False during the first pass through the order, which opens cells at the entry density only
   * (breadth: a platform enters many towns thinly, then fills them in); true from the first wrap on.
   */
  deepening: boolean;
}

/** Densities of a player's expansion, points per 1,000 households. */
export interface ExpansionDensity {
  /** The density it builds a cell to once it deepens. */
  target: number;
  /** The density of its first pass through the expansion order (≤ target). */
  entry: number;
}

/**
 * Opens up to `budget` points for player j along its expansion order, skipping cells where it
 * has reached its density, has no capacity, or whose province is blocked for it. The density is
 * `density.entry` until the cursor first wraps round the order and `density.target` after. Outside
 * its home provinces (`away`) a point uses `costFactor` units of the budget: a team managed from
 * home expands more slowly away from it. Returns the points opened. When a whole pass finds
 * nothing to open the player rests for 4 weeks.
 */
export function openPoints(
  network: Network,
  geography: Geography,
  j: number,
  cursor: ExpansionCursor,
  budget: number,
  density: ExpansionDensity,
  blockedProvince: Uint8Array,
  week: number,
  away: { home: Uint8Array; costFactor: number } | null = null,
): number {
  if (budget <= 0 || week < cursor.idleUntilWeek || cursor.order.length === 0) return 0;
  const order = cursor.order;
  let opened = 0;
  let spent = 0;
  let scanned = 0;
  while (spent < budget && scanned < order.length) {
    const c = order[cursor.position]!;
    const province = geography.cellProvince[c]!;
    const room = blockedProvince[province]
      ? 0
      : Math.min(
          targetPoints(geography, c, cursor.deepening ? density.target : density.entry) - network.points[c * network.players + j]!,
          openingCapacity(network, geography, c, j),
        );
    if (room > 0) {
      const unit = away !== null && !away.home[province] ? away.costFactor : 1;
      const add = Math.min(room, Math.floor((budget - spent) / unit));
      if (add <= 0) break;
      setPoints(network, geography, c, j, network.points[c * network.players + j]! + add);
      opened += add;
      spent += add * unit;
      if (add < room) break;
    }
    if (cursor.position + 1 === order.length) {
      cursor.position = 0;
      cursor.deepening = true;
    } else {
      cursor.position++;
    }
    scanned++;
  }
  if (opened === 0 && scanned >= order.length) cursor.idleUntilWeek = week + 4;
  return opened;
}

/** A player's expansion densities: the entry density defaults to the target (no thin first pass). */
export function expansionDensity(expansion: PlayerParams['expansion']): ExpansionDensity {
  const target = expansion.pointsPerThousandHouseholds;
  return { target, entry: Math.min(target, expansion.entryPointsPerThousandHouseholds ?? target) };
}

/** Closes all of player j's points (exit or cut-off). Returns the points closed. */
export function closeAllPoints(network: Network, geography: Geography, j: number): number {
  let closed = 0;
  for (let c = 0, k = j; c < geography.cellCount; c++, k += network.players) {
    const count = network.points[k]!;
    if (count > 0) {
      closed += count;
      setPoints(network, geography, c, j, 0);
    }
  }
  return closed;
}
