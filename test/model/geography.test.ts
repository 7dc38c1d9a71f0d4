import { describe, expect, it } from 'vitest';
import { buildGeography, type Geography } from '../../sim/model/geography.js';
import { generatedCellCount } from '../../sim/scenario/cell-budget.js';
import { paramsOf, smallScenario } from '../support/scenarios.js';

function geographyAt(resolution: 'county' | 'prefecture'): { geography: Geography; prefectures: number[]; input: ReturnType<typeof smallScenario> } {
  const input = smallScenario({ geography: { ...smallScenario().geography, resolution } });
  input.geography.provinces = input.geography.provinces.map((p, i) => ({ ...p, households: 2e6 + i * 7e5, prefectures: 4 + i, counties: 19 + 5 * i, townships: 230 + 40 * i }));
  const params = paramsOf(input);
  return { geography: buildGeography(params.geography, params.cells), prefectures: input.geography.provinces.map((p) => p.prefectures), input };
}

/** Sums of a per-cell array by (province, tier). */
function byProvinceAndTier(g: Geography, values: Float64Array | Int32Array): number[] {
  const sums = new Array<number>(4 * g.provinceIds.length).fill(0);
  for (let c = 0; c < g.cellCount; c++) sums[4 * g.cellProvince[c]! + g.cellTier[c]!]! += values[c]!;
  return sums;
}

describe('the prefecture resolution', () => {
  const county = geographyAt('county');
  const prefecture = geographyAt('prefecture');

  it('keeps every province and tier total of the county map (the same draws, merged)', () => {
    const a = byProvinceAndTier(county.geography, county.geography.households);
    const b = byProvinceAndTier(prefecture.geography, prefecture.geography.households);
    b.forEach((households, k) => expect(households).toBeCloseTo(a[k]!, 3));
    const reachableA = byProvinceAndTier(county.geography, county.geography.reachableHouseholds);
    byProvinceAndTier(prefecture.geography, prefecture.geography.reachableHouseholds).forEach((r, k) => expect(r).toBeCloseTo(reachableA[k]!, 3));
  });

  it('has at most four cells per prefecture, one per tier, and far fewer cells than the county map', () => {
    const perProvince = new Map<number, number>();
    for (let c = 0; c < prefecture.geography.cellCount; c++) perProvince.set(prefecture.geography.cellProvince[c]!, (perProvince.get(prefecture.geography.cellProvince[c]!) ?? 0) + 1);
    prefecture.prefectures.forEach((n, p) => {
      expect(perProvince.get(p)).toBeLessThanOrEqual(4 * n);
      expect(perProvince.get(p)).toBeGreaterThanOrEqual(3 * n);
    });
    expect(prefecture.geography.cellCount).toBeLessThan(county.geography.cellCount / 3);
    expect(generatedCellCount(prefecture.input.geography as never)).toBeGreaterThanOrEqual(prefecture.geography.cellCount);
  });
});

describe("each province's list of cells", () => {
  function expectLists(g: Geography): void {
    const expected = g.provinceIds.map(() => [] as number[]);
    for (let c = 0; c < g.cellCount; c++) expected[g.cellProvince[c]!]!.push(c);
    expect(g.provinceCells.map((cells) => Array.from(cells))).toEqual(expected);
  }

  it('holds exactly the cells of the province, in increasing order, for a generated map', () => {
    expectLists(geographyAt('county').geography);
  });

  it('does so for cells read from a table in any province order', () => {
    const params = paramsOf(smallScenario());
    const [first, second] = params.geography.provinces.map((p) => p.id);
    const rows = [first, second, second, first, second].map((province, i) => ({
      id: `cell-${i}`,
      province: province!,
      tier: 'county' as const,
      households: 1000 + i,
      reachableHouseholdShare: 0.5,
      spendYuanPerHouseholdWeek: 100,
      groupBuyShareOfSpend: 0.1,
      candidateShops: 10,
    }));
    const g = buildGeography(params.geography, rows);
    expectLists(g);
    expect(Array.from(g.provinceCells[1]!)).toEqual([1, 2, 4]);
  });
});
