/**
 * Sensitivity analysis at the size issue 12 sets, as a user runs it: one `gbsim sensitivity`
 * process from the compiled CLI on china-2020 with the eight uncertain assumptions of its first
 * prior (bench/scenarios/china-2020-prior-8.yaml, issue 12's size; the shipped prior now has thirteen), two workers.
 *
 *   Morris  8 factors × 20 trajectories (180 points) × 20 replications = 3,600 runs, screened on
 *           the prefecture geography (the county map merged by prefecture and tier: 1,367 cells
 *           instead of 8,529), the trade a screening design is made for
 *
 * The calibration, the other long task of issue 12, is `calibration.bench.ts` (`npm run bench --
 * calibration`): it takes most of an hour. Checksums are structural (points run, indices
 * written), not model figures, so a broken path cannot look fast and the economics can change.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gbsimProcess } from './process.js';
import { defineBench, defineTask } from './harness.js';

const CHINA = 'scenarios/china-2020.yaml';
const FACTORS = 'bench/scenarios/china-2020-prior-8.yaml';
const MORRIS = 'china-2020 Morris (prefecture geography), 8 factors × 20 trajectories × 20 runs, 2 workers';

const morris = defineTask({
  name: MORRIS,
  setup: () => null,
  run: () => {
    const out = mkdtempSync(join(tmpdir(), 'gbsim-bench-morris-'));
    gbsimProcess(['sensitivity', CHINA, '--factors', FACTORS, '--method', 'morris', '--trajectories', '20', '--runs', '20', '--set', 'geography.resolution=prefecture', '--workers', '2', '--out', out, '--quiet']);
    const result = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8')) as { points: number; factors: unknown[]; indices: unknown[]; outputs: unknown[] };
    rmSync(out, { recursive: true, force: true });
    return { points: result.points, factors: result.factors.length, indicesPerOutput: result.indices.length / result.outputs.length };
  },
  expected: { points: 180, factors: 8, indicesPerOutput: 24 },
  throughput: { perRun: 3600, unit: 'runs/s' },
});


export default defineBench({
  title: 'Sensitivity analysis (whole process)',
  description: 'One gbsim process from the compiled CLI on china-2020 with the eight uncertain parameters of its prior and two worker threads.',
  tasks: [morris],
  figures: [],
  targets: [
    { name: 'Morris, 8 factors × 20 trajectories × 20 runs on china-2020', target: '≤ 15 min', judge: (m) => ({ met: m.get(MORRIS).medianMs <= 900_000, figure: `${(m.get(MORRIS).medianMs / 60_000).toFixed(1)} min` }) },
  ],
  options: { iterations: 1, warmupIterations: 0 },
});
