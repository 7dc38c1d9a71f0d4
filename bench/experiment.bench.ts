/**
 * Monte Carlo speed and memory, as a user runs it: `gbsim mc` as a whole process from the
 * compiled CLI (`dist/`, built by `npm ci`). china-2020 at 1,000 replications with 1 and 2 worker
 * threads (runs/s and speed-up), and memory flatness: the teaching base scenario (26 weeks) at
 * 1,000 and 10,000 replications, peak RSS read from the run's manifest.json. Checksum: the
 * replications aggregated and survival figures from mc.json, so a broken run cannot look fast.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBench, defineTask, type Checksum, type Measurements } from './harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Peak RSS of the mc processes, by task. Each task is measured in its own process, so the peaks
 * are handed to the figures and targets (computed in the runner's process) through small files.
 */
const RSS_DIR = join(tmpdir(), 'gbsim-bench-mc-rss');

function recordRss(task: string, bytes: number): void {
  mkdirSync(RSS_DIR, { recursive: true });
  const file = join(RSS_DIR, `${task.replace(/[^a-z0-9]+/gi, '-')}.json`);
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as number) : 0;
  writeFileSync(file, JSON.stringify(Math.max(previous, bytes)));
}

function peakRss(task: string): number {
  const file = join(RSS_DIR, `${task.replace(/[^a-z0-9]+/gi, '-')}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as number) : NaN;
}

interface McCase {
  name: string;
  file: string;
  runs: number;
  workers: number;
  sets: string[];
  expected: Checksum;
}

function mcTask(c: McCase) {
  return defineTask({
    name: c.name,
    setup: () => {
      if (!existsSync(join(ROOT, 'dist/sim/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm ci does it) first');
      rmSync(join(RSS_DIR, `${c.name.replace(/[^a-z0-9]+/gi, '-')}.json`), { force: true });
      return null;
    },
    run: () => {
      const out = mkdtempSync(join(tmpdir(), 'gbsim-bench-mc-'));
      const args = ['bin/gbsim.js', 'mc', c.file, '--runs', String(c.runs), '--workers', String(c.workers), '--out', out, '--force', '--quiet', '--no-cache'];
      for (const set of c.sets) args.push('--set', set);
      const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`gbsim mc failed (${child.status}): ${child.stderr}`);
      const mc = JSON.parse(readFileSync(join(out, 'mc.json'), 'utf8'));
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      recordRss(c.name, manifest.maxRssBytes);
      rmSync(out, { recursive: true, force: true });
      return { runs: mc.runs, meanSurvivors: mc.market.survivors.mean, firstSurvival: mc.players[0].survival.estimate };
    },
    expected: c.expected,
    throughput: { perRun: c.runs, unit: 'runs/s' },
  });
}

const CHINA = 'scenarios/china-2020.yaml';
const BASE = 'scenarios/teaching/base.yaml';
const SHORT = ['horizonWeeks=26'];
const CHINA_EXPECTED: Checksum = { runs: 1000, meanSurvivors: 5.06, firstSurvival: 0.958 };

const CASES: McCase[] = [
  { name: 'china-2020 mc, 1,000 runs, 1 worker', file: CHINA, runs: 1000, workers: 1, sets: [], expected: CHINA_EXPECTED },
  { name: 'china-2020 mc, 1,000 runs, 2 workers', file: CHINA, runs: 1000, workers: 2, sets: [], expected: CHINA_EXPECTED },
  { name: 'china-2020 mc, 200 runs, 2 workers', file: CHINA, runs: 200, workers: 2, sets: [], expected: { runs: 200, meanSurvivors: 5.085, firstSurvival: 0.97 } },
  { name: 'teaching base (26 weeks) mc, 1,000 runs', file: BASE, runs: 1000, workers: 1, sets: SHORT, expected: { runs: 1000, meanSurvivors: 2, firstSurvival: 1 } },
  { name: 'teaching base (26 weeks) mc, 10,000 runs', file: BASE, runs: 10000, workers: 1, sets: SHORT, expected: { runs: 10000, meanSurvivors: 2, firstSurvival: 1 } },
];

function speedUp(m: Measurements): number {
  return m.get(CASES[0]!.name).medianMs / m.get(CASES[1]!.name).medianMs;
}

function memoryRatio(): number {
  return peakRss(CASES[4]!.name) / peakRss(CASES[3]!.name);
}

export default defineBench({
  title: 'Monte Carlo speed and memory (gbsim mc, whole process)',
  description:
    'Each sample is one `gbsim mc` process from the compiled CLI: start-up, scenario preparation in every worker, the ' +
    'replications and the output files. Figure: replications per second of the median run; RSS is the mc process\'s peak (workers included).',
  tasks: CASES.map(mcTask),
  figures: [
    { name: 'speed-up from 1 to 2 workers (china-2020, 1,000 runs)', compute: (m) => `${speedUp(m).toFixed(2)}x` },
    {
      name: 'peak RSS of mc at 1,000 and 10,000 runs',
      compute: () => `${(peakRss(CASES[3]!.name) / 2 ** 20).toFixed(0)} MiB → ${(peakRss(CASES[4]!.name) / 2 ** 20).toFixed(0)} MiB`,
    },
  ],
  targets: [
    {
      name: 'china-2020 Monte Carlo, 1,000 runs, 2 workers',
      target: '≤ 120 s',
      judge: (m) => {
        const ms = m.get(CASES[1]!.name).medianMs;
        return { met: ms <= 120_000, figure: `${(ms / 1000).toFixed(1)} s` };
      },
    },
    {
      name: 'speed-up from 1 to 2 workers',
      target: '≥ 1.8x',
      judge: (m) => ({ met: speedUp(m) >= 1.8, figure: `${speedUp(m).toFixed(2)}x` }),
    },
    {
      name: 'Monte Carlo memory, 1,000 vs 10,000 runs',
      target: 'flat (within 10%)',
      judge: () => ({ met: Math.abs(memoryRatio() - 1) <= 0.1, figure: `${((memoryRatio() - 1) * 100).toFixed(1)}%` }),
    },
  ],
  options: { iterations: 1, warmupIterations: 0 },
});
