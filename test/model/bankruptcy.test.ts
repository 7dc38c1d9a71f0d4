import { describe, expect, it } from 'vitest';
import { Market } from '../../sim/model/market.js';
import { CASH_FLOWS, STATUS_CODE } from '../../sim/model/results.js';
import { runMarket } from '../../sim/model/run.js';
import { checkRunInvariants } from '../support/invariants.js';
import { paramsOf, player, smallScenario } from '../support/scenarios.js';

describe('bankruptcy', () => {
  /** Alpha starts with 6 million yuan and spends 2 million a week on its headquarters. */
  const input = (graceWeeks: number) =>
    smallScenario({
      capital: { bankruptcyGraceWeeks: graceWeeks },
      players: [
        player('alpha', { homeProvinces: ['north'], cashYuan: 6e6, headquartersCostYuanPerWeek: 2e6 }),
        player('beta', { homeProvinces: ['south'] }),
      ],
    });
  const params = paramsOf(input(0));
  const result = runMarket(params, { seed: 1 });
  const t = result.weekly!.player;
  const P = 2;
  const firstNegative = 1 + Array.from({ length: result.horizonWeeks }, (_, w) => t.cashYuan[w * P]!).findIndex((cash) => cash < 0);

  it('comes in the first week cash goes below zero, after some weeks of trading', () => {
    expect(firstNegative).toBeGreaterThanOrEqual(2);
    expect(firstNegative).toBeLessThanOrEqual(5);
    expect(t.pickupPoints[(firstNegative - 2) * P]).toBeGreaterThan(0);
    // The week it exits in shows no points, orders or share (its flows up to the exit stay).
    for (const column of ['pickupPoints', 'orders', 'gmvYuan', 'share'] as const) expect(t[column][(firstNegative - 1) * P], column).toBe(0);
    expect(result.players[0]).toMatchObject({ status: 'exited', exitReason: 'bankruptcy', exitWeek: firstNegative, survivor: false, pickupPoints: 0, adopters: 0 });
    for (let w = 1; w < firstNegative; w++) expect(result.weekly!.status[(w - 1) * P]).toBe(STATUS_CODE.active);
    expect(result.weekly!.status[(firstNegative - 1) * P]).toBe(STATUS_CODE.exited);
  });

  it('is logged at that week\'s clearing date', () => {
    const day = 7 * firstNegative;
    const exits = result.events.filter((e) => e.player === 'alpha' && e.kind === 'bankruptcy');
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ day, date: result.players[0]!.exitDate });
    expect(new Date(Date.parse('2020-06-01') + day * 86_400_000).toISOString().slice(0, 10)).toBe(exits[0]!.date);
  });

  it('leaves the player with no points, orders or flows afterwards, and the rival as the only survivor', () => {
    for (let w = firstNegative + 1; w <= result.horizonWeeks; w++) {
      const k = (w - 1) * P;
      for (const column of ['pickupPoints', 'newPoints', 'orders', 'gmvYuan', 'share', 'adopters'] as const) expect(t[column][k], `week ${w} ${column}`).toBe(0);
      for (const { column } of CASH_FLOWS) expect(t[column][k], `week ${w} ${column}`).toBe(0);
      expect(t.cashYuan[k]).toBe(t.cashYuan[(firstNegative - 1) * P]);
      expect(t.share[k + 1]).toBe(1);
    }
    expect(result.survivors).toEqual(['beta']);
    expect(result.weekly!.market.activePlayers[result.horizonWeeks - 1]).toBe(1);
    expect(checkRunInvariants(result, params)).toEqual([]);
  });

  it('closes every one of its pickup points in every cell at once', () => {
    const market = new Market(params, { seed: 1, replication: 0, record: true });
    market.kernel.runUntil(7 * (firstNegative - 1));
    const pointsOf = (j: number) => Array.from({ length: market.geography.cellCount }, (_, c) => market.network.points[c * P + j]!);
    expect(pointsOf(0).some((n) => n > 0)).toBe(true);
    market.kernel.runUntil(7 * firstNegative);
    expect(pointsOf(0).every((n) => n === 0)).toBe(true);
    expect(pointsOf(1).some((n) => n > 0)).toBe(true);
  });

  it('waits out the grace period: with 2 weeks of grace the player exits two weeks later', () => {
    const graced = runMarket(paramsOf(input(2)), { seed: 1 });
    // Same draws and same decisions until then: cash is still negative in the two extra weeks.
    expect(graced.weekly!.player.cashYuan[(firstNegative - 1) * P]).toBe(t.cashYuan[(firstNegative - 1) * P]);
    expect(graced.weekly!.player.cashYuan[(firstNegative + 1) * P]).toBeLessThan(0);
    expect(graced.players[0]).toMatchObject({ status: 'exited', exitReason: 'bankruptcy', exitWeek: firstNegative + 2 });
  });
});
