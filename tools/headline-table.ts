/**
 * Prints the README's headline table (`npm run headline -- MC_DIR UNCERTAINTY_DIR`) from the
 * outputs of two commands on the calibrated scenario:
 *
 *   gbsim mc scenarios/china-2020-calibrated.yaml --runs 200 --out MC_DIR
 *       (the posterior median: survival with its run-noise interval, share, P(largest), exits)
 *   gbsim mc scenarios/china-2020-calibrated.yaml --uncertainty --sets S --runs R --out UNCERTAINTY_DIR
 *       (the posterior propagated: survival over parameter sets and within a set)
 *
 * Every figure comes from mc.json and uncertainty.json; nothing is typed by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Calendar } from '../sim/kernel/calendar.js';

interface Interval { estimate: number; low: number; high: number }
interface McPlayer {
  id: string;
  name: string;
  survival: Interval & { runs: number };
  finalShare: Interval;
  rank: { first: number };
  exit: { exits: number; meanWeek: number | null; byReason: Record<string, { exits: number; meanWeek: number | null }> };
}
interface McJson { runs: number; startDate: string; horizonWeeks: number; players: McPlayer[]; market: { survivors: { mean: number }; finalHhi: Interval } }
interface UncertaintyOutput { output: string; mean: number; parameterLow: number; parameterHigh: number; withinLow: number; withinHigh: number; parameterShare: number | null }
interface UncertaintyJson { sets: number; runs: number; outputs: UncertaintyOutput[] }

const REASON_WORDS: Record<string, string> = {
  bankruptcy: 'bankrupt',
  'parent-cut-off': 'cut off by its parent',
  'parent-loss-limit': 'parent loss limit',
  'wind-down': 'wound down',
  acquired: 'acquired',
};

const pct = (x: number): string => `${(100 * x).toFixed(x >= 0.9995 || x <= 0.0005 ? 0 : 1)}%`;
const interval = (low: number, high: number): string => `[${pct(low)}, ${pct(high)}]`;

/** Year and month of the week's first day (the model's week convention, sim/kernel/calendar.ts). */
const monthOfWeek = (startDate: string, week: number): string => new Calendar(startDate).weekStartDate(Math.round(week)).slice(0, 7);

/** Exits by reason, and the runs where the player is still operating but under the survival share. */
function howItLeaves(p: McPlayer, runs: number, startDate: string): string {
  const reasons = Object.entries(p.exit.byReason)
    .filter(([, r]) => r.exits > 0)
    .sort((a, b) => b[1].exits - a[1].exits)
    .map(([reason, r]) => `${REASON_WORDS[reason] ?? reason} ${pct(r.exits / runs)} (week ${r.meanWeek!.toFixed(0)}, ${monthOfWeek(startDate, r.meanWeek!)})`);
  const underLine = Math.round(runs * (1 - p.survival.estimate)) - p.exit.exits;
  if (underLine > 0) reasons.push(`operating under the survival share at the end ${pct(underLine / runs)}`);
  return reasons.length === 0 ? '—' : reasons.join('; ');
}

export function headlineTable(mc: McJson, uncertainty: UncertaintyJson): string {
  const byOutput = new Map(uncertainty.outputs.map((o) => [o.output, o]));
  const rows = [...mc.players].sort((a, b) => b.survival.estimate - a.survival.estimate || b.finalShare.estimate - a.finalShare.estimate);
  const lines = [
    `| player | P(survive), posterior median [95%, run noise] | P(survive) over the posterior | 95% over parameter sets | 95% within a set (run noise) | mean final GMV share | P(largest) | how it leaves |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of rows) {
    const u = byOutput.get(`survival.${p.id}`);
    if (!u) throw new Error(`uncertainty.json has no survival.${p.id}: were both commands run on the same scenario?`);
    lines.push(
      `| ${p.name} | ${pct(p.survival.estimate)} ${interval(p.survival.low, p.survival.high)} | ${pct(u.mean)} | ${interval(u.parameterLow, u.parameterHigh)} | ${interval(u.withinLow, u.withinHigh)} | ` +
        `${p.survival.estimate > 0 ? pct(p.finalShare.estimate) : '—'} | ${pct(p.rank.first)} | ${howItLeaves(p, mc.runs, mc.startDate)} |`,
    );
  }
  const survivors = byOutput.get('survivors');
  const hhi = byOutput.get('finalHhi');
  lines.push('');
  lines.push(
    `Survivors: ${mc.market.survivors.mean.toFixed(2)} on average at the posterior median (${mc.runs} runs)` +
      (survivors ? `; over the posterior ${survivors.mean.toFixed(2)}, 95% over parameter sets [${survivors.parameterLow.toFixed(2)}, ${survivors.parameterHigh.toFixed(2)}]` : '') +
      `. Final HHI ${Math.round(mc.market.finalHhi.estimate)} [${Math.round(mc.market.finalHhi.low)}, ${Math.round(mc.market.finalHhi.high)}]` +
      (hhi ? `; over the posterior ${Math.round(hhi.mean)}, [${Math.round(hhi.parameterLow)}, ${Math.round(hhi.parameterHigh)}] over parameter sets` : '') +
      `. Posterior: ${uncertainty.sets} parameter sets × ${uncertainty.runs} runs.`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [mcDir, uncertaintyDir] = process.argv.slice(2);
  if (!mcDir || !uncertaintyDir) {
    process.stderr.write('usage: npm run headline -- MC_DIR UNCERTAINTY_DIR\n');
    process.exit(2);
  }
  const mc = JSON.parse(readFileSync(join(mcDir, 'mc.json'), 'utf8')) as McJson;
  const uncertainty = JSON.parse(readFileSync(join(uncertaintyDir, 'uncertainty.json'), 'utf8')) as UncertaintyJson;
  process.stdout.write(`${headlineTable(mc, uncertainty)}\n`);
}
