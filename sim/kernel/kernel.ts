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
 *
 * Requests are simjs `Request`s carrying their priority and handler; the kernel pops them from
 * simjs's heap itself and calls the handler directly (simjs's `deliver` adds a callback list and
 * context bookkeeping gbsim does not use).
 */
import { simjs, type SimjsEntity, type SimjsQueue, type SimjsRequest, type SimjsSim } from './simjs.js';

/** What an event does when it fires. */
export type EventHandler = () => void;

/** A pending event; pass it to `Kernel.cancel` to withdraw it. */
export interface ScheduledEvent {
  readonly timeDays: number;
  readonly priority: number;
}

/**
 * A simjs Request that carries its priority from construction, so the heap compares it correctly
 * while inserting it (and every request has one hidden class).
 */
class KernelRequest extends simjs.Request implements ScheduledEvent {
  readonly priority: number;
  readonly handler: EventHandler;

  constructor(entity: SimjsEntity, nowDays: number, timeDays: number, priority: number, handler: EventHandler) {
    super(entity, nowDays, timeDays);
    this.priority = priority;
    this.handler = handler;
  }

  get timeDays(): number {
    return this.deliverAt;
  }
}

/** Orders the heap by time, then priority (lower first), then scheduling order (FIFO). */
function laterThan(a: KernelRequest, b: KernelRequest): boolean {
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

  /** Time of the next event that will be delivered, or Infinity when none is queued. */
  nextEventTime(): number {
    const queue = this.queue;
    while (queue.data[0]?.cancelled) queue.remove();
    const top = queue.data[0];
    return top === undefined ? Infinity : top.deliverAt;
  }

  /** Schedules `handler` after `delayDays` (≥ 0) days. */
  schedule(delayDays: number, handler: EventHandler, priority = 0): ScheduledEvent {
    if (!(delayDays >= 0) || !Number.isFinite(delayDays)) {
      throw new RangeError(`Kernel.schedule: delay must be a finite number ≥ 0 days (got ${delayDays})`);
    }
    return this.enqueue(this.sim.simTime + delayDays, handler, priority);
  }

  /** Schedules `handler` at absolute time `timeDays` (not before now). */
  scheduleAt(timeDays: number, handler: EventHandler, priority = 0): ScheduledEvent {
    if (!(timeDays >= this.now) || !Number.isFinite(timeDays)) {
      throw new RangeError(`Kernel.scheduleAt: day ${timeDays} is in the past or not finite (now is day ${this.now})`);
    }
    return this.enqueue(timeDays, handler, priority);
  }

  private enqueue(timeDays: number, handler: EventHandler, priority: number): KernelRequest {
    const request = new KernelRequest(this.dispatcher, this.sim.simTime, timeDays, priority, handler);
    this.queue.insert(request);
    return request;
  }

  /** Withdraws a pending event; cancelling a delivered or cancelled event does nothing. */
  cancel(event: ScheduledEvent): void {
    (event as KernelRequest).cancelled = true;
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
    const before = this.processed;
    for (;;) {
      const top = queue.data[0] as KernelRequest | undefined;
      if (top === undefined || top.deliverAt > endDays) break;
      queue.remove();
      if (top.cancelled) continue;
      sim.simTime = top.deliverAt;
      this.processed++;
      const { handler } = top;
      handler();
    }
    sim.simTime = endDays;
    return this.processed - before;
  }

  /**
   * Delivers events until none is left (or `maxEvents` have been delivered); the clock stays at
   * the last delivered event. Returns the events delivered.
   */
  runAll(maxEvents = Infinity): number {
    const queue = this.queue;
    const sim = this.sim;
    const before = this.processed;
    while (this.processed - before < maxEvents) {
      const top = queue.remove() as KernelRequest | null;
      if (top === null) break;
      if (top.cancelled) continue;
      sim.simTime = top.deliverAt;
      this.processed++;
      const { handler } = top;
      handler();
    }
    return this.processed - before;
  }
}
