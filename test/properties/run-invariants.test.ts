import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMarket } from '../../sim/model/run.js';
import { Scenario } from '../../sim/scenario/schema.js';
import { toMarketParams } from '../../sim/scenario/to-params.js';
import { runCheckingEachWeek } from '../support/invariants.js';
import { scenario } from './arbitraries/scenario.js';
import { scenarioProblems } from './check-scenario.js';
import { budget, timeout } from './settings.js';

const paramsOf = (input: unknown) => toMarketParams(Scenario.parse(input));

describe('random valid scenarios (fast-check, fixed seed)', () => {
  it(
    'validate, run to their horizon without a non-finite state, and keep every invariant every week',
    () => {
      fc.assert(
        fc.property(scenario(), (input) => {
          expect(scenarioProblems(input)).toEqual([]);
        }),
        budget(300, 20_000),
      );
    },
    timeout(40_000),
  );

  it(
    'keep the pickup-point network realisable and the logit identity, checked week by week on the live market',
    () => {
      fc.assert(
        fc.property(scenario(), (input) => {
          const { violations } = runCheckingEachWeek(paramsOf(input), 1);
          expect(violations.slice(0, 5)).toEqual([]);
        }),
        budget(100, 3_000),
      );
    },
    timeout(40_000),
  );

  it(
    'give the same weekly tables and events for the same seed',
    () => {
      fc.assert(
        fc.property(scenario(), fc.integer({ min: 0, max: 2 ** 31 }), (input, seed) => {
          const params = paramsOf(input);
          const [first, second] = [runMarket(params, { seed }), runMarket(params, { seed })];
          expect(second.weekly).toEqual(first.weekly);
          expect(second.events).toEqual(first.events);
        }),
        budget(40, 1_000),
      );
    },
    timeout(40_000),
  );
});
