// gbsim as a library, from TypeScript (types come with the package): `npx tsx examples/library.ts
// [--runs N] [--json]`. The same steps as library.mjs, with the result types spelled out.
import { compare, loadScenario, monteCarlo, runOnce, sweep, type McResult, type Progress, type Row, type Scenario } from 'gbsim';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 50;
const json = args.includes('--json');
const sets = ['horizonWeeks=52']; // one year keeps the example quick
const say = (line: string): void => { if (!json) console.log(line); };

async function load(file: string): Promise<Scenario> {
  const outcome = await loadScenario(file, { sets });
  if (!outcome.ok) {
    console.error(outcome.message); // every problem, with file:line:col
    process.exit(2);
  }
  return outcome.scenario;
}

const base = await load('scenarios/teaching/base.yaml');
const war = await load('scenarios/teaching/subsidy-war.yaml');

const run = await runOnce(base, { seed: 7 });
say(`${base.name}, one run (seed 7): ${run.summary.survivors.length} survivors, final HHI ${Math.round(run.summary.finalHhi)}, ${run.weekly.length} weekly rows`);

const controller = new AbortController(); // controller.abort() would stop the experiments early
let updates = 0;
const onProgress = ({ done, total }: Progress): void => {
  updates += 1;
  if (done > total) throw new Error('progress past its total');
};
const mc = await monteCarlo(base, { runs, seed: 1, signal: controller.signal, onProgress });
const result: McResult = mc.result!;
for (const p of result.players) say(`  ${p.name}: P(survive) ${p.survival.estimate.toFixed(3)} [${p.survival.low.toFixed(3)}, ${p.survival.high.toFixed(3)}]`);

const cmp = await compare([base, war], { runs, seed: 1, signal: controller.signal, onProgress });
for (const row of cmp.rows.filter((r: Row) => !r.baseline)) {
  say(`  ${row.playerName} in ${row.scenario}: Δ P(survive) ${Number(row.survivalDifference).toFixed(3)}, Δ mean share ${Number(row.finalShareDifference).toFixed(3)}`);
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
