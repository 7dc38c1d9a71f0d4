import { describe, expect, it } from 'vitest';
import { ChecksumError, defineBench, defineTask, judgeModule, measureTask, verifyChecksum, type TaskMeasurement } from '../../bench/harness.js';
import { mergeSections } from '../../bench/report.js';

const hooks = { collectGarbage: () => {}, rssBytes: () => 1 };
const options = { iterations: 3, warmupIterations: 1 };

function sumTask(expectedSum: number) {
  return defineTask({
    name: 'sum to 1000',
    setup: () => Array.from({ length: 1000 }, (_, i) => i + 1),
    run: (values) => ({ sum: values.reduce((a, b) => a + b, 0) }),
    expected: { sum: expectedSum },
    throughput: { perRun: 1000, unit: 'adds/s' },
  });
}

describe('bench harness', () => {
  it('measures a task whose checksum matches, with its throughput', () => {
    const measured = measureTask(sumTask(500_500), options, hooks);
    expect(measured.name).toBe('sum to 1000');
    expect(measured.samples).toBe(3);
    expect(measured.minMs).toBeLessThanOrEqual(measured.medianMs);
    expect(measured.unit).toBe('adds/s');
    expect(measured.perSecond).toBeCloseTo(1000 / (measured.medianMs / 1000), 6);
  });

  it('runs a task exactly warm-up + measured times, each after its setup (no extra call to find out whether it is async)', () => {
    let runs = 0;
    let withoutSetup = 0;
    const task = defineTask({
      name: 'counted',
      setup: () => ({ ready: true }),
      run: (state) => {
        runs += 1;
        if (state?.ready !== true) withoutSetup += 1;
        return { ok: 1 };
      },
      expected: { ok: 1 },
    });
    measureTask(task, { iterations: 1, warmupIterations: 0 }, hooks);
    expect(runs).toBe(1);
    measureTask(task, options, hooks);
    expect(runs).toBe(1 + 3 + 1);
    expect(withoutSetup).toBe(0);
  });

  it('fails loudly when a run returns the wrong checksum', () => {
    expect(() => measureTask(sumTask(500_501), options, hooks)).toThrow('sum to 1000: checksum mismatch: expected {"sum":500501}, got {"sum":500500}');
  });

  it('treats a missing or extra checksum field as a mismatch', () => {
    expect(() => verifyChecksum('t', { events: 1 }, {})).toThrow(ChecksumError);
    expect(() => verifyChecksum('t', { events: 1 }, { events: 1, extra: 0 })).toThrow(ChecksumError);
    expect(() => verifyChecksum('t', { events: 1, last: 'x' }, { last: 'x', events: 1 })).not.toThrow();
  });

  it('judges targets and computes figures from the medians by task name', () => {
    const measurement = (name: string, medianMs: number): TaskMeasurement => ({ name, medianMs, minMs: medianMs, maxMs: medianMs, samples: 1, rssBytes: 0 });
    const module = defineBench({
      title: 't',
      tasks: [],
      figures: [{ name: 'ratio', compute: (m) => (m.get('a').medianMs / m.get('b').medianMs).toFixed(2) }],
      targets: [{ name: 'a within 10% of b', target: '≤ 10%', judge: (m) => ({ met: m.get('a').medianMs <= 1.1 * m.get('b').medianMs, figure: 'x' }) }],
    });
    const result = judgeModule(module, [measurement('a', 12), measurement('b', 10)]);
    expect(result.figures).toEqual([{ name: 'ratio', value: '1.20' }]);
    expect(result.targets).toEqual([{ name: 'a within 10% of b', target: '≤ 10%', met: false, figure: 'x' }]);
    expect(() => judgeModule(module, [measurement('a', 1)])).toThrow('no measured task named "b"');
  });
});

describe('RESULTS.md sections', () => {
  const section = (name: string, body: string) => `<!-- bench:${name} -->\n${body}\n<!-- /bench:${name} -->`;

  it('replaces a section in place and keeps the others', () => {
    const before = mergeSections(undefined, new Map([['kernel', section('kernel', 'old kernel')], ['model', section('model', 'model')]]));
    const after = mergeSections(before, new Map([['kernel', section('kernel', 'new kernel')]]));
    expect(after).toContain('new kernel');
    expect(after).not.toContain('old kernel');
    expect(after.indexOf('new kernel')).toBeLessThan(after.indexOf('model\n'));
  });

  it('adds a new section after the existing ones', () => {
    const before = mergeSections(undefined, new Map([['model', section('model', 'model')]]));
    const after = mergeSections(before, new Map([['kernel', section('kernel', 'kernel')]]));
    expect(after.indexOf('bench:model')).toBeLessThan(after.indexOf('bench:kernel'));
  });
});
