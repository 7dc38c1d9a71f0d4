/**
 * Random valid geographies: one province with a single county up to 31 provinces, at county or
 * township resolution, with tier profiles from realistic to extreme (no households, no candidate
 * shops, spend near the schema's maximum). Cell counts stay modest (≲ 150) so a run takes
 * milliseconds: cells = 3 · counties (county resolution) or counties + townships (township).
 */
import fc from 'fast-check';
import { Geography, Province, TierProfile, type ScenarioInput } from '../../../sim/scenario/schema.js';
import { compact, legal, optional } from './numbers.js';

type GeographyInput = ScenarioInput['geography'];
type ProvinceInput = GeographyInput['provinces'][number];
type TierProfileInput = GeographyInput['tiers']['city'];

/** Province ids used by every generated scenario: p0, p1, ... */
export const provinceId = (i: number) => `p${i}`;

function province(i: number, provinces: number, resolution: 'county' | 'township'): fc.Arbitrary<ProvinceInput> {
  const countyRoom = Math.max(1, Math.floor(40 / provinces));
  const townshipRoom = resolution === 'township' ? Math.max(0, Math.floor(60 / provinces)) : 200;
  // Each count is often the least its parent allows: one prefecture, one county, one township.
  const atLeast = (min: number, max: number) => fc.oneof(fc.constant(min), fc.integer({ min, max: Math.max(min, max) }));
  const counts = atLeast(1, 3).chain((prefectures) =>
    atLeast(prefectures, countyRoom).chain((counties) =>
      atLeast(counties, counties + townshipRoom).map((townships) => ({ prefectures, counties, townships })),
    ),
  );
  const others = Array.from({ length: provinces }, (_, k) => provinceId(k)).filter((id) => id !== provinceId(i));
  return fc.record({
    counts,
    households: legal(Province.shape.households, [1_000, 5_000_000]),
    urbanShare: legal(Province.shape.urbanShare),
    neighbours: fc.subarray(others),
  }).map(({ counts, households, urbanShare, neighbours }) => ({
    id: provinceId(i),
    name: `Province ${i}`,
    households,
    urbanShare,
    ...counts,
    neighbours,
  }));
}

function tierProfile(): fc.Arbitrary<TierProfileInput> {
  return fc.record({
    spendYuanPerHouseholdWeek: legal(TierProfile.shape.spendYuanPerHouseholdWeek, [50, 800]),
    groupBuyShareOfSpend: legal(TierProfile.shape.groupBuyShareOfSpend),
    reachableHouseholdShare: legal(TierProfile.shape.reachableHouseholdShare),
    // At the maximum, few or no candidate shops anywhere.
    householdsPerCandidateShop: legal(TierProfile.shape.householdsPerCandidateShop, [20, 400]),
  });
}

export function geography(): fc.Arbitrary<GeographyInput> {
  const provinceCount = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 5, max: 31 }) });
  return fc
    .record({ provinces: provinceCount, resolution: fc.constantFrom('county' as const, 'township' as const) })
    .chain(({ provinces, resolution }) =>
      fc.record({
        resolution: fc.constant(resolution),
        seed: optional(fc.integer({ min: 0, max: 2 ** 31 })),
        householdSpreadSigma: optional(legal(Geography.shape.householdSpreadSigma)),
        villageShareOfTownships: optional(legal(Geography.shape.villageShareOfTownships)),
        ruralTownshipShare: optional(legal(Geography.shape.ruralTownshipShare)),
        provinces: fc.tuple(...Array.from({ length: provinces }, (_, i) => province(i, provinces, resolution))),
        tiers: fc.record({ city: tierProfile(), county: tierProfile(), township: tierProfile(), village: tierProfile() }),
      }),
    )
    .map((value) => compact(value));
}
