/**
 * Clearing has two ways to find a cell's players and add up the local markets: with at most 12
 * players it reads each cell's presence bits (kept by `setPoints`) and adds the local market
 * sums once per set of players present; with more it scans every player and adds them pair by
 * pair. Both must give the same run: the same points, cells, events and survivors, and figures
 * that differ only by the order of floating-point additions. The presence bits must match the
 * attraction at every step.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { prepareScenario } from '../../sim/experiment/prepare.js';
import { Market } from '../../sim/model/market.js';
import { resultOf } from '../../sim/model/run.js';

const ROOT = join(import.meta.dirname, '..', '..');
const prepared = prepareScenario(join(ROOT, 'scenarios/china-2020.yaml'), { cwd: ROOT });

function run(bits: boolean): Market {
  const market = new Market(prepared.params, { seed: 11, replication: 0, record: true, weeks: 60, geography: prepared.geography });
  if (!bits) {
    market.state.network.presence = new Int32Array(0);
    market.state.scratch.setCells = new Int32Array(0);
  }
  market.run();
  return market;
}

describe('the two clearing paths', () => {
  const withBits = run(true);
  const scanning = run(false);

  it('keep the presence bits equal to the players with attraction in every cell', () => {
    const { network } = withBits.state;
    const P = network.players;
    let mismatches = 0;
    let present = 0;
    for (let c = 0; c < prepared.geography.cellCount; c++) {
      let bits = 0;
      for (let j = 0; j < P; j++) if (network.attraction[c * P + j]! > 0) bits |= 1 << j;
      if (bits !== network.presence[c]) mismatches++;
      if (bits !== 0) present++;
    }
    expect(mismatches).toBe(0);
    expect(present).toBeGreaterThan(1000);
  });

  it('give the same run up to the order of additions', () => {
    const a = resultOf(withBits);
    const b = resultOf(scanning);
    expect(a.survivors).toEqual(b.survivors);
    expect(a.kernelEvents).toBe(b.kernelEvents);
    expect(Array.from(withBits.state.network.points)).toEqual(Array.from(scanning.state.network.points));
    const ta = a.weekly!.player as unknown as Record<string, ArrayLike<number>>;
    const tb = b.weekly!.player as unknown as Record<string, ArrayLike<number>>;
    const exact = ['pickupPoints', 'cells', 'provinces', 'droppedPoints', 'newPoints'];
    let compared = 0;
    for (const column of Object.keys(ta)) {
      const x = ta[column]!;
      const y = tb[column]!;
      if (typeof x[0] !== 'number') continue;
      for (let row = 0; row < x.length; row++) {
        if (exact.includes(column)) expect(y[row], `${column} row ${row}`).toBe(x[row]);
        else expect(Math.abs(x[row]! - y[row]!), `${column} row ${row}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x[row]!)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});
