import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NonFiniteStateError } from '../../sim/model/records.js';
import { runMarket } from '../../sim/model/run.js';
import { Scenario, type ScenarioInput } from '../../sim/scenario/schema.js';
import { toMarketParams } from '../../sim/scenario/to-params.js';
import { scenario } from './arbitraries/scenario.js';
import { SEED } from './settings.js';

/** The scenarios the CI property run draws (same arbitrary, same seed, as many cases). */
const SAMPLE: ScenarioInput[] = fc.sample(scenario(), { seed: SEED, numRuns: 100 });
const some = (test: (input: ScenarioInput) => boolean) => SAMPLE.filter(test).length;
const players = (input: ScenarioInput) => input.players;

describe('the scenario arbitrary', () => {
  it.each<[string, (input: ScenarioInput) => boolean]>([
    ['one province with a single county', (s) => s.geography.provinces.length === 1 && s.geography.provinces[0]!.counties === 1],
    ['many provinces (more than 10)', (s) => s.geography.provinces.length > 10],
    ['township resolution', (s) => s.geography.resolution === 'township'],
    ['a one-week horizon', (s) => s.horizonWeeks === 1],
    ['more than 20 players', (s) => s.players.length > 20],
    ['a player entering after the horizon', (s) => players(s).some((p) => p.entryDate !== undefined && p.entryDate > addDays(s.startDate, 7 * s.horizonWeeks))],
    ['a player with zero cash', (s) => players(s).some((p) => p.cashYuan === 0 || p.cashUsd === 0)],
    ['the largest legal cash', (s) => players(s).some((p) => p.cashYuan === 1e13 || p.cashUsd === 1e13)],
    ['a province with no households', (s) => s.geography.provinces.some((p) => p.households === 0)],
    ['zero commission', (s) => players(s).some((p) => p.commissionRate === 0)],
    ['a unit of a parent', (s) => players(s).some((p) => p.kind === 'unit')],
    ['fundraising', (s) => players(s).some((p) => p.fundraising !== undefined)],
    ['province retreat', (s) => players(s).some((p) => p.provinceRetreat !== undefined)],
    ['endogenous acquisitions', (s) => s.capital?.acquisitions !== undefined],
    ...(['aggressive', 'match-leader', 'profit-seeking'] as const).map((kind): [string, (s: ScenarioInput) => boolean] => [
      `the ${kind} subsidy policy`,
      (s) => players(s).some((p) => p.subsidyPolicy?.kind === kind),
    ]),
    ...(['funding-round', 'investment', 'acquisition', 'subsidy-cap', 'fine', 'suspension', 'appetite-shock'] as const).map(
      (kind): [string, (s: ScenarioInput) => boolean] => [`a ${kind} event`, (s) => (s.events ?? []).some((e) => e.kind === kind)],
    ),
  ])('draws %s in the CI sample', (_, test) => {
    expect(some(test)).toBeGreaterThan(0);
  });

  it('produces runs that exercise exits, rounds, retreats and acquisitions', () => {
    const kinds = new Set<string>();
    for (const input of SAMPLE.slice(0, 60)) {
      const parsed = Scenario.parse(input);
      try {
        for (const event of runMarket(toMarketParams(parsed), { seed: parsed.seed, record: false }).events) kinds.add(event.kind);
      } catch (error) {
        // A run that breaks is the invariant test's business; this test counts what runs show.
        if (!(error instanceof NonFiniteStateError)) throw error;
      }
    }
    const wanted = ['bankruptcy', 'parent-cut-off', 'acquisition', 'province-retreat', 'round-started', 'funding-round', 'parent-funding', 'suspension-lifted'];
    expect(wanted.filter((kind) => !kinds.has(kind))).toEqual([]);
  });
});

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
