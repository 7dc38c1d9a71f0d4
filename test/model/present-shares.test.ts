import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellShares, createPresentScratch, presentShares, type ChoiceWeights } from '../../sim/model/choice.js';

/**
 * Clearing computes a cell's shares with `presentShares` over the players it found present
 * (operating, not suspended, with a point), the acquisitions with `cellShares` over every player
 * with a point that is not blocked. Both must give the same numbers bit for bit, or a run's outputs
 * would depend on which path computed them.
 */

interface Case {
  segments: { share: number; outsideUtility: number }[];
  players: { utilityHome: number[]; utilityAway: number[]; operating: boolean }[];
  /** Per player: attraction in the cell (0 = no point), blocked (suspended) and away flags. */
  cell: { attraction: number; blocked: boolean; away: boolean }[];
}

/** Weights built the way `refreshChoiceWeights` builds them: shifted by the segment's largest utility. */
function weightsOf(c: Case): ChoiceWeights {
  const S = c.segments.length;
  const P = c.players.length;
  const total = c.segments.reduce((sum, s) => sum + s.share, 0);
  const utility = new Float64Array(2 * S * P);
  const weight = new Float64Array(2 * S * P);
  const outside = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let shift = c.segments[s]!.outsideUtility;
    for (let away = 0; away < 2; away++) {
      for (let j = 0; j < P; j++) {
        const player = c.players[j]!;
        const u = player.operating ? (away ? player.utilityAway : player.utilityHome)[s]! : -Infinity;
        utility[(away * S + s) * P + j] = u;
        if (u > shift) shift = u;
      }
    }
    for (let k = s * P; k < 2 * S * P; k += S * P) for (let j = 0; j < P; j++) weight[k + j] = Math.exp(utility[k + j]! - shift);
    outside[s] = Math.exp(c.segments[s]!.outsideUtility - shift);
  }
  return {
    segments: S,
    players: P,
    segmentShare: Float64Array.from(c.segments, (s) => s.share / total),
    weight,
    utility,
    outside,
    outsideUtility: Float64Array.from(c.segments, (s) => s.outsideUtility),
    away: Uint8Array.from(c.cell, (x) => (x.away ? 1 : 0)),
    logShare: new Float64Array(P),
    present: new Int32Array(P),
    presence: createPresentScratch(P),
  };
}

const P_MAX = 8;
const S_MAX = 4;
// Utilities from −900 to 900 reach the case where every weight of the present players underflows
// (the log-space path) as well as the ordinary one.
const utility = fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -900, max: 900, noNaN: true }));
const caseArb: fc.Arbitrary<Case> = fc
  .record({ S: fc.integer({ min: 1, max: S_MAX }), P: fc.integer({ min: 1, max: P_MAX }) })
  .chain(({ S, P }) =>
    fc.record({
      segments: fc.array(fc.record({ share: fc.double({ min: 0.01, max: 1, noNaN: true }), outsideUtility: utility }), { minLength: S, maxLength: S }),
      players: fc.array(
        fc.record({
          utilityHome: fc.array(utility, { minLength: S, maxLength: S }),
          utilityAway: fc.array(utility, { minLength: S, maxLength: S }),
          operating: fc.boolean(),
        }),
        { minLength: P, maxLength: P },
      ),
      cell: fc.array(
        fc.record({ attraction: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 50, noNaN: true })), blocked: fc.boolean(), away: fc.boolean() }),
        { minLength: P, maxLength: P },
      ),
    }),
  );

describe('shares over the present players only', () => {
  it('are bit for bit the shares over every player, in the ordinary and the log-space path', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const choice = weightsOf(c);
        const P = choice.players;
        // The cell is cell 1 of province 0: attraction has a cell 0 in front to check the offsets.
        const attraction = new Float64Array(2 * P);
        const blocked = new Uint8Array(P);
        const present = new Int32Array(P);
        let count = 0;
        for (let j = 0; j < P; j++) {
          attraction[P + j] = c.cell[j]!.attraction;
          attraction[j] = 99;
          blocked[j] = c.cell[j]!.blocked ? 1 : 0;
          // What clearing counts as present: a point, operating, not suspended in the province.
          if (c.cell[j]!.attraction > 0 && c.players[j]!.operating && !c.cell[j]!.blocked) present[count++] = j;
        }
        const all = new Float64Array(P);
        const outsideAll = cellShares(choice, 1, 0, attraction, blocked, all);
        // Stale numbers in `out` from an earlier cell must not leak into the present players' shares.
        const some = new Float64Array(P).fill(0.123);
        const outsideSome = presentShares(choice, 1, 0, attraction, present, count, blocked, createPresentScratch(P), some);
        expect(Object.is(outsideSome, outsideAll)).toBe(true);
        for (let i = 0; i < count; i++) expect(Object.is(some[present[i]!], all[present[i]!])).toBe(true);
        // Everyone else has no share in the full computation.
        for (let j = 0; j < P; j++) if (!present.subarray(0, count).includes(j)) expect(all[j]).toBe(0);
      }),
      { seed: 20261130, numRuns: 2000 },
    );
  });

  it('with two segments (one pass over the players) are bit for bit the segment-by-segment sums', () => {
    fc.assert(
      fc.property(
        caseArb.filter((c) => c.segments.length === 2),
        (c) => {
          const choice = weightsOf(c);
          const P = choice.players;
          const attraction = Float64Array.from(c.cell, (x) => x.attraction);
          const present = new Int32Array(P);
          let count = 0;
          for (let j = 0; j < P; j++) if (c.cell[j]!.attraction > 0 && c.players[j]!.operating) present[count++] = j;
          const out = new Float64Array(P);
          const outside = presentShares(choice, 0, 0, attraction, present, count, null, createPresentScratch(P), out);
          // The general loop's order: each segment's denominator, then π_s/denominator_s × (w·a), added segment by segment.
          const scale: number[] = [];
          for (let s = 0; s < 2; s++) {
            let denominator = choice.outside[s]!;
            for (let i = 0; i < count; i++) {
              const j = present[i]!;
              denominator += choice.weight[(choice.away[j]! * 2 + s) * P + j]! * attraction[j]!;
            }
            scale.push(choice.segmentShare[s]! / denominator);
          }
          fc.pre(scale.every((x) => Number.isFinite(x) && x > 0));
          for (let i = 0; i < count; i++) {
            const j = present[i]!;
            const share0 = scale[0]! * (choice.weight[choice.away[j]! * 2 * P + j]! * attraction[j]!);
            const expected = share0 + scale[1]! * (choice.weight[(choice.away[j]! * 2 + 1) * P + j]! * attraction[j]!);
            expect(Object.is(out[j], expected)).toBe(true);
          }
          expect(Object.is(outside, scale[0]! * choice.outside[0]! + scale[1]! * choice.outside[1]!)).toBe(true);
        },
      ),
      { seed: 20261201, numRuns: 1000 },
    );
  });
});
