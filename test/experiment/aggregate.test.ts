import { describe, expect, it } from 'vitest';
import { McAccumulator, type McHeader } from '../../sim/experiment/mc-aggregate.js';
import { jsonText } from '../../sim/experiment/mc-files.js';
import { summarizeReplication } from '../../sim/experiment/replication.js';
import type { ReplicationSummary } from '../../sim/experiment/types.js';
import type { RunResult } from '../../sim/model/results.js';

const header: McHeader = {
  scenario: { name: 'tiny', file: 'tiny.yaml', hash: 'abc' },
  seed: 1,
  horizonWeeks: 10,
  startDate: '2020-06-01',
  shakeoutK: 1,
  players: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }],
};

/** A replication in which a and b end with these shares; a player with exitWeek set has exited. */
function run(replication: number, [shareA, shareB]: [number, number], exits: { a?: number; b?: number } = {}): ReplicationSummary {
  const player = (id: 'a' | 'b', finalShare: number, rank: number) => ({
    id, status: exits[id] === undefined ? 'active' : 'exited', survivor: exits[id] === undefined, finalShare, rank, exitWeek: exits[id] ?? null, exitReason: exits[id] === undefined ? null : ('bankruptcy' as const), cashYuan: 1, pickupPoints: 3,
  });
  const survivors = Number(exits.a === undefined) + Number(exits.b === undefined);
  const shakeoutWeek = survivors <= 1 ? Math.max(exits.a ?? 0, exits.b ?? 0) : null;
  return {
    replication,
    players: [player('a', shareA, shareA >= shareB ? 1 : 2), player('b', shareB, shareA >= shareB ? 2 : 1)],
    survivors,
    shakeoutWeek,
    finalHhi: 10_000 * (shareA ** 2 + shareB ** 2),
  };
}

const runs = [
  run(0, [0.6, 0.4]),
  run(1, [1, 0], { b: 4 }),
  run(2, [0.5, 0.5]),
  run(3, [0, 1], { a: 7 }),
];

function aggregate(summaries: readonly ReplicationSummary[]) {
  const accumulator = new McAccumulator(header);
  for (const s of summaries) accumulator.add(s);
  return accumulator.result(true);
}

describe('McAccumulator', () => {
  it('counts survival, exits, ranks, survivors and shakeouts exactly', () => {
    const result = aggregate(runs);
    const [a, b] = result.players;
    expect(result.runs).toBe(4);
    expect(a!.survival).toMatchObject({ estimate: 0.75, survivors: 3, runs: 4 });
    expect(b!.survival).toMatchObject({ estimate: 0.75, survivors: 3, runs: 4 });
    expect(a!.exit).toEqual({ exits: 1, meanWeek: 7, quantiles: { p05: 7, p25: 7, p50: 7, p75: 7, p95: 7 }, byWeek: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0], byReason: { bankruptcy: { exits: 1, meanWeek: 7 }, 'parent-cut-off': { exits: 0, meanWeek: null }, 'parent-loss-limit': { exits: 0, meanWeek: null }, 'wind-down': { exits: 0, meanWeek: null }, acquired: { exits: 0, meanWeek: null } } });
    expect(b!.exit.byWeek[3]).toBe(1);
    expect(a!.rank).toEqual({ first: 0.75, top3: 1 });
    expect(b!.rank).toEqual({ first: 0.25, top3: 1 });
    expect(a!.finalShare.estimate).toBeCloseTo(0.525, 12);
    expect(a!.finalShare.quantiles).toEqual({ p05: 0, p25: 0, p50: 0.5005, p75: 0.6005, p95: 1 });
    expect(result.market.survivors).toEqual({ mean: 1.5, distribution: [0, 2, 2] });
    expect(result.market.shakeout.probability.estimate).toBe(0.5);
    expect(result.market.shakeout.meanWeek).toBe(5.5);
    expect(result.market.finalHhi.quantiles.p95).toBe(10_000);
    expect(result.complete).toBe(true);
  });

  it('gives the same bytes for the same ordered summaries, and none to an empty run', () => {
    expect(JSON.stringify(aggregate(runs))).toBe(JSON.stringify(aggregate(structuredClone(runs))));
    expect(() => new McAccumulator(header).result(true)).toThrow(/no replication/);
  });

  it('refuses a summary whose players are not the scenario\'s', () => {
    const wrong = { ...runs[0]!, players: [runs[0]!.players[1]!, runs[0]!.players[0]!] };
    expect(() => new McAccumulator(header).add(wrong)).toThrow(/players b, a; expected a, b/);
  });

  it('measures the widest survival interval for --precision', () => {
    const accumulator = new McAccumulator(header);
    expect(accumulator.widestSurvivalHalfWidth()).toBe(1);
    for (const s of runs) accumulator.add(s);
    const [a] = accumulator.result(true).players;
    expect(accumulator.widestSurvivalHalfWidth()).toBeCloseTo((a!.survival.high - a!.survival.low) / 2, 15);
  });
});

describe('summarizeReplication', () => {
  it('ranks by final share, ties broken by player order', () => {
    const players = [0.3, 0.4, 0.3].map((finalShare, j) => ({
      id: `p${j}`, name: `P${j}`, status: 'active' as const, exitReason: null, survivor: true, finalShare,
      pickupPoints: 1, peakPickupPoints: 1, adopters: 1, cashYuan: 5, entryDate: null, exitDate: null, exitWeek: null,
    }));
    const result = { replication: 3, players, survivors: ['p0', 'p1', 'p2'], shakeoutWeek: null, finalHhi: 3400 } as unknown as RunResult;
    const summary = summarizeReplication(result);
    expect(summary.players.map((p) => p.rank)).toEqual([2, 1, 3]);
    expect(summary).toMatchObject({ replication: 3, survivors: 3, shakeoutWeek: null, finalHhi: 3400 });
  });
});

describe('jsonText', () => {
  it('writes arrays of numbers on one line and reads back the same value', () => {
    const result = aggregate(runs);
    const text = jsonText(result);
    expect(JSON.parse(text)).toEqual(result);
    expect(text).toContain('"byWeek": [0, 0, 0, 0, 0, 0, 1, 0, 0, 0]');
    expect(text).toContain('"distribution": [0, 2, 2]');
    expect(jsonText({ mixed: [1, 'x'], nested: [[1, -2e-7], [null]] })).toBe('{\n  "mixed": [\n    1,\n    "x"\n  ],\n  "nested": [\n    [1, -2e-7],\n    [null]\n  ]\n}\n');
  });
});
