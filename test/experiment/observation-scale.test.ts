import { describe, expect, it } from 'vitest';
import { observationScale, type Observation } from '../../sim/experiment/observations.js';

const base: Observation = { line: 2, date: '2021-01-01', player: 'red', metric: 'orders_per_day', value: 1000, low: null, high: null, source: 'x', quote: '', week: 1, fitted: true } as Observation;

describe('the scale of an observation in the ABC distance', () => {
  it('is half the stated range when one is given', () => {
    expect(observationScale({ ...base, low: 800, high: 1400 })).toBe(300);
  });
  it('is 10% of the value without a range', () => {
    expect(observationScale(base)).toBe(100);
  });
  it('is 0.5 for a 0/1 status, so an observed exit (0) is not divided by almost nothing', () => {
    expect(observationScale({ ...base, metric: 'status', value: 0 })).toBe(0.5);
    expect(observationScale({ ...base, metric: 'status', value: 1 })).toBe(0.5);
  });
});
