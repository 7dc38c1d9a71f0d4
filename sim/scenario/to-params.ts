/**
 * scenario (validated file contents) → MarketParams (what the model runs on): dates become
 * simulation days, USD becomes yuan at the scenario's rate, references by id become indices
 * (references are validated before this runs; an unknown id becomes -1).
 */
import { Calendar } from '../kernel/calendar.js';
import type { CellRow, MarketEvent, MarketParams, PlayerParams } from '../model/params.js';
import type { Scenario, ScenarioEventSpec } from './schema.js';

/** Yuan of an amount given in yuan or in USD. */
export function toYuan(amount: { yuan?: number; usd?: number }, yuanPerUsd: number): number {
  if (amount.yuan !== undefined) return amount.yuan;
  return (amount.usd ?? 0) * yuanPerUsd;
}

function indexer(ids: readonly string[]): (id: string) => number {
  const index = new Map(ids.map((id, i) => [id, i]));
  return (id) => index.get(id) ?? -1;
}

export function toMarketParams(scenario: Scenario, cells?: CellRow[]): MarketParams {
  const calendar = new Calendar(scenario.startDate);
  const rate = scenario.yuanPerUsd;
  const playerIndex = indexer(scenario.players.map((p) => p.id));
  const parentIndex = indexer(scenario.parents.map((p) => p.id));
  const provinceIndex = indexer(scenario.geography.provinces.map((p) => p.id));
  const players: PlayerParams[] = scenario.players.map(({ cashYuan, cashUsd, entryDate, parent, ...rest }) => ({
    ...rest,
    cashYuan: toYuan({ yuan: cashYuan, usd: cashUsd }, rate),
    entryDay: entryDate === undefined ? 0 : calendar.dayOf(entryDate),
    parent: parent === undefined ? -1 : parentIndex(parent),
  }));
  const toEvent = (event: ScenarioEventSpec): MarketEvent => {
    const dated = { day: calendar.dayOf(event.date), note: event.note };
    switch (event.kind) {
      case 'funding-round':
      case 'investment':
        return { ...dated, kind: event.kind, player: playerIndex(event.player), amountYuan: toYuan({ yuan: event.amountYuan, usd: event.amountUsd }, rate), investor: event.investor };
      case 'acquisition':
        return {
          ...dated,
          kind: 'acquisition',
          player: playerIndex(event.player),
          acquirer: playerIndex(event.acquirer),
          priceYuan: toYuan({ yuan: event.priceYuan, usd: event.priceUsd }, rate),
          pointsTransferShare: event.pointsTransferShare,
          adoptersTransferShare: event.adoptersTransferShare,
        };
      case 'subsidy-cap':
        return { ...dated, kind: 'subsidy-cap', maxSubsidyPerOrderYuan: event.maxSubsidyPerOrderYuan, players: event.players.map(playerIndex), appetiteMultiplier: event.appetiteMultiplier };
      case 'fine':
        return { ...dated, kind: 'fine', player: playerIndex(event.player), amountYuan: event.amountYuan, appetiteMultiplier: event.appetiteMultiplier };
      case 'suspension':
        return { ...dated, kind: 'suspension', player: playerIndex(event.player), province: provinceIndex(event.province), weeks: event.weeks, appetiteMultiplier: event.appetiteMultiplier };
      case 'appetite-shock':
        return { ...dated, kind: 'appetite-shock', appetiteMultiplier: event.appetiteMultiplier };
      case 'below-cost-ban':
        return { ...dated, kind: 'below-cost-ban', players: event.players.map(playerIndex), appetiteMultiplier: event.appetiteMultiplier };
      case 'parent-shock':
        return {
          ...dated,
          kind: 'parent-shock',
          parent: parentIndex(event.parent),
          budgetMultiplier: event.budgetMultiplier,
          toleranceMultiplier: event.toleranceMultiplier,
          discountRateAdd: event.discountRateAdd,
          strategicValueMultiplier: event.strategicValueMultiplier,
          appetiteMultiplier: event.appetiteMultiplier,
        };
    }
  };
  const { seasonality, ...demand } = scenario.demand;
  return {
    name: scenario.name,
    startDate: scenario.startDate,
    horizonWeeks: scenario.horizonWeeks,
    survivalShareThreshold: scenario.survivalShareThreshold,
    geography: scenario.geography,
    cells,
    demand: {
      ...demand,
      seasons: seasonality.map((s) => ({
        name: s.name,
        fromDay: calendar.dayOf(s.fromDate),
        toDay: calendar.dayOf(s.toDate),
        spendMultiplier: s.spendMultiplier,
      })),
    },
    network: scenario.network,
    costs: scenario.costs,
    capital: scenario.capital,
    parents: scenario.parents.map(({ budgetYuan, budgetUsd, ...rest }) => ({ ...rest, budgetYuan: toYuan({ yuan: budgetYuan, usd: budgetUsd }, rate) })),
    players,
    events: scenario.events.map(toEvent),
  };
}
