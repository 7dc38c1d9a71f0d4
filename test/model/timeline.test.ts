import { describe, expect, it } from 'vitest';
import { RUNWAY_NOT_BURNING } from '../../sim/model/results.js';
import { runMarket } from '../../sim/model/run.js';
import { cellRow, paramsWithCells, player, province, smallScenario } from '../support/scenarios.js';

/** Expects `actual` within 1e-12 of `expected`, relative. */
function expectExact(actual: number | undefined, expected: number, what: string): void {
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected) + 1e-9);
}

describe('an exact timeline: one player, a home cell and an away cell', () => {
  // North (home): a township cell of 5,000 households, 60% reachable, 280 yuan a week of which
  // 15% can go to group buying, 60 candidate shops. South (away): a village cell of 3,000
  // households, half reachable, 230 yuan, 15%, 40 shops.
  const cells = [
    cellRow('home', 'north', { tier: 'township', households: 5000, reachableHouseholdShare: 0.6, spendYuanPerHouseholdWeek: 280, groupBuyShareOfSpend: 0.15, candidateShops: 60 }),
    cellRow('away', 'south', { tier: 'village', households: 3000, reachableHouseholdShare: 0.5, spendYuanPerHouseholdWeek: 230, groupBuyShareOfSpend: 0.15, candidateShops: 40 }),
  ];
  const input = smallScenario({
    horizonWeeks: 2,
    geography: { ...smallScenario().geography, provinces: [province('north', ['south']), province('south')] },
    demand: {
      bass: { pPerWeek: 0.02, qPerWeek: 0.3, pBoostPerSubsidyYuan: 0.005 },
      logit: { betaPricePerYuan: 0.3, betaDensity: 0.8, betaAssortment: 0.5 },
      basketYuan: 15,
      stochasticAdoption: false,
      // Days 0–6: week 1 (its middle, day 3.5, is inside); week 2 is not.
      seasonality: [{ name: 'opening', fromDate: '2020-06-01', toDate: '2020-06-07', spendMultiplier: 1.5 }],
    },
    players: [
      player('solo', {
        homeProvinces: ['north'],
        cashYuan: 1e7,
        takeRate: 0.2,
        commissionRate: 0.1,
        priceIndex: 1.1,
        subsidyPerOrderYuan: 2,
        assortment: 1.2,
        brand: 0.3,
        recruitCostYuanPerPoint: 400,
        fixedCostYuanPerProvinceWeek: 1e5,
        headquartersCostYuanPerWeek: 5e5,
        managementPenaltyOutsideHome: 0.25,
        expansion: { targetNewPointsPerWeek: 25, pointsPerThousandHouseholds: 4 },
      }),
    ],
  });
  const result = runMarket(paramsWithCells(input, cells), { seed: 1 });
  const t = result.weekly!.player;

  /** The week computed by hand from the formulas in the module docs. */
  function byHand(week: number, points: { home: number; away: number }, season: number) {
    // Bass with p raised by 0.005 per yuan of subsidy: p = 0.02 + 0.005·2 = 0.03, q = 0.3;
    // F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}).
    const F = (1 - Math.exp(-0.33 * week)) / (1 + 10 * Math.exp(-0.33 * week));
    const adopters = { home: 3000 * F, away: 1500 * F };
    // V = brand + β_A·assortment − β_P·(15·1.1 − 2 − 15) + β_D·ln(1 + points per 1,000 households)
    const offer = 0.3 + 0.5 * 1.2 - 0.3 * (15 * 1.1 - 2 - 15);
    const share = (pointsPer1000: number) => {
      const e = Math.exp(offer + 0.8 * Math.log(1 + pointsPer1000));
      return e / (1 + e);
    };
    const shares = { home: share((1000 * points.home) / 5000), away: share((1000 * points.away) / 3000) };
    const gmv = { home: adopters.home * 280 * 0.15 * season * shares.home, away: adopters.away * 230 * 0.15 * season * shares.away };
    const orders = { home: gmv.home / 16.5, away: gmv.away / 16.5 };
    // Logistics: base = retail ÷ 3.5; v = 0.5·base per order, d = 0.5·base·50 per point-week.
    const base = { township: 6 / 3.5, village: 7 / 3.5 };
    const logisticsHome = orders.home * 0.5 * base.township + points.home * 0.5 * base.township * 50;
    const logisticsAway = orders.away * 0.5 * base.village + points.away * 0.5 * base.village * 50;
    const totalGmv = gmv.home + gmv.away;
    const totalOrders = orders.home + orders.away;
    return {
      adopters: adopters.home + adopters.away,
      playerAdopters: adopters.home * shares.home + adopters.away * shares.away,
      gmv: totalGmv,
      orders: totalOrders,
      revenue: 0.2 * totalGmv,
      commission: 0.1 * totalGmv,
      subsidy: 2 * totalOrders,
      logistics: logisticsHome + logisticsAway,
      fixed: 2 * 1e5 + 5e5,
      penalty: 0.25 * (logisticsAway + 1e5),
    };
  }

  // Budget 25 a week; an away point uses 1 + 0.25 of it (a team managed from home expands more
  // slowly away): week 1 opens 20 at home, then ⌊5 ÷ 1.25⌋ = 4 away; week 2 the 8 left to the away
  // cell's target of 12 (10 budget units).
  const weeks = [
    { week: 1, points: { home: 20, away: 4 }, opened: 24, season: 1.5 },
    { week: 2, points: { home: 20, away: 12 }, opened: 8, season: 1 },
  ];
  let cash = 1e7;
  for (const { week, points, opened, season } of weeks) {
    const k = week - 1;
    const expected = byHand(week, points, season);
    const recruiting = 400 * opened;
    const operating = expected.revenue - expected.logistics - expected.commission - expected.subsidy - recruiting - expected.fixed - expected.penalty;
    cash += operating;
    const cashAfter = cash;

    it(`week ${week}: opens ${opened} points (home cell to its target of 20 first) and pays to recruit them`, () => {
      expect(t.newPoints[k]).toBe(opened);
      expect(t.pickupPoints[k]).toBe(points.home + points.away);
      expect([t.cells[k], t.provinces[k]]).toEqual([2, 2]);
      expectExact(t.recruitingYuan[k], recruiting, 'recruiting');
    });

    it(`week ${week}: adopters, orders and GMV follow Bass and logit`, () => {
      expectExact(result.weekly!.market.adopters[k], expected.adopters, 'market adopters');
      expectExact(t.adopters[k], expected.playerAdopters, 'player adopters');
      expectExact(t.gmvYuan[k], expected.gmv, 'GMV');
      expectExact(t.orders[k], expected.orders, 'orders');
      expect(t.share[k]).toBe(1);
    });

    it(`week ${week}: every flow and the cash are as computed by hand`, () => {
      expectExact(t.revenueYuan[k], expected.revenue, 'revenue');
      expectExact(t.commissionYuan[k], expected.commission, 'commission');
      expectExact(t.subsidyYuan[k], expected.subsidy, 'subsidy');
      expectExact(t.logisticsYuan[k], expected.logistics, 'logistics');
      expectExact(t.fixedYuan[k], expected.fixed, 'fixed');
      expectExact(t.managementPenaltyYuan[k], expected.penalty, 'management penalty');
      expect([t.fundingYuan[k], t.finesYuan[k], t.acquisitionYuan[k]]).toEqual([0, 0, 0]);
      expectExact(t.netFlowYuan[k], operating, 'net flow');
      expectExact(t.cashYuan[k], cashAfter, 'cash');
      expectExact(t.runwayWeeks[k], operating < 0 ? Math.min(RUNWAY_NOT_BURNING, cashAfter / -operating) : RUNWAY_NOT_BURNING, 'runway');
    });
  }

  it('logs only the entry, on the start date', () => {
    expect(result.events.map((e) => [e.day, e.date, e.kind, e.player])).toEqual([[0, '2020-06-01', 'entry', 'solo']]);
  });
});
