/**
 * Kernel throughput: K processes each wait an exponential time (mean 1 day, one seeded stream) and
 * wait again, until 1,000,000 events have happened in total. The same model runs through gbsim's
 * `Kernel` and through raw simjs (`entity.setTimer(d).done(cb)`, `sim.simulate(end)`), so the
 * ratio of their times is the adapter's overhead. Both paths draw the same delays in the same
 * order, so they must end on the same day with the same process: that is the checksum.
 */
import { Kernel } from '../sim/kernel/kernel.js';
import { simjs } from '../sim/kernel/simjs.js';
import { RandomStream } from '../sim/random/distributions.js';
import { defineBench, defineTask, type BenchFigure, type BenchTask, type Checksum, type Measurements } from './harness.js';

const TOTAL_EVENTS = 1_000_000;
const PROCESS_COUNTS = [10, 1_000, 100_000] as const;
type ProcessCount = (typeof PROCESS_COUNTS)[number];
const OVERHEAD_TARGET = 0.15;

/**
 * What every run must return, per K: computed once with this file's seed and checked to agree
 * between the two paths (they schedule the same delays in the same order).
 */
const EXPECTED: Record<ProcessCount, Checksum> = {
  10: { events: TOTAL_EVENTS, lastDay: 99941.046325593, lastProcess: 5 },
  1_000: { events: TOTAL_EVENTS, lastDay: 1009.5151099396882, lastProcess: 981 },
  100_000: { events: TOTAL_EVENTS, lastDay: 21.16734437876692, lastProcess: 67560 },
};

function delays(): RandomStream {
  return RandomStream.of({ seed: 2020, replication: 0, owner: 'bench', purpose: 'test' });
}

/** The hold model on gbsim's Kernel: each process is a handler that schedules itself again. */
function gbsimHoldModel(processCount: number): () => Checksum {
  const kernel = new Kernel();
  const stream = delays();
  let scheduled = 0;
  let lastProcess = -1;
  const processes = Array.from({ length: processCount }, (_, id) => {
    const wake = (): void => {
      lastProcess = id;
      if (scheduled < TOTAL_EVENTS) {
        scheduled++;
        kernel.schedule(stream.exponential(1), wake);
      }
    };
    return wake;
  });
  return () => {
    for (const wake of processes) {
      scheduled++;
      kernel.schedule(stream.exponential(1), wake);
    }
    kernel.runAll();
    return { events: kernel.eventsProcessed, lastDay: kernel.now, lastProcess };
  };
}

/** The same model on raw simjs: each process is an entity that sets a timer on itself again. */
function rawSimjsHoldModel(processCount: number): () => Checksum {
  const sim = new simjs.Sim();
  const stream = delays();
  let scheduled = 0;
  let events = 0;
  let lastProcess = -1;
  class Waiter extends simjs.Entity {
    id = -1;
    override start(id: number): void {
      this.id = id;
    }
    wake(): void {
      events++;
      lastProcess = this.id;
      if (scheduled < TOTAL_EVENTS) {
        scheduled++;
        this.setTimer(stream.exponential(1)).done(this.wake);
      }
    }
  }
  const waiters = Array.from({ length: processCount }, (_, id) => sim.addEntity(Waiter, undefined, id));
  return () => {
    for (const waiter of waiters) {
      scheduled++;
      waiter.setTimer(stream.exponential(1)).done(waiter.wake);
    }
    sim.simulate(Infinity);
    return { events, lastDay: sim.simTime, lastProcess };
  };
}

const label = (k: number) => `K = ${k.toLocaleString('en-US')}`;
const gbsimName = (k: number) => `gbsim Kernel, ${label(k)}`;
const rawName = (k: number) => `raw simjs, ${label(k)}`;

function holdTasks(k: ProcessCount): BenchTask[] {
  const throughput = { perRun: TOTAL_EVENTS, unit: 'events/s' };
  return [
    defineTask({ name: rawName(k), setup: () => rawSimjsHoldModel(k), run: (go) => go(), expected: EXPECTED[k], throughput }),
    defineTask({ name: gbsimName(k), setup: () => gbsimHoldModel(k), run: (go) => go(), expected: EXPECTED[k], throughput }),
  ];
}

/** gbsim's median time over raw simjs's, minus one. */
function overhead(measured: Measurements, k: number): number {
  return measured.get(gbsimName(k)).medianMs / measured.get(rawName(k)).medianMs - 1;
}

const percent = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(100 * ratio).toFixed(1)}%`;

const overheadFigures: BenchFigure[] = PROCESS_COUNTS.map((k) => ({
  name: `adapter overhead (gbsim time / raw simjs time − 1), ${label(k)}`,
  compute: (measured) => percent(overhead(measured, k)),
}));

export default defineBench({
  title: 'event kernel throughput, gbsim Kernel vs raw simjs',
  description:
    `K processes each wait Exponential(mean 1 day) and wait again until ${TOTAL_EVENTS.toLocaleString('en-US')} ` +
    'events in total (the initial K schedules included); setup (kernel, entities, stream) is untimed. ' +
    'Figure: events per second of the median run.',
  tasks: PROCESS_COUNTS.flatMap(holdTasks),
  figures: overheadFigures,
  targets: [
    {
      name: `adapter overhead at ${label(1_000)}`,
      target: `≤ ${100 * OVERHEAD_TARGET}%`,
      judge: (measured) => {
        const ratio = overhead(measured, 1_000);
        return { met: ratio <= OVERHEAD_TARGET, figure: percent(ratio) };
      },
    },
  ],
  options: { iterations: 10, warmupIterations: 2 },
});
