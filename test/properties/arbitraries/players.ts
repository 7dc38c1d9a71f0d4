/**
 * Random valid players and parents: every subsidy policy, units of parents, fundraising, province
 * retreat, entry before, during or after the horizon, money from 0 to the schema's maximum.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { Expansion, Fundraising, Parent, Player, ProvinceRetreat, SubsidyPolicy, TIERS, type ScenarioInput } from '../../../sim/scenario/schema.js';
import { shapeOf } from '../../../sim/scenario/schema-walk.js';
import { compact, legal, optional } from './numbers.js';

type PlayerInput = ScenarioInput['players'][number];
type ParentInput = NonNullable<ScenarioInput['parents']>[number];

/** What a player may refer to: province and parent ids, and the dates around the horizon. */
export interface Frame {
  readonly provinceIds: readonly string[];
  readonly parentIds: readonly string[];
  /** ISO date `offsetDays` after the scenario's start (negative: before it). */
  readonly date: (offsetDays: number) => string;
  readonly horizonDays: number;
}

export const playerId = (i: number) => `pl${i}`;
export const parentId = (i: number) => `parent${i}`;

/** Names that a spreadsheet would read as formulas: the CSV writers must neutralise them. */
export const FORMULA_NAMES = ['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)'] as const;

/** `{ <prefix>Yuan: x }`, `{ <prefix>Usd: x }` or (when allowed) `{}`, x legal for `money`. */
export function moneyEither(prefix: string, money: z.ZodType, allowNone: boolean): fc.Arbitrary<Record<string, number>> {
  const value = legal(money, [0, 5e9]);
  const options = [value.map((v) => ({ [`${prefix}Yuan`]: v })), value.map((v) => ({ [`${prefix}Usd`]: v }))];
  return allowNone ? fc.oneof(...options, fc.constant({})) : fc.oneof(...options);
}

export function parent(i: number): fc.Arbitrary<ParentInput> {
  const s = Parent.shape;
  return fc
    .record({
      budget: moneyEither('budget', s.lossToleranceYuan, true),
      lossToleranceYuan: legal(s.lossToleranceYuan, [0, 5e9]),
      minShare: optional(legal(s.minShare)),
      patienceWeeks: optional(legal(s.patienceWeeks, [1, 30])),
      topUpRunwayWeeks: optional(legal(s.topUpRunwayWeeks, [0, 52])),
      topUpToRunwayWeeks: optional(legal(s.topUpToRunwayWeeks, [0, 104])),
    })
    .map(({ budget, ...rest }) => compact({ id: parentId(i), name: `Parent ${i}`, ...budget, ...rest }));
}

/** The fields of the subsidy policy of kind `kind`. */
function policyShape(kind: string): Record<string, z.ZodType> {
  const option = SubsidyPolicy.options.find((candidate) => candidate.shape.kind.value === kind);
  return shapeOf(option) ?? {};
}

function subsidyPolicy(): fc.Arbitrary<PlayerInput['subsidyPolicy']> {
  const [aggressive, match, profit] = ['aggressive', 'match-leader', 'profit-seeking'].map(policyShape) as [Record<string, z.ZodType>, Record<string, z.ZodType>, Record<string, z.ZodType>];
  const step = (s: Record<string, z.ZodType>) => legal(s.stepYuan!, [0.1, 3]);
  const cap = (s: Record<string, z.ZodType>) => legal(s.maxYuan!, [0, 20]);
  const runway = (s: Record<string, z.ZodType>) => optional(legal(s.minRunwayWeeks!, [0, 52]));
  return fc.oneof(
    fc.constant({ kind: 'fixed' as const }),
    fc.record({ kind: fc.constant('aggressive' as const), targetShare: legal(aggressive.targetShare!), stepYuan: step(aggressive), maxYuan: cap(aggressive), minRunwayWeeks: runway(aggressive) }).map(compact),
    fc.record({ kind: fc.constant('match-leader' as const), premiumYuan: optional(legal(match.premiumYuan!, [-2, 2])), maxYuan: cap(match), minRunwayWeeks: runway(match), stepYuan: optional(step(match)) }).map(compact),
    fc
      .record({ kind: fc.constant('profit-seeking' as const), stepYuan: step(profit), bounds: fc.tuple(legal(profit.minYuan!, [0, 3]), cap(profit)), withMin: fc.boolean() })
      .map(({ bounds, withMin, ...rest }) => compact({ ...rest, minYuan: withMin ? Math.min(...bounds) : undefined, maxYuan: Math.max(...bounds) })),
  );
}

function fundraising(): fc.Arbitrary<NonNullable<PlayerInput['fundraising']>> {
  const s = Fundraising.shape;
  return fc
    .record({
      runwayThresholdWeeks: legal(s.runwayThresholdWeeks, [1, 52]),
      closeDelayWeeks: optional(legal(s.closeDelayWeeks, [0, 12])),
      baseCloseProbability: optional(legal(s.baseCloseProbability)),
      shareWeight: optional(legal(s.shareWeight, [0, 5])),
      growthWeight: optional(legal(s.growthWeight, [0, 5])),
      appetiteElasticity: optional(legal(s.appetiteElasticity, [0, 3])),
      sizeWeeksOfBurn: optional(legal(s.sizeWeeksOfBurn, [4, 104])),
      minRoundYuan: optional(legal(s.minRoundYuan, [0, 1e8])),
      maxRoundYuan: optional(legal(s.maxRoundYuan, [1e8, 1e11])),
      valuationGmvMultiple: optional(legal(s.valuationGmvMultiple, [0, 5])),
      retryAfterWeeks: optional(legal(s.retryAfterWeeks, [0, 12])),
      investor: optional(fc.constantFrom('venture investors', 'JD', ...FORMULA_NAMES)),
    })
    .map(({ minRoundYuan, maxRoundYuan, ...rest }) => {
      const bounds = minRoundYuan !== undefined && maxRoundYuan !== undefined && minRoundYuan > maxRoundYuan ? [maxRoundYuan, minRoundYuan] : [minRoundYuan, maxRoundYuan];
      return compact({ ...rest, minRoundYuan: bounds[0], maxRoundYuan: bounds[1] });
    });
}

function provinceRetreat(): fc.Arbitrary<NonNullable<PlayerInput['provinceRetreat']>> {
  const s = ProvinceRetreat.shape;
  return fc
    .record({
      negativeWeeks: legal(s.negativeWeeks, [1, 12]),
      minWeeksInProvince: optional(legal(s.minWeeksInProvince, [0, 12])),
      pointsToRivalsShare: optional(legal(s.pointsToRivalsShare)),
      includeHome: optional(fc.boolean()),
    })
    .map(compact);
}

function expansion(frame: Frame): fc.Arbitrary<PlayerInput['expansion']> {
  const s = Expansion.shape;
  return fc
    .record({
      targetNewPointsPerWeek: legal(s.targetNewPointsPerWeek, [0, 3_000]),
      initialPoints: optional(legal(s.initialPoints, [0, 5_000])),
      pointsPerThousandHouseholds: optional(legal(s.pointsPerThousandHouseholds, [0.5, 20])),
      provincePriority: optional(fc.subarray([...frame.provinceIds])),
      tierPriority: optional(fc.array(fc.constantFrom(...TIERS), { minLength: 1, maxLength: 5 })),
      maxRecruitingShareOfCash: optional(legal(s.maxRecruitingShareOfCash)),
    })
    .map(compact);
}

export function player(i: number, frame: Frame): fc.Arbitrary<PlayerInput> {
  const s = Player.shape;
  const unitOf = frame.parentIds.length === 0 ? fc.constant({}) : fc.oneof(fc.constant({}), fc.constantFrom(...frame.parentIds).map((p) => ({ kind: 'unit' as const, parent: p })));
  return fc
    .record({
      unit: unitOf,
      cash: moneyEither('cash', s.cashYuan, false),
      homeProvinces: optional(fc.subarray([...frame.provinceIds])),
      // Before the start, during the horizon, or after it (the player never enters).
      entryDate: optional(fc.integer({ min: -30, max: frame.horizonDays + 60 }).map(frame.date)),
      takeRate: legal(s.takeRate),
      commissionRate: legal(s.commissionRate),
      priceIndex: optional(legal(s.priceIndex, [0.7, 1.3])),
      subsidyPerOrderYuan: optional(legal(s.subsidyPerOrderYuan, [0, 5])),
      assortment: optional(legal(s.assortment, [0, 2])),
      brand: optional(legal(s.brand, [-2, 2])),
      recruitCostYuanPerPoint: optional(legal(s.recruitCostYuanPerPoint, [0, 2_000])),
      fixedCostYuanPerProvinceWeek: optional(legal(s.fixedCostYuanPerProvinceWeek, [0, 1e6])),
      headquartersCostYuanPerWeek: optional(legal(s.headquartersCostYuanPerWeek, [0, 5e6])),
      managementPenaltyOutsideHome: optional(legal(s.managementPenaltyOutsideHome, [0, 1])),
      expansion: expansion(frame),
      subsidyPolicy: optional(subsidyPolicy()),
      fundraising: optional(fundraising()),
      provinceRetreat: optional(provinceRetreat()),
    })
    .map(({ unit, cash, ...rest }) =>
      compact({ id: playerId(i), name: FORMULA_NAMES[i] ?? `Player ${i}`, ...unit, ...cash, ...rest }) as PlayerInput,
    );
}
