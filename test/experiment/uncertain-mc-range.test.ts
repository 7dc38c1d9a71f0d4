import { describe, expect, it } from 'vitest';
import { naturalRange, uncertainMcResult, type UncertainMcIdentity } from '../../sim/experiment/uncertain-mc.js';

const identity = (outputs: string[]): UncertainMcIdentity => ({
  kind: 'mc-uncertainty', gbsimVersion: 'test', scenario: { name: 't', file: 't.yaml', hash: 'h' } as never, factors: [], outputs,
  sampling: 'lhs', sets: 2, seed: 1, runs: 2, shakeoutK: 5, points: 2, shard: null,
});

describe('the within-set interval of mc --uncertainty', () => {
  const outputs = ['finalShare.red', 'finalHhi', 'survivors', 'y'];
  // Two sets of 2 runs whose means sit near the bottom (shares, survivors) or top (HHI) of their range, with a wide sd.
  const points = [
    { point: 0, values: [], outputs: [0.001, 9_990, 0.5, -1], sd: [0.01, 50, 0.7, 1] },
    { point: 1, values: [], outputs: [0.003, 9_980, 0.5, 1], sd: [0.01, 50, 0.7, 1] },
  ];
  const result = uncertainMcResult(identity(outputs), points);
  const of = (name: string) => result.outputs.find((o) => o.output === name)!;

  it('stays inside what a mean of the output can be: a share in [0, 1], an HHI up to 10,000, survivors ≥ 0', () => {
    expect(of('finalShare.red').withinLow).toBe(0);
    expect(of('finalShare.red').withinHigh).toBeGreaterThan(0.002);
    expect(of('finalHhi').withinHigh).toBe(10_000);
    expect(of('survivors').withinLow).toBe(0);
  });

  it('leaves an unbounded output of another model as the t interval', () => {
    const y = of('y');
    // mean 0, within-set sd 1, R = 2: t(0.975, 1) · 1/√2 ≈ 8.98
    expect(y.withinLow).toBeCloseTo(-12.7062 / Math.SQRT2, 3);
    expect(y.withinHigh).toBeCloseTo(12.7062 / Math.SQRT2, 3);
    expect(naturalRange('y')).toEqual({ low: -Infinity, high: Infinity });
  });
});
