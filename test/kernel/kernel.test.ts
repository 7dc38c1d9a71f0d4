import { describe, expect, it } from 'vitest';
import { Kernel } from '../../sim/kernel/index.js';
import { RandomStream } from '../../sim/random/index.js';
import { QueueingStation, type TraceEntry } from '../support/queueing.js';

/** A kernel and a log of [name, time] that handlers made with `note(name)` append to. */
function logged() {
  const kernel = new Kernel();
  const log: Array<[string, number]> = [];
  const note = (name: string) => () => {
    log.push([name, kernel.now]);
  };
  return { kernel, log, note };
}

describe('Kernel event order', () => {
  it('delivers events in time order whatever the scheduling order', () => {
    const { kernel, log, note } = logged();
    kernel.schedule(3, note('a'));
    kernel.schedule(1, note('b'));
    kernel.scheduleAt(2, note('c'));
    kernel.runAll();
    expect(log).toEqual([['b', 1], ['c', 2], ['a', 3]]);
  });

  it('delivers simultaneous events of one priority in the order they were scheduled (FIFO)', () => {
    const { kernel, log, note } = logged();
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) kernel.schedule(5, note(name));
    kernel.scheduleAt(5, note('i'));
    kernel.runAll();
    expect(log.map(([name]) => name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  });

  it('delivers simultaneous events by priority, lower first, then FIFO within a priority', () => {
    const { kernel, log, note } = logged();
    kernel.schedule(1, note('late-1'), 5);
    kernel.schedule(1, note('early-1'), -1);
    kernel.schedule(1, note('normal-1'));
    kernel.schedule(1, note('late-2'), 5);
    kernel.schedule(1, note('early-2'), -1);
    kernel.schedule(1, note('normal-2'));
    kernel.schedule(0.5, note('before'), 99);
    kernel.runAll();
    expect(log).toEqual([
      ['before', 0.5], ['early-1', 1], ['early-2', 1], ['normal-1', 1], ['normal-2', 1], ['late-1', 1], ['late-2', 1],
    ]);
  });

  it('sorts many simultaneous events by priority, stable in scheduling order', () => {
    const { kernel, log, note } = logged();
    const priorities = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
    priorities.forEach((priority, i) => kernel.schedule(1, note(`${priority}:${i}`), priority));
    kernel.runAll();
    const expected = priorities.map((priority, i) => ({ priority, i })).sort((x, y) => x.priority - y.priority || x.i - y.i);
    expect(log.map(([name]) => name)).toEqual(expected.map(({ priority, i }) => `${priority}:${i}`));
  });

  it('delivers a zero-delay event scheduled by a handler after the events already due then', () => {
    const { kernel, log, note } = logged();
    kernel.schedule(2, () => {
      log.push(['first', kernel.now]);
      kernel.schedule(0, note('spawned'));
      kernel.schedule(0, note('urgent'), -1);
    });
    kernel.schedule(2, note('second'));
    kernel.runAll();
    expect(log).toEqual([['first', 2], ['urgent', 2], ['second', 2], ['spawned', 2]]);
  });

  it('reports each scheduled event with its time and priority', () => {
    const kernel = new Kernel();
    kernel.runUntil(1.5);
    const event = kernel.schedule(2, () => {}, 3);
    expect([event.timeDays, event.priority]).toEqual([3.5, 3]);
    expect(kernel.scheduleAt(7, () => {}).timeDays).toBe(7);
  });

  it('rejects delays and dates it cannot honour, naming the value', () => {
    const kernel = new Kernel();
    kernel.runUntil(10);
    expect(() => kernel.schedule(-1, () => {})).toThrow('delay must be a finite number ≥ 0 days (got -1)');
    expect(() => kernel.schedule(Number.NaN, () => {})).toThrow(RangeError);
    expect(() => kernel.schedule(Infinity, () => {})).toThrow(RangeError);
    expect(() => kernel.scheduleAt(9, () => {})).toThrow('day 9 is in the past');
    expect(() => kernel.runUntil(5)).toThrow('day 5 is before now (day 10)');
  });
});

describe('Kernel segments', () => {
  it('delivers events at the segment end, keeps later ones and moves the clock to the end', () => {
    const { kernel, log, note } = logged();
    kernel.schedule(1, note('a'));
    kernel.schedule(2, note('b'));
    kernel.schedule(3, note('c'));
    expect(kernel.runUntil(2)).toBe(2);
    expect(log).toEqual([['a', 1], ['b', 2]]);
    expect([kernel.now, kernel.nextEventTime(), kernel.pendingEvents]).toEqual([2, 3, 1]);
    expect(kernel.runUntil(2.5)).toBe(0);
    expect(kernel.now).toBe(2.5);
    kernel.runUntil(10);
    expect(log).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect([kernel.eventsProcessed, kernel.nextEventTime()]).toEqual([3, Infinity]);
  });

  it('gives the same trace run in many segments as in one run', () => {
    const inOneRun = stationTrace(1, [300]);
    const segmentEnds = Array.from({ length: 600 }, (_, i) => 0.5 * (i + 1));
    const inSegments = stationTrace(1, segmentEnds);
    expect(inOneRun.trace.length).toBeGreaterThan(400);
    expect(inSegments).toEqual(inOneRun);
  });

  it('gives the same trace when segments end exactly on event times', () => {
    const inOneRun = stationTrace(1, [100]);
    const eventTimes = [...new Set(inOneRun.trace.map(([time]) => time))];
    expect(stationTrace(1, [...eventTimes.slice(0, 50), 100])).toEqual(inOneRun);
  });

  it('counts events delivered so far, the one being delivered included', () => {
    const kernel = new Kernel();
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) kernel.schedule(i, () => seen.push(kernel.eventsProcessed));
    kernel.runUntil(0.5);
    kernel.runAll();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops runAll after maxEvents deliveries', () => {
    const { kernel, log, note } = logged();
    for (let i = 1; i <= 5; i++) kernel.schedule(i, note(`e${i}`));
    expect(kernel.runAll(2)).toBe(2);
    expect(log).toEqual([['e1', 1], ['e2', 2]]);
    expect(kernel.runAll()).toBe(3);
    expect(kernel.now).toBe(5);
  });
});

describe('Kernel.cancel', () => {
  it('withdraws an event: it never fires and is not counted', () => {
    const { kernel, log, note } = logged();
    kernel.schedule(1, note('a'));
    const b = kernel.schedule(1, note('b'));
    kernel.schedule(1, note('c'));
    kernel.cancel(b);
    kernel.cancel(b);
    expect(kernel.runAll()).toBe(2);
    expect(log).toEqual([['a', 1], ['c', 1]]);
    expect(kernel.eventsProcessed).toBe(2);
  });

  it('lets a handler cancel a later event, and ignores cancelling a delivered one', () => {
    const { kernel, log, note } = logged();
    const first = kernel.schedule(1, note('first'));
    const victim = kernel.schedule(3, note('victim'));
    kernel.schedule(2, () => kernel.cancel(victim));
    kernel.runUntil(1);
    kernel.cancel(first);
    kernel.runAll();
    expect(log).toEqual([['first', 1]]);
    expect(kernel.now).toBe(2);
  });

  it('skips cancelled events when reporting the next event time', () => {
    const kernel = new Kernel();
    kernel.cancel(kernel.schedule(1, () => {}));
    kernel.schedule(4, () => {});
    expect(kernel.nextEventTime()).toBe(4);
  });
});

describe('Kernel reproducibility', () => {
  it('gives an identical event trace for the same seed and a different one for another seed', () => {
    const first = stationTrace(7, [200]);
    expect(stationTrace(7, [200])).toEqual(first);
    expect(stationTrace(8, [200]).trace).not.toEqual(first.trace);
  });
});

/** The traced M/M/1 station (λ = 1, μ = 1.25) of `seed`, run to each end in turn. */
function stationTrace(seed: number, segmentEnds: readonly number[]): { trace: TraceEntry[]; events: number } {
  const kernel = new Kernel();
  const arrivals = RandomStream.of({ seed, replication: 0, owner: 'arrivals', purpose: 'test' });
  const services = RandomStream.of({ seed, replication: 0, owner: 'services', purpose: 'test' });
  const station = new QueueingStation(kernel, {
    servers: 1,
    interarrivalDays: () => arrivals.exponential(1),
    serviceDays: () => services.exponential(1.25),
    traced: true,
  });
  station.open();
  for (const end of segmentEnds) kernel.runUntil(end);
  return { trace: station.trace, events: kernel.eventsProcessed };
}
