/**
 * Scenario variants that stress different mechanisms, for tests that must hold on every run
 * (invariants, determinism). Each names what it is meant to exercise; the invariant test checks
 * that it does.
 */
import type { ScenarioInput } from '../../sim/scenario/schema.js';
import { player, smallScenario } from './scenarios.js';

/** Demand with a subsidy boost to adoption and a random walk in brand utility. */
const volatileDemand: ScenarioInput['demand'] = {
  bass: { pPerWeek: 0.004, qPerWeek: 0.12, pBoostPerSubsidyYuan: 0.002 },
  logit: { betaPricePerYuan: 0.3, betaDensity: 0.8, betaAssortment: 0.5 },
  basketYuan: 15,
  brandShockSdPerWeek: 0.15,
};

export const VARIANTS = {
  /** The small two-province scenario as it is. */
  small: smallScenario(),
  /** Subsidies far above what the margin pays for: both players go bankrupt within the year. */
  subsidyWar: smallScenario({
    demand: volatileDemand,
    players: [
      player('alpha', { homeProvinces: ['north'], cashYuan: 6e7, subsidyPerOrderYuan: 4 }),
      player('beta', { homeProvinces: ['south'], cashYuan: 8e7, subsidyPerOrderYuan: 3 }),
    ],
  }),
  /** Shops serve one platform and owners want 150 yuan a week: under-earning owners drop points. */
  singleHoming: smallScenario({
    network: { multiHomingCap: 1, reservationIncomeYuanPerWeek: 150, dropAfterWeeks: 2, dropShareOfPointsPerWeek: 0.3 },
  }),
  /** A rich third player enters in week 19 with points at entry; a strategic investment in week 7. */
  lateEntrant: smallScenario({
    players: [
      player('alpha', { homeProvinces: ['north'] }),
      player('beta', { homeProvinces: ['south'] }),
      player('gamma', {
        entryDate: '2020-10-05',
        cashYuan: 2e9,
        subsidyPerOrderYuan: 2.5,
        expansion: { targetNewPointsPerWeek: 3000, initialPoints: 2000, pointsPerThousandHouseholds: 6 },
      }),
    ],
    events: [{ kind: 'investment', date: '2020-07-15', player: 'beta', amountUsd: 2e7, investor: 'a giant' }],
  }),
  /**
   * Capital competition and regulation together: subsidy policies, owners switching platforms,
   * endogenous rounds (some fail), a parent's unit, province retreats, acquisitions (endogenous and
   * scheduled), a suspension, a fine and a subsidy cap.
   */
  capitalWar: smallScenario({
    demand: volatileDemand,
    network: { multiHomingCap: 1, switchShareOfPointsPerWeek: 0.1, switchPremiumShare: 0.1 },
    capital: { bankruptcyGraceWeeks: 2, acquisitions: { distressRunwayWeeks: 12, probabilityPerWeek: 0.5, acquirerCashMultiple: 1 } },
    parents: [{ id: 'giant', name: 'Giant', budgetYuan: 3e8, lossToleranceYuan: 2.5e8, minShare: 0.1, patienceWeeks: 8 }],
    players: [
      player('alpha', {
        homeProvinces: ['north'],
        cashYuan: 1e8,
        managementPenaltyOutsideHome: 0.3,
        subsidyPolicy: { kind: 'aggressive', targetShare: 0.5, stepYuan: 0.5, maxYuan: 5 },
        fundraising: { runwayThresholdWeeks: 25, closeDelayWeeks: 4, baseCloseProbability: 0.2 },
        provinceRetreat: { negativeWeeks: 4, minWeeksInProvince: 6 },
      }),
      player('beta', { homeProvinces: ['south'], cashYuan: 1.5e8, subsidyPolicy: { kind: 'match-leader', maxYuan: 4 } }),
      player('gamma', {
        kind: 'unit',
        parent: 'giant',
        cashYuan: 5e7,
        entryDate: '2020-08-03',
        subsidyPolicy: { kind: 'profit-seeking', stepYuan: 0.5, maxYuan: 3 },
        expansion: { targetNewPointsPerWeek: 1500, initialPoints: 1000 },
      }),
    ],
    events: [
      { kind: 'suspension', date: '2020-09-09', player: 'alpha', province: 'south', weeks: 3 },
      { kind: 'funding-round', date: '2020-10-10', player: 'beta', amountYuan: 4e7 },
      { kind: 'fine', date: '2020-11-02', player: 'beta', amountYuan: 5e6 },
      { kind: 'subsidy-cap', date: '2020-12-14', maxSubsidyPerOrderYuan: 1, appetiteMultiplier: 0.7 },
      { kind: 'acquisition', date: '2021-03-01', player: 'gamma', acquirer: 'beta', priceYuan: 2e7, pointsTransferShare: 0.6, adoptersTransferShare: 0.5 },
    ],
  }),
} satisfies Record<string, ScenarioInput>;

export type VariantName = keyof typeof VARIANTS;
