/**
 * One timing process of `bench/against.ts`: loads the compiled engine under ROOT (its
 * `dist/`), prepares SCENARIO (read from the tree TREE that holds it; loading and geography untimed), runs it RUNS times with seed 1 and
 * weekly tables recorded, and prints one JSON line: the CPU milliseconds of each run (the first is
 * the warm-up) and the (cell, player, week) pairs the last run cleared.
 *
 *   node --import tsx bench/against-child.ts ROOT TREE SCENARIO RUNS
 *
 * It imports only the two entry points every engine since the first benchmark has had
 * (`prepareScenario`, `runMarket`), so it can time an older commit's engine.
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

interface Engine {
  prepareScenario(path: string, options: { cwd: string }): { params: unknown; geography: unknown };
  runMarket(params: unknown, options: { seed: number; geography: unknown }): { weekly: { player: { cells: number[] } } };
}

async function loadEngine(root: string): Promise<Engine> {
  const prepare = await import(pathToFileURL(join(root, 'dist/sim/experiment/prepare.js')).href);
  const run = await import(pathToFileURL(join(root, 'dist/sim/model/run.js')).href);
  return { prepareScenario: prepare.prepareScenario, runMarket: run.runMarket };
}

const [root, tree, scenario, runsText] = process.argv.slice(2);
if (!root || !tree || !scenario) throw new Error('usage: against-child ROOT TREE SCENARIO RUNS');
const engine = await loadEngine(root);
const prepared = engine.prepareScenario(scenario, { cwd: tree });
const cpuMs: number[] = [];
let pairs = 0;
for (let r = 0; r < Math.max(2, Number(runsText) || 4); r++) {
  const start = process.cpuUsage();
  const result = engine.runMarket(prepared.params, { seed: 1, geography: prepared.geography });
  const used = process.cpuUsage(start);
  cpuMs.push((used.user + used.system) / 1000);
  pairs = result.weekly.player.cells.reduce((sum, cells) => sum + cells, 0);
}
console.log(JSON.stringify({ cpuMs, pairs }));
