import { describe, expect, it } from 'vitest';
import { bassClosedForm, logitShares } from '../../sim/model/demand.js';
import { buildGeography } from '../../sim/model/geography.js';
import { Market } from '../../sim/model/market.js';
import { setPoints } from '../../sim/model/network.js';
import { runMarket } from '../../sim/model/run.js';
import { RandomStream } from '../../sim/random/index.js';
import { cellRow, costlessPlayer, paramsOf, paramsWithCells, province, smallScenario } from '../support/scenarios.js';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('logit shares', () => {
  it('are e^V / (1 + Σ e^V) with the outside option taking the rest', () => {
    // Reference (mpmath, 30 digits): V = (1, 0.5, −2), 1 + Σe^V = 5.502338...:
    //   shares 0.494023020677160128, 0.299640108644545875, 0.0245959579057524337; outside 0.181740912772541563
    const shares = logitShares([1, 0.5, -2]);
    expect(shares[0]).toBeCloseTo(0.494023020677160128, 15);
    expect(shares[1]).toBeCloseTo(0.299640108644545875, 15);
    expect(shares[2]).toBeCloseTo(0.0245959579057524337, 15);
    expect(1 - shares.reduce((a, b) => a + b, 0)).toBeCloseTo(0.181740912772541563, 15);
  });

  it('give a lone platform at utility 0 half the market', () => {
    expect(logitShares([0])).toEqual([0.5]);
    expect(logitShares([])).toEqual([]);
  });

  // Bug: e^V overflows to Infinity for V > 709.78, and Infinity/Infinity is NaN (demand.ts,
  // logitShares; the same weight e^V in clearing.ts). Fix: subtract max(0, max V) first.
  it('stay finite for large utilities', () => {
    const shares = logitShares([800, 0]);
    expect(shares[0]).toBeCloseTo(1, 12);
    expect(shares[1]).toBeCloseTo(0, 12);
  });
});

describe('choice in the model', () => {
  // One cell: 10,000 households, half reachable, 300 yuan a week of which 20% can go to group buying.
  const cell = cellRow('town', 'only', { households: 10_000, reachableHouseholdShare: 0.5, spendYuanPerHouseholdWeek: 300, groupBuyShareOfSpend: 0.2, candidateShops: 100 });
  const demand = {
    bass: { pPerWeek: 0.02, qPerWeek: 0.3 },
    logit: { betaPricePerYuan: 0.3, betaDensity: 0.8, betaAssortment: 0.5 },
    basketYuan: 15,
    outsidePriceIndex: 1.1,
    stochasticAdoption: false,
  };
  const input = smallScenario({
    horizonWeeks: 6,
    geography: { ...smallScenario().geography, provinces: [province('only')] },
    demand,
    players: [
      costlessPlayer('alpha', { brand: 0.2, priceIndex: 1, subsidyPerOrderYuan: 1, assortment: 1.2, expansion: { targetNewPointsPerWeek: 1000, pointsPerThousandHouseholds: 3 } }),
      costlessPlayer('beta', { brand: -0.1, priceIndex: 0.95, subsidyPerOrderYuan: 0.5, assortment: 1, expansion: { targetNewPointsPerWeek: 1000, pointsPerThousandHouseholds: 7 } }),
    ],
  });

  it('splits a cell between two platforms and the outside option by the logit formula', () => {
    // V = brand + β_A·assortment − β_P·(basket·priceIndex − subsidy − basket·outsidePriceIndex)
    //     + β_D·ln(1 + points per 1,000 households); alpha has 30 points, beta 70.
    const vAlpha = 0.2 + 0.5 * 1.2 - 0.3 * (15 * 1 - 1 - 15 * 1.1) + 0.8 * Math.log(1 + 3);
    const vBeta = -0.1 + 0.5 * 1 - 0.3 * (15 * 0.95 - 0.5 - 15 * 1.1) + 0.8 * Math.log(1 + 7);
    const expected = logitShares([vAlpha, vBeta]);
    const weekly = runMarket(paramsWithCells(input, [cell]), { seed: 1 }).weekly!;
    expect([weekly.player.pickupPoints[0], weekly.player.pickupPoints[1]]).toEqual([30, 70]);
    for (let w = 1; w <= 6; w++) {
      const spend = weekly.market.adopters[w - 1]! * 300 * 0.2;
      expect(relative(weekly.player.gmvYuan[(w - 1) * 2]!, spend * expected[0]!)).toBeLessThan(1e-12);
      expect(relative(weekly.player.gmvYuan[(w - 1) * 2 + 1]!, spend * expected[1]!)).toBeLessThan(1e-12);
    }
    // The adopters of week 1 are M·F(1) (no subsidy boost in this scenario).
    expect(relative(weekly.market.adopters[0]!, 5000 * bassClosedForm(1, 0.02, 0.3))).toBeLessThan(1e-12);
  });

  it('never gives a player a smaller share of a cell for more pickup points there, nor its rivals a larger one', () => {
    const params = paramsOf(
      smallScenario({
        demand: { ...demand, bass: { pPerWeek: 0.004, qPerWeek: 0.12 } },
        players: ['alpha', 'beta', 'gamma'].map((id, j) =>
          costlessPlayer(id, { brand: 0.3 * j - 0.3, subsidyPerOrderYuan: j, expansion: { targetNewPointsPerWeek: 0 } }),
        ),
      }),
    );
    const geography = buildGeography(params.geography);
    const P = 3;
    const random = RandomStream.of({ seed: 2024, replication: 0, owner: 'logit-test', purpose: 'test' });
    const base = new Int32Array(geography.cellCount * P);
    for (let c = 0; c < geography.cellCount; c++) {
      // Shares of a cell's shops, each ≤ 2/3 so that three players fit under the multi-homing cap of 2.
      for (let j = 0; j < P; j++) base[c * P + j] = random.integerBelow(Math.floor((2 * geography.candidateShops[c]!) / 3) + 1);
    }
    const weekOneGmv = (points: Int32Array) => {
      const market = new Market(params, { seed: 1, replication: 0, record: true, geography });
      market.kernel.runUntil(0);
      for (let c = 0; c < geography.cellCount; c++) for (let j = 0; j < P; j++) setPoints(market.network, geography, c, j, points[c * P + j]!);
      market.kernel.runUntil(7);
      return Array.from(market.tables!.player.gmvYuan.subarray(0, P));
    };
    const before = weekOneGmv(base);
    let strictGains = 0;
    for (let trial = 0; trial < 150; trial++) {
      const c = random.integerBelow(geography.cellCount);
      const j = random.integerBelow(P);
      const more = base.slice();
      const room = geography.candidateShops[c]! - base[c * P + j]!;
      if (room === 0) continue;
      more[c * P + j] = base[c * P + j]! + 1 + random.integerBelow(room);
      if (trial % 10 === 0) more[c * P + j] = geography.candidateShops[c]!;
      const after = weekOneGmv(more);
      const context = `trial ${trial}: cell ${c}, player ${j}, ${base[c * P + j]} → ${more[c * P + j]} points`;
      expect(after[j]!, context).toBeGreaterThanOrEqual(before[j]! * (1 - 1e-12));
      if (after[j]! > before[j]! * (1 + 1e-9)) strictGains++;
      for (let k = 0; k < P; k++) if (k !== j) expect(after[k]!, `${context}, rival ${k}`).toBeLessThanOrEqual(before[k]! * (1 + 1e-12));
    }
    expect(strictGains).toBeGreaterThan(100);
  });
});
