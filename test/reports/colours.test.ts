import { join } from 'node:path';
import { View, parse } from 'vega';
import { describe, expect, it } from 'vitest';
import type { NamedChart } from '../../reports/charts/chart.js';
import { compareCharts, mcCharts, runCharts, sweepCharts } from '../../reports/charts/index.js';
import { PLAYER_PALETTE, playerColor } from '../../reports/charts/palette.js';
import { sweepPlayers } from '../../reports/charts/sweep-survival.js';
import { readResults } from '../../reports/read.js';
import { compileChart } from '../../reports/render.js';
import { compareFixture, mcFixture, sweepFixture, tempDir, writeRunDir } from './helpers.js';

const run = readResults(writeRunDir(join(tempDir(), 'run')));
if (run.kind !== 'run') throw new Error('expected a run directory');
const scenarioOrder = run.data.players.map((p) => p.id);

/**
 * Each player's colour as the chart's drawn colour scale gives it, or null when the chart does not
 * colour by player (no colour scale, or one over other values).
 */
async function playerColours(chart: NamedChart): Promise<Map<string, string> | null> {
  const view = new View(parse(compileChart(chart)), { renderer: 'none' });
  await view.runAsync();
  try {
    let scale: ((value: string) => string) & { domain(): unknown[] };
    try {
      scale = view.scale('color') as typeof scale;
    } catch {
      return null;
    }
    const domain = scale.domain();
    if (!domain.every((value) => typeof value === 'string' && scenarioOrder.includes(value))) return null;
    return new Map((domain as string[]).map((id) => [id, scale(id)]));
  } finally {
    view.finalize();
  }
}

describe('player colours', () => {
  it('come from a colour-blind-safe palette, distinct for the first 17 players', () => {
    expect(new Set(PLAYER_PALETTE).size).toBe(17);
    expect(PLAYER_PALETTE.slice(0, 6)).toEqual(['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7']);
  });

  it("give each player its scenario position's colour in every chart of every kind of report", async () => {
    const charts = [
      ...runCharts(run.data),
      ...mcCharts(mcFixture()),
      ...compareCharts(compareFixture()),
      ...sweepCharts(sweepFixture(1), sweepPlayers(sweepFixture(1))),
    ];
    // The fixtures' five players are china-2020's first five, in its order.
    expect(mcFixture().players.map((p) => p.id)).toEqual(scenarioOrder.slice(0, 5));
    const coloured: string[] = [];
    for (const chart of charts) {
      const colours = await playerColours(chart);
      if (colours === null) continue;
      coloured.push(chart.name);
      for (const [id, colour] of colours) expect(colour, `${chart.name}: ${id}`).toBe(playerColor(scenarioOrder.indexOf(id)));
    }
    expect(coloured).toEqual(['market-share', 'events', 'pickup-points', 'cash-runway', 'orders-gmv', 'survival', 'final-shares', 'differences', 'sweep-survival']);
  });

  it('stay the same when a player is absent from the data', async () => {
    const without = (id: string) => ({ ...run.data, weekly: run.data.weekly.filter((row) => row.player !== id), events: run.data.events.filter((e) => e.player !== id) });
    for (const absent of ['xingsheng', 'meituan']) {
      for (const chart of runCharts(without(absent))) {
        const colours = await playerColours(chart);
        if (colours === null) continue;
        expect([...colours.keys()]).toEqual(scenarioOrder);
        for (const id of scenarioOrder) expect(colours.get(id), `${chart.name} without ${absent}: ${id}`).toBe(playerColor(scenarioOrder.indexOf(id)));
      }
    }
  });

  it('stay the same in a comparison where a player is missing from one scenario', async () => {
    const compare = compareFixture();
    expect(compare.players.find((p) => p.id === 'didi')?.survivalDifference[0]).toBeNull();
    const [chart] = compareCharts(compare);
    const colours = await playerColours(chart!);
    expect(colours?.get('didi')).toBe(playerColor(4));
    expect(colours?.get('xingsheng')).toBe(playerColor(0));
  });
});
