/**
 * The model's state in one place: `createMarketState` gives the day-0 state exactly (players
 * pending, no points, no adopters, opening cash = each player's scenario cash, tables sized to the
 * weeks run), and the `Market` driver keeps no model state of its own: the weekly cycle advances
 * one `MarketState`, which the context holds and the driver's read-only views show.
 */
import { describe, expect, it } from 'vitest';
import { buildGeography } from '../../sim/model/geography.js';
import { Market } from '../../sim/model/market.js';
import { createMarketState } from '../../sim/model/state.js';
import { paramsOf, player, smallScenario } from '../support/scenarios.js';

const params = paramsOf(
  smallScenario({
    horizonWeeks: 6,
    players: [player('alpha', { homeProvinces: ['north'], cashYuan: 3e8 }), player('beta', { homeProvinces: ['south'], cashYuan: 7e8 })],
  }),
);
const geography = buildGeography(params.geography, params.cells);

describe('createMarketState', () => {
  it('starts at day 0 with every player pending, no points, no adopters and the scenario cash as opening cash', () => {
    const state = createMarketState(params, geography, { seed: 1, replication: 0, record: true });
    expect(state.players.map((p) => p.status)).toEqual(['pending', 'pending']);
    expect(Array.from(state.openingCash)).toEqual([3e8, 7e8]);
    expect(state.network.points.length).toBe(geography.cellCount * 2);
    expect(state.network.points.every((n) => n === 0)).toBe(true);
    expect(state.adopters.every((a) => a === 0)).toBe(true);
    expect([state.week, state.inCycle, state.finished, state.events.length, state.lastShares.length]).toEqual([0, false, false, 0, 0]);
    expect(state.investorAppetite).toBe(params.capital.initialInvestorAppetite);
    expect(state.tables!.weeks).toBe(6);
    expect([state.scratch.players, state.scratch.provinces]).toEqual([2, geography.provinceIds.length]);
  });

  it('runs at most the horizon and keeps no tables when not recording', () => {
    expect(createMarketState(params, geography, { seed: 1, replication: 0, record: false, weeks: 99 })).toMatchObject({ weeks: 6, tables: null });
    expect(createMarketState(params, geography, { seed: 1, replication: 0, record: true, weeks: 2 }).tables!.weeks).toBe(2);
  });
});

describe('the Market driver', () => {
  it('holds only the kernel, calendar, geography, params, options, state and context', () => {
    const market = new Market(params, { seed: 1, replication: 0, record: true, geography });
    expect(Object.keys(market).sort()).toEqual(['calendar', 'context', 'geography', 'kernel', 'options', 'params', 'state']);
  });

  it('advances one MarketState: the context holds it and the driver\'s views read it', () => {
    const market = new Market(params, { seed: 1, replication: 0, record: true, geography });
    market.kernel.runUntil(7 * 3);
    const { state } = market;
    expect(market.context.state).toBe(state);
    expect(state.week).toBe(3);
    expect(market.week).toBe(3);
    expect(market.players).toBe(state.players);
    expect(market.events).toBe(state.events);
    expect(market.activeByWeek).toEqual(state.activeByWeek);
    expect(state.activeByWeek).toHaveLength(3);
    expect(state.events.filter((e) => e.kind === 'entry')).toHaveLength(2);
    expect(state.adopters.some((a) => a > 0)).toBe(true);
    expect(market.context.now()).toBe(21);
  });
});
