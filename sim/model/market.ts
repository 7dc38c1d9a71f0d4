/**
 * The market: wires geography, players, network, demand, costs, capital and regulation on the
 * event kernel.
 *
 * Time runs in days. The week convention, once for the whole model and its outputs: week w covers
 * days [7(w−1), 7w), its row is dated on its first day (day 7(w−1)), and it clears at day 7w
 * *before* any event dated that day, which belongs to week w + 1 (`PRIORITY.weeklyCycle` is the
 * lowest). An event on day d therefore shows in the row of week ⌊d/7⌋ + 1, and `EventRecord.week`
 * says so. Irregular events (entries, funding, regulation, acquisitions, round closes, ...) fire
 * at their own times; at the same time by priority (lower first), then in scheduling order.
 *
 * The weekly cycle, in this order:
 *   1. decisions, players in scenario order: brand shock, take rate and commission, subsidy
 *      policy (then the regulator's cap or below-cost rule), expansion (recruiting paid)
 *                                                          — economics.ts, policies.ts
 *   2. clearing, cell by cell: lapse, adoption, choice, orders, logistics, owners — clearing.ts
 *   3. accounts: revenue, commissions, subsidies, logistics, fixed costs, management penalty;
 *      warehouses built or closed                                          — economics.ts
 *   4. province reviews (retreat), value of staying (shrink or exit), parents' reviews (hard
 *      limits, top-ups), acquisitions of distressed players — retreat.ts, staying.ts, capital.ts
 *   5. cash: rebuilt from the week's opening cash plus the week's flows in `CASH_FLOWS` order
 *   6. solvency (bankruptcy after the grace period), new funding rounds, investor appetite
 *   7. records: weekly rows (a player that left during the week shows no points, orders or
 *      share in it), market concentration
 */
import { Calendar, Kernel } from '../kernel/index.js';
import { RandomStream } from '../random/index.js';
import { acquire, checkSolvency, clampAppetite, considerAcquisitions, considerRound, reviewUnit, updateAppetite, type ParentState } from './capital.js';
import { createChoiceWeights, type ChoiceWeights } from './choice.js';
import { clearCells, createScratch, type ClearingScratch } from './clearing.js';
import { contribution, decidePrices, reviewWarehouses, settleAccounts, summariseWeek } from './economics.js';
import { logisticsRates, type LogisticsRates } from './costs.js';
import { buildGeography, type Geography } from './geography.js';
import { concentrationRatio, herfindahl } from './metrics.js';
import { closeAllPoints, createNetwork, openPoints, setPoints, type Network } from './network.js';
import type { MarketEvent, MarketParams } from './params.js';
import { createPlayerState, emptyFigures, emptyFlows, isOperating, operatingFlow, runwayAt, type PlayerState, type WeekFigures } from './players.js';
import { updateSubsidy } from './policies.js';
import { applyRegulation } from './regulation.js';
import {
  CASH_FLOWS,
  RUNWAY_NOT_BURNING,
  STATUS_CODE,
  createWeeklyTables,
  type EventKind,
  type EventRecord,
  type PlayerStatus,
  type WeeklyTables,
} from './results.js';
import { reviewProvinces } from './retreat.js';
import { reviewStaying } from './staying.js';

/** Same-time order of events: lower first. */
export const PRIORITY = { weeklyCycle: 0, entry: 1, capital: 2, regulation: 3, corporate: 4 } as const;

export interface MarketOptions {
  seed: number;
  replication: number;
  /** Keep weekly tables (false: outcome only, for Monte Carlo). */
  record: boolean;
  /** Weeks to run (defaults to the scenario's horizon). */
  weeks?: number;
  /** A geography already built for these parameters (shared across replications). */
  geography?: Geography;
}

/** Raised when the model's state stops being finite: names the player, week and quantity. */
export class NonFiniteStateError extends Error {
  constructor(readonly player: string, readonly week: number, readonly quantity: string, readonly value: number) {
    super(`model state became non-finite: ${quantity} of player "${player}" in week ${week} is ${value}`);
  }
}

export class Market {
  readonly kernel = new Kernel();
  readonly priority = PRIORITY;
  readonly calendar: Calendar;
  readonly geography: Geography;
  readonly network: Network;
  readonly players: PlayerState[];
  readonly parents: ParentState[];
  readonly adopters: Float64Array;
  readonly events: EventRecord[] = [];
  readonly weeks: number;
  readonly tables: WeeklyTables | null;
  readonly rates: LogisticsRates;
  readonly adoptionStream: RandomStream;
  readonly acquisitionStream: RandomStream;
  readonly lapseStream: RandomStream;
  /** Per cell: moving average of the best subsidy adopters have had (what they got used to). */
  readonly subsidyHabit: Float64Array;
  /** Offer weights of the logit, refreshed weekly. */
  readonly choice: ChoiceWeights;
  /** True while the weekly cycle runs (exits then belong to the week being cleared). */
  private inCycle = false;
  investorAppetite: number;
  /** Weeks cleared so far. */
  week = 0;
  /** True once the last week has cleared: events scheduled after that (at the same time) do nothing. */
  finished = false;
  /** Market GMV of the last cleared weeks, oldest first (at most 5). */
  readonly gmvHistory: number[] = [];
  /** GMV shares of the last cleared week. */
  lastShares: number[] = [];
  /** Operating players at the end of each cleared week. */
  readonly activeByWeek: number[] = [];
  private readonly scratch: ClearingScratch;
  /** Each player's cash at the end of the last cleared week (the next week's opening cash). */
  private readonly openingCash: Float64Array;

  constructor(readonly params: MarketParams, readonly options: MarketOptions) {
    this.calendar = new Calendar(params.startDate);
    this.geography = options.geography ?? buildGeography(params.geography, params.cells);
    const P = params.players.length;
    this.network = createNetwork(this.geography, P, params.network.multiHomingCap, params.demand.logit.betaDensity);
    this.players = params.players.map((p, j) => createPlayerState(j, p, this.geography, options.seed, options.replication));
    this.parents = params.parents.map((p) => ({ budgetLeftYuan: p.budgetYuan, spentYuan: 0, toleranceYuan: p.lossToleranceYuan, discountRateAdd: 0 }));
    this.adopters = new Float64Array(this.geography.cellCount);
    this.weeks = Math.min(options.weeks ?? params.horizonWeeks, params.horizonWeeks);
    this.tables = options.record ? createWeeklyTables(this.weeks, P, this.geography.provinceIds.length) : null;
    this.rates = logisticsRates(params.costs);
    const stream = (purpose: 'adoption' | 'acquisition' | 'lapse') =>
      RandomStream.of({ seed: options.seed, replication: options.replication, owner: 'market', purpose });
    this.adoptionStream = stream('adoption');
    this.acquisitionStream = stream('acquisition');
    this.lapseStream = stream('lapse');
    this.subsidyHabit = new Float64Array(this.geography.cellCount);
    this.investorAppetite = params.capital.initialInvestorAppetite;
    this.openingCash = Float64Array.from(params.players, (p) => p.cashYuan);
    this.choice = createChoiceWeights(this);
    this.scratch = createScratch(this, this.choice);
    this.scheduleScenario();
  }

  /** Runs the market to the end of its horizon (or of `options.weeks`). */
  run(): void {
    this.kernel.runUntil(7 * this.weeks);
  }

  // ----- scheduled events ------------------------------------------------------------------------

  private scheduleScenario(): void {
    const horizonDay = 7 * this.weeks;
    for (const player of this.players) {
      const day = Math.max(0, player.params.entryDay);
      if (day < horizonDay) this.kernel.scheduleAt(day, () => this.enter(player), PRIORITY.entry);
    }
    for (const event of this.params.events) {
      if (event.day < 0 || event.day >= horizonDay) continue;
      this.kernel.scheduleAt(event.day, () => this.apply(event), priorityOf(event));
    }
    if (this.weeks > 0) this.kernel.scheduleAt(7, () => this.weeklyCycle(), PRIORITY.weeklyCycle);
  }

  private apply(event: MarketEvent): void {
    switch (event.kind) {
      case 'funding-round':
      case 'investment': {
        const player = this.players[event.player]!;
        const text = `${event.kind} by ${event.investor}${event.note ? `: ${event.note}` : ''}`;
        if (player.status === 'exited' || player.status === 'acquired') {
          this.log(`${event.kind}-void`, player, null, `${text} not made: ${player.params.name} is ${player.status}`, event.investor);
        } else {
          this.receiveFunding(player, event.amountYuan, event.kind, text, event.investor);
        }
        return;
      }
      case 'acquisition': {
        const buyer = this.players[event.acquirer]!;
        const target = this.players[event.player]!;
        if (buyer.status !== 'active' && buyer.status !== 'retreating') {
          this.log('acquisition-void', target, null, `${buyer.params.name} cannot buy ${target.params.name}: the buyer is ${buyer.status}`, buyer.params.id);
        } else if (target.status === 'exited' || target.status === 'acquired') {
          this.log('acquisition-void', target, null, `${buyer.params.name} cannot buy ${target.params.name}: it is ${target.status}`, buyer.params.id);
        } else {
          acquire(this, buyer, target, event);
        }
        return;
      }
      default:
        applyRegulation(this, event);
    }
  }

  /**
   * Schedules a model event `delayDays` from now. It does nothing if it falls after the last
   * week's clearing (e.g. a round closing at the horizon, scheduled by that very clearing), so the
   * last records are the final state.
   */
  later(delayDays: number, handler: () => void, priority: number): void {
    this.kernel.schedule(delayDays, () => this.finished || handler(), priority);
  }

  /** Adds money to a player's cash now and to the week's funding flow. */
  receiveFunding(player: PlayerState, amountYuan: number, kind: 'funding-round' | 'investment' | 'parent-funding', text: string, counterparty = ''): void {
    player.cashYuan += amountYuan;
    player.flows.fundingYuan += amountYuan;
    this.log(kind, player, amountYuan, text, counterparty);
  }

  private enter(player: PlayerState): void {
    if (player.status !== 'pending') return;
    player.status = 'active';
    player.entryDay = this.kernel.now;
    const expansion = player.params.expansion;
    let placed = 0;
    const provinces = this.geography.provinceIds;
    for (const { province, points } of expansion.initialFootprint) {
      const target = provinces.indexOf(province);
      const only = Uint8Array.from(provinces, (_, i) => (i === target ? player.blockedProvince[i]! : 1));
      placed += openPoints(this.network, this.geography, player.index, player.cursor, points, expansion.pointsPerThousandHouseholds, only, 0);
      player.cursor.position = 0;
    }
    if (expansion.initialPoints > 0) {
      placed += openPoints(this.network, this.geography, player.index, player.cursor, expansion.initialPoints, expansion.pointsPerThousandHouseholds, player.blockedProvince, 0);
    }
    if (placed > 0) {
      player.cursor.idleUntilWeek = 0;
      this.seedAdopters(player.index);
    }
    this.log('entry', player, null, `${player.params.name} enters${placed > 0 ? ` with ${placed} pickup points` : ''}`);
  }

  /** Cells where player j has points start with the scenario's initial adopted share. */
  private seedAdopters(j: number): void {
    const share = this.params.demand.initialAdoptedShare;
    if (share <= 0) return;
    const { points, players } = this.network;
    for (let c = 0; c < this.geography.cellCount; c++) {
      if (points[c * players + j]! > 0) {
        this.adopters[c] = Math.max(this.adopters[c]!, Math.floor(share * this.geography.reachableHouseholds[c]!));
      }
    }
  }

  /** Takes a player out of the market: its points close and it stops trading and spending. */
  exitPlayer(player: PlayerState, status: PlayerStatus, kind: EventKind, text: string, amountYuan: number | null = null, counterparty = ''): void {
    closeAllPoints(this.network, this.geography, player.index);
    player.status = status;
    player.roundPending = false;
    player.exitDay = this.kernel.now;
    player.exitWeek = this.weekOfNow();
    this.log(kind, player, amountYuan, text, counterparty);
  }

  /** The week whose row shows what happens now (see the week convention above). */
  weekOfNow(): number {
    return this.inCycle ? this.week : this.week + 1;
  }

  /** Multiplies investor appetite by (1 − hit). */
  coolAppetite(hit: number): void {
    this.investorAppetite = clampAppetite(this.investorAppetite * (1 - hit));
  }

  /** Under-earning owners leave: each drops the platform with probability `dropShareOfPointsPerWeek`. */
  dropPoints(c: number, j: number, count: number): void {
    const player = this.players[j]!;
    const dropped = player.streams.owners.binomial(count, this.params.network.dropShareOfPointsPerWeek);
    if (dropped === 0) return;
    const k = c * this.network.players + j;
    const weeksLow = this.network.lowIncomeWeeks[k]!;
    setPoints(this.network, this.geography, c, j, count - dropped);
    if (count - dropped > 0) this.network.lowIncomeWeeks[k] = weeksLow;
    player.figures.droppedPoints += dropped;
  }

  log(kind: EventKind, player: PlayerState | null, amountYuan: number | null, text: string, counterparty = ''): void {
    const day = this.kernel.now;
    this.events.push({ day, week: this.weekOfNow(), date: this.calendar.dateOf(day), kind, player: player?.params.id ?? '', counterparty, amountYuan, text });
  }

  // ----- the weekly cycle ------------------------------------------------------------------------

  private weeklyCycle(): void {
    this.week++;
    this.inCycle = true;
    const operating = () => this.players.filter(isOperating);
    for (const player of operating()) this.decide(player);
    clearCells(this, this.scratch);
    const windowWeeks = this.params.capital.staying?.windowWeeks ?? 8;
    for (const player of operating()) {
      settleAccounts(this, player, this.scratch);
      reviewWarehouses(this, player, this.scratch);
      summariseWeek(this, player, windowWeeks);
    }
    for (const player of operating()) reviewProvinces(this, player, this.scratch);
    reviewStaying(this, this.scratch);
    for (const player of operating()) reviewUnit(this, player);
    considerAcquisitions(this, (player) => runwayAt(player.cashYuan + operatingFlow(player.flows), operatingFlow(player.flows), RUNWAY_NOT_BURNING));
    for (const player of this.players) this.bookCash(player);
    for (const player of this.players) checkSolvency(this, player);
    for (const player of operating()) considerRound(this, player, runwayAt(player.cashYuan, player.lastOperatingFlowYuan, RUNWAY_NOT_BURNING));
    this.record();
    updateAppetite(this);
    for (const player of this.players) {
      player.lastFigures = player.figures;
      player.flows = emptyFlows();
      player.figures = emptyFigures();
    }
    this.inCycle = false;
    if (this.week < this.weeks) this.kernel.schedule(7, () => this.weeklyCycle(), PRIORITY.weeklyCycle);
    else this.finished = true;
  }

  private decide(player: PlayerState): void {
    const demand = this.params.demand;
    if (demand.brandShockSdPerWeek > 0) {
      player.brandShock = (1 - demand.brandShockReversionPerWeek) * player.brandShock + player.streams.brand.normal(0, demand.brandShockSdPerWeek);
    }
    decidePrices(player);
    updateSubsidy(this, player, runwayAt(player.cashYuan, player.lastOperatingFlowYuan, RUNWAY_NOT_BURNING));
    const p = player.params;
    const expansion = p.expansion;
    const cost = p.recruitCostYuanPerPoint;
    let budget = expansion.targetNewPointsPerWeek;
    if (cost > 0) budget = Math.min(budget, Math.floor((expansion.maxRecruitingShareOfCash * Math.max(0, player.cashYuan)) / cost));
    const away = p.homeProvinces.length > 0 && p.managementPenaltyOutsideHome > 0 ? { home: player.home, costFactor: 1 + p.managementPenaltyOutsideHome } : null;
    const opened = openPoints(this.network, this.geography, player.index, player.cursor, budget, expansion.pointsPerThousandHouseholds, player.blockedProvince, this.week, away);
    player.figures.newPoints += opened;
    player.flows.recruitingYuan += opened * cost;
  }

  /**
   * Books the week's flows. Money that moved at event time (funding, fines, acquisitions)
   * already changed cash; cash is rebuilt from the week's opening cash in `CASH_FLOWS` order,
   * which makes cash = opening + Σ sign·flow exact.
   */
  private bookCash(player: PlayerState): void {
    const flows = player.flows as unknown as Record<string, number>;
    let cash = this.openingCash[player.index]!;
    for (const { column, sign } of CASH_FLOWS) cash += sign * flows[column]!;
    player.cashYuan = cash;
    this.openingCash[player.index] = cash;
    player.lastOperatingFlowYuan = operatingFlow(player.flows);
  }

  private record(): void {
    for (const player of this.players) if (!isOperating(player)) clearOperatingFigures(player.figures);
    let totalGmv = 0;
    for (const player of this.players) totalGmv += player.figures.gmvYuan;
    const shares = this.players.map((p) => (totalGmv > 0 ? p.figures.gmvYuan / totalGmv : 0));
    let active = 0;
    for (const player of this.players) {
      if (isOperating(player)) active++;
      player.sharePrevious = player.shareLast;
      player.shareLast = shares[player.index]!;
      player.gmvHistory.push(player.figures.gmvYuan);
      if (player.gmvHistory.length > 5) player.gmvHistory.shift();
      this.checkFinite(player);
    }
    this.gmvHistory.push(totalGmv);
    if (this.gmvHistory.length > 5) this.gmvHistory.shift();
    this.lastShares = shares;
    this.activeByWeek.push(active);
    if (this.tables) this.writeRows(this.tables, shares, totalGmv, active);
  }

  /** Each operating player's footprint and contribution by province (see `WeeklyTables.province`). */
  private writeProvinceRows(tables: WeeklyTables, w: number): void {
    const P = this.network.players;
    const provinces = this.geography.provinceIds.length;
    const s = this.scratch;
    const t = tables.province;
    const warehouseCost = this.params.costs.warehouse?.weeklyCostYuan ?? 0;
    for (const player of this.players) {
      if (!isOperating(player)) continue;
      const j = player.index;
      const p = player.params;
      for (let province = 0; province < provinces; province++) {
        const k = province * P + j;
        if (s.provincePoints[k]! === 0) continue;
        const row = (w * provinces + province) * P + j;
        const penalty = player.home[province] ? 1 : 1 + p.managementPenaltyOutsideHome;
        t.pickupPoints[row] = s.provincePoints[k]!;
        t.orders[row] = s.provinceOrders[k]!;
        t.gmvYuan[row] = s.provinceGmv[k]!;
        t.contributionYuan[row] =
          s.provinceGmv[k]! * (player.takeRate - player.commissionRate) +
          s.provinceOrders[k]! * (player.surchargeYuan - player.subsidyPerOrderYuan) -
          penalty * (s.provinceLogistics[k]! + p.fixedCostYuanPerProvinceWeek) -
          (player.warehouse[province] ? warehouseCost : 0);
      }
    }
  }

  private checkFinite(player: PlayerState): void {
    const check = (quantity: string, value: number) => {
      if (!Number.isFinite(value)) throw new NonFiniteStateError(player.params.id, this.week, quantity, value);
    };
    const figures = player.figures as unknown as Record<string, number>;
    const flows = player.flows as unknown as Record<string, number>;
    for (const quantity in figures) check(quantity, figures[quantity]!);
    for (const quantity in flows) check(quantity, flows[quantity]!);
    check('cashYuan', player.cashYuan);
  }

  private writeRows(tables: WeeklyTables, shares: number[], totalGmv: number, active: number): void {
    const P = this.network.players;
    const w = this.week - 1;
    const t = tables.player;
    for (const player of this.players) {
      const k = w * P + player.index;
      const f = player.figures;
      t.pickupPoints[k] = f.pickupPoints;
      t.newPoints[k] = f.newPoints;
      t.droppedPoints[k] = f.droppedPoints;
      t.pointsWonFromRivals[k] = f.pointsWonFromRivals;
      t.pointsLostToRivals[k] = f.pointsLostToRivals;
      t.cells[k] = f.cells;
      t.provinces[k] = f.provinces;
      t.adopters[k] = f.adopters;
      t.orders[k] = f.orders;
      t.gmvYuan[k] = f.gmvYuan;
      t.share[k] = shares[player.index]!;
      t.subsidyPerOrderYuan[k] = isOperating(player) || f.orders > 0 ? player.subsidyPerOrderYuan : 0;
      for (const { column } of CASH_FLOWS) t[column][k] = (player.flows as unknown as Record<string, number>)[column]!;
      t.netFlowYuan[k] = CASH_FLOWS.reduce((sum, { column, sign }) => sum + sign * t[column][k]!, 0);
      t.cashYuan[k] = player.cashYuan;
      t.takeRate[k] = isOperating(player) ? player.takeRate : 0;
      t.commissionRate[k] = isOperating(player) ? player.commissionRate : 0;
      t.logisticsPerOrderYuan[k] = f.orders > 0 ? player.flows.logisticsYuan / f.orders : 0;
      t.contributionYuan[k] = contribution(player);
      t.contributionMargin[k] = f.gmvYuan > 0 ? t.contributionYuan[k]! / f.gmvYuan : 0;
      t.operatingProfitYuan[k] = operatingFlow(player.flows);
      t.warehouses[k] = f.warehouses;
      t.valueOfStayingYuan[k] = isOperating(player) && Number.isFinite(player.valueOfStayingYuan) ? player.valueOfStayingYuan : 0;
      t.runwayWeeks[k] = isOperating(player) ? runwayAt(player.cashYuan, player.lastOperatingFlowYuan, RUNWAY_NOT_BURNING) : 0;
      tables.status[k] = STATUS_CODE[player.status];
    }
    this.writeProvinceRows(tables, w);
    const m = tables.market;
    m.gmvYuan[w] = totalGmv;
    m.orders[w] = this.players.reduce((s, p) => s + p.figures.orders, 0);
    m.adopters[w] = this.adopters.reduce((s, a) => s + a, 0);
    m.pickupPoints[w] = this.players.reduce((s, p) => s + p.figures.pickupPoints, 0);
    m.hhi[w] = herfindahl(shares);
    m.cr3[w] = concentrationRatio(shares, 3);
    m.activePlayers[w] = active;
    m.investorAppetite[w] = this.investorAppetite;
  }
}

/** A player that left during the week keeps its flows but shows no points, orders or share. */
function clearOperatingFigures(figures: WeekFigures): void {
  figures.pickupPoints = 0;
  figures.cells = 0;
  figures.provinces = 0;
  figures.adopters = 0;
  figures.orders = 0;
  figures.gmvYuan = 0;
  figures.warehouses = 0;
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
