/**
 * The property every valid scenario must have, as a checker that returns its problems (empty:
 * none): the generated input validates (shapes and cross-references), the run completes without
 * throwing, and `checkRunInvariants` finds nothing in its weekly tables and outcome.
 */
import { NonFiniteStateError } from '../../sim/model/records.js';
import { runMarket } from '../../sim/model/run.js';
import { checkReferences } from '../../sim/scenario/references.js';
import { Scenario, type ScenarioInput } from '../../sim/scenario/schema.js';
import { toMarketParams } from '../../sim/scenario/to-params.js';
import { checkRunInvariants } from '../support/invariants.js';

/** What went wrong with one scenario: at most `limit` lines, the first naming the stage. */
export function scenarioProblems(input: ScenarioInput, limit = 5): string[] {
  const parsed = Scenario.safeParse(input);
  if (!parsed.success) return ['generated an invalid scenario:', ...parsed.error.issues.slice(0, limit).map((i) => `${i.path.join('.')}: ${i.message}`)];
  const references = checkReferences(input);
  if (references.length > 0) return ['generated a scenario with bad references:', ...references.slice(0, limit).map((r) => `${r.path.join('.')}: ${r.message}`)];
  const params = toMarketParams(parsed.data);
  try {
    const result = runMarket(params, { seed: parsed.data.seed });
    const violations = checkRunInvariants(result, params);
    return violations.length === 0 ? [] : ['invariants broken:', ...violations.slice(0, limit)];
  } catch (error) {
    if (error instanceof NonFiniteStateError) return [`run stopped: ${error.message}`];
    throw error;
  }
}
