import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeOutputs } from '../../sim/experiment/files.js';
import { runFiles, runOnce } from '../../sim/experiment/run-once.js';
import { gbsim, STACK_LINE } from '../fuzz/cli-output.js';
import { resultBytes, RUN_RESULT_FILES } from './result-files.js';

/**
 * A run whose state stops being finite: the scenario is prepared as usual, then its basket price
 * is set to 1e-320 yuan behind the schema's back (the schema asks for ≥ 0.01), so orders
 * (GMV ÷ price) overflow to Infinity in week 1.
 */
vi.mock('../../sim/experiment/prepare.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../sim/experiment/prepare.js')>();
  return {
    ...original,
    prepareScenario: (...args: Parameters<typeof original.prepareScenario>) => {
      const prepared = original.prepareScenario(...args);
      prepared.params.demand.basketYuan = 1e-320;
      return prepared;
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'gbsim-non-finite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCENARIO = 'scenarios/teaching/base.yaml';

describe('gbsim run when the model state becomes non-finite', () => {
  it('exits 1 with the error naming player, week and quantity, no stack trace, and writes no result file', async () => {
    const out = join(dir, 'fresh');
    const outcome = await gbsim('run', SCENARIO, '--out', out);
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toMatch(/^gbsim: error: model state became non-finite: \w+ of player "\w+" in week 1 is -?(Infinity|NaN)\n/);
    expect(outcome.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('leaves a previous run in --out exactly as it was, even with --force', async () => {
    const previous = join(dir, 'previous');
    const real = await vi.importActual<typeof import('../../sim/experiment/prepare.js')>('../../sim/experiment/prepare.js');
    const prepared = real.prepareScenario(SCENARIO);
    writeOutputs(previous, runFiles(prepared, runOnce(prepared, { weeks: 4 })));
    const before = resultBytes(previous, RUN_RESULT_FILES);
    expect(before.size).toBe(RUN_RESULT_FILES.length);
    const outcome = await gbsim('run', SCENARIO, '--out', previous, '--force');
    expect(outcome.status).toBe(1);
    expect(resultBytes(previous, RUN_RESULT_FILES)).toEqual(before);
  });
});
