/**
 * A queueing station built only on `Kernel.schedule`, for the kernel's theory tests: customers
 * arrive, wait in one FIFO line for one of `servers` servers, are served and leave.
 *
 *   arrive ──> (a server is free ? start : wait in line) ──> depart ──> next in line starts
 *
 * The station keeps every customer's arrival, service start and departure, the integral of the
 * number in system over time, and optionally a trace of its events.
 */
import type { Kernel, ScheduledEvent } from '../../sim/kernel/index.js';

export interface StationOptions {
  readonly servers: number;
  /** Draws the time to the next arrival, in days. */
  readonly interarrivalDays: () => number;
  /** Draws a service time, in days. */
  readonly serviceDays: () => number;
  /** Keep a trace of every event (for exact-timeline and reproducibility tests). */
  readonly traced?: boolean;
}

export interface Customer {
  readonly id: number;
  readonly arrivalDays: number;
  serviceStartDays?: number;
  departureDays?: number;
}

export type TraceEntry = readonly [timeDays: number, what: 'arrive' | 'start' | 'depart', customer: number];

export class QueueingStation {
  readonly customers: Customer[] = [];
  readonly trace: TraceEntry[] = [];
  private readonly line: Customer[] = [];
  private busyServers = 0;
  private inSystem = 0;
  private area = 0;
  private areaUpdatedDays = 0;
  private nextArrival: ScheduledEvent | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly options: StationOptions,
  ) {
    this.areaUpdatedDays = kernel.now;
  }

  /** Starts the arrival process: the first customer comes after one interarrival time. */
  open(): void {
    this.nextArrival = this.kernel.schedule(this.options.interarrivalDays(), this.arrive);
  }

  /** Stops arrivals (the pending arrival is cancelled); customers already here are still served. */
  close(): void {
    if (this.nextArrival) this.kernel.cancel(this.nextArrival);
    this.nextArrival = undefined;
  }

  /** Customers in line or in service now. */
  get numberInSystem(): number {
    return this.inSystem;
  }

  /** ∫ (number in system) dt from the station's creation to now, in customer-days. */
  customerDaysInSystem(): number {
    this.accumulate();
    return this.area;
  }

  private accumulate(): void {
    const now = this.kernel.now;
    this.area += this.inSystem * (now - this.areaUpdatedDays);
    this.areaUpdatedDays = now;
  }

  private record(what: TraceEntry[1], customer: Customer): void {
    if (this.options.traced) this.trace.push([this.kernel.now, what, customer.id]);
  }

  private readonly arrive = (): void => {
    this.accumulate();
    const customer: Customer = { id: this.customers.length, arrivalDays: this.kernel.now };
    this.customers.push(customer);
    this.inSystem++;
    this.record('arrive', customer);
    if (this.busyServers < this.options.servers) this.startService(customer);
    else this.line.push(customer);
    this.nextArrival = this.kernel.schedule(this.options.interarrivalDays(), this.arrive);
  };

  private startService(customer: Customer): void {
    this.busyServers++;
    customer.serviceStartDays = this.kernel.now;
    this.record('start', customer);
    this.kernel.schedule(this.options.serviceDays(), () => this.depart(customer));
  }

  private depart(customer: Customer): void {
    this.accumulate();
    this.busyServers--;
    this.inSystem--;
    customer.departureDays = this.kernel.now;
    this.record('depart', customer);
    const next = this.line.shift();
    if (next !== undefined) this.startService(next);
  }
}

/** What one replication measured after its warm-up. */
export interface StationMeasures {
  /** Mean time in system of the customers who arrived after the warm-up, in days. */
  readonly meanSojournDays: number;
  /** Mean time in line of the same customers, in days. */
  readonly meanWaitDays: number;
  /** Time-average number in system over [warm-up, horizon]. */
  readonly meanNumberInSystem: number;
  readonly customersMeasured: number;
}

/**
 * Runs an open station to `horizonDays`, deleting the warm-up [0, warmupDays]: the customers who
 * arrive in (warm-up, horizon] are measured, and served to the end after arrivals stop.
 */
export function measureStation(kernel: Kernel, station: QueueingStation, warmupDays: number, horizonDays: number): StationMeasures {
  station.open();
  kernel.runUntil(warmupDays);
  const firstMeasured = station.customers.length;
  const areaAtWarmup = station.customerDaysInSystem();
  kernel.runUntil(horizonDays);
  const meanNumberInSystem = (station.customerDaysInSystem() - areaAtWarmup) / (horizonDays - warmupDays);
  const measured = station.customers.slice(firstMeasured);
  station.close();
  kernel.runAll();
  let sojourn = 0;
  let wait = 0;
  for (const customer of measured) {
    sojourn += (customer.departureDays ?? NaN) - customer.arrivalDays;
    wait += (customer.serviceStartDays ?? NaN) - customer.arrivalDays;
  }
  const count = measured.length;
  return { meanSojournDays: sojourn / count, meanWaitDays: wait / count, meanNumberInSystem, customersMeasured: count };
}
