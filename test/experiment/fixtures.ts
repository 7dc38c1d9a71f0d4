/**
 * Scenario files for the experiment tests, written to a temporary folder: the experiment layer
 * reads files (its workers prepare them again), so the in-code scenarios of test/support are
 * written out as JSON, with their cells as CSV where a test needs an exact geography.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CellRow } from '../../sim/model/params.js';
import type { ScenarioInput } from '../../sim/scenario/schema.js';
import { runCli } from '../../sim/cli/main.js';
import { mirroredCells, player, province, smallScenario, twin } from '../support/scenarios.js';

/** A temporary folder and a way to remove it. */
export function temporaryFolder(prefix: string): { dir: string; path: (...parts: string[]) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `gbsim-${prefix}-`));
  return { dir, path: (...parts) => join(dir, ...parts), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `input` as `<name>.json` in `dir` (with `cells` as `<name>-cells.csv`) and returns its path. */
export function writeScenario(dir: string, name: string, input: ScenarioInput, cells?: CellRow[]): string {
  mkdirSync(dir, { recursive: true });
  let scenario = input;
  if (cells !== undefined) {
    const header = 'id,province,tier,households,spend_yuan_per_household_week,group_buy_share_of_spend,reachable_household_share,candidate_shops';
    const lines = cells.map((c) => [c.id, c.province, c.tier, c.households, c.spendYuanPerHouseholdWeek, c.groupBuyShareOfSpend, c.reachableHouseholdShare, c.candidateShops].join(','));
    writeFileSync(join(dir, `${name}-cells.csv`), [header, ...lines].join('\n') + '\n');
    scenario = { ...input, geography: { ...input.geography, cellsCsv: `${name}-cells.csv` } };
  }
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(scenario, null, 2));
  return file;
}


/**
 * Twins in mirrored provinces whose survival is uncertain (brand utility follows a random walk
 * with sd 0.3 a week: whoever falls behind cannot cover its fixed costs). As in
 * test/model/symmetry.test.ts.
 */
export function writeSymmetricScenario(dir: string, horizonWeeks = 52): string {
  const input = smallScenario({
    name: 'twins',
    horizonWeeks,
    geography: { ...smallScenario().geography, provinces: [province('east', ['west']), province('west')] },
    demand: { bass: { pPerWeek: 0.01, qPerWeek: 0.15 }, logit: { betaPricePerYuan: 0.3, betaDensity: 0.8, betaAssortment: 0.5 }, basketYuan: 15, brandShockSdPerWeek: 0.3 },
    players: [twin('alpha', 'east'), twin('beta', 'west')],
  });
  return writeScenario(dir, `twins-${horizonWeeks}`, input, mirroredCells());
}

/** The twins plus a player that cannot survive: no cash and a billion yuan of head-office costs a week. */
export function writeDoomedScenario(dir: string): string {
  const input = smallScenario({
    name: 'doomed',
    horizonWeeks: 26,
    geography: { ...smallScenario().geography, provinces: [province('east', ['west']), province('west')] },
    demand: { bass: { pPerWeek: 0.01, qPerWeek: 0.15 }, logit: { betaPricePerYuan: 0.3, betaDensity: 0.8, betaAssortment: 0.5 }, basketYuan: 15, brandShockSdPerWeek: 0.3 },
    players: [twin('alpha', 'east'), twin('beta', 'west'), player('doomed', { homeProvinces: ['east'], cashYuan: 0, headquartersCostYuanPerWeek: 1e9, fixedCostYuanPerProvinceWeek: 1e9 })],
  });
  return writeScenario(dir, 'doomed', input, mirroredCells());
}

/** Runs gbsim in-process and returns its exit status and what it wrote. */
export async function gbsim(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr };
}
