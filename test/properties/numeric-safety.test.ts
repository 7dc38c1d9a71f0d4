import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NonFiniteStateError } from '../../sim/model/records.js';
import { runMarket } from '../../sim/model/run.js';
import { checkReferences } from '../../sim/scenario/references.js';
import { Scenario } from '../../sim/scenario/schema.js';
import { toMarketParams } from '../../sim/scenario/to-params.js';
import { scenarioProblems } from './check-scenario.js';
import { corner, numericLeaves } from './corners.js';
import { kitchenSink } from './kitchen-sink.js';
import { budget, timeout } from './settings.js';

const SINK = kitchenSink();
const LEAVES = numericLeaves(SINK).length;

describe('numbers at the edges of their legal ranges', () => {
  it('moves every number of the kitchen-sink scenario (more than 150 of them)', () => {
    expect(LEAVES).toBeGreaterThan(150);
  });

  it.each([
    ['largest', true],
    ['smallest', false],
  ])('runs 1,040 weeks with every number at its %s legal value, finite and with every invariant', (_, largest) => {
    const input = corner({ ...SINK, horizonWeeks: 1040 }, () => largest);
    expect(scenarioProblems(input)).toEqual([]);
  });

  it(
    'runs with each number at its smallest or largest value, mixed at random',
    () => {
      const picks = fc.array(fc.boolean(), { minLength: LEAVES, maxLength: LEAVES });
      fc.assert(
        fc.property(picks, fc.constantFrom(26, 104, 1040), (maxima, horizonWeeks) => {
          const input = corner({ ...SINK, horizonWeeks }, (i) => maxima[i] ?? false);
          // Some mixes break a rule between fields (a minimum above its maximum): not a scenario.
          fc.pre(Scenario.safeParse(input).success && checkReferences(input).length === 0);
          expect(scenarioProblems(input)).toEqual([]);
        }),
        budget(60, 3_000),
      );
    },
    timeout(30_000),
  );
});

describe('a state that is not finite', () => {
  it('stops the run with NonFiniteStateError naming the player, the week and the quantity', () => {
    const params = toMarketParams(SINK);
    // Bypasses the schema (basketYuan ≥ 0.01): orders = GMV ÷ basket overflow to Infinity.
    params.demand.basketYuan = 1e-320;
    let thrown: unknown;
    try {
      runMarket(params, { seed: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NonFiniteStateError);
    const error = thrown as NonFiniteStateError;
    expect(error.player).toBe('alpha');
    expect(error.week).toBe(1);
    expect(['cashYuan', 'orders', 'logisticsYuan']).toContain(error.quantity);
    expect(error.message).toBe(`model state became non-finite: ${error.quantity} of player "alpha" in week 1 is ${error.value}`);
  });
});
