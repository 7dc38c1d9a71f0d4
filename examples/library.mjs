// gbsim as a library, from plain JavaScript: `node examples/library.mjs [--runs N] [--json]`.
// Loads three teaching scenarios, runs one of them once, replicates it (Monte Carlo), compares two
// under common random numbers and sweeps Red's cash; then, on the subsidy war with five uncertain
// parameters, ranks them (Morris sensitivity), propagates them (2nd-order Monte Carlo) and fits
// them to observations (ABC-SMC calibration). With --json it prints every result as one JSON
// document (what the test suite checks against the `gbsim` commands).
import { calibrate, compare, loadScenario, monteCarlo, runOnce, sensitivity, sweep, uncertainMonteCarlo } from 'gbsim';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 50;
const json = args.includes('--json');
const sets = ['horizonWeeks=52']; // one year keeps the example quick
const say = (line) => { if (!json) console.log(line); };

const loaded = [];
for (const file of ['scenarios/teaching/base.yaml', 'scenarios/teaching/subsidy-war.yaml', 'scenarios/teaching/uncertain-subsidy-war.yaml']) {
  const outcome = await loadScenario(file, { sets });
  if (!outcome.ok) {
    console.error(outcome.message); // every problem, with file:line:col
    process.exit(2);
  }
  loaded.push(outcome.scenario);
}
const [base, war, uncertain] = loaded;

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

// The uncertain parameters are the scenario's uncertainty: section (or pass `factors`).
const designRuns = Math.max(1, Math.round(runs / 10));
const gsa = await sensitivity(uncertain, { method: 'morris', trajectories: Math.max(2, designRuns), runs: designRuns, bootstrap: 200, seed: 1, signal: controller.signal, onProgress });
for (const row of gsa.indices.filter((r) => r.output === 'finalShare.red' && r.index === 'muStar')) {
  say(`  Red's final share, μ* of ${row.factor}: ${row.estimate.toFixed(3)} [${row.low.toFixed(3)}, ${row.high.toFixed(3)}]`);
}
const mc2 = await uncertainMonteCarlo(uncertain, { sets: Math.max(3, designRuns), runs: designRuns, seed: 1, signal: controller.signal, onProgress });
for (const o of mc2.outputs.filter((r) => r.output.startsWith('finalShare.'))) say(`  ${o.output}: ${o.mean.toFixed(3)}, over the parameters [${o.parameterLow.toFixed(3)}, ${o.parameterHigh.toFixed(3)}]`);

const cal = await calibrate(uncertain, {
  targets: 'examples/data/subsidy-war-targets.csv', // or rows: [{ date, player, metric, value, low, high, source, quote }]
  particles: Math.max(6, Math.round(runs / 5)), generations: 2, runs: 1, seed: 1, signal: controller.signal, onProgress,
});
for (const p of cal.result.parameters) {
  say(`  ${p.path}: prior 90% [${p.prior.p05.toPrecision(3)}, ${p.prior.p95.toPrecision(3)}], posterior median ${p.posterior.p50.toPrecision(3)} [${p.posterior.p05.toPrecision(3)}, ${p.posterior.p95.toPrecision(3)}]`);
}
say(`  calibrated scenario: ${cal.calibrated.split('\n').length} lines of YAML, ${cal.posterior.length} posterior particles`);
say(`  ${updates} progress updates`);

if (json) {
  console.log(JSON.stringify({
    run: { summary: run.summary, weekly: run.weekly, market: run.market, events: run.events, provinces: run.provinces },
    mc: { result: mc.result, survival: mc.survival, runs: mc.runs, runRows: mc.runRows },
    compare: { result: cmp.result, rows: cmp.rows },
    sweep: { result: sw.result, points: sw.points, players: sw.players },
    sensitivity: { result: gsa.result, indices: gsa.indices, design: gsa.design },
    uncertainty: { result: mc2.result, outputs: mc2.outputs, sets: mc2.sets },
    calibration: { result: cal.result, fit: cal.fit, posterior: cal.posterior, sample: cal.sample, posteriorYaml: cal.posteriorYaml, calibrated: cal.calibrated },
  }));
}
