import { describe, expect, it } from 'vitest';
import { Market } from '../../sim/model/market.js';
import { setPoints } from '../../sim/model/network.js';
import type { MarketParams } from '../../sim/model/params.js';
import type { RunResult } from '../../sim/model/results.js';
import { runMarket } from '../../sim/model/run.js';
import { checkCellChoice, checkMarketState, checkRunInvariants, runCheckingEachWeek } from '../support/invariants.js';
import { paramsOf } from '../support/scenarios.js';
import { VARIANTS, type VariantName } from '../support/variants.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => 1 + i);

interface Checked {
  params: MarketParams;
  results: RunResult[];
  violations: string[];
  choiceWeeksChecked: number;
}

const cache = new Map<VariantName, Checked>();

/** Runs a variant on every seed, checking each result and, week by week, each live market. */
function checked(name: VariantName): Checked {
  const hit = cache.get(name);
  if (hit) return hit;
  const params = paramsOf(VARIANTS[name]);
  const results: RunResult[] = [];
  const violations: string[] = [];
  let choiceWeeksChecked = 0;
  for (const seed of SEEDS) {
    const result = runMarket(params, { seed });
    results.push(result);
    violations.push(...checkRunInvariants(result, params).map((v) => `seed ${seed}: ${v}`));
    const stepped = runCheckingEachWeek(params, seed);
    violations.push(...stepped.violations.map((v) => `seed ${seed} (stepped): ${v}`));
    choiceWeeksChecked += stepped.choiceWeeksChecked;
    // Running in weekly segments must not change the run.
    if (stepped.market.tables?.player.cashYuan.join() !== result.weekly?.player.cashYuan.join()) {
      violations.push(`seed ${seed}: running week by week changes the cash path`);
    }
  }
  const entry = { params, results, violations, choiceWeeksChecked };
  cache.set(name, entry);
  return entry;
}

const eventKinds = (results: RunResult[]) => new Set(results.flatMap((r) => r.events.map((e) => e.kind)));
const total = (results: RunResult[], column: 'droppedPoints' | 'pointsWonFromRivals') =>
  results.reduce((sum, r) => sum + r.weekly!.player[column].reduce((a, b) => a + b, 0), 0);

describe('invariants on many seeds', () => {
  it.each(Object.keys(VARIANTS) as VariantName[])(
    '%s: cash follows its flows exactly, counts stay in bounds, shares sum to one and the network stays realisable',
    (name) => {
      const { violations, choiceWeeksChecked } = checked(name);
      expect(violations).toEqual([]);
      // The logit identity was checked in most weeks (weeks that reshape the network are skipped).
      expect(choiceWeeksChecked).toBeGreaterThan(SEEDS.length * 5);
    },
  );

  it('the variants exercise what they are meant to', () => {
    const subsidyWar = checked('subsidyWar').results;
    expect(subsidyWar.filter((r) => r.players.some((p) => p.status === 'exited')).length).toBeGreaterThan(10);

    expect(total(checked('singleHoming').results, 'droppedPoints')).toBeGreaterThan(0);

    const late = checked('lateEntrant').results;
    for (const result of late) {
      expect(result.players[2]!.entryDate).toBe('2020-10-05');
      expect(result.events.some((e) => e.kind === 'investment' && e.player === 'beta')).toBe(true);
    }

    const war = checked('capitalWar').results;
    const kinds = eventKinds(war);
    for (const kind of ['round-started', 'round-failed', 'funding-round', 'parent-funding', 'parent-cut-off', 'province-retreat', 'acquisition', 'suspension', 'suspension-lifted', 'fine', 'subsidy-cap']) {
      expect(kinds, kind).toContain(kind);
    }
    expect(total(war, 'pointsWonFromRivals')).toBeGreaterThan(0);
  });
});

describe('the invariant checkers can fail', () => {
  const params = paramsOf(VARIANTS.subsidyWar);
  const result = runMarket(params, { seed: 3 });
  const P = params.players.length;
  const corrupt = (change: (copy: RunResult) => void) => {
    const copy = structuredClone(result);
    change(copy);
    return checkRunInvariants(copy, params);
  };

  it('accepts the uncorrupted result', () => {
    expect(checkRunInvariants(result, params)).toEqual([]);
  });

  it('sees cash nudged by one yuan', () => {
    const violations = corrupt((r) => (r.weekly!.player.cashYuan[(10 - 1) * P + 1]! += 1));
    expect(violations.some((v) => v.startsWith('week 10 beta: cash'))).toBe(true);
  });

  it('sees a NaN', () => {
    const violations = corrupt((r) => (r.weekly!.player.gmvYuan[(4 - 1) * P]! = NaN));
    expect(violations).toContain('week 4 player 0: gmvYuan is NaN');
  });

  it('sees shares that do not sum to one', () => {
    const violations = corrupt((r) => (r.weekly!.player.share[(6 - 1) * P]! *= 0.9));
    expect(violations.some((v) => v.startsWith('week 6 market: shares sum to'))).toBe(true);
  });

  it('sees a bankrupt player that keeps trading after its exit week', () => {
    const exit = result.players[0]!.exitWeek!;
    expect(exit).toBeLessThan(result.horizonWeeks);
    const violations = corrupt((r) => {
      r.weekly!.player.orders[exit * P] = 10;
      r.weekly!.player.fixedYuan[exit * P] = 5;
    });
    expect(violations.some((v) => v.includes(`week ${exit + 1} alpha: not trading`) && v.includes('orders = 10'))).toBe(true);
    expect(violations.some((v) => v.includes(`week ${exit + 1} alpha: gone`) && v.includes('fixedYuan = 5'))).toBe(true);
  });

  it('sees an exit without its event, and survivors that are not', () => {
    const violations = corrupt((r) => {
      r.events = r.events.filter((e) => e.kind !== 'bankruptcy');
      r.survivors = ['alpha'];
    });
    expect(violations.some((v) => v.startsWith('outcome alpha: no "bankruptcy" event'))).toBe(true);
    expect(violations.some((v) => v.startsWith('outcome: survivors [alpha]'))).toBe(true);
  });

  it('sees a province withdrawn from twice', () => {
    const war = checked('capitalWar');
    const withRetreat = war.results.find((r) => r.events.some((e) => e.kind === 'province-retreat'))!;
    const retreat = withRetreat.events.find((e) => e.kind === 'province-retreat')!;
    const copy = structuredClone(withRetreat);
    copy.events.push({ ...retreat, week: retreat.week + 3, day: retreat.day + 21 });
    const violations = checkRunInvariants(copy, war.params);
    expect(checkRunInvariants(withRetreat, war.params)).toEqual([]);
    expect(violations.some((v) => v.includes(`${retreat.player}: withdraws from`) && v.endsWith(' again'))).toBe(true);
  });

  it('sees points above the candidate shops, an over-used shop and adopters above the reachable households', () => {
    const market = new Market(paramsOf(VARIANTS.singleHoming), { seed: 1, replication: 0, record: true });
    market.kernel.runUntil(7);
    expect(checkMarketState(market)).toEqual([]);
    const shops = market.geography.candidateShops[0]!;
    setPoints(market.network, market.geography, 0, 0, shops + 1);
    market.adopters[1] = market.geography.reachableHouseholds[1]! + 1;
    const violations = checkMarketState(market);
    expect(violations).toContain(`day 7 cell 0 player 0: ${shops + 1} points, ${shops} candidate shops`);
    expect(violations.some((v) => v.startsWith('day 7 cell 0: ') && v.includes('exceed 1 ×'))).toBe(true);
    expect(violations.some((v) => v.startsWith('day 7 cell 1: ') && v.includes('adopters of'))).toBe(true);
  });

  it('sees GMV that the logit shares do not explain', () => {
    const market = new Market(paramsOf(VARIANTS.small), { seed: 1, replication: 0, record: true });
    market.kernel.runUntil(14);
    expect(checkCellChoice(market, 2)).toEqual([]);
    market.tables!.player.gmvYuan[2]! *= 1 + 1e-6;
    expect(checkCellChoice(market, 2)).toHaveLength(1);
  });
});
