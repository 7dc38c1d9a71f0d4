/** The survivors table `gbsim run` prints: one line per player, then survivors and shakeout. */
import { Calendar } from '../kernel/calendar.js';
import type { RunResult } from '../model/results.js';
import { formatPercent, formatTable, formatYuan } from './format.js';

export function survivorsTable(result: RunResult): string {
  const calendar = new Calendar(result.startDate);
  const endDate = calendar.dateOf(7 * result.horizonWeeks);
  const players = [...result.players].sort((a, b) => Number(b.survivor) - Number(a.survivor) || b.finalShare - a.finalShare);
  const rows = players.map((p) => [
    p.name,
    p.survivor ? 'survives' : p.status === 'pending' ? 'never entered' : p.exitReason ?? `${p.status} (share below threshold)`,
    formatPercent(p.finalShare),
    p.pickupPoints.toLocaleString('en-US'),
    formatYuan(p.cashYuan),
    p.exitDate ?? '—',
  ]);
  const table = formatTable(['player', 'outcome', 'final share', 'pickup points', 'cash (yuan)', 'exit date'], rows);
  const shakeout =
    result.shakeoutWeek === null
      ? `no shakeout to ${result.shakeoutK} or fewer players by ${endDate}`
      : `shakeout (≤ ${result.shakeoutK} players) in week ${result.shakeoutWeek} (${calendar.weekStartDate(result.shakeoutWeek)})`;
  const head = `${result.scenarioName}: ${result.horizonWeeks} weeks to ${endDate}, seed ${result.seed}\n\n`;
  const tail = `\n${result.survivors.length} of ${result.players.length} survive: ${result.survivors.join(', ') || 'none'}; ${shakeout}; final HHI ${Math.round(result.finalHhi)}\n`;
  return head + table + tail;
}
