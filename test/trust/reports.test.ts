/**
 * Issue 13, reports that do not mislead: a tampered result file is refused, a market that never
 * had more than K players is not called "no shakeout: more than K are still active", a market
 * with no sales is flagged, and long player lists do not overflow the stack.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { McResult } from '../../sim/experiment/types.js';
import { mcSummaryText } from '../../reports/summary/mc.js';
import { ROOT } from '../scenario/helpers.js';
import { gbsim, temporaryFolder } from '../experiment/fixtures.js';

const folder = temporaryFolder('trust-reports');
afterAll(folder.remove);
const fixture = () => JSON.parse(readFileSync(join(ROOT, 'test/reports/fixtures/mc.json'), 'utf8')) as McResult;

describe('gbsim report', () => {
  it.each([
    ['"runs": -5', (r: McResult) => (r.runs = -5), /runs/],
    ['a survival of 4200%', (r: McResult) => (r.players[0]!.survival.estimate = 42), /players\.0\.survival\.estimate/],
    ['a survivors distribution that does not add up', (r: McResult) => (r.market.survivors.distribution[0]! += 7), /does not add up to runs/],
  ])('refuses to render a tampered mc.json with %s (exit 2)', async (name, tamper, message) => {
    const dir = folder.path(name.replace(/\W+/g, '-'));
    mkdirSync(dir, { recursive: true });
    const result = fixture();
    tamper(result);
    writeFileSync(join(dir, 'mc.json'), JSON.stringify(result));
    const { status, stderr } = await gbsim('report', dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('the file is damaged');
  });
});

describe('the mc summary in words', () => {
  it('does not speak of "no shakeout" when the market never had more than K players', () => {
    const result = fixture();
    result.shakeoutK = result.players.length;
    const text = mcSummaryText(result).join(' ');
    expect(text).toContain(`never has more than ${result.players.length} active, so there is no shakeout to measure`);
  });

  it('warns instead of naming a leader when no player sells anything', () => {
    const result = fixture();
    for (const p of result.players) p.finalShare = { ...p.finalShare, estimate: 0, low: 0, high: 0 };
    const text = mcSummaryText(result).join(' ');
    expect(text).toContain('no player sells anything in any run');
    expect(text).not.toMatch(/ends with the largest share/);
  });

  it('summarises 200,000 players without overflowing the stack', () => {
    const result = fixture();
    const template = result.players[0]!;
    result.players = Array.from({ length: 200_000 }, (_, i) => ({ ...template, id: `p${i}`, name: `P${i}` }));
    expect(() => mcSummaryText(result)).not.toThrow();
  });
});
