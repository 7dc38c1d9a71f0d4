/**
 * The explorer's speed in a real browser (Debian's chromium, headless): `npm run bench:explorer`.
 *
 *   gbsim explore → explorer.html (size) → open it N times (time to the first chart)
 *     → in one page, a model worker per sample: load each scenario, run it to the end (run time)
 *     → "run 100 times" on subsidy-war (navigator.hardwareConcurrency workers)
 *
 * Each run's summary must name survivors (a checksum that the run happened). Writes the
 * `explorer` section of bench/RESULTS.md, keeping the others.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../sim/cli/main.js';
import { launchOfflineChromium } from '../test/support/chromium.js';
import { BENCH_DIR } from './modules.js';
import { describeMachine, mergeSections } from './report.js';

const SAMPLES = 5;
const TARGETS = { teachingRunMs: 100, chinaRunMs: 1000, pageBytes: 3e6, firstChartMs: 1000 };

/** In the page: a fresh worker per sample; load (untimed), then run to the end (timed). */
const RUN_EACH_SCENARIO = `(async () => {
  const data = JSON.parse(document.getElementById('gbsim-explorer-data').textContent);
  const url = URL.createObjectURL(new Blob([document.getElementById('gbsim-worker').textContent], { type: 'text/javascript' }));
  const ask = (worker, message) => new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); worker.postMessage(message); });
  const out = [];
  for (const s of data.scenarios) {
    const runs = [];
    const setups = [];
    let survivors = null;
    const worker = new Worker(url);
    for (let i = 0; i < ${SAMPLES}; i++) {
      const payload = { data: s.data, cells: s.cells, settings: {}, seed: s.seed, file: s.key + '.yaml', gbsimVersion: data.gbsimVersion };
      const ready = await ask(worker, { kind: 'load', runId: 1, scenario: payload });
      setups.push(ready.setupMs);
      const started = performance.now();
      const done = await ask(worker, { kind: 'advance', runId: 1, weeks: 1e6 });
      runs.push(performance.now() - started);
      survivors = JSON.parse(done.summary).survivors;
    }
    worker.terminate();
    out.push({ key: s.key, runs, setups, survivors });
  }
  return out;
})()`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The warm runs' median (the first run compiles the worker's code). */
const warm = (s: { runs: number[] }) => median(s.runs.slice(1));

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gbsim-bench-explorer-'));
  const html = join(dir, 'explorer.html');
  const quiet = { write: () => true };
  if ((await runCli(['explore', '--out', html, '--no-open'], { stdout: quiet, stderr: process.stderr })) !== 0) throw new Error('gbsim explore failed');
  const pageBytes = statSync(html).size;
  const browser = await launchOfflineChromium({ width: 1400, height: 1000 });
  try {
    const firstCharts: number[] = [];
    const modelReady: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const page = await browser.context.newPage();
      await page.goto(`${pathToFileURL(html).href}#scenario=subsidy-war`);
      await page.locator('body[data-model-ready-ms]').waitFor({ state: 'attached', timeout: 30_000 });
      firstCharts.push(Number(await page.getAttribute('body', 'data-first-chart-ms')));
      modelReady.push(Number(await page.getAttribute('body', 'data-model-ready-ms')));
      await page.close();
    }
    const page = await browser.context.newPage();
    await page.goto(`${pathToFileURL(html).href}#scenario=subsidy-war`);
    await page.locator('body[data-loaded]').waitFor({ state: 'attached', timeout: 30_000 });
    const scenarios = (await page.evaluate(RUN_EACH_SCENARIO)) as Array<{ key: string; runs: number[]; setups: number[]; survivors: string[] | null }>;
    for (const s of scenarios) if (!Array.isArray(s.survivors)) throw new Error(`${s.key}: the run gave no summary`);
    const cores = (await page.evaluate('navigator.hardwareConcurrency')) as number;
    await page.click('#replicate');
    await page.locator('#many[data-state="done"]').waitFor({ state: 'attached', timeout: 300_000 });
    const manyMs = Number(await page.getAttribute('#many', 'data-ms'));
    await page.close();

    const teaching = scenarios.filter((s) => s.key !== 'china-2020');
    const china = scenarios.find((s) => s.key === 'china-2020');
    const worstTeaching = Math.max(...teaching.map(warm));
    const chinaRun = china ? warm(china) : NaN;
    const rows = scenarios.map((s) => `| ${s.key} | ${ms(warm(s))} | ${ms(Math.min(...s.runs.slice(1)))} | ${ms(Math.max(...s.runs.slice(1)))} | ${ms(s.runs[0]!)} | ${ms(median(s.setups))} | ${s.survivors!.join(', ') || '(none)'} |`);
    const verdict = (met: boolean, text: string) => `- ${met ? 'met' : 'missed'}: ${text}`;
    const machine = describeMachine(new Date());
    const section = [
      '<!-- bench:explorer -->',
      '## explorer: the explorer page in headless chromium (bench/explorer-browser.ts)',
      `\`npm run bench:explorer\`: writes explorer.html with every teaching scenario and china-2020, opens it from disk in Debian's chromium (offline) ${SAMPLES} times for the time to the first chart (performance.now() when the charts are first drawn, from navigation start), then in one page runs each scenario to its horizon ${SAMPLES} times at its seed in one model worker (run: the advance to the end, after load; the first run is cold, the other ${SAMPLES - 1} warm, as when a class moves a slider; setup: validation, geography and market construction in the worker). First chart: the charts' frames over the horizon, drawn before the model answers (week 0 has no data); model ready: week 0 loaded in the worker. The machine's load average during the run is given: the host is shared. Each run's summary must list its survivors.`,
      `Machine: ${machine.cpu} (${machine.cores} cores) · Node ${machine.node} · chromium (Debian) · ${machine.date}`,
      '| scenario | warm run, median | min | max | first (cold) run | setup, median | survivors |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |\n' + rows.join('\n'),
      [
        `- page size: ${(pageBytes / 1e6).toFixed(2)} MB`,
        `- first chart drawn after load (median of ${SAMPLES}): ${ms(median(firstCharts))} (min ${ms(Math.min(...firstCharts))}, max ${ms(Math.max(...firstCharts))})`,
        `- model ready (week 0 loaded, median of ${SAMPLES}): ${ms(median(modelReady))}`,
        `- load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min)`,
        `- run 100 times, subsidy-war, on ${cores} workers: ${ms(manyMs)}`,
        verdict(worstTeaching <= TARGETS.teachingRunMs, `slowest teaching run ≤ ${TARGETS.teachingRunMs} ms (measured ${ms(worstTeaching)})`),
        verdict(chinaRun <= TARGETS.chinaRunMs, `china-2020 run ≤ ${TARGETS.chinaRunMs} ms (measured ${ms(chinaRun)})`),
        verdict(pageBytes <= TARGETS.pageBytes, `page ≤ 3 MB (measured ${(pageBytes / 1e6).toFixed(2)} MB)`),
        verdict(median(firstCharts) <= TARGETS.firstChartMs, `first chart ≤ ${TARGETS.firstChartMs} ms (measured ${ms(median(firstCharts))})`),
      ].join('\n'),
      '<!-- /bench:explorer -->',
    ].join('\n\n');
    const resultsPath = join(BENCH_DIR, 'RESULTS.md');
    writeFileSync(resultsPath, mergeSections(readFileSync(resultsPath, 'utf8'), new Map([['explorer', section]])));
    process.stdout.write(`${section}\n`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
