/**
 * Consumer choice among the platforms present in a cell and an outside option (wet market,
 * supermarket): a latent-class multinomial logit, the one logit of the model (clearing and
 * acquisitions both call `cellShares`).
 *
 * Segment s (share π_s of adopters) values platform j's offer at
 *   V_sj = brand_j + shock_j + β_assortment·assortment_j − m_s·β_price·(net price_j − outside price)
 *          (net price = list price − subsidy + any surcharge a below-cost ban forced)
 *          − away_j·β_away·penalty_j,
 * where away_j is 1 in cells outside j's home provinces (only for players that have home
 * provinces), and the outside option at u_s. With density attraction a_cj = (1 + points per
 * 1,000 households)^β_density (0 where j has no point), platform j's share of adopters in cell c is
 *   share_cj = Σ_s π_s · e^{V_sj}·a_cj / (e^{u_s} + Σ_k e^{V_sk}·a_ck).
 * Weights are shifted by each segment's max(u_s, max V) so they cannot overflow; a cell where that
 * underflows (0/0) is taken in log space.
 */
import type { DemandParams } from './params.js';
import { isOperating, type PlayerState } from './players.js';

/** Offer weights per (home/away, segment, player), refreshed once a week. */
export interface ChoiceWeights {
  segments: number;
  players: number;
  /** Segment shares π_s. */
  segmentShare: Float64Array;
  /** Index ((away · S + s) · P + j): e^{V_sj − shift_s}, 0 for players not operating. */
  weight: Float64Array;
  /** Index (away · S + s) · P + j: V_sj (−Infinity for players not operating). */
  utility: Float64Array;
  /** e^{u_s − shift_s}. */
  outside: Float64Array;
  outsideUtility: Float64Array;
  /** 1 where player j counts a province as away: index province · P + j. */
  away: Uint8Array;
  /** Per-player scratch for log-space shares. */
  logShare: Float64Array;
  /** Scratch of `cellShares`: the players it passes to `presentShares`, and that function's scratch. */
  present: Int32Array;
  presence: PresentScratch;
}

export function createChoiceWeights(demand: DemandParams, players: readonly PlayerState[], provinces: number): ChoiceWeights {
  const P = players.length;
  const segments = demand.segments.length > 0 ? demand.segments : [{ share: 1, priceSensitivityMultiplier: 1, outsideUtility: 0 }];
  const S = segments.length;
  const total = segments.reduce((sum, s) => sum + s.share, 0) || 1;
  const away = new Uint8Array(provinces * P);
  for (const player of players) {
    if (player.params.homeProvinces.length === 0) continue;
    for (let province = 0; province < provinces; province++) away[province * P + player.index] = player.home[province] ? 0 : 1;
  }
  return {
    segments: S,
    players: P,
    segmentShare: Float64Array.from(segments, (s) => s.share / total),
    weight: new Float64Array(2 * S * P),
    utility: new Float64Array(2 * S * P),
    outside: new Float64Array(S),
    outsideUtility: Float64Array.from(segments, (s) => s.outsideUtility),
    away,
    logShare: new Float64Array(P),
    present: new Int32Array(P),
    presence: createPresentScratch(P),
  };
}

/** Refreshes every offer utility and weight from the players' current prices, brands and status. */
export function refreshChoiceWeights(demand: DemandParams, players: readonly PlayerState[], choice: ChoiceWeights): void {
  const { logit, basketYuan, outsidePriceIndex } = demand;
  const segments = demand.segments;
  const S = choice.segments;
  const P = choice.players;
  for (let s = 0; s < S; s++) {
    const multiplier = segments.length > 0 ? segments[s]!.priceSensitivityMultiplier : 1;
    let shift = choice.outsideUtility[s]!;
    for (let away = 0; away < 2; away++) {
      for (const player of players) {
        const k = (away * S + s) * P + player.index;
        if (!isOperating(player)) {
          choice.utility[k] = -Infinity;
          continue;
        }
        const p = player.params;
        const netPriceYuan = basketYuan * p.priceIndex - player.subsidyPerOrderYuan + player.surchargeYuan;
        choice.utility[k] =
          p.brand +
          player.brandShock +
          logit.betaAssortment * p.assortment -
          multiplier * logit.betaPricePerYuan * (netPriceYuan - basketYuan * outsidePriceIndex) -
          away * logit.awayServiceUtilityPerPenalty * p.managementPenaltyOutsideHome;
        if (choice.utility[k]! > shift) shift = choice.utility[k]!;
      }
    }
    for (let away = 0; away < 2; away++) {
      for (let j = 0; j < P; j++) {
        const k = (away * S + s) * P + j;
        choice.weight[k] = Math.exp(choice.utility[k]! - shift);
      }
    }
    choice.outside[s] = Math.exp(choice.outsideUtility[s]! - shift);
  }
}

/**
 * Shares of adopters in cell c for every player into `out` (0 for players absent, not operating
 * or `blocked`), returning the outside option's share. `attraction` is the network's cached
 * density term (index c·P + j). The players with a point that are not blocked go through
 * `presentShares` (a player not operating there has weight 0, so it gets a share of 0).
 */
export function cellShares(
  choice: ChoiceWeights,
  c: number,
  province: number,
  attraction: Float64Array,
  blocked: Uint8Array | null,
  out: Float64Array,
): number {
  const P = choice.players;
  const base = c * P;
  const provinceBase = province * P;
  const present = choice.present;
  let count = 0;
  for (let j = 0; j < P; j++) {
    if (attraction[base + j]! > 0 && (blocked === null || blocked[provinceBase + j] === 0)) present[count++] = j;
  }
  out.fill(0);
  return presentShares(choice, c, province, attraction, present, count, blocked, choice.presence, out);
}

/** One segment's shares by log-sum-exp with the cell's own shift, added (× π) into `out`; returns the outside share. */
function segmentSharesInLogSpace(
  choice: ChoiceWeights,
  s: number,
  base: number,
  provinceBase: number,
  attraction: Float64Array,
  blocked: Uint8Array | null,
  out: Float64Array,
  pi: number,
): number {
  const P = choice.players;
  const S = choice.segments;
  const logs = choice.logShare;
  let shift = choice.outsideUtility[s]!;
  for (let j = 0; j < P; j++) {
    const a = attraction[base + j]!;
    const skip = a === 0 || (blocked !== null && blocked[provinceBase + j] !== 0);
    logs[j] = skip ? -Infinity : choice.utility[(choice.away[provinceBase + j]! * S + s) * P + j]! + Math.log(a);
    if (logs[j]! > shift) shift = logs[j]!;
  }
  const outside = Math.exp(choice.outsideUtility[s]! - shift);
  let denominator = outside;
  for (let j = 0; j < P; j++) denominator += logs[j] = Math.exp(logs[j]! - shift);
  for (let j = 0; j < P; j++) out[j] = out[j]! + (pi * logs[j]!) / denominator;
  return outside / denominator;
}

/** Per-cell scratch of `presentShares`, by position in the cell's list of present players. */
export interface PresentScratch {
  /** Density attraction a_cj. */
  attraction: Float64Array;
  /** Offset of the player's home or away weights: away · S · P + j (add s · P for segment s). */
  offset: Int32Array;
  /** The current segment's weight × attraction (with two segments: the first segment's). */
  product: Float64Array;
  /** With two segments, the second segment's weight × attraction. */
  second: Float64Array;
}

export function createPresentScratch(players: number): PresentScratch {
  return { attraction: new Float64Array(players), offset: new Int32Array(players), product: new Float64Array(players), second: new Float64Array(players) };
}

/**
 * The shares of the `count` players present in cell c (`present`, in increasing player order;
 * every other player has attraction 0, is not operating or is `blocked`, so its weight is 0): the
 * clearing's hot loop knows them already, and `cellShares` finds them. Loops over those players only and writes `out`
 * only for them (other players' entries are left as they were, not zeroed). A player left out of
 * `present` would only add an exact zero to each sum, so any list holding the players with a
 * positive weight gives the same shares bit for bit.
 */
export function presentShares(
  choice: ChoiceWeights,
  c: number,
  province: number,
  attraction: Float64Array,
  present: Int32Array,
  count: number,
  blocked: Uint8Array | null,
  scratch: PresentScratch,
  out: Float64Array,
): number {
  const P = choice.players;
  const S = choice.segments;
  const base = c * P;
  const provinceBase = province * P;
  const { weight, away, segmentShare } = choice;
  const a = scratch.attraction;
  const offset = scratch.offset;
  const product = scratch.product;
  if (S === 2) {
    // Two segments (the china-2020 scenarios' case) in one pass over the players: the same
    // operations in the same order as the general loop below, so the same shares bit for bit.
    const second = scratch.second;
    let first = choice.outside[0]!;
    let other = choice.outside[1]!;
    for (let i = 0; i < count; i++) {
      const j = present[i]!;
      const attractionOf = attraction[base + j]!;
      const at = away[provinceBase + j]! * 2 * P + j;
      const w0 = weight[at]! * attractionOf;
      const w1 = weight[at + P]! * attractionOf;
      product[i] = w0;
      second[i] = w1;
      first += w0;
      other += w1;
    }
    if (first > 0 && first < Infinity && other > 0 && other < Infinity) {
      const scale0 = segmentShare[0]! / first;
      const scale1 = segmentShare[1]! / other;
      for (let i = 0; i < count; i++) out[present[i]!] = scale0 * product[i]! + scale1 * second[i]!;
      return scale0 * choice.outside[0]! + scale1 * choice.outside[1]!;
    }
  }
  for (let i = 0; i < count; i++) {
    const j = present[i]!;
    a[i] = attraction[base + j]!;
    offset[i] = away[provinceBase + j]! * S * P + j;
  }
  let outsideShare = 0;
  for (let s = 0; s < S; s++) {
    const segment = s * P;
    let denominator = choice.outside[s]!;
    for (let i = 0; i < count; i++) denominator += product[i] = weight[offset[i]! + segment]! * a[i]!;
    const pi = segmentShare[s]!;
    if (denominator > 0 && denominator < Infinity) {
      const scale = pi / denominator;
      // The first segment sets the players' shares, the others add to them.
      if (s === 0) for (let i = 0; i < count; i++) out[present[i]!] = scale * product[i]!;
      else for (let i = 0; i < count; i++) out[present[i]!] = out[present[i]!]! + scale * product[i]!;
      outsideShare += scale * choice.outside[s]!;
    } else {
      if (s === 0) for (let i = 0; i < count; i++) out[present[i]!] = 0;
      outsideShare += pi * segmentSharesInLogSpace(choice, s, base, provinceBase, attraction, blocked, out, pi);
    }
  }
  return outsideShare;
}
