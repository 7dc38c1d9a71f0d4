import { describe, expect, it } from 'vitest';
import { deriveScenario } from '../../sim/experiment/derive.js';
import { prepareScenario } from '../../sim/experiment/prepare.js';

const FILE = 'scenarios/teaching/uncertain-subsidy-war.yaml';

describe('design points derived in memory', () => {
  it('give the same model parameters as the same values given with --set', () => {
    const base = prepareScenario(FILE);
    const paths = ['players.red.cashYuan', 'players[1].fixedCostYuanPerProvinceWeek', 'demand.bass.qPerWeek', 'network.multiHomingCap'];
    const values = [7.5e8, 250_000, 0.0931, 3];
    const derived = deriveScenario(base, paths, values);
    if (!derived.ok) throw new Error(derived.problems.join('\n'));
    const viaSets = prepareScenario(FILE, { sets: paths.map((path, i) => `${path}=${values[i]}`) });
    expect(derived.prepared.params).toEqual(viaSets.params);
    expect(derived.prepared.geography).toBe(base.geography);
  });

  it('report every value the schema or the cross-references reject', () => {
    const base = prepareScenario(FILE);
    const derived = deriveScenario(base, ['players.red.cashYuan', 'network.multiHomingCap'], [-1, 2.5]);
    expect(derived.ok).toBe(false);
    if (derived.ok) return;
    expect(derived.problems).toHaveLength(2);
    expect(derived.problems.join('\n')).toMatch(/players\[0\]\.cashYuan/);
    expect(derived.problems.join('\n')).toMatch(/network\.multiHomingCap/);
  });
});
