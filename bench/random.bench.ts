/**
 * Binomial draws per second in each regime of `RandomStream.binomial`: CDF inversion below
 * n·min(p, 1−p) = 30, BTRD at and above it (small and huge n, p above 0.5). For comparison, the
 * normal approximation the sampler used above 30 before BTRD (rounded, clamped to [0, n]; inexact)
 * is timed on the same cases. Setup (the stream) is untimed; the checksum is the sum of the draws,
 * so a broken sampler cannot look fast. A china-2020 run (104 weeks, seed 1) makes about 1.1 million
 * binomial draws, 73% of them in the BTRD regime.
 */
import { RandomStream } from '../sim/random/index.js';
import { defineBench, defineTask, type Checksum, type Measurements } from './harness.js';

const DRAWS = 500_000;

type Draw = (stream: RandomStream, n: number, p: number) => number;

/** The pre-BTRD sampler above n·min(p, 1−p) = 30, kept here only to time against. */
const normalApproximation: Draw = (stream, n, p) => {
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const draw = Math.round(stream.normal(n * q, Math.sqrt(n * q * (1 - q))));
  const k = draw < 0 ? 0 : draw > n ? n : draw;
  return flip ? n - k : k;
};

const exact: Draw = (stream, n, p) => stream.binomial(n, p);

interface Case {
  readonly name: string;
  readonly n: number;
  readonly p: number;
  readonly draw: Draw;
  /** Sum of DRAWS draws from the stream named after the case (seed 1). */
  readonly sum: number;
}

const CASES: readonly Case[] = [
  { name: 'inversion, n = 100, p = 0.29', n: 100, p: 0.29, draw: exact, sum: 14_497_054 },
  { name: 'BTRD, n = 100, p = 0.3', n: 100, p: 0.3, draw: exact, sum: 15_006_559 },
  { name: 'BTRD, n = 1,000, p = 0.05', n: 1000, p: 0.05, draw: exact, sum: 25_005_675 },
  { name: 'BTRD, n = 200, p = 0.6', n: 200, p: 0.6, draw: exact, sum: 59_996_613 },
  { name: 'BTRD, n = 1e9, p = 0.3', n: 1e9, p: 0.3, draw: exact, sum: 149_999_990_094_955 },
  { name: 'old normal approximation, n = 100, p = 0.3', n: 100, p: 0.3, draw: normalApproximation, sum: 14_997_560 },
  { name: 'old normal approximation, n = 1,000, p = 0.05', n: 1000, p: 0.05, draw: normalApproximation, sum: 24_994_349 },
  { name: 'old normal approximation, n = 200, p = 0.6', n: 200, p: 0.6, draw: normalApproximation, sum: 59_996_452 },
  { name: 'old normal approximation, n = 1e9, p = 0.3', n: 1e9, p: 0.3, draw: normalApproximation, sum: 149_999_984_237_250 },
];

function drawTask(c: Case) {
  return defineTask({
    name: c.name,
    setup: () => RandomStream.of({ seed: 1, replication: 0, owner: c.name, purpose: 'test' }),
    run: (stream): Checksum => {
      let sum = 0;
      for (let i = 0; i < DRAWS; i++) sum += c.draw(stream, c.n, c.p);
      return { sum };
    },
    expected: { sum: c.sum },
    throughput: { perRun: DRAWS, unit: 'draws/s' },
  });
}

/** BTRD's time over the old approximation's for one (n, p). */
function ratio(m: Measurements, parameters: string): string {
  const btrd = m.get(`BTRD, ${parameters}`).medianMs;
  const old = m.get(`old normal approximation, ${parameters}`).medianMs;
  return `${(btrd / old).toFixed(2)}x`;
}

const PAIRS = ['n = 100, p = 0.3', 'n = 1,000, p = 0.05', 'n = 200, p = 0.6', 'n = 1e9, p = 0.3'];

export default defineBench({
  title: 'binomial draws',
  description:
    `One sample is ${DRAWS.toLocaleString('en-US')} draws of Binomial(n, p) from one seeded stream (alea). Figure: draws per ` +
    'second of the median sample. "old normal approximation" is the inexact sampler used above n·min(p, 1−p) = 30 before ' +
    'BTRD, timed for comparison only. A china-2020 run (104 weeks) makes about 1.1 million binomial draws, 73% of them in the ' +
    'BTRD regime. Tasks run one after another, so on a loaded machine compare the ratios with care: on 2026-11-30 (load ' +
    'average about 18 on 2 cores) the two samplers alternated in one process gave BTRD / old = 2.0x (n = 100, p = 0.3), ' +
    '2.5x (n = 1,000, p = 0.05), 1.6x (n = 200, p = 0.6), 1.2x (n = 1e6 and 1e9, p = 0.3) per draw (10th percentiles ' +
    'of 60 alternations), and 8 alternating china-2020 runs took 1.07x the time with BTRD (median; 0.87x by the minimum).',
  tasks: CASES.map(drawTask),
  figures: PAIRS.map((parameters) => ({ name: `BTRD time / old approximation time, ${parameters}`, compute: (m: Measurements) => ratio(m, parameters) })),
  options: { iterations: 10 },
});
