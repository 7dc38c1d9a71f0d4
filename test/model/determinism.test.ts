import { describe, expect, it } from 'vitest';
import { Market } from '../../sim/model/market.js';
import type { MarketParams } from '../../sim/model/params.js';
import type { RunResult } from '../../sim/model/results.js';
import { runMarket } from '../../sim/model/run.js';
import { paramsOf, player, smallScenario } from '../support/scenarios.js';
import { VARIANTS } from '../support/variants.js';

/** Player j's rows of a weekly column, weeks 1..`weeks`. */
function rowsOf(result: RunResult, j: number, weeks: number): Record<string, number[]> {
  const tables = result.weekly!;
  const rows: Record<string, number[]> = {};
  for (const [column, values] of Object.entries(tables.player)) {
    rows[column] = Array.from({ length: weeks }, (_, w) => values[w * tables.players + j]!);
  }
  return rows;
}

/** Points per cell of the player with id `id` after week 1. */
function weekOnePoints(params: MarketParams, id: string, seed: number): number[] {
  const market = new Market(params, { seed, replication: 0, record: false });
  market.kernel.runUntil(7);
  const j = params.players.findIndex((p) => p.id === id);
  const P = params.players.length;
  return Array.from({ length: market.geography.cellCount }, (_, c) => market.network.points[c * P + j]!);
}

describe('determinism', () => {
  const params = paramsOf(VARIANTS.capitalWar);

  it('gives a deep-equal result, typed arrays included, for the same parameters and seed', () => {
    const first = runMarket(params, { seed: 42 });
    runMarket(params, { seed: 7 });
    expect(runMarket(params, { seed: 42 })).toStrictEqual(first);
  });

  it('does not change its parameters', () => {
    const before = structuredClone(params);
    runMarket(params, { seed: 42 });
    expect(params).toStrictEqual(before);
  });

  it('gives a different result for another seed, and for another replication', () => {
    const base = runMarket(params, { seed: 42 });
    const otherSeed = runMarket(params, { seed: 43 });
    const otherReplication = runMarket(params, { seed: 42, replication: 1 });
    expect(otherSeed.weekly!.player.cashYuan).not.toEqual(base.weekly!.player.cashYuan);
    expect(otherReplication.weekly!.player.cashYuan).not.toEqual(base.weekly!.player.cashYuan);
    expect(otherReplication.weekly!.player.cashYuan).not.toEqual(otherSeed.weekly!.player.cashYuan);
  });

  describe('streams are keyed per player', () => {
    const twoPlayers = smallScenario();
    const gamma = player('gamma', { cashYuan: 2e9, expansion: { targetNewPointsPerWeek: 3000, pointsPerThousandHouseholds: 6 } });
    const two = paramsOf(twoPlayers);

    it('a player added in week 19 leaves the others\' week-1 points per cell and weeks 1–18 unchanged', () => {
      // 2020-10-05 is day 126, the first day of week 19 (week 18 clears that day before it enters).
      const three = paramsOf({ ...twoPlayers, players: [...twoPlayers.players, { ...gamma, entryDate: '2020-10-05' }] });
      for (const seed of [1, 2, 3]) {
        for (const id of ['alpha', 'beta']) {
          const points = weekOnePoints(two, id, seed);
          expect(points.some((n) => n > 0)).toBe(true);
          expect(weekOnePoints(three, id, seed)).toEqual(points);
        }
        const withGamma = runMarket(three, { seed });
        const without = runMarket(two, { seed });
        expect(rowsOf(withGamma, 0, 18)).toEqual(rowsOf(without, 0, 18));
        expect(rowsOf(withGamma, 1, 18)).toEqual(rowsOf(without, 1, 18));
        expect(rowsOf(withGamma, 0, 19)).not.toEqual(rowsOf(without, 0, 19));
      }
    });

    it('a player listed first that enters after the horizon changes nothing for the others', () => {
      const three = paramsOf({ ...twoPlayers, players: [{ ...gamma, entryDate: '2022-01-03' }, ...twoPlayers.players] });
      const withGamma = runMarket(three, { seed: 5 });
      const without = runMarket(two, { seed: 5 });
      expect(rowsOf(withGamma, 1, 52)).toEqual(rowsOf(without, 0, 52));
      expect(rowsOf(withGamma, 2, 52)).toEqual(rowsOf(without, 1, 52));
      expect(withGamma.weekly!.market).toStrictEqual(without.weekly!.market);
      expect(withGamma.players[0]!.status).toBe('pending');
    });
  });
});
