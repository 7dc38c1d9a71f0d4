/**
 * Issue 13: mc says why and when each player left, and `gbsim run --replication r` reproduces
 * replication r of an mc exactly (same seed), so a Monte Carlo figure can be traced to one run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_REASONS, type McResult, type ReplicationSummary } from '../../sim/experiment/types.js';
import { ROOT } from '../scenario/helpers.js';
import { gbsim, temporaryFolder } from '../experiment/fixtures.js';

const folder = temporaryFolder('exit-reasons');
afterAll(folder.remove);
const scenario = join(ROOT, 'scenarios/teaching/parent-cut-off.yaml');
const RUNS = 6;

describe('exit reasons in mc output', () => {
  it('counts each reason and its mean week exactly as the replications recorded them, and run --replication r reproduces line r', async () => {
    const dir = folder.path('mc');
    const { status, stdout } = await gbsim('mc', scenario, '--runs', String(RUNS), '--workers', '1', '--seed', '5', '--out', dir, '--quiet');
    expect(status).toBe(0);
    expect(stdout).toContain('why it left');
    const lines = readFileSync(join(dir, 'runs.ndjson'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as ReplicationSummary);
    const result = JSON.parse(readFileSync(join(dir, 'mc.json'), 'utf8')) as McResult;
    const csv = readFileSync(join(dir, 'survival.csv'), 'utf8').trimEnd().split('\n').map((line) => line.split(','));
    const header = csv[0]!;
    let reasonsSeen = 0;
    for (const [j, player] of result.players.entries()) {
      const outcomes = lines.map((line) => line.players[j]!);
      for (const outcome of outcomes) expect(outcome.exitWeek === null, player.id).toBe(outcome.exitReason === null);
      for (const reason of EXIT_REASONS) {
        const weeks = outcomes.filter((o) => o.exitReason === reason).map((o) => o.exitWeek!);
        reasonsSeen += weeks.length;
        expect(player.exit.byReason[reason].exits, `${player.id} ${reason}`).toBe(weeks.length);
        expect(player.exit.byReason[reason].meanWeek, `${player.id} ${reason}`).toBe(weeks.length === 0 ? null : weeks.reduce((a, b) => a + b, 0) / weeks.length);
      }
      const row = csv.find((cells) => cells[0] === player.id)!;
      expect(Number(row[header.indexOf('exitsParentCutOff')]) + Number(row[header.indexOf('exitsParentLossLimit')])).toBe(player.exit.byReason['parent-cut-off'].exits + player.exit.byReason['parent-loss-limit'].exits);
    }
    expect(reasonsSeen).toBeGreaterThan(0);

    const r = RUNS - 2;
    const out = folder.path(`run-${r}`);
    expect((await gbsim('run', scenario, '--seed', '5', '--replication', String(r), '--out', out)).status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { replication: number; players: Array<ReplicationSummary['players'][number]> };
    expect(summary.replication).toBe(r);
    const line = lines[r]!;
    expect(summary.players.map((p) => ({ id: p.id, survivor: p.survivor, finalShare: p.finalShare, exitWeek: p.exitWeek, exitReason: p.exitReason, cashYuan: p.cashYuan })))
      .toEqual(line.players.map((p) => ({ id: p.id, survivor: p.survivor, finalShare: p.finalShare, exitWeek: p.exitWeek, exitReason: p.exitReason, cashYuan: p.cashYuan })));
  });
});
