/**
 * gbsim's event kernel: a thin adapter over simjs's calendar (its binary heap and Request objects).
 *
 * Time is a number of simulation days from the scenario's start. What the adapter adds to simjs:
 * - runs in segments: `runUntil(t)` processes every event at time ≤ t and leaves later events
 *   queued, so a run can stop at a date, be inspected and continue (simjs's own `simulate(end)`
 *   pops and discards the first event past `end`);
 * - a documented order for events at the same time: lower `priority` first, and among equal
 *   priorities the order in which they were scheduled (FIFO);
 * - cancellation and an event count.
 */
import { simjs, type SimjsEntity, type SimjsQueue, type SimjsRequest, type SimjsSim } from './simjs.js';

/** What an event does when it fires. */
export type EventHandler = () => void;

/** A pending event; pass it to `Kernel.cancel` to withdraw it. */
export interface ScheduledEvent {
  readonly timeDays: number;
  readonly priority: number;
}

interface PrioritisedRequest extends SimjsRequest {
  priority: number;
}

/** Orders the heap by time, then priority (lower first), then scheduling order (FIFO). */
function laterThan(a: PrioritisedRequest, b: PrioritisedRequest): boolean {
  if (a.deliverAt !== b.deliverAt) return a.deliverAt > b.deliverAt;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.order > b.order;
}

class Dispatcher extends simjs.Entity {
  override start(): void {}
}

export class Kernel {
  private readonly sim: SimjsSim;
  private readonly queue: SimjsQueue;
  private readonly dispatcher: SimjsEntity;
  private processed = 0;

  constructor() {
    this.sim = new simjs.Sim();
    this.queue = this.sim.queue;
    this.queue.greater = laterThan as (a: SimjsRequest, b: SimjsRequest) => boolean;
    this.dispatcher = this.sim.addEntity(Dispatcher, 'gbsim');
  }

  /** Current simulation time in days. */
  get now(): number {
    return this.sim.simTime;
  }

  /** Events delivered so far (cancelled ones not counted). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events still queued (cancelled ones included until they surface). */
  get pendingEvents(): number {
    return this.queue.data.length;
  }

  /** Time of the next queued event, or Infinity when none is queued. */
  nextEventTime(): number {
    const top = this.queue.data[0];
    return top === undefined ? Infinity : top.deliverAt;
  }

  /** Schedules `handler` after `delayDays` (≥ 0) days. */
  schedule(delayDays: number, handler: EventHandler, priority = 0): ScheduledEvent {
    if (!(delayDays >= 0) || !Number.isFinite(delayDays)) {
      throw new RangeError(`Kernel.schedule: delay must be a finite number ≥ 0 days (got ${delayDays})`);
    }
    const request = this.dispatcher.setTimer(delayDays) as PrioritisedRequest;
    request.priority = priority;
    request.done(handler);
    return { timeDays: request.deliverAt, priority, request } as ScheduledEvent;
  }

  /** Schedules `handler` at absolute time `timeDays` (not before now). */
  scheduleAt(timeDays: number, handler: EventHandler, priority = 0): ScheduledEvent {
    if (timeDays < this.now) {
      throw new RangeError(`Kernel.scheduleAt: day ${timeDays} is in the past (now is day ${this.now})`);
    }
    return this.schedule(timeDays - this.now, handler, priority);
  }

  /** Withdraws a pending event; cancelling a delivered or cancelled event does nothing. */
  cancel(event: ScheduledEvent): void {
    (event as ScheduledEvent & { request: SimjsRequest }).request.cancelled = true;
  }

  /**
   * Delivers every event at time ≤ `endDays` in order, then sets the clock to `endDays`.
   * Events after `endDays` stay queued for the next segment. Returns the events delivered.
   */
  runUntil(endDays: number): number {
    if (endDays < this.now) {
      throw new RangeError(`Kernel.runUntil: day ${endDays} is before now (day ${this.now})`);
    }
    const queue = this.queue;
    const sim = this.sim;
    let delivered = 0;
    for (;;) {
      const top = queue.data[0];
      if (top === undefined || top.deliverAt > endDays) break;
      queue.remove();
      sim.simTime = top.deliverAt;
      if (top.cancelled) continue;
      top.deliver();
      delivered++;
    }
    sim.simTime = endDays;
    this.processed += delivered;
    return delivered;
  }

  /** Delivers events until none is left (or `maxEvents` have been delivered). */
  runAll(maxEvents = Infinity): number {
    const queue = this.queue;
    const sim = this.sim;
    let delivered = 0;
    while (delivered < maxEvents) {
      const top = queue.remove();
      if (top === null) break;
      sim.simTime = top.deliverAt;
      if (top.cancelled) continue;
      top.deliver();
      delivered++;
    }
    this.processed += delivered;
    return delivered;
  }
}
