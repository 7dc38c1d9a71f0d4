/**
 * The plain-language summary of one run, written from its results: who survives and with what
 * share, who left and how, when the shakeout came (and whether it was one), how concentrated the
 * market ends.
 */
import { addDays, weekStartDate } from '../charts/axes.js';
import type { EventRow, RunData } from '../charts/inputs.js';
import type { RunSummary } from '../results.js';
import { count, list, longDate, percent, whole } from '../words.js';
import { concentrationLevel } from './concentration.js';
import type { Highlight } from './highlight.js';

type PlayerOutcome = RunSummary['players'][number];

export function runSummaryText(summary: RunSummary, data: RunData): string[] {
  return [survivorsSentence(summary), departuresSentence(summary, data.events), shakeoutSentence(summary, data), concentrationSentence(summary, data), oneRunCaveat(summary)].filter(
    (text) => text !== '',
  );
}

function survivorsSentence(summary: RunSummary): string {
  const end = longDate(addDays(summary.startDate, 7 * summary.horizonWeeks));
  const survivors = summary.players.filter((p) => p.survivor).sort((a, b) => b.finalShare - a.finalShare);
  const head = `${whole(survivors.length)} of ${count(summary.players.length, 'player')} survive to ${end} (${whole(summary.horizonWeeks)} weeks from ${longDate(summary.startDate)})`;
  if (survivors.length === 0) return `${head}: none.`;
  const [leader, ...rest] = survivors as [PlayerOutcome, ...PlayerOutcome[]];
  const others = rest.map((p) => `${p.name} (${percent(p.finalShare, 1)})`);
  const tail = others.length === 0 ? '' : `, followed by ${list(others)}`;
  const weak = summary.players.filter((p) => !p.survivor && (p.status === 'active' || p.status === 'retreating'));
  const below = weak.length === 0 ? '' : ` ${list(weak.map((p) => `${p.name} (${percent(p.finalShare, 1)})`))} ${weak.length === 1 ? 'is' : 'are'} still trading but below the share a survivor needs.`;
  return `${head}. ${leader.name} ends with the largest share of GMV (${percent(leader.finalShare, 1)})${tail}.${below}`;
}

function departuresSentence(summary: RunSummary, events: readonly EventRow[]): string {
  const names = new Map(summary.players.map((p) => [p.id, p.name]));
  const gone = summary.players.filter((p) => p.status === 'exited' || p.status === 'acquired' || p.status === 'pending');
  gone.sort((a, b) => (a.exitDate ?? '9999').localeCompare(b.exitDate ?? '9999'));
  return gone.map((p) => departure(p, events, names)).join(' ');
}

function departure(p: PlayerOutcome, events: readonly EventRow[], names: ReadonlyMap<string, string>): string {
  const when = p.exitDate === null ? '' : ` on ${longDate(p.exitDate)}`;
  if (p.status === 'pending') return `${p.name} never enters.`;
  if (p.exitReason === 'acquired') {
    const deal = events.find((e) => e.kind === 'acquisition' && e.player === p.id);
    const buyer = deal ? names.get(deal.counterparty) ?? deal.counterparty : 'a rival';
    return `${p.name} is acquired by ${buyer}${when}.`;
  }
  if (p.exitReason === 'parent-cut-off') return `${p.name} exits${when} when its parent stops funding it.`;
  if (p.exitReason === 'bankruptcy') return `${p.name} runs out of cash and exits${when}.`;
  return `${p.name} exits${when}.`;
}

function shakeoutSentence(summary: RunSummary, data: RunData): string {
  const k = summary.shakeout.k;
  const peak = data.market.reduce((most, row) => Math.max(most, row.activePlayers), 0);
  const week = summary.shakeout.week;
  if (week === null && peak <= k) return `At most ${peak} players were active at once, never more than ${k}, so there is no shakeout to measure (use --shakeout-k below ${peak}).`;
  if (week === null) return `There is no shakeout: more than ${k} players are still active at the end (at most ${peak} were active at once).`;
  const date = longDate(weekStartDate(summary.startDate, week));
  const lastEntry = lastEntryWeek(data);
  const head = `The shakeout, the first week with at most ${k} active players, comes in week ${week} (${date})`;
  if (lastEntry !== null && week < lastEntry) {
    return `${head}, before every entrant had arrived (the last entered in week ${lastEntry}): the market was still filling, not shaking out.`;
  }
  return `${head}.`;
}

function lastEntryWeek(data: RunData): number | null {
  const entries = data.events.filter((e) => e.kind === 'entry');
  if (entries.length === 0) return null;
  return entries.map((e) => Math.floor(e.day / 7) + 1).reduce((a, b) => Math.max(a, b), -Infinity);
}

function concentrationSentence(summary: RunSummary, data: RunData): string {
  const last = data.market[data.market.length - 1];
  const operating = data.market.filter((row) => row.activePlayers > 0).map((row) => row.hhi);
  if (!last || operating.length === 0) return '';
  const low = operating.reduce((a, b) => Math.min(a, b), Infinity);
  const high = operating.reduce((a, b) => Math.max(a, b), -Infinity);
  return `The market ends ${concentrationLevel(summary.finalHhi)} (HHI ${whole(summary.finalHhi)}; the top three hold ${percent(last.cr3)} of GMV), after ranging from ${whole(low)} to ${whole(high)}.`;
}

function oneRunCaveat(summary: RunSummary): string {
  return `This is one run (seed ${summary.seed}): one possible history. gbsim mc runs many and gives survival probabilities.`;
}

/** The run's key figures for the top of the report. */
export function runHighlights(summary: RunSummary): Highlight[] {
  const survivors = summary.players.filter((p) => p.survivor);
  const leader = [...summary.players].sort((a, b) => b.finalShare - a.finalShare)[0];
  const week = summary.shakeout.week;
  return [
    { label: 'Survivors', value: `${survivors.length} of ${summary.players.length}`, note: `at ${longDate(addDays(summary.startDate, 7 * summary.horizonWeeks))}` },
    { label: 'Largest final share', value: leader ? percent(leader.finalShare, 1) : '—', note: leader?.name ?? '' },
    {
      label: `Shakeout (≤ ${summary.shakeout.k} active)`,
      value: week === null ? 'none' : `week ${week}`,
      note: week === null ? 'within the horizon' : longDate(weekStartDate(summary.startDate, week)),
    },
    { label: 'Final HHI', value: whole(summary.finalHhi), note: concentrationLevel(summary.finalHhi) },
  ];
}
