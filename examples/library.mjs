// gbsim as a library, from plain JavaScript: `node examples/library.mjs [--runs N] [--json]`.
// Loads two teaching scenarios, runs one of them once, replicates it (Monte Carlo), compares the
// two under common random numbers and sweeps Red's cash. With --json it prints every result as
// one JSON document (what the test suite checks against the `gbsim` commands).
import { compare, loadScenario, monteCarlo, runOnce, sweep } from 'gbsim';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 50;
const json = args.includes('--json');
const sets = ['horizonWeeks=52']; // one year keeps the example quick
const say = (line) => { if (!json) console.log(line); };

const loaded = [];
for (const file of ['scenarios/teaching/base.yaml', 'scenarios/teaching/subsidy-war.yaml']) {
  const outcome = await loadScenario(file, { sets });
  if (!outcome.ok) {
    console.error(outcome.message); // every problem, with file:line:col
    process.exit(2);
  }
  loaded.push(outcome.scenario);
}
const [base, war] = loaded;

const run = await runOnce(base, { seed: 7 });
say(`${base.name}, one run (seed 7): ${run.summary.survivors.length} survivors, final HHI ${Math.round(run.summary.finalHhi)}, ${run.weekly.length} weekly rows`);

const controller = new AbortController(); // controller.abort() would stop the experiments early
let updates = 0;
const onProgress = ({ done, total }) => { updates += 1; if (done > total) throw new Error('progress past its total'); };
const mc = await monteCarlo(base, { runs, seed: 1, signal: controller.signal, onProgress });
for (const p of mc.result.players) say(`  ${p.name}: P(survive) ${p.survival.estimate.toFixed(3)} [${p.survival.low.toFixed(3)}, ${p.survival.high.toFixed(3)}]`);

const cmp = await compare([base, war], { runs, seed: 1, signal: controller.signal, onProgress });
for (const row of cmp.rows.filter((r) => !r.baseline)) {
  say(`  ${row.playerName} in ${row.scenario}: Δ P(survive) ${row.survivalDifference.toFixed(3)}, Δ mean share ${row.finalShareDifference.toFixed(3)}`);
}
say(`  the baseline's ${runs} replications came from the cache: ${cmp.cache === null ? 'cache off' : `${cmp.cache.hits} hits, ${cmp.cache.misses} misses`}`);

const sw = await sweep(war, { vary: ['players.red.cashYuan=2e8..8e8:3'], runs: Math.max(2, Math.round(runs / 5)), seed: 1, onProgress });
for (const point of sw.points) say(`  Red's cash ${point['players.red.cashYuan']}: mean survivors ${point.meanSurvivors}`);
say(`  ${updates} progress updates`);

if (json) {
  console.log(JSON.stringify({
    run: { summary: run.summary, weekly: run.weekly, market: run.market, events: run.events, provinces: run.provinces },
    mc: { result: mc.result, survival: mc.survival, runs: mc.runs, runRows: mc.runRows },
    compare: { result: cmp.result, rows: cmp.rows },
    sweep: { result: sw.result, points: sw.points, players: sw.players },
  }));
}
