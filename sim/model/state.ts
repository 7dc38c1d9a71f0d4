/**
 * The model's state in plain sight: everything a run changes, in one `MarketState`, and the narrow
 * `MarketContext` the phase functions are given.
 *
 * What is *not* here does not change during a run: the parameters (`MarketParams`), the geography
 * and the logistics rates derived from the parameters. Players' own state (status, cash, prices,
 * footprint bookkeeping, the week's flows and figures, their random streams) is `PlayerState`
 * (`players.ts`), held in `MarketState.players`.
 *
 * Phase modules (clearing, economics, policies, capital, staying, retreat, regulation, lifecycle,
 * records) take a `MarketContext` or the parts of it they use; none of them sees the event kernel:
 * time comes in as `now()`, and the future as `schedule(delay, handler, priority)`. `market.ts` (the
 * driver) is the only module that builds a context from the kernel.
 */
import { RandomStream } from '../random/index.js';
import { createChoiceWeights, type ChoiceWeights } from './choice.js';
import { createScratch, type ClearingScratch } from './clearing.js';
import type { LogisticsRates } from './costs.js';
import type { Geography } from './geography.js';
import { createNetwork, type Network } from './network.js';
import type { MarketParams } from './params.js';
import { createPlayerState, type PlayerState } from './players.js';
import { createWeeklyTables, type EventKind, type EventRecord, type WeeklyTables } from './results.js';

/** Same-time order of events: lower first (the weekly cycle runs before any event of its day). */
export const PRIORITY = { weeklyCycle: 0, entry: 1, capital: 2, regulation: 3, corporate: 4 } as const;

/** The market's own random streams (each player has its own in `PlayerState.streams`). */
export interface MarketStreams {
  /** Bass adoption draws, cell by cell in clearing. */
  readonly adoption: RandomStream;
  /** Lapse draws of small cells in clearing. */
  readonly lapse: RandomStream;
  /** Whether a distressed player is bought this week (endogenous acquisitions). */
  readonly acquisition: RandomStream;
}

/** A parent company's state (its rules are `ParentParams`). */
export interface ParentState {
  /** What is left of its budget for its units, yuan (a shock can cut it). */
  budgetLeftYuan: number;
  /** What it has put into its units so far, yuan. */
  spentYuan: number;
  /** Loss tolerance per unit, yuan (a shock can lower it). */
  toleranceYuan: number;
  /** Added to the yearly discount rate of its units' value of staying (a shock can raise it). */
  discountRateAdd: number;
  /** Value to its other businesses per yuan of its units' GMV (`strategicValueShareOfGmv`). */
  strategicShareOfGmv: number;
}

/** Everything a run changes. Arrays are mutated in place; scalars are reassigned by the phases. */
export interface MarketState {
  /** Weeks this run clears (the scenario's horizon, or fewer); fixed at creation. */
  readonly weeks: number;
  /** The players in scenario order (index j everywhere): see `PlayerState`. */
  readonly players: PlayerState[];
  /** The parents in scenario order: budget left, money spent, loss tolerance, added impatience. */
  readonly parents: ParentState[];
  /** Pickup points per (cell, player), their cached attraction and the owners' low-income weeks. */
  readonly network: Network;
  /** Adopters per cell: households that buy through group buying (fractional in expectation mode). */
  readonly adopters: Float64Array;
  /** Per cell: moving average of the best subsidy adopters have had (what they got used to). */
  readonly subsidyHabit: Float64Array;
  /** Per cell: 1 once some platform has served it (its habitual group buyers adopt then, `adoptedShareAtFirstService`). */
  readonly served: Uint8Array;
  /** Offer weights of the logit, refreshed by each clearing and before each acquisition. */
  readonly choice: ChoiceWeights;
  /**
   * The last clearing's totals by (province, player) — points, GMV, orders, logistics — read by
   * accounts, warehouses, province reviews, shrinking and the records; and clearing's reusable buffers.
   */
  readonly scratch: ClearingScratch;
  /** Market-level random streams. */
  readonly streams: MarketStreams;
  /** Investor appetite (1 = neutral), moved weekly and by exits and regulation; in [0.05, 3]. */
  investorAppetite: number;
  /** Weeks cleared so far (during the weekly cycle: the week being cleared). */
  week: number;
  /** True while the weekly cycle runs (exits and events then belong to the week being cleared). */
  inCycle: boolean;
  /** True once the last week has cleared: events scheduled after that (at the same time) do nothing. */
  finished: boolean;
  /** Market GMV of the last cleared weeks, oldest first (at most 5). */
  readonly gmvHistory: number[];
  /** GMV shares of the last cleared week, by player (empty before the first clearing). */
  lastShares: number[];
  /** Operating players at the end of each cleared week. */
  readonly activeByWeek: number[];
  /** Each player's cash at the end of the last cleared week (the next week's opening cash). */
  readonly openingCash: Float64Array;
  /** The event log, in the order things happened. */
  readonly events: EventRecord[];
  /** Weekly tables (null when the run keeps the outcome only, as Monte Carlo does). */
  readonly tables: WeeklyTables | null;
}

export interface StateOptions {
  seed: number;
  replication: number;
  /** Keep weekly tables (false: outcome only, for Monte Carlo). */
  record: boolean;
  /** Weeks to run (defaults to the scenario's horizon, never more). */
  weeks?: number;
}

/** The state at day 0, before anyone enters: players pending, no points, no adopters. */
export function createMarketState(params: MarketParams, geography: Geography, options: StateOptions): MarketState {
  const P = params.players.length;
  const provinces = geography.provinceIds.length;
  const players = params.players.map((p, j) => createPlayerState(j, p, geography, options.seed, options.replication));
  const weeks = Math.min(options.weeks ?? params.horizonWeeks, params.horizonWeeks);
  const stream = (purpose: 'adoption' | 'acquisition' | 'lapse') =>
    RandomStream.of({ seed: options.seed, replication: options.replication, owner: 'market', purpose });
  const choice = createChoiceWeights(params.demand, players, provinces);
  return {
    weeks,
    players,
    parents: params.parents.map((p) => ({ budgetLeftYuan: p.budgetYuan, spentYuan: 0, toleranceYuan: p.lossToleranceYuan, discountRateAdd: 0, strategicShareOfGmv: p.strategicValueShareOfGmv })),
    network: createNetwork(geography, P, params.network.multiHomingCap, params.demand.logit.betaDensity),
    adopters: new Float64Array(geography.cellCount),
    subsidyHabit: new Float64Array(geography.cellCount),
    served: new Uint8Array(geography.cellCount),
    choice,
    scratch: createScratch(P, provinces, choice),
    streams: { adoption: stream('adoption'), acquisition: stream('acquisition'), lapse: stream('lapse') },
    investorAppetite: params.capital.initialInvestorAppetite,
    week: 0,
    inCycle: false,
    finished: false,
    gmvHistory: [],
    lastShares: [],
    activeByWeek: [],
    openingCash: Float64Array.from(params.players, (p) => p.cashYuan),
    events: [],
    tables: options.record ? createWeeklyTables(weeks, P, provinces) : null,
  };
}

/** The week whose row shows what happens now (see the week convention in `market.ts`). */
export function weekOfNow(state: MarketState): number {
  return state.inCycle ? state.week : state.week + 1;
}

/** What a phase function may see and do: the run's constants, its state, the time, the log and the future. */
export interface MarketContext {
  readonly params: MarketParams;
  readonly geography: Geography;
  /** Logistics cost rates by tier, derived once from `params.costs`. */
  readonly rates: LogisticsRates;
  readonly state: MarketState;
  /** The current time, in days since the start date. */
  now(): number;
  /** Appends an event, dated now, to `state.events`. */
  log(kind: EventKind, player: PlayerState | null, amountYuan: number | null, text: string, counterparty?: string): void;
  /**
   * Runs `handler` `delayDays` from now at `priority` (see `PRIORITY`). It does nothing if it falls
   * after the last week's clearing (e.g. a round closing at the horizon), so the last records are
   * the final state.
   */
  schedule(delayDays: number, handler: () => void, priority: number): void;
}
