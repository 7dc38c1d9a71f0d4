/**
 * Test functions of sensitivity analysis with known indices, as `PointModel`s: they go through
 * the same design, aggregation and output code as the market model.
 *
 * Ishigami (Ishigami & Homma 1990), x_i ~ U(−π, π), a = 7, b = 0.1:
 *   f = sin x1 + a sin² x2 + b x3⁴ sin x1
 *   S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437 (Saltelli et al. 2008, table 4.3 / SALib's tests)
 * Sobol's G-function, x_i ~ U(0, 1): f = Π (|4x_i − 2| + a_i)/(1 + a_i)
 *   V_i = 1/(3(1 + a_i)²), V = Π(1 + V_i) − 1, S1_i = V_i/V, ST_i = V_i Π_{j≠i}(1 + V_j)/V
 */
import type { PointModel } from '../../sim/experiment/point-model.js';
import type { Factor } from '../../sim/scenario/schema.js';

export function analyticModel(outputs: string[], f: (x: readonly number[], replication: number) => number[]): PointModel & { calls: number } {
  const model = {
    outputs,
    window: 4,
    calls: 0,
    check: () => {},
    evaluate: async (_point: number, values: readonly number[], replication: number) => {
      model.calls += 1;
      return f(values, replication);
    },
    close: async () => {},
  };
  return model;
}

export const ISHIGAMI_FACTORS: Factor[] = ['x1', 'x2', 'x3'].map((path) => ({ path, distribution: 'uniform', low: -Math.PI, high: Math.PI }));
export const ISHIGAMI = { S1: [0.3139, 0.4424, 0], ST: [0.5576, 0.4424, 0.2437] };

export function ishigami(x: readonly number[], a = 7, b = 0.1): number {
  return Math.sin(x[0]!) + a * Math.sin(x[1]!) ** 2 + b * x[2]! ** 4 * Math.sin(x[0]!);
}

export function gFunction(a: readonly number[]): (x: readonly number[]) => number {
  return (x) => a.reduce((product, ai, i) => (product * (Math.abs(4 * x[i]! - 2) + ai)) / (1 + ai), 1);
}

export function gFunctionIndices(a: readonly number[]): { S1: number[]; ST: number[] } {
  const v = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const total = v.reduce((product, vi) => product * (1 + vi), 1) - 1;
  return {
    S1: v.map((vi) => vi / total),
    ST: v.map((vi, i) => (vi * v.reduce((product, vj, j) => (j === i ? product : product * (1 + vj)), 1)) / total),
  };
}

export function unitFactors(k: number): Factor[] {
  return Array.from({ length: k }, (_, i) => ({ path: `x${i + 1}`, distribution: 'uniform', low: 0, high: 1 }));
}
