/** The provinces table adds up to the players' weekly rows, and a province shows only where a player has points. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { provinceRows } from '../../sim/experiment/rows.js';
import { runMarket } from '../../sim/model/run.js';
import { ROOT } from '../scenario/helpers.js';

describe('provinces table', () => {
  const prepared = prepareScenario(join(ROOT, 'scenarios/teaching/regional-retreat.yaml'), { cwd: ROOT });
  const result = runMarket(prepared.params, { seed: 3, geography: prepared.geography });
  const t = result.weekly!;

  it('sums, over provinces, to each operating player\'s points, orders and GMV every week', () => {
    let checked = 0;
    for (let w = 0; w < t.weeks; w++) {
      for (let j = 0; j < t.players; j++) {
        if (t.player.gmvYuan[w * t.players + j] === 0) continue;
        let points = 0;
        let gmv = 0;
        let orders = 0;
        for (let p = 0; p < t.provinces; p++) {
          const k = (w * t.provinces + p) * t.players + j;
          points += t.province.pickupPoints[k]!;
          gmv += t.province.gmvYuan[k]!;
          orders += t.province.orders[k]!;
        }
        expect(points).toBe(t.player.pickupPoints[w * t.players + j]);
        expect(gmv).toBeCloseTo(t.player.gmvYuan[w * t.players + j]!, 3);
        expect(orders).toBeCloseTo(t.player.orders[w * t.players + j]!, 3);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('has one row per province where a player has points, and shows Red leaving the province it retreats from', () => {
    const rows = provinceRows(result);
    expect(rows.every((r) => (r.pickupPoints as number) > 0)).toBe(true);
    const retreat = result.events.find((e) => e.kind === 'province-retreat' && e.player === 'red');
    if (retreat) {
      const province = retreat.text.includes('West') ? 'west' : 'east';
      expect(rows.some((r) => r.player === 'red' && r.province === province && (r.week as number) > retreat.week)).toBe(false);
    }
  });
});
