/**
 * Sensitivity analysis and calibration at the sizes issue 12 sets, as a user runs them: whole
 * `gbsim` processes from the compiled CLI on china-2020 with the eight uncertain assumptions of
 * its shipped prior (scenarios/data/china-2020-prior.yaml), two workers.
 *
 *   Morris       8 factors × 20 trajectories (180 points) × 20 replications = 3,600 runs, screened
 *                on a coarser geography (prefecture resolution: ~1,000 cells instead of ~8,500,
 *                about 5x faster per run); the trade a screening design is made for
 *   calibration  the shipped calibration: 8 parameters, 200 particles × 5 generations, 2 replications
 *                per evaluation, fitted to the sourced observations up to 2021-06-30, at the full
 *                county geography (what produced scenarios/china-2020-calibrated.yaml)
 *
 * Checksums are structural (points run, indices written, generations completed), not model
 * figures, so a broken path cannot look fast and the model's economics can change freely.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineBench, defineTask } from './harness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHINA = 'scenarios/china-2020.yaml';
const FACTORS = 'scenarios/data/china-2020-prior.yaml';
const OBSERVATIONS = 'scenarios/data/china-2020-observations.csv';
const MORRIS = 'china-2020 Morris (prefecture geography), 8 factors × 20 trajectories × 20 runs, 2 workers';
const CALIBRATION = 'china-2020 calibration, 8 parameters, 200 particles × 5 generations × 2 runs, 2 workers';

function gbsim(args: string[]): void {
  if (!existsSync(join(ROOT, 'dist/sim/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm ci does it) first');
  const child = spawnSync(process.execPath, ['bin/gbsim.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`gbsim ${args[0]} failed (${child.status}): ${child.stderr}`);
}

const morris = defineTask({
  name: MORRIS,
  setup: () => null,
  run: () => {
    const out = mkdtempSync(join(tmpdir(), 'gbsim-bench-morris-'));
    gbsim(['sensitivity', CHINA, '--factors', FACTORS, '--method', 'morris', '--trajectories', '20', '--runs', '20', '--set', 'geography.resolution=prefecture', '--workers', '2', '--out', out, '--quiet']);
    const result = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8')) as { points: number; factors: unknown[]; indices: unknown[]; outputs: unknown[] };
    rmSync(out, { recursive: true, force: true });
    return { points: result.points, factors: result.factors.length, indicesPerOutput: result.indices.length / result.outputs.length };
  },
  expected: { points: 180, factors: 8, indicesPerOutput: 24 },
  throughput: { perRun: 3600, unit: 'runs/s' },
});

const calibration = defineTask({
  name: CALIBRATION,
  setup: () => null,
  run: () => {
    const out = mkdtempSync(join(tmpdir(), 'gbsim-bench-calibrate-'));
    gbsim(['calibrate', CHINA, '--targets', OBSERVATIONS, '--fit-until', '2021-06-30', '--factors', FACTORS, '--particles', '200', '--generations', '5', '--runs', '2', '--workers', '2', '--out', out, '--quiet']);
    const result = JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8')) as { generations: unknown[]; parameters: unknown[]; stopped: string };
    rmSync(out, { recursive: true, force: true });
    return { generations: result.generations.length, parameters: result.parameters.length, stopped: result.stopped };
  },
  expected: { generations: 5, parameters: 8, stopped: 'done' },
});

export default defineBench({
  title: 'Sensitivity analysis and calibration (whole process)',
  description: 'Each sample is one gbsim process from the compiled CLI on china-2020 with eight uncertain parameters and two worker threads.',
  tasks: [morris, calibration],
  figures: [],
  targets: [
    { name: 'Morris, 8 factors × 20 trajectories × 20 runs on china-2020', target: '≤ 15 min', judge: (m) => ({ met: m.get(MORRIS).medianMs <= 900_000, figure: `${(m.get(MORRIS).medianMs / 60_000).toFixed(1)} min` }) },
    { name: 'calibration of 8 parameters on china-2020', target: '≤ 60 min', judge: (m) => ({ met: m.get(CALIBRATION).medianMs <= 3_600_000, figure: `${(m.get(CALIBRATION).medianMs / 60_000).toFixed(1)} min` }) },
  ],
  options: { iterations: 1, warmupIterations: 0 },
});
