/**
 * Random valid scenarios as schema input objects (what a file would hold, defaults not applied):
 * a geography, demand, network, costs, capital, 0–3 parents, 1–30 players and up to 12 events,
 * with every cross-reference valid. `Scenario.parse` accepts every value this produces.
 */
import fc from 'fast-check';
import { formatEpochDay } from '../../../sim/kernel/calendar.js';
import { Capital, Costs, Demand, Network, Scenario, type ScenarioInput } from '../../../sim/scenario/schema.js';
import { shapeOf } from '../../../sim/scenario/schema-walk.js';
import { event } from './events.js';
import { geography, provinceId } from './geography.js';
import { compact, legal, optional } from './numbers.js';
import { parent, parentId, player, playerId, type Frame } from './players.js';

/** 2015-01-01 … 2030-12-31, as days since 1970-01-01. */
const START_DAYS = [16_436, 22_279] as const;

function demand(date: (offset: number) => string, horizonDays: number): fc.Arbitrary<ScenarioInput['demand']> {
  const d = Demand.shape;
  const [bass, logit] = [shapeOf(d.bass)!, shapeOf(d.logit)!];
  const seasonShape = shapeOf(Demand.shape.seasonality.unwrap().element)!;
  const season = fc
    .tuple(fc.integer({ min: 0, max: horizonDays }), fc.integer({ min: 0, max: horizonDays }), legal(seasonShape.spendMultiplier!, [0.5, 2]))
    .map(([a, b, spendMultiplier]) => ({ name: 'season', fromDate: date(Math.min(a, b)), toDate: date(Math.max(a, b)), spendMultiplier }));
  return fc
    .record({
      bass: fc.record({ pPerWeek: legal(bass.pPerWeek!, [0, 0.05]), qPerWeek: legal(bass.qPerWeek!, [0, 0.5]), pBoostPerSubsidyYuan: optional(legal(bass.pBoostPerSubsidyYuan!, [0, 0.01])) }).map(compact),
      initialAdoptedShare: optional(legal(d.initialAdoptedShare)),
      stochasticAdoption: optional(fc.boolean()),
      logit: fc.record({ betaPricePerYuan: legal(logit.betaPricePerYuan!, [0, 1]), betaDensity: legal(logit.betaDensity!, [0, 2]), betaAssortment: legal(logit.betaAssortment!, [0, 1]) }),
      basketYuan: legal(d.basketYuan, [5, 100]),
      outsidePriceIndex: optional(legal(d.outsidePriceIndex, [0.8, 1.5])),
      brandShockSdPerWeek: optional(legal(d.brandShockSdPerWeek, [0, 0.3])),
      seasonality: optional(fc.array(season, { maxLength: 3 })),
    })
    .map(compact);
}

function network(): fc.Arbitrary<NonNullable<ScenarioInput['network']>> {
  const s = Network.shape;
  return fc
    .record({
      multiHomingCap: optional(legal(s.multiHomingCap, [1, 3])),
      reservationIncomeYuanPerWeek: optional(legal(s.reservationIncomeYuanPerWeek, [0, 300])),
      dropAfterWeeks: optional(legal(s.dropAfterWeeks, [1, 8])),
      dropShareOfPointsPerWeek: optional(legal(s.dropShareOfPointsPerWeek)),
      switchPremiumShare: optional(legal(s.switchPremiumShare, [0, 1])),
      switchShareOfPointsPerWeek: optional(legal(s.switchShareOfPointsPerWeek)),
    })
    .map(compact);
}

function costs(): fc.Arbitrary<ScenarioInput['costs']> {
  const s = Costs.shape;
  const retail = legal(shapeOf(s.retailLogisticsCostPerOrderYuan)!.city!, [1, 15]);
  return fc
    .record({
      retailLogisticsCostPerOrderYuan: fc.record({ city: retail, county: retail, township: retail, village: retail }),
      advantageOverRetail: optional(legal(s.advantageOverRetail, [1, 20])),
      referenceOrdersPerPointWeek: optional(legal(s.referenceOrdersPerPointWeek, [10, 200])),
      dropCostShareAtReference: optional(legal(s.dropCostShareAtReference)),
    })
    .map(compact);
}

function capital(): fc.Arbitrary<NonNullable<ScenarioInput['capital']>> {
  const c = Capital.shape;
  const a = shapeOf(c.acquisitions)!;
  const acquisitions = fc
    .record({
      distressRunwayWeeks: optional(legal(a.distressRunwayWeeks!, [0, 8])),
      probabilityPerWeek: optional(legal(a.probabilityPerWeek!)),
      acquirerCashMultiple: optional(legal(a.acquirerCashMultiple!, [1, 10])),
      priceWeeksOfGmv: optional(legal(a.priceWeeksOfGmv!, [0, 8])),
      pointsTransferShare: optional(legal(a.pointsTransferShare!)),
      adoptersTransferShare: optional(legal(a.adoptersTransferShare!)),
    })
    .map(compact);
  return fc
    .record({
      initialInvestorAppetite: optional(legal(c.initialInvestorAppetite)),
      longRunInvestorAppetite: optional(legal(c.longRunInvestorAppetite)),
      appetiteReversionPerWeek: optional(legal(c.appetiteReversionPerWeek)),
      appetiteGrowthSensitivity: optional(legal(c.appetiteGrowthSensitivity, [0, 1])),
      bankruptcyAppetiteHit: optional(legal(c.bankruptcyAppetiteHit)),
      bankruptcyGraceWeeks: optional(legal(c.bankruptcyGraceWeeks, [0, 8])),
      acquisitions: optional(acquisitions),
    })
    .map(compact);
}

/** A frame first (start, horizon, geography, how many parents and players), then what refers to it. */
export function scenario(): fc.Arbitrary<ScenarioInput> {
  const horizonWeeks = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(1, 1040) }, { weight: 8, arbitrary: fc.integer({ min: 1, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 61, max: 260 }) });
  const playerCount = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 5, max: 30 }) });
  return fc
    .record({
      startDay: fc.integer({ min: START_DAYS[0], max: START_DAYS[1] }),
      horizonWeeks,
      geography: geography(),
      parents: fc.integer({ min: 0, max: 3 }),
      players: playerCount,
      events: fc.integer({ min: 0, max: 12 }),
    })
    .chain((shape) => {
      const date = (offset: number) => formatEpochDay(shape.startDay + offset);
      const horizonDays = 7 * shape.horizonWeeks;
      const frame: Frame = {
        provinceIds: shape.geography.provinces.map((_, i) => provinceId(i)),
        parentIds: Array.from({ length: shape.parents }, (_, i) => parentId(i)),
        date,
        horizonDays,
      };
      const playerIds = Array.from({ length: shape.players }, (_, i) => playerId(i));
      return fc
        .record({
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          yuanPerUsd: optional(legal(Scenario.shape.yuanPerUsd, [5, 8])),
          survivalShareThreshold: optional(legal(Scenario.shape.survivalShareThreshold)),
          demand: demand(date, horizonDays),
          network: optional(network()),
          costs: costs(),
          capital: optional(capital()),
          parents: fc.tuple(...frame.parentIds.map((_, i) => parent(i))),
          players: fc.tuple(...playerIds.map((_, i) => player(i, frame))),
          events: fc.array(event(frame, playerIds), { minLength: shape.events, maxLength: shape.events }),
        })
        .map((rest) =>
          compact({
            name: 'generated',
            startDate: date(0),
            horizonWeeks: shape.horizonWeeks,
            geography: shape.geography,
            ...rest,
          }) as ScenarioInput,
        );
    });
}
