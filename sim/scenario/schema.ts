/**
 * The scenario file format: zod schemas that are the only definition of a scenario's types
 * (`Scenario` is inferred from them). Defaults live here, next to the field they fill, and the
 * JSON Schema for editors (`scenarios/schema.json`) is generated from these schemas.
 *
 * Units are in field names: `...Yuan`, `...Usd`, `...PerWeek`, `...Share` (0..1), `...Date` (ISO).
 * Cross-references (player ids, province ids, dates inside the horizon) are checked apart from
 * the shapes, in `references.ts`, so every problem is reported at once.
 */
import { z } from 'zod';
import { parseIsoDate } from '../kernel/calendar.js';

/** The largest amount of money a field accepts, in yuan (10 trillion: far above any player's means). */
export const MAX_MONEY = 1e13;

const share = z.number().min(0).max(1);
const money = z.number().min(0).max(MAX_MONEY);
const positive = z.number().positive().max(1e12);
const nonNegative = z.number().min(0).max(1e12);
/**
 * One line of text for people (names, investors). Control characters are refused: echoed to a
 * terminal or a CSV file they could move the cursor, clear the screen or split a record. So are
 * invisible format characters (bidi overrides such as U+202E that reverse what follows, zero-width
 * spaces, U+2028/U+2029 line separators), except the joiners U+200C/U+200D that scripts and emoji need.
 */
const label = z.string().min(1).regex(/^(?:[\u200C\u200D]|[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}])*$/u, 'must not contain control, bidirectional or invisible format characters (line breaks, tabs, escapes, U+202E, U+2028)');
/** Free text that may span lines (descriptions, notes): the same, but line breaks and tabs are allowed. */
const prose = z.string().regex(/^(?:[\n\t\u200C\u200D]|[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}])*$/u, 'must not contain control, bidirectional or invisible format characters besides line breaks and tabs');
const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and "-", starting with a letter (≤ 40 characters)');

/** An ISO calendar date, `YYYY-MM-DD`, that exists. */
export const IsoDate = z
  .string()
  .refine((text) => parseIsoDate(text) !== undefined, 'must be a real ISO date (YYYY-MM-DD)')
  .meta({ format: 'date' });

export const TIERS = ['city', 'county', 'township', 'village'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

function perTier<T extends z.ZodType>(value: T) {
  return z.strictObject({ city: value, county: value, township: value, village: value });
}

export const Province = z.strictObject({
  id,
  name: label,
  households: z.number().int().min(0).max(1e9).describe('households in the province'),
  urbanShare: share.describe('share of households in city and county-town cells'),
  prefectures: z.number().int().min(1).max(1000).describe('prefecture-level divisions'),
  counties: z.number().int().min(1).max(10_000).describe('county-level divisions (≥ prefectures)'),
  townships: z.number().int().min(1).max(100_000).describe('township-level divisions'),
  neighbours: z.array(id).default([]).describe('ids of adjacent provinces (expansion spreads to neighbours first)'),
});
export type Province = z.infer<typeof Province>;

export const TierProfile = z.strictObject({
  spendYuanPerHouseholdWeek: nonNegative.describe('grocery and daily-goods spend per household per week'),
  groupBuyShareOfSpend: share.describe('share of that spend group buying can capture'),
  reachableHouseholdShare: share.describe('share of households that can adopt (smartphone, mini-program)'),
  householdsPerCandidateShop: z.number().min(1).max(1e6).describe('households per shop that could become a pickup point (≥ 1)'),
});

export const Geography = z.strictObject({
  resolution: z
    .enum(['county', 'township', 'prefecture'])
    .default('county')
    .describe('county: 3 cells per county (urban core, townships, villages); township: one cell per township plus an urban core per county; prefecture: the county map merged by prefecture and tier (at most 4 cells per prefecture), for fast screening'),
  seed: z.number().int().min(0).default(1).describe('seed of the generated map (kept fixed across replications)'),
  householdSpreadSigma: z.number().min(0).max(3).default(0.6).describe('lognormal sigma of cell sizes'),
  villageShareOfTownships: share.default(0.7).describe('township resolution: share of township cells whose tier is village'),
  ruralTownshipShare: share.default(0.35).describe('county and prefecture resolution: share of rural households in township (not village) cells'),
  provinces: z.array(Province).min(1),
  tiers: perTier(TierProfile),
  cellsCsv: z.string().min(1).optional().describe('load cells from this CSV (relative to the scenario file) instead of generating them'),
});

export const Demand = z.strictObject({
  bass: z.strictObject({
    pPerWeek: z.number().min(0).max(1).describe('innovation coefficient, per week'),
    qPerWeek: z.number().min(0).max(5).describe('imitation coefficient, per week'),
    pBoostPerSubsidyYuan: z.number().min(0).max(1).default(0).describe('added to p per yuan of the largest subsidy per order in the cell'),
  }),
  initialAdoptedShare: share.default(0).describe('share of reachable households already adopters in cells with points at the start'),
  adoptedShareAtFirstService: share
    .default(0)
    .describe('share of reachable households that adopt as soon as a platform first serves their cell (a habit formed before, e.g. buying in WeChat groups during the 2020 lockdowns)'),
  stochasticAdoption: z.boolean().default(true).describe('draw new adopters (binomial) instead of using the expected number'),
  logit: z.strictObject({
    betaPricePerYuan: z.number().min(0).max(100).describe('utility lost per yuan of net price per order above the outside option'),
    betaDensity: z.number().min(0).max(5).describe('utility per unit of ln(1 + pickup points per 1,000 households)'),
    betaAssortment: z.number().min(0).max(100).describe('utility per unit of assortment index'),
    awayServiceUtilityPerPenalty: z
      .number()
      .min(0)
      .max(100)
      .default(0)
      .describe('utility lost outside home provinces per unit of the player\'s management penalty (poorer service)'),
  }),
  basketYuan: z.number().min(0.01).max(1e6).describe('average order value at list price (≥ 0.01: orders are GMV ÷ price)'),
  outsidePriceIndex: z.number().positive().max(10).default(1).describe('price of the same basket at the wet market or supermarket, relative to list'),
  brandShockSdPerWeek: z.number().min(0).max(5).default(0).describe('sd of the weekly shock to each player\'s brand utility'),
  brandShockReversionPerWeek: share
    .default(0)
    .describe('share of the brand shock that decays each week (0: a random walk; > 0: mean-reverting, stationary sd = sd/√(1−(1−κ)²))'),
  lapse: z
    .strictObject({
      basePerWeek: share.default(0).describe('share of adopters who go back to the outside option each week'),
      perYuanSubsidyCut: z.number().min(0).max(1).default(0).describe('added lapse per yuan the cell\'s best subsidy has fallen below what adopters got used to'),
      subsidyMemoryWeeks: z.number().min(1).max(520).default(8).describe('weeks over which adopters get used to a subsidy level (moving-average span)'),
      poorServicePerWeek: share.default(0).describe('added lapse × share of adopters who buy from the outside option (platforms too far or too dear)'),
      noServicePerWeek: share.default(0).describe('lapse in cells that no platform serves any more'),
    })
    .default({ basePerWeek: 0, perYuanSubsidyCut: 0, subsidyMemoryWeeks: 8, poorServicePerWeek: 0, noServicePerWeek: 0 })
    .describe('adopters lapsing back to the outside option (none by default)'),
  segments: z
    .array(
      z.strictObject({
        name: label,
        share: share.describe('share of adopters in this segment'),
        priceSensitivityMultiplier: z.number().min(0).max(100).default(1).describe('× betaPricePerYuan'),
        outsideUtility: z.number().min(-50).max(50).default(0).describe('utility of the outside option for this segment (loyalty to the wet market)'),
      }),
    )
    .default([])
    .describe('latent consumer classes: shares are the segment-weighted logit (one segment when empty)'),
  seasonality: z
    .array(
      z.strictObject({
        name: label,
        fromDate: IsoDate,
        toDate: IsoDate,
        spendMultiplier: z.number().min(0).max(10),
      }),
    )
    .default([])
    .describe('periods (e.g. Spring Festival) that scale spend; later entries win where they overlap'),
});

export const Parent = z.strictObject({
  id,
  name: label,
  budgetYuan: money.optional().describe('money the parent will put into its units over the run'),
  budgetUsd: money.optional(),
  lossToleranceYuan: money.describe('cumulative operating loss of a unit after which the parent cuts it off'),
  minShare: share.default(0).describe('GMV share below which a unit is cut off after `patienceWeeks`'),
  patienceWeeks: z.number().int().min(1).max(520).default(26),
  lossToleranceIsHardLimit: z.boolean().default(true).describe('the tolerance is a hard limit on top of the value-of-staying rule'),
  strategicValueShareOfGmv: share
    .default(0)
    .describe("what each yuan of its units' GMV is worth to the parent's other businesses (the customers and traffic it brings them), as a share of GMV; added to a unit's margin when its value of staying is judged (0: judged on its own profit)"),
  topUpRunwayWeeks: nonNegative.default(12).describe('the parent tops a unit up when its runway falls below this'),
  topUpToRunwayWeeks: nonNegative.default(26).describe('... to this many weeks of burn'),
});

export const Capital = z.strictObject({
  initialInvestorAppetite: z.number().min(0.05).max(3).default(1).describe('market-wide willingness to fund (1 = normal)'),
  longRunInvestorAppetite: z.number().min(0.05).max(3).default(1),
  appetiteReversionPerWeek: share.default(0.02).describe('share of the gap to the long-run appetite closed each week'),
  appetiteGrowthSensitivity: z.number().min(0).max(10).default(0.5).describe('appetite change per unit of 4-week market GMV growth'),
  bankruptcyAppetiteHit: share.default(0.05).describe('appetite lost (share) when a player goes bankrupt'),
  bankruptcyGraceWeeks: z.number().int().min(0).max(104).default(0).describe('weeks a player may stay below zero cash while a round is pending'),
  exitAppetiteHit: share.default(0).describe('appetite lost (share) when a player leaves for strategic reasons (a parent\'s cut-off, a wind-down)'),
  sectorLossSensitivity: z.number().min(0).max(100).default(0).describe('appetite lost per week per unit of the sector\'s operating loss ÷ GMV'),
  staying: z
    .strictObject({
      discountRatePerYear: z.number().min(0).max(5).default(0.15).describe('discount rate of the value of staying'),
      windowWeeks: z.number().int().min(1).max(104).default(8).describe('weeks averaged for burn, margin and volume'),
      outlastElasticity: z.number().min(0).max(50).default(2).describe('γ in P(i outlasts k) = T_i^γ / (T_i^γ + T_k^γ), T = staying power in weeks'),
      matureGrowthCap: z.number().min(1).max(100).default(2).describe('largest growth of the market in a player\'s cells it may count on'),
      maxWarWeeks: z.number().min(1).max(1040).default(156).describe('longest war of attrition a player plans for'),
      negativeWeeks: z.number().int().min(1).max(520).default(8).describe('weeks of negative value of staying before a player shrinks, then exits'),
      minWeeksActive: z.number().int().min(0).max(520).default(26).describe('weeks after entry before staying is judged'),
      deEscalate: z
        .boolean()
        .default(true)
        .describe('a player whose value of staying is higher without fighting than with steps its subsidy down, so the war ends when the fighters all prefer peace; false: players keep their subsidy policies whatever fighting is worth (the exit rule still applies)'),
      provinceReview: z
        .strictObject({
          everyWeeks: z.number().int().min(1).max(520).default(13).describe('weeks between two reviews of its provinces'),
          minWeeksInProvince: z.number().int().min(0).max(520).default(52).describe('weeks present in a province before it is judged'),
        })
        .optional()
        .describe(
          "while it stays, a player also leaves each province outside home whose projected contribution (as the shrink before an exit projects it, at no subsidy) plus its parent's strategic value of the province's GMV does not cover its costs; where several players would leave one province at a review, only the one with the least GMV there does (the weakest gives up first). Off when omitted: players then shed provinces only before an exit (and by provinceRetreat)",
        ),
    })
    .optional()
    .describe('exit by expected value (war of attrition); players only leave by bankruptcy and hard limits when omitted'),
  acquisitions: z
    .strictObject({
      distressRunwayWeeks: nonNegative.default(4).describe('a player with less runway than this can be bought'),
      probabilityPerWeek: share.default(0.1),
      acquirerCashMultiple: positive.default(5).describe('the buyer must hold this many times the price'),
      priceWeeksOfGmv: nonNegative.default(4).describe('price in weeks of the target\'s GMV'),
      pointsTransferShare: share.default(0.5),
      adoptersTransferShare: share.default(0.5),
    })
    .optional()
    .describe('rich players buy distressed ones (never when omitted)'),
});

export const Network = z.strictObject({
  multiHomingCap: z.number().int().min(1).max(50).default(2).describe('platforms one shop may serve at once'),
  reservationIncomeYuanPerWeek: nonNegative.default(0).describe('commission a shop owner needs from a platform to keep serving it'),
  dropAfterWeeks: z.number().int().min(1).max(520).default(4).describe('weeks below the reservation income before owners drop a platform'),
  dropShareOfPointsPerWeek: share.default(0.25).describe('share of a cell\'s under-earning points that drop the platform each week after that'),
  switchPremiumShare: z.number().min(0).max(100).default(0.2).describe('where the multi-homing cap binds, owners switch to a rival paying this much more commission per point'),
  switchShareOfPointsPerWeek: share.default(0).describe('share of the lowest payer\'s points in such a cell that switch each week (0: no switching)'),
});

export const Costs = z.strictObject({
  retailLogisticsCostPerOrderYuan: perTier(nonNegative).describe('warehouse and delivery cost per order in traditional retail, by tier'),
  advantageOverRetail: z.number().min(0.01).max(1000).default(3.5).describe('how many times cheaper group buying is at the reference density (seed: 3–4x, up to 20x for fresh)'),
  referenceOrdersPerPointWeek: positive.default(50).describe('orders per pickup point per week at which the advantage holds'),
  dropCostShareAtReference: share.default(0.5).describe('share of logistics cost per order that is the per-point delivery drop at the reference density'),
  learning: z
    .strictObject({
      progressRatio: z.number().min(0.5).max(1).default(1).describe('variable cost per order × this each time cumulative orders double (1: no learning)'),
      referenceOrders: positive.default(1e8).describe('cumulative orders at which the learning factor is 1'),
      floorShare: share.default(0.5).describe('the learning factor never falls below this'),
    })
    .default({ progressRatio: 1, referenceOrders: 1e8, floorShare: 0.5 })
    .describe('learning curve on the variable logistics cost'),
  warehouse: z
    .strictObject({
      buildCostYuan: money.default(0).describe('one-off cost of a province\'s central and grid warehouses'),
      weeklyCostYuan: money.describe('running cost of a province\'s warehouses per week'),
      variableCostCut: share.describe('share of the variable logistics cost per order saved in a province with warehouses'),
      paybackWeeks: positive.default(52).describe('build when the weekly saving, net of running cost, repays the build cost within this'),
    })
    .optional()
    .describe('province warehouses a player builds once volume justifies them (none when omitted)'),
});

const MoneyAmount = z.strictObject({
  amountYuan: money.optional(),
  amountUsd: money.optional(),
});

export const SubsidyPolicy = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed') }),
    z.strictObject({
      kind: z.literal('aggressive'),
      targetShare: share.describe('raise the subsidy while the GMV share is below this'),
      stepYuan: positive.describe('change per week'),
      maxYuan: nonNegative,
      minRunwayWeeks: nonNegative.default(26).describe('cut the subsidy when runway falls below this'),
    }),
    z.strictObject({
      kind: z.literal('match-leader'),
      premiumYuan: z.number().min(-1000).max(1000).default(0).describe('offset over the share leader\'s subsidy'),
      maxYuan: nonNegative,
      minRunwayWeeks: nonNegative.default(26),
      stepYuan: positive.default(0.5).describe('cut per week when runway is short'),
    }),
    z.strictObject({
      kind: z.literal('profit-seeking'),
      stepYuan: positive,
      minYuan: nonNegative.default(0),
      maxYuan: nonNegative,
    }),
  ])
  .describe('how the subsidy per order moves each week: fixed, aggressive, match-leader or profit-seeking');

export const Fundraising = z.strictObject({
  runwayThresholdWeeks: positive.describe('start a round when runway (cash ÷ weekly burn) falls below this'),
  closeDelayWeeks: z.number().min(0).max(104).default(8).describe('weeks from start to close'),
  baseCloseProbability: share.default(0.6).describe('probability a round closes at investor appetite 1, average growth and share'),
  shareWeight: z.number().min(0).max(100).default(2).describe('close probability × (1 + shareWeight·GMV share)'),
  growthWeight: z.number().min(0).max(100).default(1).describe('close probability × (1 + growthWeight·4-week GMV growth)'),
  appetiteElasticity: z.number().min(0).max(10).default(1).describe('close probability × appetite^elasticity'),
  sizeWeeksOfBurn: positive.default(52).describe('round size in weeks of the current burn, scaled by appetite'),
  marginWeight: z.number().min(0).max(1000).default(0).describe('close probability × e^(marginWeight·contribution margin before subsidies)'),
  trendWeight: z.number().min(0).max(1000).default(0).describe('close probability × e^(trendWeight·change of the contribution margin over the window)'),
  runwayElasticity: z.number().min(0).max(10).default(0).describe('close probability × (runway ÷ threshold)^elasticity: desperate rounds close less'),
  maxDilutionShare: share.default(1).describe('a round raises at most this share of the valuation'),
  minRoundYuan: money.default(0),
  maxRoundYuan: money.default(MAX_MONEY),
  valuationGmvMultiple: nonNegative.default(1).describe('valuation = annualised GMV × this × appetite × e^(marginWeight·margin), capped rounds by maxDilutionShare'),
  retryAfterWeeks: z.number().min(0).max(520).default(8),
  investor: label.default('venture investors'),
});

export const ProvinceRetreat = z.strictObject({
  negativeWeeks: z.number().int().min(1).max(520).describe("straight weeks of negative contribution in a province (provinces.csv's contributionYuan, at the player's own take rate and commission) before withdrawing from it"),
  minWeeksInProvince: z.number().int().min(0).max(520).default(8).describe('weeks a province is given before it can be judged'),
  pointsToRivalsShare: share.default(0).describe('share of the closed points taken over by the strongest rival in each cell'),
  includeHome: z.boolean().default(false).describe('may also withdraw from home provinces'),
});

export const Expansion = z.strictObject({
  targetNewPointsPerWeek: z.number().int().min(0).max(10_000_000).describe('pickup points the player tries to open each week'),
  initialPoints: z.number().int().min(0).max(100_000_000).default(0).describe('points open at entry (placed by the same policy, no recruiting cost)'),
  initialFootprint: z
    .array(z.strictObject({ province: id, points: z.number().int().min(0).max(100_000_000) }))
    .default([])
    .describe('points open at entry by province (placed along the expansion order inside each province), before initialPoints'),
  pointsPerThousandHouseholds: z.number().positive().max(1000).default(5).describe('density the player builds in a cell before moving on'),
  entryPointsPerThousandHouseholds: z
    .number()
    .positive()
    .max(1000)
    .optional()
    .describe('density of the first pass through the expansion order (enter many places thinly, then deepen to pointsPerThousandHouseholds, which must not be below it); defaults to pointsPerThousandHouseholds'),
  maxProvinces: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe('most provinces the player expands into: those of its initialFootprint, then the first of its province order (priority list, homes, neighbours, size); default: no limit'),
  provincePriority: z.array(id).default([]).describe('provinces in order; then home provinces, then neighbours, then the rest by size'),
  tierPriority: z.array(Tier).min(1).default(['village', 'township', 'county', 'city']).describe('tiers in the order the player fills them'),
  maxRecruitingShareOfCash: share.default(0.05).describe('largest share of cash spent on recruiting in one week'),
});

export const Player = z.strictObject({
  id,
  name: label,
  kind: z.enum(['startup', 'unit']).default('startup').describe('an independent startup, or a unit of a parent company'),
  parent: id.optional().describe('id of the parent company in `parents` (units)'),
  homeProvinces: z.array(id).default([]),
  entryDate: IsoDate.optional().describe('defaults to the scenario start'),
  cashYuan: money.optional(),
  cashUsd: money.optional(),
  takeRate: share.describe('gross margin kept on GMV at small scale'),
  takeRateMax: share.optional().describe('gross margin reached with procurement scale (defaults to takeRate: no scale effect)'),
  procurementHalfScaleGmvYuanPerWeek: positive.default(1e8).describe('weekly GMV at which half of the gain to takeRateMax is reached'),
  commissionPolicy: z
    .strictObject({
      minRate: share.describe('lowest commission share the player pays'),
      maxRate: share.describe('highest commission share the player pays'),
      stepRate: positive.max(1).default(0.005).describe('change per week'),
      dropAlarmShare: share.default(0.01).describe('raise the commission when more than this share of points dropped last week'),
    })
    .optional()
    .describe('commission as a decision: up while owners leave, down while the player loses money (fixed when omitted)'),
  commissionRate: share.describe('share of GMV paid to pickup-point owners'),
  priceIndex: z.number().min(0.01).max(10).default(1).describe('list price relative to the reference basket (≥ 0.01: orders are GMV ÷ price)'),
  subsidyPerOrderYuan: nonNegative.default(0),
  assortment: z.number().min(0).max(100).default(1).describe('assortment index (1 = typical)'),
  brand: z.number().min(-50).max(50).default(0).describe('brand utility'),
  recruitCostYuanPerPoint: nonNegative.default(0),
  fixedCostYuanPerProvinceWeek: nonNegative.default(0).describe('warehousing and staff per active province'),
  headquartersCostYuanPerWeek: nonNegative.default(0),
  headquartersFixedShare: share
    .default(1)
    .describe('share of the headquarters cost that stays when the player serves fewer provinces than at its peak; the rest scales with provinces served ÷ peak (1: the whole headquarters is fixed)'),
  fixedCostYuanPerThousandPointsWeek: nonNegative.default(0).describe('field staff and systems per 1,000 pickup points'),
  managementPenaltyOutsideHome: z
    .number()
    .min(0)
    .max(10)
    .default(0)
    .describe('outside home provinces: extra share of logistics and province costs, expansion slowed by 1/(1 + penalty), service utility lowered'),
  expansion: Expansion,
  subsidyPolicy: SubsidyPolicy.default({ kind: 'fixed' }),
  fundraising: Fundraising.optional().describe('endogenous rounds when runway runs short (none when omitted)'),
  provinceRetreat: ProvinceRetreat.optional().describe('withdraw from provinces that keep losing money (never when omitted)'),
});

const EventBase = {
  id: id.optional().describe('names the event, so a scenario that extends this one can change it (same id) or drop it (id and drop: true)'),
  date: IsoDate,
  player: id.describe('id of the player concerned'),
  note: prose.default(''),
};

export const FundingEvent = z.strictObject({
  kind: z.enum(['funding-round', 'investment']).describe('a scheduled round, or a strategic investment'),
  ...EventBase,
  ...MoneyAmount.shape,
  investor: label.default('unnamed investors'),
});

export const AcquisitionEvent = z.strictObject({
  kind: z.literal('acquisition'),
  ...EventBase,
  acquirer: id.describe('id of the buying player'),
  priceYuan: money.optional(),
  priceUsd: money.optional(),
  pointsTransferShare: share.describe('share of the target\'s pickup points the buyer keeps'),
  adoptersTransferShare: share.describe('share of the target\'s customers the buyer keeps; the rest stop group buying'),
});

const RegulationBase = {
  date: IsoDate,
  note: prose.default(''),
  appetiteMultiplier: z.number().min(0).max(3).default(1).describe('investor appetite is multiplied by this'),
};

export const SubsidyCapEvent = z.strictObject({
  kind: z.literal('subsidy-cap'),
  ...RegulationBase,
  maxSubsidyPerOrderYuan: nonNegative.describe('ban on below-cost pricing: no subsidy per order above this from the date on'),
  players: z.array(id).default([]).describe('players concerned (all when empty)'),
});

export const FineEvent = z.strictObject({
  kind: z.literal('fine'),
  ...RegulationBase,
  player: id,
  amountYuan: money,
});

export const SuspensionEvent = z.strictObject({
  kind: z.literal('suspension'),
  ...RegulationBase,
  player: id,
  province: id,
  weeks: z.number().int().min(1).max(520).describe('no orders and no new points in the province for this long'),
});

export const AppetiteShockEvent = z.strictObject({
  kind: z.literal('appetite-shock'),
  ...RegulationBase,
});

export const BelowCostBanEvent = z.strictObject({
  kind: z.literal('below-cost-ban'),
  ...RegulationBase,
  players: z.array(id).default([]).describe('players concerned (all when empty)'),
});

export const ParentShockEvent = z.strictObject({
  kind: z.literal('parent-shock'),
  ...RegulationBase,
  parent: id.describe('id of the parent company hit (a fine, an investigation)'),
  budgetMultiplier: z.number().min(0).max(10).default(1).describe('what is left of its budget for units is multiplied by this'),
  toleranceMultiplier: z.number().min(0).max(10).default(1).describe('its loss tolerance is multiplied by this'),
  discountRateAdd: z.number().min(0).max(5).default(0).describe('added to its yearly discount rate (less patience)'),
  strategicValueMultiplier: z
    .number()
    .min(0)
    .max(10)
    .default(1)
    .describe("its value per yuan of its units' GMV to its other businesses (strategicValueShareOfGmv) is multiplied by this: a refocus on its core business"),
});

export const ScenarioEvent = z.discriminatedUnion('kind', [
  FundingEvent,
  AcquisitionEvent,
  SubsidyCapEvent,
  FineEvent,
  SuspensionEvent,
  AppetiteShockEvent,
  BelowCostBanEvent,
  ParentShockEvent,
]);

/** A scenario path (as `--set` writes it) whose value is uncertain. */
const factorPath = z.string().min(1).describe('scenario path of a number, as --set writes it (players.red.cashYuan, demand.bass.qPerWeek)');
const finite = z.number().min(-1e15).max(1e15);
const integer = z.boolean().optional().describe('round each drawn value to the nearest whole number (needed for a path that takes whole numbers)');

/**
 * One uncertain parameter: a path and the distribution of its value. Sensitivity analysis,
 * 2nd-order Monte Carlo and calibration (the prior) read these; a single run ignores them.
 */
export const Factor = z.discriminatedUnion('distribution', [
  z.strictObject({ path: factorPath, distribution: z.literal('uniform'), low: finite, high: finite, integer }),
  z.strictObject({ path: factorPath, distribution: z.literal('log-uniform'), low: z.number().positive().max(1e15), high: z.number().positive().max(1e15), integer }),
  z.strictObject({ path: factorPath, distribution: z.literal('triangular'), low: finite, mode: finite, high: finite, integer }),
  z.strictObject({
    path: factorPath,
    distribution: z.literal('normal'),
    mean: finite,
    sd: z.number().positive().max(1e15),
    low: finite.optional().describe('truncation below (default: none)'),
    high: finite.optional().describe('truncation above (default: none)'),
    integer,
  }),
  z.strictObject({
    path: factorPath,
    distribution: z.literal('beta'),
    alpha: z.number().positive().max(1e4),
    beta: z.number().positive().max(1e4),
    low: finite.default(0).describe('the value at 0 (Beta on [low, high])'),
    high: finite.default(1).describe('the value at 1'),
    integer,
  }),
  z.strictObject({
    path: factorPath,
    distribution: z.literal('discrete'),
    values: z.array(finite).min(1).max(1000),
    weights: z.array(z.number().min(0).max(1e12)).optional().describe('relative weights (default: equal), one per value'),
  }),
]);
export type Factor = z.infer<typeof Factor>;

/**
 * One parameter the explorer (`gbsim explore`) shows as a slider: a `--set`-style path to a number
 * or an ISO date in this scenario, and its range. Dates move in whole weeks.
 */
export const ExploreItem = z.strictObject({
  path: z.string().min(1).max(200).describe('where the value lives, as for --set: players.red.cashYuan, events[2].date'),
  label: label.optional().describe('what the slider is called (default: the path)'),
  min: z.union([z.number(), IsoDate]).describe('lowest value (a number, or a date for a date field)'),
  max: z.union([z.number(), IsoDate]).describe('highest value'),
  step: positive.optional().describe('slider step for numbers (default: a hundredth of the range)'),
});

export const Scenario = z.strictObject({
  $schema: z.string().optional().describe('path of the JSON Schema, for editors'),
  extends: z
    .string()
    .min(1)
    .optional()
    .describe('scenario file this one overrides (resolved relative to this file): mappings merge key by key, lists of items with ids merge by id, other lists and values replace'),
  name: label,
  description: prose.default(''),
  startDate: IsoDate,
  horizonWeeks: z.number().int().min(1).max(1040),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  yuanPerUsd: z.number().positive().max(1000).default(6.5).describe('exchange rate used for every ...Usd amount'),
  survivalShareThreshold: share.default(0).describe('an active player below this final GMV share does not count as a survivor'),
  geography: Geography,
  demand: Demand,
  network: Network.default({
    multiHomingCap: 2,
    reservationIncomeYuanPerWeek: 0,
    dropAfterWeeks: 4,
    dropShareOfPointsPerWeek: 0.25,
    switchPremiumShare: 0.2,
    switchShareOfPointsPerWeek: 0,
  }),
  costs: Costs,
  capital: Capital.default({
    initialInvestorAppetite: 1,
    longRunInvestorAppetite: 1,
    appetiteReversionPerWeek: 0.02,
    appetiteGrowthSensitivity: 0.5,
    bankruptcyAppetiteHit: 0.05,
    bankruptcyGraceWeeks: 0,
    exitAppetiteHit: 0,
    sectorLossSensitivity: 0,
  }),
  parents: z.array(Parent).default([]),
  players: z.array(Player).min(1).max(200),
  events: z.array(ScenarioEvent).default([]),
  uncertainty: z.array(Factor).max(64).optional().describe('uncertain parameters for gbsim sensitivity, mc --uncertainty and calibrate'),

  explore: z
    .array(ExploreItem)
    .max(40)
    .optional()
    .describe('parameters the explorer shows as sliders (default: cash, subsidies, density benefit, logistics advantage, multi-homing cap, a regulation date)'),
});

/** A scenario as written (defaults not yet applied). */
export type ScenarioInput = z.input<typeof Scenario>;
/** A validated scenario with every default filled in. */
export type Scenario = z.infer<typeof Scenario>;
export type PlayerSpec = z.infer<typeof Player>;
export type ScenarioEventSpec = z.infer<typeof ScenarioEvent>;
export type ParentSpec = z.infer<typeof Parent>;
export type ExploreItemSpec = z.infer<typeof ExploreItem>;
