/** Small scenarios built in code for model tests (validated through the real schema). */
import { Scenario, type ScenarioInput } from '../../sim/scenario/schema.js';
import { toMarketParams } from '../../sim/scenario/to-params.js';
import type { CellRow, MarketParams } from '../../sim/model/params.js';

type PlayerInput = ScenarioInput['players'][number];

export function player(id: string, overrides: Partial<PlayerInput> = {}): PlayerInput {
  return {
    id,
    name: id.toUpperCase(),
    cashYuan: 5e8,
    takeRate: 0.22,
    commissionRate: 0.1,
    subsidyPerOrderYuan: 1,
    recruitCostYuanPerPoint: 500,
    fixedCostYuanPerProvinceWeek: 2e5,
    headquartersCostYuanPerWeek: 1e6,
    expansion: { targetNewPointsPerWeek: 800, pointsPerThousandHouseholds: 4 },
    ...overrides,
  };
}

/** Two provinces at county resolution, weekly spend and costs of a lower-tier market. */
export function smallScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'small',
    startDate: '2020-06-01',
    horizonWeeks: 52,
    seed: 7,
    geography: {
      resolution: 'county',
      provinces: [
        { id: 'north', name: 'North', households: 2_000_000, urbanShare: 0.4, prefectures: 4, counties: 30, townships: 300, neighbours: ['south'] },
        { id: 'south', name: 'South', households: 1_500_000, urbanShare: 0.35, prefectures: 3, counties: 24, townships: 250 },
      ],
      tiers: {
        city: { spendYuanPerHouseholdWeek: 450, groupBuyShareOfSpend: 0.12, reachableHouseholdShare: 0.8, householdsPerCandidateShop: 120 },
        county: { spendYuanPerHouseholdWeek: 350, groupBuyShareOfSpend: 0.14, reachableHouseholdShare: 0.75, householdsPerCandidateShop: 100 },
        township: { spendYuanPerHouseholdWeek: 280, groupBuyShareOfSpend: 0.15, reachableHouseholdShare: 0.65, householdsPerCandidateShop: 90 },
        village: { spendYuanPerHouseholdWeek: 230, groupBuyShareOfSpend: 0.15, reachableHouseholdShare: 0.55, householdsPerCandidateShop: 80 },
      },
    },
    demand: {
      bass: { pPerWeek: 0.004, qPerWeek: 0.12 },
      logit: { betaPricePerYuan: 0.3, betaDensity: 0.8, betaAssortment: 0.5 },
      basketYuan: 15,
    },
    costs: {
      retailLogisticsCostPerOrderYuan: { city: 4, county: 5, township: 6, village: 7 },
    },
    players: [player('alpha', { homeProvinces: ['north'] }), player('beta', { homeProvinces: ['south'] })],
    ...overrides,
  };
}

export function paramsOf(input: ScenarioInput): MarketParams {
  return toMarketParams(Scenario.parse(input));
}

type ProvinceInput = ScenarioInput['geography']['provinces'][number];

/** A province entry for scenarios whose cells are given directly (its counts are then unused). */
export function province(id: string, neighbours: string[] = []): ProvinceInput {
  return { id, name: id.toUpperCase(), households: 1, urbanShare: 0.5, prefectures: 1, counties: 1, townships: 1, neighbours };
}

/** One cell of a loaded geography with round numbers; override what a test needs. */
export function cellRow(id: string, provinceId: string, overrides: Partial<CellRow> = {}): CellRow {
  return {
    id,
    province: provinceId,
    tier: 'township',
    households: 10_000,
    spendYuanPerHouseholdWeek: 300,
    groupBuyShareOfSpend: 0.2,
    reachableHouseholdShare: 0.5,
    candidateShops: 100,
    ...overrides,
  };
}

/** Validates a scenario and converts it with `cells` as its geography (as a `cellsCsv` would). */
export function paramsWithCells(input: ScenarioInput, cells: CellRow[]): MarketParams {
  return toMarketParams(Scenario.parse(input), cells);
}

/** A player that spends nothing and earns nothing: no take, commission, subsidy or costs. */
export function costlessPlayer(id: string, overrides: Partial<PlayerInput> = {}): PlayerInput {
  return player(id, {
    cashYuan: 1e12,
    takeRate: 0,
    commissionRate: 0,
    subsidyPerOrderYuan: 0,
    recruitCostYuanPerPoint: 0,
    fixedCostYuanPerProvinceWeek: 0,
    headquartersCostYuanPerWeek: 0,
    ...overrides,
  });
}

/** The same nine cells in each of two provinces: a city, four townships, four villages. */
export function mirroredCells(): CellRow[] {
  return ['east', 'west'].flatMap((p) => [
    cellRow(`${p}-city`, p, { tier: 'city', households: 120_000, candidateShops: 1000, spendYuanPerHouseholdWeek: 400, groupBuyShareOfSpend: 0.12, reachableHouseholdShare: 0.8 }),
    ...[0, 1, 2, 3].map((i) => cellRow(`${p}-t${i}`, p, { tier: 'township', households: 60_000, candidateShops: 600, spendYuanPerHouseholdWeek: 280, groupBuyShareOfSpend: 0.15, reachableHouseholdShare: 0.65 })),
    ...[0, 1, 2, 3].map((i) => cellRow(`${p}-v${i}`, p, { tier: 'village', households: 50_000, candidateShops: 600, spendYuanPerHouseholdWeek: 230, groupBuyShareOfSpend: 0.15, reachableHouseholdShare: 0.55 })),
  ]);
}

/** Two players alike in everything but their name and home, each at home in one mirrored province. */
export const twin = (id: string, home: string): PlayerInput =>
  player(id, {
    homeProvinces: [home],
    cashYuan: 3e7,
    takeRate: 0.25,
    subsidyPerOrderYuan: 0.5,
    fixedCostYuanPerProvinceWeek: 1e5,
    headquartersCostYuanPerWeek: 3e5,
    recruitCostYuanPerPoint: 300,
    expansion: { targetNewPointsPerWeek: 500, pointsPerThousandHouseholds: 4 },
  });
