import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extent, focusOn, MAX_DRAWN_PLAYERS } from '../../reports/charts/focus.js';
import { list, MAX_LISTED } from '../../reports/words.js';
import { runCli } from '../../sim/cli/main.js';
import { compareFixture, experimentDir, mcFixture, sweepFixture, tempDir } from './helpers.js';

/** A result file can hold any number of players (a scenario at most 200): these hold 10,000. */
const PLAYERS = 10_000;

/** Player k's final share falls with k, so the leading players are the first ones. */
const shareOf = (k: number) => 1 / (k + 2);

function bigMc() {
  const result = mcFixture();
  const template = result.players;
  result.players = Array.from({ length: PLAYERS }, (_, k) => {
    const p = structuredClone(template[k % template.length]!);
    return { ...p, id: `player-${k}`, name: `Player ${k}`, finalShare: { ...p.finalShare, estimate: shareOf(k) } };
  });
  return result;
}

function bigCompare() {
  const result = compareFixture();
  const template = result.players;
  result.players = Array.from({ length: PLAYERS }, (_, k) => {
    const p = structuredClone(template[k % template.length]!);
    // Player k's share difference is k / PLAYERS points: the last players differ most.
    const d = { estimate: k / PLAYERS / 100, low: k / PLAYERS / 100 - 0.001, high: k / PLAYERS / 100 + 0.001, test: 'paired-t' as const, p: 0.01, pHolm: 0.01, significant: true };
    return { ...p, id: `player-${k}`, name: `Player ${k}`, survivalDifference: p.survivalDifference.map(() => ({ ...d, estimate: 0, low: -0.001, high: 0.001, p: 1, pHolm: 1, significant: false })), finalShareDifference: p.finalShareDifference.map(() => d) };
  });
  return result;
}

function bigSweep() {
  const result = sweepFixture(1);
  for (const point of result.points) {
    const template = point.players;
    point.players = Array.from({ length: PLAYERS }, (_, k) => ({ ...structuredClone(template[k % template.length]!), id: `player-${k}`, finalShare: { estimate: shareOf(k), low: 0, high: 1 } }));
  }
  return result;
}

/** The vega-lite data rows of every chart in report.html. */
function chartRows(dir: string): Array<{ name: string; players: Set<string>; subtitle: string }> {
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const block = /<script type="application\/json" id="gbsim-charts">([\s\S]*?)<\/script>/.exec(html)![1]!;
  const charts = JSON.parse(block) as Array<{ name: string; spec: unknown }>;
  return charts.map((chart) => {
    const text = JSON.stringify(chart.spec);
    return { name: chart.name, players: new Set(text.match(/"player-\d+"/g) ?? []), subtitle: text };
  });
}

async function report(dir: string): Promise<void> {
  let stderr = '';
  const status = await runCli(['report', dir, '--svg'], { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } });
  expect(stderr).toBe('');
  expect(status).toBe(0);
}

describe('reports on results with 10,000 players', () => {
  it('keeps the items with the highest scores, in their order, for any number of items', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    const focus = focusOn(items, (i) => (i % 1000 === 7 ? 1 : 0), 5);
    expect(focus).toEqual({ shown: [7, 1007, 2007, 3007, 4007], hidden: 199_995 });
    expect(focusOn([3, 1, 2], (i) => i)).toEqual({ shown: [3, 1, 2], hidden: 0 });
    expect(extent(items, [0, 0])).toEqual([0, 199_999]);
    expect(list(items.slice(0, 20).map(String))).toBe(`${items.slice(0, MAX_LISTED - 1).join(', ')} and 9 others`);
  });

  it('renders an mc report without overflowing the stack, drawing only the leading players and saying how many are left out', async () => {
    const dir = experimentDir(tempDir(), 'mc.json', bigMc());
    await report(dir);
    const leading = new Set(Array.from({ length: MAX_DRAWN_PLAYERS }, (_, k) => `"player-${k}"`));
    for (const chart of chartRows(dir).filter((c) => c.name === 'survival' || c.name === 'final-shares')) {
      expect(chart.players).toEqual(leading);
      expect(chart.subtitle).toContain(`the ${MAX_DRAWN_PLAYERS} players with the largest mean final share of 10,000 (the other 9,988 in survival.csv)`);
    }
    expect(readFileSync(join(dir, 'charts', 'survival.svg'), 'utf8')).toContain('Player 11');
    expect(readFileSync(join(dir, 'charts', 'survival.svg'), 'utf8')).not.toContain('Player 12<');
  });

  it('renders a compare report drawing the players whose differences are largest', async () => {
    const dir = experimentDir(tempDir(), 'compare.json', bigCompare());
    await report(dir);
    const [chart] = chartRows(dir);
    expect(chart!.players).toEqual(new Set(Array.from({ length: MAX_DRAWN_PLAYERS }, (_, k) => `"player-${PLAYERS - MAX_DRAWN_PLAYERS + k}"`)));
    expect(chart!.subtitle).toContain('(the other 9,988 in compare.csv)');
  });

  it('renders a sweep report drawing the players with the largest mean final share', async () => {
    const dir = experimentDir(tempDir(), 'sweep.json', bigSweep());
    await report(dir);
    const [chart] = chartRows(dir);
    expect(chart!.players).toEqual(new Set(Array.from({ length: MAX_DRAWN_PLAYERS }, (_, k) => `"player-${k}"`)));
    expect(chart!.subtitle).toContain('(the other 9,988 in sweep-players.csv)');
  });
});
