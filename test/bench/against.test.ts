import { describe, expect, it } from 'vitest';
import { median, render, type Engine, type NationalTiming, type Workload } from '../../bench/against.js';

const earlier: Engine = { label: 'abc1234', root: '/ref', mcArgs: [] };
const current: Engine = { label: 'this tree', root: '/tree', mcArgs: ['--no-cache'] };
const workloads: Workload[] = [
  { label: "abc1234's china-2020", tree: '/ref', national: 'n', county: 'c', engines: [earlier, current] },
  { label: "today's china-2020", tree: '/tree', national: 'n', county: 'c', engines: [current] },
];

function timings(entries: [string, number[], number][]): Map<string, NationalTiming> {
  return new Map(entries.map(([key, cpuMs, pairs]) => [key, { cpuMs, pairs }]));
}

describe('bench:against report', () => {
  it('takes the median of an odd and an even number of timings', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('gives both ratios against the earlier engine and judges each against 1.5x', () => {
    const national = timings([
      ["abc1234's china-2020|abc1234", [1000, 1200, 1100], 5_000_000],
      ["abc1234's china-2020|this tree", [1300, 1400, 1350], 4_900_000],
      ["today's china-2020|this tree", [3000, 3300, 3200], 15_000_000],
    ]);
    const mc = new Map([
      ["abc1234's china-2020|abc1234", 100],
      ["abc1234's china-2020|this tree", 90],
      ["today's china-2020|this tree", 200],
    ]);
    const { section, text } = render({ short: 'abc1234', workloads, national, mc, rounds: 1, mcRuns: 1000 }, new Date('2026-12-01T00:00:00Z'));
    expect(section.startsWith('<!-- bench:against -->')).toBe(true);
    expect(section.endsWith('<!-- /bench:against -->')).toBe(true);
    // 1350 / 1100, 90 / 100, 3200 / 1100, 200 / 100
    expect(text).toContain('met: national run, this tree against abc1234 on abc1234\'s china-2020 (same workload) ≤ 1.5x (measured 1.23x)');
    expect(text).toContain('met: gbsim mc, this tree against abc1234 on abc1234\'s china-2020 (same workload) ≤ 1.5x (measured 0.90x)');
    expect(text).toContain("missed: national run, today's china-2020 on this tree against abc1234's on abc1234 ≤ 1.5x (measured 2.91x)");
    expect(text).toContain("missed: gbsim mc, today's china-2020 on this tree against abc1234's on abc1234 ≤ 1.5x (measured 2.00x)");
    expect(text).toContain("today's china-2020 clears 3.00x the pairs of abc1234's");
    // ns per pair: 1100 ms ÷ 5 M pairs = 220 ns
    expect(text).toMatch(/\| abc1234's china-2020 \| abc1234 \| 1100 ms \| 1000 ms \| 5,000,000 \| 220 \| 100\.0 s \|/);
  });

  it('leaves out the mc verdicts when mc was not run', () => {
    const national = timings([
      ["abc1234's china-2020|abc1234", [1000], 1],
      ["abc1234's china-2020|this tree", [1000], 1],
      ["today's china-2020|this tree", [1000], 1],
    ]);
    const { text } = render({ short: 'abc1234', workloads, national, mc: new Map(), rounds: 1, mcRuns: 0 });
    expect(text).not.toContain('gbsim mc, this tree');
    expect(text).toContain('national run, this tree against abc1234');
  });
});
