/**
 * A scenario that uses every part of the format at once (township resolution, every subsidy
 * policy, a parent with units, fundraising, retreat, acquisitions, every event kind, seasons),
 * for tests that push every number of a scenario to the edge of its range (`corners.ts`).
 */
import { Scenario, type ScenarioInput } from '../../sim/scenario/schema.js';
import { player, smallScenario } from '../support/scenarios.js';

const fundraising = { runwayThresholdWeeks: 20, closeDelayWeeks: 2, baseCloseProbability: 0.8, minRoundYuan: 1e6, maxRoundYuan: 1e9 };
const retreat = { negativeWeeks: 4, minWeeksInProvince: 4, pointsToRivalsShare: 0.5 };

type PlayerInput = ScenarioInput['players'][number];

/** The player with its cash given in USD instead of yuan. */
function inUsd({ cashYuan: _yuan, ...rest }: PlayerInput, cashUsd: number): PlayerInput {
  return { ...rest, cashUsd };
}

export function kitchenSinkInput(): ScenarioInput {
  const base = smallScenario();
  return {
    ...base,
    name: 'kitchen sink',
    horizonWeeks: 26,
    yuanPerUsd: 6.5,
    survivalShareThreshold: 0.01,
    geography: { ...base.geography, resolution: 'township', householdSpreadSigma: 0.6, villageShareOfTownships: 0.6, ruralTownshipShare: 0.3 },
    demand: {
      ...base.demand,
      bass: { pPerWeek: 0.01, qPerWeek: 0.2, pBoostPerSubsidyYuan: 0.001 },
      initialAdoptedShare: 0.01,
      stochasticAdoption: true,
      outsidePriceIndex: 1.1,
      brandShockSdPerWeek: 0.1,
      seasonality: [{ name: 'Spring Festival', fromDate: '2020-06-15', toDate: '2020-06-28', spendMultiplier: 1.5 }],
    },
    network: { multiHomingCap: 2, reservationIncomeYuanPerWeek: 50, dropAfterWeeks: 2, dropShareOfPointsPerWeek: 0.3, switchPremiumShare: 0.2, switchShareOfPointsPerWeek: 0.1 },
    costs: { ...base.costs, advantageOverRetail: 3.5, referenceOrdersPerPointWeek: 50, dropCostShareAtReference: 0.5 },
    capital: {
      initialInvestorAppetite: 1,
      longRunInvestorAppetite: 1,
      appetiteReversionPerWeek: 0.05,
      appetiteGrowthSensitivity: 0.5,
      bankruptcyAppetiteHit: 0.05,
      bankruptcyGraceWeeks: 1,
      acquisitions: { distressRunwayWeeks: 4, probabilityPerWeek: 0.2, acquirerCashMultiple: 3, priceWeeksOfGmv: 4, pointsTransferShare: 0.5, adoptersTransferShare: 0.5 },
    },
    parents: [{ id: 'giant', name: 'Giant', budgetUsd: 1e8, lossToleranceYuan: 5e8, minShare: 0.05, patienceWeeks: 8, topUpRunwayWeeks: 8, topUpToRunwayWeeks: 20 }],
    players: [
      player('alpha', { homeProvinces: ['north'], fundraising, provinceRetreat: retreat, subsidyPolicy: { kind: 'profit-seeking', stepYuan: 0.25, minYuan: 0.2, maxYuan: 2 } }),
      inUsd(player('beta', { homeProvinces: ['south'], kind: 'unit', parent: 'giant', subsidyPolicy: { kind: 'aggressive', targetShare: 0.4, stepYuan: 0.25, maxYuan: 3, minRunwayWeeks: 8 } }), 2e7),
      player('gamma', { entryDate: '2020-07-06', priceIndex: 0.95, assortment: 1.2, brand: 0.3, managementPenaltyOutsideHome: 0.3, subsidyPolicy: { kind: 'match-leader', premiumYuan: 0.2, maxYuan: 3, minRunwayWeeks: 8, stepYuan: 0.5 }, expansion: { targetNewPointsPerWeek: 500, initialPoints: 200, pointsPerThousandHouseholds: 4, provincePriority: ['south'], tierPriority: ['township', 'village'], maxRecruitingShareOfCash: 0.1 } }),
      player('delta', { cashYuan: 2e7, provinceRetreat: { ...retreat, includeHome: true } }),
    ],
    events: [
      { kind: 'funding-round', date: '2020-06-22', player: 'alpha', amountYuan: 1e8, investor: 'Seed Capital' },
      { kind: 'investment', date: '2020-07-13', player: 'delta', amountUsd: 1e7, investor: 'JD' },
      { kind: 'acquisition', date: '2020-08-03', player: 'delta', acquirer: 'alpha', priceYuan: 1e7, pointsTransferShare: 0.7, adoptersTransferShare: 0.7 },
      { kind: 'subsidy-cap', date: '2020-09-07', maxSubsidyPerOrderYuan: 1, players: ['beta'], appetiteMultiplier: 0.9 },
      { kind: 'fine', date: '2020-09-14', player: 'gamma', amountYuan: 1e6 },
      { kind: 'suspension', date: '2020-09-21', player: 'beta', province: 'north', weeks: 3 },
      { kind: 'appetite-shock', date: '2020-10-05', appetiteMultiplier: 0.8, note: 'regulation' },
    ],
  };
}

/** The kitchen sink with every default filled in (so every field of the format is present). */
export function kitchenSink(): Scenario {
  return Scenario.parse(kitchenSinkInput());
}
