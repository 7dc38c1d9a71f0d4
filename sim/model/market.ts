/**
 * The market, a thin driver: it builds the run's state (`createMarketState`, `state.ts`) and the
 * narrow context the phase functions take (params, geography, state, now, log, schedule), puts the
 * scenario's dated events on the event kernel, and runs the weekly cycle as a sequence of phase
 * calls. It holds no model state of its own, and it is the only model module that sees the kernel.
 *
 * Time runs in days. The week convention, once for the whole model and its outputs: week w covers
 * days [7(w−1), 7w), its row is dated on its first day (day 7(w−1)), and it clears at day 7w
 * *before* any event dated that day, which belongs to week w + 1 (`PRIORITY.weeklyCycle` is the
 * lowest). An event on day d therefore shows in the row of week ⌊d/7⌋ + 1, and `EventRecord.week`
 * says so. Irregular events (entries, funding, regulation, acquisitions, round closes, ...) fire
 * at their own times; at the same time by priority (lower first), then in scheduling order.
 *
 * The weekly cycle, in this order (each step a phase function of the context or of its parts):
 *   1. decisions, players in scenario order: brand shock, take rate and commission, subsidy
 *      policy (then the regulator's cap or below-cost rule), expansion (recruiting paid)
 *                                                    — economics.ts `decide`, policies.ts
 *   2. clearing, cell by cell: lapse, adoption, choice, orders, logistics, owners
 *                                                    — clearing.ts `clearCells`, choice.ts
 *   3. accounts: revenue, commissions, subsidies, logistics, fixed costs, management penalty;
 *      warehouses built or closed; the week's summary — economics.ts `settleAccounts`,
 *      `reviewWarehouses`, `summariseWeek`
 *   4. province reviews (retreat), value of staying (shrink or exit), parents' reviews (hard
 *      limits, top-ups), acquisitions of distressed players
 *                        — retreat.ts `reviewProvinces`, staying.ts `reviewStaying`,
 *                          capital.ts `reviewUnit`, `considerAcquisitions`
 *   5. cash: rebuilt from the week's opening cash plus the week's flows in `CASH_FLOWS` order
 *                                                    — economics.ts `bookCash`
 *   6. solvency (bankruptcy after the grace period), new funding rounds
 *                                                    — capital.ts `checkSolvency`, `considerRound`
 *   7. records: weekly rows (a player that left during the week shows no points, orders or
 *      share in it), market concentration — records.ts `recordWeek`; then investor appetite
 *      moves (capital.ts `updateAppetite`) and the week's flows and figures start afresh.
 * Dated events: entries (lifecycle.ts `enter`), funding and investments (capital.ts
 * `applyFunding`), acquisitions (`applyAcquisition`), regulation and shocks (regulation.ts).
 */
import { Calendar, Kernel } from '../kernel/index.js';
import { applyAcquisition, applyFunding, checkSolvency, considerAcquisitions, considerRound, reviewUnit, updateAppetite } from './capital.js';
import { clearCells } from './clearing.js';
import { logisticsRates } from './costs.js';
import { bookCash, decide, reviewWarehouses, settleAccounts, summariseWeek } from './economics.js';
import { buildGeography, type Geography } from './geography.js';
import { enter } from './lifecycle.js';
import type { MarketEvent, MarketParams } from './params.js';
import { emptyFigures, emptyFlows, isOperating, operatingFlow, runwayAt, type PlayerState } from './players.js';
import { recordWeek } from './records.js';
import { applyRegulation } from './regulation.js';
import { RUNWAY_NOT_BURNING } from './results.js';
import { reviewProvinces } from './retreat.js';
import { reviewStaying } from './staying.js';
import { PRIORITY, createMarketState, weekOfNow, type MarketContext, type MarketState, type StateOptions } from './state.js';

export { PRIORITY };
export { NonFiniteStateError } from './records.js';

export interface MarketOptions extends StateOptions {
  /** A geography already built for these parameters (shared across replications). */
  geography?: Geography;
}

export class Market {
  readonly kernel = new Kernel();
  readonly calendar: Calendar;
  readonly geography: Geography;
  /** Everything the run changes (see `MarketState`). */
  readonly state: MarketState;
  /** What the phase functions are given. */
  readonly context: MarketContext;

  constructor(readonly params: MarketParams, readonly options: MarketOptions) {
    this.calendar = new Calendar(params.startDate);
    this.geography = options.geography ?? buildGeography(params.geography, params.cells);
    const state = createMarketState(params, this.geography, options);
    this.state = state;
    const kernel = this.kernel;
    const calendar = this.calendar;
    this.context = {
      params,
      geography: this.geography,
      rates: logisticsRates(params.costs),
      state,
      now: () => kernel.now,
      log: (kind, player, amountYuan, text, counterparty = '') => {
        const day = kernel.now;
        state.events.push({ day, week: weekOfNow(state), date: calendar.dateOf(day), kind, player: player?.params.id ?? '', counterparty, amountYuan, text });
      },
      schedule: (delayDays, handler, priority) => kernel.schedule(delayDays, () => state.finished || handler(), priority),
    };
    this.scheduleScenario();
  }

  /** Runs the market to the end of its horizon (or of `options.weeks`). */
  run(): void {
    this.kernel.runUntil(7 * this.state.weeks);
  }

  // ----- read-only views of the state, for callers that step a market from outside ----------------

  get weeks(): number {
    return this.state.weeks;
  }
  /** Weeks cleared so far. */
  get week(): number {
    return this.state.week;
  }
  get players(): PlayerState[] {
    return this.state.players;
  }
  get parents(): MarketState['parents'] {
    return this.state.parents;
  }
  get network(): MarketState['network'] {
    return this.state.network;
  }
  get adopters(): Float64Array {
    return this.state.adopters;
  }
  get choice(): MarketState['choice'] {
    return this.state.choice;
  }
  get events(): MarketState['events'] {
    return this.state.events;
  }
  get tables(): MarketState['tables'] {
    return this.state.tables;
  }
  get investorAppetite(): number {
    return this.state.investorAppetite;
  }
  get lastShares(): number[] {
    return this.state.lastShares;
  }
  get activeByWeek(): number[] {
    return this.state.activeByWeek;
  }

  // ----- scheduled events ------------------------------------------------------------------------

  private scheduleScenario(): void {
    const ctx = this.context;
    const horizonDay = 7 * this.state.weeks;
    for (const player of this.state.players) {
      const day = Math.max(0, player.params.entryDay);
      if (day < horizonDay) this.kernel.scheduleAt(day, () => enter(ctx, player), PRIORITY.entry);
    }
    for (const event of this.params.events) {
      if (event.day < 0 || event.day >= horizonDay) continue;
      this.kernel.scheduleAt(event.day, () => apply(ctx, event), priorityOf(event));
    }
    if (this.state.weeks > 0) this.kernel.scheduleAt(7, () => this.weeklyCycle(), PRIORITY.weeklyCycle);
  }

  // ----- the weekly cycle ------------------------------------------------------------------------

  private weeklyCycle(): void {
    const ctx = this.context;
    const { params, state } = ctx;
    const players = state.players;
    state.week++;
    state.inCycle = true;
    const operating = () => players.filter(isOperating);
    // 1. decisions
    for (const player of operating()) decide(ctx, player);
    // 2. clearing
    clearCells(ctx);
    // 3. accounts and warehouses
    const windowWeeks = params.capital.staying?.windowWeeks ?? 8;
    for (const player of operating()) {
      settleAccounts(player, state.scratch);
      reviewWarehouses(ctx, player);
      summariseWeek(params.costs, player, windowWeeks);
    }
    // 4. reviews: provinces, value of staying, parents, acquisitions
    for (const player of operating()) reviewProvinces(ctx, player);
    reviewStaying(ctx);
    for (const player of operating()) reviewUnit(ctx, player);
    considerAcquisitions(ctx, (player) => runwayAt(player.cashYuan + operatingFlow(player.flows), operatingFlow(player.flows), RUNWAY_NOT_BURNING));
    // 5. cash
    for (const player of players) bookCash(state.openingCash, player);
    // 6. solvency, rounds (appetite moves after the records)
    for (const player of players) checkSolvency(ctx, player);
    for (const player of operating()) considerRound(ctx, player, runwayAt(player.cashYuan, player.lastOperatingFlowYuan, RUNWAY_NOT_BURNING));
    // 7. records, then investor appetite
    recordWeek(params, state);
    updateAppetite(params.capital, state);
    for (const player of players) {
      player.lastFigures = player.figures;
      player.flows = emptyFlows();
      player.figures = emptyFigures();
    }
    state.inCycle = false;
    if (state.week < state.weeks) this.kernel.schedule(7, () => this.weeklyCycle(), PRIORITY.weeklyCycle);
    else state.finished = true;
  }
}

/** A dated event of the scenario. */
function apply(ctx: MarketContext, event: MarketEvent): void {
  switch (event.kind) {
    case 'funding-round':
    case 'investment':
      applyFunding(ctx, event);
      return;
    case 'acquisition':
      applyAcquisition(ctx, event);
      return;
    default:
      applyRegulation(ctx, event);
  }
}

function priorityOf(event: MarketEvent): number {
  switch (event.kind) {
    case 'funding-round':
    case 'investment':
      return PRIORITY.capital;
    case 'acquisition':
      return PRIORITY.corporate;
    default:
      return PRIORITY.regulation;
  }
}
