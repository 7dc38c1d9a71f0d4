/**
 * The model's parameter types. The scenario schema (`sim/scenario/schema.ts`) is the single
 * definition of every field; the model takes those shapes as types only (no zod at run time) and
 * normalises what a file says in human units: dates become simulation days, USD becomes yuan,
 * references by id become indices. `toMarketParams` (in `sim/scenario/`) builds this.
 */
import type { Scenario, ParentSpec, PlayerSpec, Tier } from '../scenario/schema.js';

export type { Tier };
export const TIER_INDEX: Record<Tier, number> = { city: 0, county: 1, township: 2, village: 3 };
export const TIER_NAMES: readonly Tier[] = ['city', 'county', 'township', 'village'];

export type GeographySpec = Scenario['geography'];
export type DemandSpec = Scenario['demand'];
export type NetworkParams = Scenario['network'];
export type CostParams = Scenario['costs'];
export type CapitalParams = Scenario['capital'];
export type SubsidyPolicyParams = PlayerSpec['subsidyPolicy'];
export type FundraisingParams = NonNullable<PlayerSpec['fundraising']>;

/** One cell of a loaded geography (from a CSV). */
export interface CellRow {
  id: string;
  province: string;
  tier: Tier;
  households: number;
  spendYuanPerHouseholdWeek: number;
  groupBuyShareOfSpend: number;
  reachableHouseholdShare: number;
  candidateShops: number;
}

/** A seasonal period in simulation days, [fromDay, toDay] inclusive. */
export interface SeasonParams {
  name: string;
  fromDay: number;
  toDay: number;
  spendMultiplier: number;
}

export interface DemandParams extends Omit<DemandSpec, 'seasonality'> {
  seasons: SeasonParams[];
}

/** A player with money in yuan, dates in simulation days, its parent as an index (-1: none). */
export interface PlayerParams extends Omit<PlayerSpec, 'cashYuan' | 'cashUsd' | 'entryDate' | 'parent'> {
  cashYuan: number;
  entryDay: number;
  parent: number;
}

/** A parent company that funds its units from a budget, in yuan. */
export interface ParentParams extends Omit<ParentSpec, 'budgetYuan' | 'budgetUsd'> {
  budgetYuan: number;
}

interface Dated {
  day: number;
  note: string;
}

/** A scheduled event in simulation days, money in yuan, players and provinces as indices. */
export type MarketEvent =
  | (Dated & { kind: 'funding-round' | 'investment'; player: number; amountYuan: number; investor: string })
  | (Dated & {
      kind: 'acquisition';
      player: number;
      acquirer: number;
      priceYuan: number;
      pointsTransferShare: number;
      adoptersTransferShare: number;
    })
  | (Dated & { kind: 'subsidy-cap'; maxSubsidyPerOrderYuan: number; players: number[]; appetiteMultiplier: number })
  | (Dated & { kind: 'fine'; player: number; amountYuan: number; appetiteMultiplier: number })
  | (Dated & { kind: 'suspension'; player: number; province: number; weeks: number; appetiteMultiplier: number })
  | (Dated & { kind: 'appetite-shock'; appetiteMultiplier: number })
  | (Dated & { kind: 'below-cost-ban'; players: number[]; appetiteMultiplier: number })
  | (Dated & {
      kind: 'parent-shock';
      parent: number;
      budgetMultiplier: number;
      toleranceMultiplier: number;
      discountRateAdd: number;
      strategicValueMultiplier: number;
      appetiteMultiplier: number;
    });

/** Every kind of scheduled event, a closed union. */
export type MarketEventKind = MarketEvent['kind'];

export interface MarketParams {
  name: string;
  startDate: string;
  horizonWeeks: number;
  survivalShareThreshold: number;
  geography: GeographySpec;
  /** Cells loaded from `geography.cellsCsv`, when the scenario names one. */
  cells?: CellRow[];
  demand: DemandParams;
  network: NetworkParams;
  costs: CostParams;
  capital: CapitalParams;
  parents: ParentParams[];
  players: PlayerParams[];
  events: MarketEvent[];
}
