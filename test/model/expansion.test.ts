import { describe, expect, it } from 'vitest';
import { buildGeography } from '../../sim/model/geography.js';
import { createNetwork, expansionDensity, expansionOrder, openPoints, targetPoints, type ExpansionCursor } from '../../sim/model/network.js';
import { runMarket } from '../../sim/model/run.js';
import { RandomStream, createUniform } from '../../sim/random/index.js';
import { cellRow, paramsOf, paramsWithCells, player, province, smallScenario } from '../support/scenarios.js';

describe('expansion: a thin first pass, then deepening', () => {
  const params = paramsOf(smallScenario());
  const geography = buildGeography(params.geography, params.cells);
  const alpha = params.players[0]!;
  const open = new Uint8Array(geography.provinceIds.length);
  const fresh = (): { network: ReturnType<typeof createNetwork>; cursor: ExpansionCursor } => ({
    network: createNetwork(geography, 1, 4, 1),
    cursor: { order: expansionOrder(geography, alpha, new RandomStream(createUniform({ seed: 3, replication: 0, owner: 'alpha', purpose: 'expansion' }))), position: 0, idleUntilWeek: 0, deepening: false },
  });
  const density = { entry: 1, target: 4 };

  it('the first pass opens every cell of the order at the entry density before any cell is deepened', () => {
    const { network, cursor } = fresh();
    const order = [...cursor.order];
    const thin = order.reduce((sum, c) => sum + targetPoints(geography, c, density.entry), 0);
    expect(openPoints(network, geography, 0, cursor, thin, density, open, 1)).toBe(thin);
    for (const c of order) expect(network.points[c]).toBe(targetPoints(geography, c, density.entry));
    // The pass ended exactly at the end of the order: the cursor has wrapped and now deepens.
    expect([cursor.position, cursor.deepening]).toEqual([0, true]);
    // The next 100 points all go to the first cell of the order, towards the target density.
    const first = order[0]!;
    const before = network.points[first]!;
    openPoints(network, geography, 0, cursor, 100, density, open, 2);
    expect(network.points[first]).toBe(Math.min(before + 100, targetPoints(geography, first, density.target)));
  });

  it('with the same budget, a thin first pass reaches more cells and more provinces than filling to the target', () => {
    const thin = fresh();
    const full = fresh();
    const budget = 3000;
    openPoints(thin.network, geography, 0, thin.cursor, budget, density, open, 1);
    openPoints(full.network, geography, 0, full.cursor, budget, { entry: density.target, target: density.target }, open, 1);
    const reached = (points: Int32Array) => [...points].filter((n) => n > 0).length;
    const provinces = (points: Int32Array) => new Set([...points.keys()].filter((c) => points[c]! > 0).map((c) => geography.cellProvince[c])).size;
    expect(reached(thin.network.points)).toBeGreaterThan(2 * reached(full.network.points));
    expect(provinces(thin.network.points)).toBe(2);
    expect(provinces(full.network.points)).toBe(1);
  });

  it('without an entry density the densities are the target twice (the old behaviour)', () => {
    expect(expansionDensity({ ...alpha.expansion, pointsPerThousandHouseholds: 6, entryPointsPerThousandHouseholds: undefined })).toEqual({ target: 6, entry: 6 });
    expect(expansionDensity({ ...alpha.expansion, pointsPerThousandHouseholds: 6, entryPointsPerThousandHouseholds: 9 })).toEqual({ target: 6, entry: 6 });
  });

  it('in a run, initial points are placed thinly too, and a thin entrant covers more households early', () => {
    const run = (entry: number | undefined) =>
      runMarket(
        paramsOf(
          smallScenario({
            horizonWeeks: 4,
            players: [player('alpha', { expansion: { targetNewPointsPerWeek: 200, initialPoints: 2000, pointsPerThousandHouseholds: 4, entryPointsPerThousandHouseholds: entry } })],
          }),
        ),
        { seed: 1 },
      );
    const thin = run(1).weekly!.player;
    const full = run(undefined).weekly!.player;
    expect(thin.pickupPoints[0]).toBe(2200);
    expect(full.pickupPoints[0]).toBe(2200);
    expect(thin.cells[0]).toBeGreaterThan(2 * full.cells[0]!);
  });
});

describe('expansion: a cap on the number of provinces', () => {
  const params = paramsOf(smallScenario());
  const geography = buildGeography(params.geography, params.cells);
  const alpha = params.players[0]!;
  const stream = () => new RandomStream(createUniform({ seed: 3, replication: 0, owner: 'alpha', purpose: 'expansion' }));
  const provincesOf = (order: Int32Array) => [...new Set([...order].map((c) => geography.provinceIds[geography.cellProvince[c]!]))];

  it('keeps the first provinces of the order, in the same order and with the same draws as without the cap', () => {
    const full = expansionOrder(geography, alpha, stream());
    expect(provincesOf(full).length).toBe(2);
    const capped = expansionOrder(geography, { ...alpha, expansion: { ...alpha.expansion, maxProvinces: 1 } }, stream());
    const first = provincesOf(full)[0];
    expect(provincesOf(capped)).toEqual([first]);
    expect([...capped]).toEqual([...full].filter((c) => geography.provinceIds[geography.cellProvince[c]!] === first));
    // A cap at or above the number of provinces changes nothing.
    expect([...expansionOrder(geography, { ...alpha, expansion: { ...alpha.expansion, maxProvinces: 2 } }, stream())]).toEqual([...full]);
  });

  it('counts the provinces of the initial footprint first', () => {
    const full = expansionOrder(geography, alpha, stream());
    const second = provincesOf(full)[1]!;
    const capped = expansionOrder(geography, { ...alpha, expansion: { ...alpha.expansion, maxProvinces: 1, initialFootprint: [{ province: second, points: 10 }] } }, stream());
    expect(provincesOf(capped)).toEqual([second]);
  });

  it('in a run, a capped player never opens a point outside its allowed provinces, however large its budget', () => {
    const run = (maxProvinces: number | undefined) =>
      runMarket(paramsOf(smallScenario({ horizonWeeks: 20, players: [player('alpha', { expansion: { targetNewPointsPerWeek: 5000, pointsPerThousandHouseholds: 4, maxProvinces } })] })), { seed: 1 }).weekly!.player;
    expect(Math.max(...run(1).provinces)).toBe(1);
    expect(Math.max(...run(undefined).provinces)).toBe(2);
  });
});

describe('habitual group buyers adopt when a platform first serves their cell', () => {
  // Home: 5,000 households, 60% reachable (3,000); away: 3,000, half reachable (1,500). With
  // p = q = 0 nobody adopts through Bass, so adopters are exactly the first-service jumps.
  const cells = [
    cellRow('home', 'north', { households: 5000, reachableHouseholdShare: 0.6, candidateShops: 60 }),
    cellRow('away', 'south', { households: 3000, reachableHouseholdShare: 0.5, candidateShops: 40 }),
  ];
  const run = (share: number) =>
    runMarket(
      paramsWithCells(
        smallScenario({
          horizonWeeks: 3,
          geography: { ...smallScenario().geography, provinces: [province('north', ['south']), province('south')] },
          demand: { bass: { pPerWeek: 0, qPerWeek: 0 }, logit: { betaPricePerYuan: 0.3, betaDensity: 0.8, betaAssortment: 0.5 }, basketYuan: 15, stochasticAdoption: false, adoptedShareAtFirstService: share },
          // 20 points a week at 4 per 1,000 households: week 1 fills home (20), week 2 away (12).
          players: [player('solo', { homeProvinces: ['north'], expansion: { targetNewPointsPerWeek: 20, pointsPerThousandHouseholds: 4 } })],
        }),
        cells,
      ),
      { seed: 1 },
    ).weekly!;

  it('a fifth of each cell adopts in the week it is first served, and no more later', () => {
    const weekly = run(0.2);
    expect([...weekly.player.cells]).toEqual([1, 2, 2]);
    expect([...weekly.market.adopters]).toEqual([600, 900, 900]);
  });

  it('without it (the default) nobody adopts when p = q = 0', () => {
    expect([...run(0).market.adopters]).toEqual([0, 0, 0]);
  });
});
