/**
 * The library's contract beyond the example: progress through a callback, cancellation through an
 * AbortSignal (a partial result over a complete prefix of replications), bad scenario files as
 * data, and wrong arguments as errors that name them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compare, loadScenario, monteCarlo, runOnce, sweep, type Progress, type Scenario } from '../../sim/index.js';
import { temporaryFolder, writeScenario, writeSymmetricScenario } from '../experiment/fixtures.js';
import { smallScenario } from '../support/scenarios.js';

const folder = temporaryFolder('library-api');
afterAll(folder.remove);

async function twins(): Promise<Scenario> {
  const loaded = await loadScenario(writeSymmetricScenario(folder.dir, 26));
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.scenario;
}

describe('the library', () => {
  it('reports progress in order, ending at the total', async () => {
    const seen: Progress[] = [];
    const outcome = await monteCarlo(await twins(), { runs: 6, seed: 1, cache: false, onProgress: (p) => seen.push(p) });
    expect(outcome.complete).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(seen.every((p) => p.total === 6)).toBe(true);
  });

  it('stops when its signal is aborted, with the aggregate of the replications completed so far', async () => {
    const scenario = await twins();
    const controller = new AbortController();
    const partial = await monteCarlo(scenario, {
      runs: 40, seed: 1, cache: false, signal: controller.signal,
      onProgress: ({ done }) => { if (done === 4) controller.abort(); },
    });
    expect(partial.complete).toBe(false);
    expect(partial.result?.complete).toBe(false);
    const done = partial.runs.length;
    expect(done).toBeGreaterThanOrEqual(4);
    expect(done).toBeLessThan(40);
    expect(partial.runs.map((r) => r.replication)).toEqual([...Array(done).keys()]);
    const whole = await monteCarlo(scenario, { runs: done, seed: 1, cache: false });
    expect({ ...partial.result, complete: true }).toEqual(whole.result);
  });

  it('stops compare and sweep too when the signal is already aborted', async () => {
    const scenario = await twins();
    const signal = AbortSignal.abort();
    const compared = await compare([scenario, scenario], { runs: 5, cache: false, signal });
    expect(compared).toMatchObject({ complete: false, result: null, rows: [] });
    const swept = await sweep(scenario, { vary: ['players.alpha.cashYuan=1e8..2e8:2'], runs: 2, cache: false, signal });
    expect(swept).toMatchObject({ complete: false, points: [], players: [] });
  });

  it('returns the problems of a bad scenario file as data, with their lines', async () => {
    const file = writeScenario(folder.dir, 'bad', { ...smallScenario(), horizonWeeks: -3 } as never);
    const loaded = await loadScenario(file);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map((i) => i.path)).toContain('horizonWeeks');
    expect(loaded.issues.every((i) => i.line >= 1)).toBe(true);
    expect(loaded.message).toContain('horizonWeeks');
  });

  it('throws a RangeError naming a wrong argument', async () => {
    const scenario = await twins();
    await expect(monteCarlo(scenario, { runs: 0 })).rejects.toThrow(/runs must be a whole number ≥ 1 \(got 0\)/);
    await expect(runOnce(scenario, { weeks: 1.5 })).rejects.toThrow(RangeError);
    await expect(compare([scenario], { runs: 2 })).rejects.toThrow(/at least two scenarios/);
    await expect(sweep(scenario, { vary: ['players.alpha.cashYuan=oops'], runs: 2 })).rejects.toThrow(RangeError);
  });
});
