/**
 * Invariants every run must keep, as checkers that return their violations (empty: none), so a
 * test shows every problem at once and can feed a checker corrupted data to see it fail.
 *
 *   checkRunInvariants(result, params)  the weekly tables and outcome of a RunResult
 *   checkMarketState(market)            a live market's network and adopters after a clearing
 *   checkCellChoice(market)             the week's GMV against the per-cell logit shares
 *   runCheckingEachWeek(params, seed)   steps a Market week by week through the last two
 */
import { Market } from '../../sim/model/market.js';
import { buildGeography } from '../../sim/model/geography.js';
import { logitShares, seasonMultiplier } from '../../sim/model/demand.js';
import type { MarketParams } from '../../sim/model/params.js';
import type { PlayerState } from '../../sim/model/players.js';
import {
  CASH_FLOWS,
  MARKET_COLUMNS,
  PLAYER_COLUMNS,
  STATUS_CODE,
  type PlayerColumn,
  type RunResult,
  type WeeklyTables,
} from '../../sim/model/results.js';

const OPERATING = new Set<number>([STATUS_CODE.active, STATUS_CODE.retreating]);
const GONE = new Set<number>([STATUS_CODE.exited, STATUS_CODE.acquired]);
const OUTFLOWS = CASH_FLOWS.filter((flow) => flow.sign < 0).map((flow) => flow.column);
/** Columns that are 0 for a player that does not trade in a week (pending, or gone). */
const IDLE_ZERO: PlayerColumn[] = ['pickupPoints', 'newPoints', 'droppedPoints', 'pointsWonFromRivals', 'pointsLostToRivals', 'cells', 'provinces', 'adopters', 'orders', 'gmvYuan', 'share', 'revenueYuan'];
/** Outflows of running a business: 0 before entry and after leaving (fines and purchases are dated events). */
const OPERATING_OUTFLOWS: PlayerColumn[] = ['logisticsYuan', 'commissionYuan', 'subsidyYuan', 'recruitingYuan', 'fixedYuan', 'managementPenaltyYuan'];
const COUNT_COLUMNS: PlayerColumn[] = ['pickupPoints', 'newPoints', 'droppedPoints', 'pointsWonFromRivals', 'pointsLostToRivals', 'cells', 'provinces'];
/** Events that move points or customers outside the weekly openings, drops and switches. */
const RESHAPING_EVENTS = new Set(['province-retreat', 'acquisition', 'suspension', 'suspension-lifted']);
/** The log entry of each way to leave the market. */
const EXIT_EVENT: Record<string, string> = {
  bankruptcy: 'bankruptcy',
  'parent-cut-off': 'parent-cut-off',
  'parent-loss-limit': 'parent-loss-limit',
  'wind-down': 'wind-down',
  acquired: 'acquisition',
};

/**
 * The week an event at `day` falls in: ⌊day/7⌋ + 1 (a clearing day is the next week's first day).
 * Events of a weekly cycle itself (bankruptcy, cut-off, retreat, ...) are dated on its clearing day
 * and belong to the week it clears: `EventRecord.week` says which.
 */
export function weekOfDay(day: number): number {
  return Math.floor(day / 7) + 1;
}

/** |a − b| within `relative` of the larger magnitude (or 1e-9 absolute near zero). */
export function close(a: number, b: number, relative = 1e-9): boolean {
  return Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b)) + 1e-9;
}

/** Checks a RunResult's weekly tables and outcome against its parameters. */
export function checkRunInvariants(result: RunResult, params: MarketParams): string[] {
  const tables = result.weekly;
  if (!tables) return ['the result has no weekly tables (run with record: true)'];
  const violations: string[] = [];
  const report = (text: string) => violations.length < 200 && violations.push(text);
  checkFinite(tables, report);
  checkCash(tables, params, report);
  for (const e of result.events) {
    if (e.week !== weekOfDay(e.day) && !(e.day % 7 === 0 && e.week === e.day / 7)) report(`event ${e.kind} on day ${e.day} says week ${e.week}`);
  }
  const reshaped = new Set(result.events.filter((e) => RESHAPING_EVENTS.has(e.kind)).map((e) => e.week));
  checkPlayerWeeks(tables, params, reshaped, report);
  checkMarketWeeks(tables, params, reshaped, report);
  checkOutcome(result, tables, params, report);
  checkRetreats(result, report);
  return violations;
}

/**
 * A player withdraws from a province once (it never returns). A withdrawal may close no points: the
 * review judges the week's province totals, and the last owners there may have left that week.
 */
function checkRetreats(result: RunResult, report: Report): void {
  const seen = new Set<string>();
  for (const e of result.events) {
    if (e.kind !== 'province-retreat') continue;
    const match = /withdraws from (.+): \d+ pickup points close/.exec(e.text);
    if (!match) {
      report(`week ${e.week} ${e.player}: province-retreat event without its province and points: ${e.text}`);
      continue;
    }
    const key = `${e.player} ${match[1]}`;
    if (seen.has(key)) report(`week ${e.week} ${e.player}: withdraws from ${match[1]} again`);
    seen.add(key);
  }
}

type Report = (text: string) => void;

function checkFinite(tables: WeeklyTables, report: Report): void {
  for (const column of PLAYER_COLUMNS) {
    tables.player[column].forEach((value, k) => {
      if (!Number.isFinite(value)) report(`week ${Math.floor(k / tables.players) + 1} player ${k % tables.players}: ${column} is ${value}`);
    });
  }
  for (const column of MARKET_COLUMNS) {
    tables.market[column].forEach((value, w) => {
      if (!Number.isFinite(value)) report(`week ${w + 1} market: ${column} is ${value}`);
    });
  }
}

/** cash_w = cash_{w−1} + Σ sign·flow, in `CASH_FLOWS` order, exactly; net flow is that sum. */
function checkCash(tables: WeeklyTables, params: MarketParams, report: Report): void {
  const t = tables.player;
  params.players.forEach((player, j) => {
    let cash = player.cashYuan;
    for (let w = 1; w <= tables.weeks; w++) {
      const k = (w - 1) * tables.players + j;
      let net = 0;
      for (const { column, sign } of CASH_FLOWS) {
        const flow = t[column][k]!;
        if (flow < 0) report(`week ${w} ${player.id}: ${column} is negative (${flow})`);
        cash += sign * flow;
        net += sign * flow;
      }
      if (cash !== t.cashYuan[k]) report(`week ${w} ${player.id}: cash ${t.cashYuan[k]} ≠ previous cash + Σ flows = ${cash} (off by ${t.cashYuan[k]! - cash})`);
      if (!close(net, t.netFlowYuan[k]!)) report(`week ${w} ${player.id}: netFlowYuan ${t.netFlowYuan[k]} ≠ Σ sign·flow = ${net}`);
      cash = t.cashYuan[k]!;
    }
  });
}

/** Whether player j trades in week w: operating at the week's end, or leaving in that week. */
function trades(tables: WeeklyTables, w: number, j: number): boolean {
  const status = tables.status[(w - 1) * tables.players + j]!;
  if (OPERATING.has(status)) return true;
  if (!GONE.has(status)) return false;
  return w === 1 || !GONE.has(tables.status[(w - 2) * tables.players + j]!);
}

function checkPlayerWeeks(tables: WeeklyTables, params: MarketParams, reshaped: Set<number>, report: Report): void {
  const geography = buildGeography(params.geography, params.cells);
  const shops = geography.candidateShops.reduce((a, b) => a + b, 0);
  const t = tables.player;
  const P = tables.players;
  params.players.forEach((player, j) => {
    for (let w = 1; w <= tables.weeks; w++) {
      const k = (w - 1) * P + j;
      const status = tables.status[k]!;
      const previous = w > 1 ? tables.status[k - P]! : STATUS_CODE.pending;
      const id = `week ${w} ${player.id}`;
      if (GONE.has(previous) && status !== previous) report(`${id}: status ${status} after leaving with status ${previous}`);
      if (OPERATING.has(previous) && status === STATUS_CODE.pending) report(`${id}: pending again after operating`);
      for (const column of COUNT_COLUMNS) {
        const value = t[column][k]!;
        if (value < 0 || !Number.isInteger(value)) report(`${id}: ${column} = ${value} is not a count`);
      }
      for (const column of ['adopters', 'orders', 'gmvYuan', 'runwayWeeks'] as const) {
        if (t[column][k]! < 0) report(`${id}: ${column} is negative (${t[column][k]})`);
      }
      if (t.share[k]! < 0 || t.share[k]! > 1) report(`${id}: share ${t.share[k]} outside [0, 1]`);
      if (t.pickupPoints[k]! > shops) report(`${id}: ${t.pickupPoints[k]} pickup points, more than the ${shops} candidate shops`);
      if (t.cells[k]! > geography.cellCount) report(`${id}: in ${t.cells[k]} cells of ${geography.cellCount}`);
      if (t.provinces[k]! > geography.provinceIds.length) report(`${id}: in ${t.provinces[k]} provinces of ${geography.provinceIds.length}`);
      if (!trades(tables, w, j)) {
        for (const column of [...IDLE_ZERO, ...OPERATING_OUTFLOWS]) if (t[column][k] !== 0) report(`${id}: not trading (status ${status}) but ${column} = ${t[column][k]}`);
      }
      if (GONE.has(status) && GONE.has(previous)) {
        for (const column of ['fundingYuan', ...OUTFLOWS] as const) if (t[column][k] !== 0) report(`${id}: gone (status ${status}) but ${column} = ${t[column][k]}`);
      }
      if (OPERATING.has(status) && !close(t.subsidyYuan[k]!, t.orders[k]! * t.subsidyPerOrderYuan[k]!)) {
        report(`${id}: subsidy ${t.subsidyYuan[k]} ≠ orders × subsidy per order = ${t.orders[k]! * t.subsidyPerOrderYuan[k]!}`);
      }
      // Points carried over: last week's points, less its drops, plus its switches, plus this
      // week's openings (unless a retreat, acquisition or suspension reshaped the network).
      if (w > 1 && OPERATING.has(previous) && OPERATING.has(status) && !reshaped.has(w - 1) && !reshaped.has(w)) {
        const carried = t.pickupPoints[k - P]! - t.droppedPoints[k - P]! + t.pointsWonFromRivals[k - P]! - t.pointsLostToRivals[k - P]! + t.newPoints[k]!;
        if (t.pickupPoints[k] !== carried) report(`${id}: ${t.pickupPoints[k]} points, but last week's ${t.pickupPoints[k - P]} − dropped + switched + ${t.newPoints[k]} new = ${carried}`);
      }
    }
  });
}

function checkMarketWeeks(tables: WeeklyTables, params: MarketParams, reshaped: Set<number>, report: Report): void {
  const geography = buildGeography(params.geography, params.cells);
  const reachable = geography.reachableHouseholds.reduce((a, b) => a + b, 0);
  const shops = geography.candidateShops.reduce((a, b) => a + b, 0);
  const t = tables.player;
  const m = tables.market;
  const P = tables.players;
  const { basePerWeek, perYuanSubsidyCut, poorServicePerWeek, noServicePerWeek } = params.demand.lapse;
  const lapses = basePerWeek + perYuanSubsidyCut + poorServicePerWeek + noServicePerWeek > 0;
  for (let w = 1; w <= tables.weeks; w++) {
    const rows = Array.from({ length: P }, (_, j) => (w - 1) * P + j);
    const sum = (column: PlayerColumn) => rows.reduce((s, k) => s + t[column][k]!, 0);
    const id = `week ${w} market`;
    const gmv = m.gmvYuan[w - 1]!;
    for (const column of ['gmvYuan', 'orders', 'pickupPoints'] as const) {
      if (!close(m[column][w - 1]!, sum(column), 1e-12)) report(`${id}: ${column} ${m[column][w - 1]} ≠ Σ players ${sum(column)}`);
    }
    const shareSum = sum('share');
    if (gmv > 0 && Math.abs(shareSum - 1) > 1e-9) report(`${id}: shares sum to ${shareSum}, not 1`);
    if (gmv === 0 && shareSum !== 0) report(`${id}: no GMV but shares sum to ${shareSum}`);
    for (const k of rows) {
      if (gmv > 0 && Math.abs(t.share[k]! - t.gmvYuan[k]! / gmv) > 1e-12) report(`${id}: player ${k % P} share ${t.share[k]} ≠ its GMV share ${t.gmvYuan[k]! / gmv}`);
    }
    const shares = rows.map((k) => t.share[k]!);
    const hhi = shares.reduce((s, x) => s + (100 * x) ** 2, 0);
    if (!close(m.hhi[w - 1]!, hhi)) report(`${id}: HHI ${m.hhi[w - 1]} ≠ Σ (100·share)² = ${hhi}`);
    const cr3 = [...shares].sort((a, b) => b - a).slice(0, 3).reduce((s, x) => s + x, 0);
    if (!close(m.cr3[w - 1]!, cr3)) report(`${id}: CR3 ${m.cr3[w - 1]} ≠ ${cr3}`);
    const active = rows.filter((k) => OPERATING.has(tables.status[k]!)).length;
    if (m.activePlayers[w - 1] !== active) report(`${id}: ${m.activePlayers[w - 1]} active players, statuses say ${active}`);
    const adopters = m.adopters[w - 1]!;
    if (adopters > reachable * (1 + 1e-12)) report(`${id}: ${adopters} adopters, more than ${reachable} reachable households`);
    // (An acquisition removes customers after the clearing that counted the players' adopters.)
    if (!reshaped.has(w) && sum('adopters') > adopters * (1 + 1e-12) + 1e-9) report(`${id}: players' adopters ${sum('adopters')} exceed the market's ${adopters}`);
    // Without lapses only an acquisition makes adopters leave group buying; otherwise the Bass curve only rises.
    if (w > 1 && !lapses && !reshaped.has(w) && adopters < m.adopters[w - 2]!) report(`${id}: adopters fell from ${m.adopters[w - 2]} to ${adopters}`);
    if (m.pickupPoints[w - 1]! > params.network.multiHomingCap * shops) report(`${id}: ${m.pickupPoints[w - 1]} points exceed multi-homing cap × shops`);
  }
}

function checkOutcome(result: RunResult, tables: WeeklyTables, params: MarketParams, report: Report): void {
  const last = (tables.weeks - 1) * tables.players;
  const survivors: string[] = [];
  result.players.forEach((outcome, j) => {
    const id = `outcome ${outcome.id}`;
    const status = tables.status[last + j]!;
    if (STATUS_CODE[outcome.status] !== status) report(`${id}: status ${outcome.status}, last week's code ${status}`);
    if (outcome.cashYuan !== tables.player.cashYuan[last + j]) report(`${id}: cash ${outcome.cashYuan} ≠ last week's ${tables.player.cashYuan[last + j]}`);
    if (outcome.finalShare !== tables.player.share[last + j]) report(`${id}: final share ${outcome.finalShare} ≠ last week's ${tables.player.share[last + j]}`);
    const operating = outcome.status === 'active' || outcome.status === 'retreating';
    if (operating && outcome.finalShare >= params.survivalShareThreshold) survivors.push(outcome.id);
    if (!operating && outcome.pickupPoints !== 0) report(`${id}: ${outcome.status} with ${outcome.pickupPoints} pickup points`);
    if (outcome.status === 'exited' || outcome.status === 'acquired') {
      const w = outcome.exitWeek;
      if (w === null) {
        report(`${id}: ${outcome.status} without an exit week`);
        return;
      }
      if (tables.status[(w - 1) * tables.players + j] !== status) report(`${id}: exit week ${w} but status there is ${tables.status[(w - 1) * tables.players + j]}`);
      if (w > 1 && GONE.has(tables.status[(w - 2) * tables.players + j]!)) report(`${id}: already gone before its exit week ${w}`);
      const kind = EXIT_EVENT[outcome.exitReason ?? ''];
      if (kind === undefined) report(`${id}: ${outcome.status} with exit reason ${outcome.exitReason}`);
      const logged = result.events.some((e) => e.player === outcome.id && e.kind === kind && e.week === w);
      if (!logged) report(`${id}: no "${kind}" event in its exit week ${w}`);
    } else if (outcome.exitWeek !== null) {
      report(`${id}: ${outcome.status} but has exit week ${outcome.exitWeek}`);
    }
  });
  if (result.survivors.join() !== survivors.join()) report(`outcome: survivors [${result.survivors}] ≠ operating players at or above the threshold [${survivors}]`);
  // The shakeout: the first week with at most k operating players after a week with more.
  const active = Array.from(tables.market.activePlayers);
  const firstShakeout = active.findIndex((n, w) => n <= result.shakeoutK && active.slice(0, w).some((m) => m > result.shakeoutK));
  const shakeoutWeek = firstShakeout < 0 ? null : firstShakeout + 1;
  if (result.shakeoutWeek !== shakeoutWeek) report(`outcome: shakeout week ${result.shakeoutWeek}, active players say ${shakeoutWeek}`);
}

/** Checks a live market's network and adopters (call between clearings). */
export function checkMarketState(market: Market): string[] {
  const violations: string[] = [];
  const { geography, network } = market;
  const P = network.players;
  const at = `day ${market.kernel.now}`;
  for (let c = 0; c < geography.cellCount; c++) {
    const shops = geography.candidateShops[c]!;
    let total = 0;
    for (let j = 0; j < P; j++) {
      const points = network.points[c * P + j]!;
      total += points;
      if (points < 0 || points > shops) violations.push(`${at} cell ${c} player ${j}: ${points} points, ${shops} candidate shops`);
      if (points > 0 !== network.attraction[c * P + j]! > 0 && geography.households[c]! > 0) {
        violations.push(`${at} cell ${c} player ${j}: ${points} points but attraction ${network.attraction[c * P + j]}`);
      }
      if (points > 0 && !isOperating(market.players[j]!)) violations.push(`${at} cell ${c}: ${market.players[j]!.status} player ${j} keeps ${points} points`);
    }
    if (total > network.multiHomingCap * shops) violations.push(`${at} cell ${c}: ${total} points exceed ${network.multiHomingCap} × ${shops} shops`);
    if (total !== network.cellPoints[c]) violations.push(`${at} cell ${c}: cellPoints ${network.cellPoints[c]} ≠ Σ points ${total}`);
    const adopters = market.adopters[c]!;
    const reachable = geography.reachableHouseholds[c]!;
    if (!(adopters >= 0 && adopters <= reachable)) violations.push(`${at} cell ${c}: ${adopters} adopters of ${reachable} reachable households`);
  }
  return violations;
}

function isOperating(player: PlayerState): boolean {
  return player.status === 'active' || player.status === 'retreating';
}

/**
 * Utility of player j in cell c (MODEL.md §3): brand (with its shock) + β_assortment·assortment
 * − β_price·(net price − outside price) + β_density·ln(1 + points per 1,000 households).
 */
export function cellUtility(market: Market, c: number, j: number): number {
  const { logit, basketYuan, outsidePriceIndex } = market.params.demand;
  const player = market.players[j]!;
  const p = player.params;
  const netPriceYuan = basketYuan * p.priceIndex - player.subsidyPerOrderYuan;
  const points = market.network.points[c * market.network.players + j]!;
  return (
    p.brand +
    player.brandShock +
    logit.betaAssortment * p.assortment -
    logit.betaPricePerYuan * (netPriceYuan - basketYuan * outsidePriceIndex) +
    logit.betaDensity * Math.log(1 + (1000 * points) / market.geography.households[c]!)
  );
}

/**
 * Right after week w clears (no points dropped and nobody left that week, so the network is the
 * one that cleared): in every cell the platforms' logit shares and the outside option's sum to
 * one, and each player's GMV is Σ_c adopters_c · spend per adopter_c · season · share_cj.
 */
export function checkCellChoice(market: Market, w: number): string[] {
  const violations: string[] = [];
  const { geography, network, players } = market;
  const P = network.players;
  const season = seasonMultiplier(market.params.demand.seasons, 7 * w - 3.5);
  const expected = new Float64Array(P);
  for (let c = 0; c < geography.cellCount; c++) {
    const province = geography.cellProvince[c]!;
    const present = players.map((player, j) => isOperating(player) && network.points[c * P + j]! > 0 && player.suspended[province] === 0);
    if (!present.some(Boolean)) continue;
    const utilities = players.map((_, j) => (present[j] ? cellUtility(market, c, j) : -Infinity));
    const shares = logitShares(utilities);
    const outside = 1 / (1 + utilities.reduce((s, v) => s + Math.exp(v), 0));
    const total = shares.reduce((a, b) => a + b, 0) + outside;
    if (Math.abs(total - 1) > 1e-12) violations.push(`week ${w} cell ${c}: platform shares + outside option = ${total}`);
    if (shares.some((s) => !(s >= 0 && s <= 1))) violations.push(`week ${w} cell ${c}: shares ${shares}`);
    const spend = market.adopters[c]! * geography.spendYuanPerAdopterWeek[c]! * season;
    shares.forEach((share, j) => (expected[j] = expected[j]! + spend * share));
  }
  const gmv = market.tables!.player.gmvYuan;
  for (let j = 0; j < P; j++) {
    const actual = gmv[(w - 1) * P + j]!;
    if (!close(actual, expected[j]!, 1e-9)) violations.push(`week ${w} player ${j}: GMV ${actual}, logit shares give ${expected[j]}`);
  }
  return violations;
}

/**
 * Runs a market week by week (the kernel runs in segments), checking its state after every
 * clearing and the logit identity in every week where the cleared network is still intact.
 * Returns the violations and the market (its tables are the run's weekly tables).
 */
export function runCheckingEachWeek(params: MarketParams, seed: number, replication = 0): { violations: string[]; market: Market; choiceWeeksChecked: number } {
  const market = new Market(params, { seed, replication, record: true });
  const violations: string[] = [];
  const P = params.players.length;
  let choiceWeeksChecked = 0;
  for (let w = 1; w <= market.weeks; w++) {
    const gone = market.players.map((p) => !isOperating(p) && p.status !== 'pending');
    market.kernel.runUntil(7 * w);
    violations.push(...checkMarketState(market));
    const t = market.tables!.player;
    const k = (w - 1) * P;
    const unchanged = (j: number) => t.droppedPoints[k + j] === 0 && t.pointsWonFromRivals[k + j] === 0 && t.pointsLostToRivals[k + j] === 0;
    const intact =
      market.players.every((p, j) => (isOperating(p) || p.status === 'pending' || gone[j]) && unchanged(j)) &&
      !market.events.some((e) => e.day === 7 * w && (RESHAPING_EVENTS.has(e.kind) || e.kind === 'entry'));
    if (intact) {
      violations.push(...checkCellChoice(market, w));
      choiceWeeksChecked++;
    }
    if (violations.length > 200) break;
  }
  return { violations, market, choiceWeeksChecked };
}
