/**
 * Geography: the cells the market is made of, as parallel typed arrays (one entry per cell).
 *
 * A scenario either generates a synthetic map from province counts (deterministic per
 * `geography.seed`, the same in every replication) or loads cells from a CSV. Generation:
 *   province → prefectures → counties → townships, each county with an urban-core cell (tier
 *   `city` for the prefecture seat, `county` otherwise) and either two rural cells (resolution
 *   `county`: townships, villages) or one cell per township (resolution `township`, tier
 *   `village` with probability `villageShareOfTownships`, else `township`). Resolution
 *   `prefecture` is the county map (the same draws) merged by prefecture and tier: at most four
 *   cells per prefecture (the seat's core, the other counties' cores, townships, villages), about
 *   a sixth of the cells, for screening designs where run time matters more than local detail.
 * Households: the province's urban households are split over urban cores, rural ones over rural
 * cells, by lognormal weights (prefecture seats weigh 3x). Candidate shops = households ÷
 * households per shop of the cell's tier.
 */
import { RandomStream } from '../random/index.js';
import { TIER_INDEX, type CellRow, type GeographySpec, type Tier } from './params.js';

export interface Geography {
  cellCount: number;
  provinceIds: string[];
  provinceNames: string[];
  /** Adjacent provinces of each province, as indices. */
  provinceNeighbours: number[][];
  cellProvince: Int32Array;
  /** The cells of each province, in increasing order (so a province's cells need no scan of the map). */
  provinceCells: Int32Array[];
  /** The cells of each province and tier (index province · 4 + tier), in increasing order. */
  provinceTierCells: Int32Array[];
  /** Households by province. */
  provinceHouseholds: Float64Array;
  /** Tier index: 0 city, 1 county, 2 township, 3 village. */
  cellTier: Uint8Array;
  households: Float64Array;
  /** Households that can adopt (the Bass market potential M). */
  reachableHouseholds: Float64Array;
  /** Group-buying spend an adopter can bring per week, yuan. */
  spendYuanPerAdopterWeek: Float64Array;
  candidateShops: Int32Array;
}

/** Builds the geography of a scenario: from `cells` when given, otherwise generated. */
export function buildGeography(spec: GeographySpec, cells?: CellRow[]): Geography {
  return cells ? geographyFromCells(spec, cells) : generateGeography(spec);
}

function provinceTables(spec: GeographySpec) {
  const provinceIds = spec.provinces.map((p) => p.id);
  const indexOf = new Map(provinceIds.map((id, i) => [id, i]));
  const provinceNeighbours = spec.provinces.map(() => [] as number[]);
  spec.provinces.forEach((province, i) => {
    for (const neighbour of province.neighbours) {
      const j = indexOf.get(neighbour);
      if (j === undefined || j === i) continue;
      if (!provinceNeighbours[i]!.includes(j)) provinceNeighbours[i]!.push(j);
      if (!provinceNeighbours[j]!.includes(i)) provinceNeighbours[j]!.push(i);
    }
  });
  return { provinceIds, indexOf, provinceNeighbours, provinceNames: spec.provinces.map((p) => p.name) };
}

class CellBuilder {
  province: number[] = [];
  tier: number[] = [];
  households: number[] = [];

  add(province: number, tier: number, households: number): void {
    this.province.push(province);
    this.tier.push(tier);
    this.households.push(households);
  }
}

/** Splits `total` in proportion to `weights`. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
}

/** Deals `count` items over `bins` bins, at least one each, the rest at random. */
function deal(count: number, bins: number, stream: RandomStream): number[] {
  const sizes = new Array<number>(bins).fill(1);
  for (let i = bins; i < count; i++) sizes[stream.integerBelow(bins)]! += 1;
  return sizes;
}

function generateGeography(spec: GeographySpec): Geography {
  const stream = RandomStream.of({ seed: spec.seed, replication: 0, owner: 'geography', purpose: 'geography' });
  const weight = () => stream.lognormal(0, spec.householdSpreadSigma);
  const cells = new CellBuilder();
  spec.provinces.forEach((province, p) => {
    const countiesPerPrefecture = deal(province.counties, province.prefectures, stream);
    const townshipsPerCounty = deal(province.townships, province.counties, stream);
    const urbanWeights: number[] = [];
    const urbanTiers: number[] = [];
    /** Prefecture of each county (of each urban core, in order). */
    const countyPrefecture: number[] = [];
    countiesPerPrefecture.forEach((counties, f) => {
      for (let k = 0; k < counties; k++) {
        urbanTiers.push(k === 0 ? TIER_INDEX.city : TIER_INDEX.county);
        urbanWeights.push((k === 0 ? 3 : 1) * weight());
        countyPrefecture.push(f);
      }
    });
    const urban = split(province.households * province.urbanShare, urbanWeights);
    const ruralTotal = province.households * (1 - province.urbanShare);
    const ruralTiers: number[] = [];
    const ruralWeights: number[] = [];
    townshipsPerCounty.forEach((townships) => {
      if (spec.resolution !== 'township') {
        const countyWeight = townships * weight();
        ruralTiers.push(TIER_INDEX.township, TIER_INDEX.village);
        ruralWeights.push(countyWeight * spec.ruralTownshipShare, countyWeight * (1 - spec.ruralTownshipShare));
      } else {
        for (let k = 0; k < townships; k++) {
          ruralTiers.push(stream.bernoulli(spec.villageShareOfTownships) ? TIER_INDEX.village : TIER_INDEX.township);
          ruralWeights.push(weight());
        }
      }
    });
    const rural = split(ruralTotal, ruralWeights);
    if (spec.resolution === 'prefecture') {
      // Rural cells come two per county (townships, villages), in county order.
      const merged = new Float64Array(4 * countiesPerPrefecture.length).fill(-1);
      const addTo = (f: number, tier: number, households: number) => {
        const at = 4 * f + tier;
        merged[at] = Math.max(0, merged[at]!) + households;
      };
      urban.forEach((households, k) => addTo(countyPrefecture[k]!, urbanTiers[k]!, households));
      rural.forEach((households, k) => addTo(countyPrefecture[k >> 1]!, ruralTiers[k]!, households));
      merged.forEach((households, at) => {
        if (households >= 0) cells.add(p, at % 4, households);
      });
      return;
    }
    urban.forEach((households, k) => cells.add(p, urbanTiers[k]!, households));
    rural.forEach((households, k) => cells.add(p, ruralTiers[k]!, households));
  });
  return assemble(spec, cells);
}

function geographyFromCells(spec: GeographySpec, rows: CellRow[]): Geography {
  const { indexOf } = provinceTables(spec);
  const cells = new CellBuilder();
  const overrides = rows.map((row) => {
    const province = indexOf.get(row.province);
    if (province === undefined) throw new RangeError(`cell "${row.id}": unknown province "${row.province}"`);
    cells.add(province, TIER_INDEX[row.tier], row.households);
    return row;
  });
  const geography = assemble(spec, cells);
  overrides.forEach((row, c) => {
    geography.reachableHouseholds[c] = row.households * row.reachableHouseholdShare;
    geography.spendYuanPerAdopterWeek[c] = row.spendYuanPerHouseholdWeek * row.groupBuyShareOfSpend;
    geography.candidateShops[c] = Math.floor(row.candidateShops);
  });
  return geography;
}

/** The cells of each group (a cell's group given by `cellGroup`) in increasing order. */
function cellsByGroup(cellGroup: readonly number[], groups: number): Int32Array[] {
  const counts = new Int32Array(groups);
  for (const group of cellGroup) counts[group]!++;
  const lists = Array.from(counts, (count) => new Int32Array(count));
  counts.fill(0);
  cellGroup.forEach((group, c) => (lists[group]![counts[group]!++] = c));
  return lists;
}

function assemble(spec: GeographySpec, cells: CellBuilder): Geography {
  const { provinceIds, provinceNames, provinceNeighbours } = provinceTables(spec);
  const n = cells.province.length;
  const tierProfiles = (['city', 'county', 'township', 'village'] as Tier[]).map((tier) => spec.tiers[tier]);
  const geography: Geography = {
    cellCount: n,
    provinceIds,
    provinceNames,
    provinceNeighbours,
    cellProvince: Int32Array.from(cells.province),
    provinceCells: cellsByGroup(cells.province, provinceIds.length),
    provinceTierCells: cellsByGroup(
      cells.province.map((province, c) => 4 * province + cells.tier[c]!),
      4 * provinceIds.length,
    ),
    provinceHouseholds: new Float64Array(provinceIds.length),
    cellTier: Uint8Array.from(cells.tier),
    households: Float64Array.from(cells.households),
    reachableHouseholds: new Float64Array(n),
    spendYuanPerAdopterWeek: new Float64Array(n),
    candidateShops: new Int32Array(n),
  };
  for (let c = 0; c < n; c++) geography.provinceHouseholds[geography.cellProvince[c]!]! += geography.households[c]!;
  for (let c = 0; c < n; c++) {
    const profile = tierProfiles[geography.cellTier[c]!]!;
    const households = geography.households[c]!;
    geography.reachableHouseholds[c] = households * profile.reachableHouseholdShare;
    geography.spendYuanPerAdopterWeek[c] = profile.spendYuanPerHouseholdWeek * profile.groupBuyShareOfSpend;
    geography.candidateShops[c] = Math.min(2 ** 31 - 1, Math.floor(households / profile.householdsPerCandidateShop));
  }
  return geography;
}
