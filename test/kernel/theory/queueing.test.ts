/**
 * The kernel against queueing theory. Each model runs R independent replications (streams keyed
 * by replication), deletes a warm-up, and checks that the closed form lies inside the 95%
 * t-interval over the replication means, and that the interval is narrow enough to catch an error.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../sim/kernel/index.js';
import { RandomStream } from '../../../sim/random/index.js';
import { tInterval, type ConfidenceInterval } from '../../support/confidence-interval.js';
import { measureStation, QueueingStation, type StationMeasures } from '../../support/queueing.js';

const SEED = 20_201_101;
const REPLICATIONS = 30;
const WARMUP_DAYS = 1_000;

interface StationModel {
  readonly name: string;
  readonly servers: number;
  readonly arrivalsPerDay: number;
  readonly servicesPerDay: number;
  readonly deterministicService?: boolean;
  readonly horizonDays: number;
}

function replicate(model: StationModel): StationMeasures[] {
  return Array.from({ length: REPLICATIONS }, (_, replication) => {
    const kernel = new Kernel();
    const arrivals = RandomStream.of({ seed: SEED, replication, owner: `${model.name} arrivals`, purpose: 'test' });
    const services = RandomStream.of({ seed: SEED, replication, owner: `${model.name} services`, purpose: 'test' });
    const station = new QueueingStation(kernel, {
      servers: model.servers,
      interarrivalDays: () => arrivals.exponential(model.arrivalsPerDay),
      serviceDays: model.deterministicService ? () => 1 / model.servicesPerDay : () => services.exponential(model.servicesPerDay),
    });
    return measureStation(kernel, station, WARMUP_DAYS, model.horizonDays);
  });
}

/** The interval of one measure over the replications. */
function intervalOf(runs: readonly StationMeasures[], measure: keyof StationMeasures): ConfidenceInterval {
  return tInterval(runs.map((run) => run[measure]));
}

/** Theory inside the interval, and the interval within `relativePrecision` of theory. */
function expectCovers(interval: ConfidenceInterval, theory: number, relativePrecision: number): void {
  expect(interval.low).toBeLessThan(theory);
  expect(interval.high).toBeGreaterThan(theory);
  expect(interval.halfWidth).toBeLessThan(relativePrecision * theory);
}

/** Erlang C: the probability that an arrival waits in M/M/c, from its definition. */
function erlangC(servers: number, offeredLoad: number): number {
  let term = 1;
  let below = 0;
  for (let k = 0; k < servers; k++) {
    below += term;
    term *= offeredLoad / (k + 1);
  }
  const waiting = (term * servers) / (servers - offeredLoad);
  return waiting / (below + waiting);
}

describe('M/M/1 with λ = 0.5, μ = 1', () => {
  const runs = replicate({ name: 'mm1', servers: 1, arrivalsPerDay: 0.5, servicesPerDay: 1, horizonDays: 21_000 });

  it('has mean sojourn W = 1/(μ − λ) = 2 days inside the 95% interval', () => {
    expectCovers(intervalOf(runs, 'meanSojournDays'), 2, 0.03);
  });

  it('has mean wait Wq = ρ/(μ − λ) = 1 day inside the 95% interval', () => {
    expectCovers(intervalOf(runs, 'meanWaitDays'), 1, 0.05);
  });

  it('has time-average number in system L = ρ/(1 − ρ) = 1 inside the 95% interval', () => {
    expectCovers(intervalOf(runs, 'meanNumberInSystem'), 1, 0.03);
  });
});

describe('M/M/3 with λ = 2.4, μ = 1 (ρ = 0.8)', () => {
  const servers = 3;
  const load = 2.4;
  // Reference: C(3, 2.4) = 11.52 / 17.8 = 0.6471910; Wq = C/(cμ − λ) = 1.0786517 days.
  const waitDays = erlangC(servers, load) / (servers - load);
  const runs = replicate({ name: 'mm3', servers, arrivalsPerDay: load, servicesPerDay: 1, horizonDays: 11_000 });

  it('computes Erlang C as the reference value', () => {
    expect(erlangC(servers, load)).toBeCloseTo(0.647191, 6);
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
  });

  it('has mean wait Wq = C(c, λ/μ)/(cμ − λ) inside the 95% interval', () => {
    expectCovers(intervalOf(runs, 'meanWaitDays'), waitDays, 0.06);
  });

  it('has mean sojourn W = Wq + 1/μ inside the 95% interval', () => {
    expectCovers(intervalOf(runs, 'meanSojournDays'), waitDays + 1, 0.03);
  });

  it('has time-average number in system L = λW inside the 95% interval', () => {
    expectCovers(intervalOf(runs, 'meanNumberInSystem'), load * (waitDays + 1), 0.03);
  });
});

describe('M/D/1 with λ = 0.5 and service exactly 1 day', () => {
  const runs = replicate({ name: 'md1', servers: 1, arrivalsPerDay: 0.5, servicesPerDay: 1, deterministicService: true, horizonDays: 21_000 });

  it('has mean wait Wq = ρ/(2μ(1 − ρ)) = 0.5 days (Pollaczek–Khinchine) inside the 95% interval', () => {
    expectCovers(intervalOf(runs, 'meanWaitDays'), 0.5, 0.03);
  });

  it('has mean sojourn W = Wq + 1/μ = 1.5 days inside the 95% interval', () => {
    expectCovers(intervalOf(runs, 'meanSojournDays'), 1.5, 0.02);
  });
});

describe("Little's law on one sample path", () => {
  it('makes the time-average number in system equal arrival rate × mean sojourn over [0, T]', () => {
    const kernel = new Kernel();
    const arrivals = RandomStream.of({ seed: SEED, replication: 0, owner: 'little arrivals', purpose: 'test' });
    const services = RandomStream.of({ seed: SEED, replication: 0, owner: 'little services', purpose: 'test' });
    const station = new QueueingStation(kernel, {
      servers: 2,
      interarrivalDays: () => arrivals.exponential(1.5),
      serviceDays: () => services.exponential(1),
    });
    station.open();
    kernel.runUntil(5_000);
    // End T between two events while at least two customers are in the system.
    while (station.numberInSystem < 2) kernel.runUntil(kernel.nextEventTime());
    const horizonDays = (kernel.now + kernel.nextEventTime()) / 2;
    kernel.runUntil(horizonDays);
    const timeAverageInSystem = station.customerDaysInSystem() / horizonDays;
    // Customers still in the system at T count with the time they spent up to T.
    const sojournDaysUpToT = station.customers.map((c) => Math.min(c.departureDays ?? horizonDays, horizonDays) - c.arrivalDays);
    const arrivalRate = station.customers.length / horizonDays;
    const meanSojournDays = sojournDaysUpToT.reduce((sum, d) => sum + d, 0) / station.customers.length;
    expect(station.customers.filter((c) => c.departureDays === undefined)).toHaveLength(station.numberInSystem);
    expect(station.customers.length).toBeGreaterThan(7_000);
    expect(Math.abs(timeAverageInSystem - arrivalRate * meanSojournDays)).toBeLessThan(1e-9 * timeAverageInSystem);
  });
});
