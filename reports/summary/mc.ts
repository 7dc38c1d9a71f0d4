/**
 * The plain-language summary of a Monte Carlo experiment: who is likely to survive (with
 * intervals), how many survive, when the shakeout comes, who tends to lead, how concentrated the
 * market ends.
 */
import { addDays, weekStartDate } from '../charts/axes.js';
import type { McResult } from '../charts/inputs.js';
import { count, list, longDate, percent, percentRange, whole } from '../words.js';
import { incompleteNote } from './incomplete.js';
import { concentrationLevel } from './concentration.js';
import type { Highlight } from './highlight.js';

/** Survival probability at or above this reads as "likely to survive"; below `UNLIKELY` as "unlikely". */
export const LIKELY = 0.8;
export const UNLIKELY = 0.2;

type Player = McResult['players'][number];

export function mcSummaryText(result: McResult): string[] {
  return [incompleteNote(result.complete, `${whole(result.runs)} runs`, 'gbsim mc --resume'), survivalSentence(result), survivorsCountSentence(result), shakeoutSentence(result), leaderSentence(result)].filter((text) => text !== '');
}

function survivalSentence(result: McResult): string {
  const end = longDate(addDays(result.startDate, 7 * result.horizonWeeks));
  const sorted = [...result.players].sort((a, b) => b.survival.estimate - a.survival.estimate);
  const group = (players: Player[], verdict: [string, string]) => (players.length === 0 ? '' : `${sameOdds(players)} ${players.length === 1 ? verdict[0] : verdict[1]}`);
  const parts = [
    group(sorted.filter((p) => p.survival.estimate >= LIKELY), ['is likely to survive', 'are likely to survive']),
    group(sorted.filter((p) => p.survival.estimate >= UNLIKELY && p.survival.estimate < LIKELY), ['may or may not', 'may or may not']),
    group(sorted.filter((p) => p.survival.estimate < UNLIKELY), ['is unlikely to', 'are unlikely to']),
  ].filter((part) => part !== '');
  return `Over ${whole(result.runs)} runs to ${end} (seed ${result.seed}), ${parts.join('; ')}. The percentages are the share of runs in which the player survives.`;
}

/** `A (97%, 95% interval 94–99%) and B (91%, ...)`; players with the same odds share one: `A and B (each 100%, ...)`. */
function sameOdds(players: readonly Player[]): string {
  const odds = (p: Player) => `${percent(p.survival.estimate)}, 95% interval ${percentRange(p.survival.low, p.survival.high)}`;
  const groups: Array<{ odds: string; names: string[] }> = [];
  for (const p of players) {
    const last = groups[groups.length - 1];
    if (last && last.odds === odds(p)) last.names.push(p.name);
    else groups.push({ odds: odds(p), names: [p.name] });
  }
  return list(groups.map((g) => (g.names.length === 1 ? `${g.names[0]} (${g.odds})` : `${list(g.names)} (each ${g.odds})`)));
}

function survivorsCountSentence(result: McResult): string {
  const distribution = result.market.survivors.distribution;
  if (distribution.length === 0 || result.runs === 0) return '';
  let mode = 0;
  distribution.forEach((runs, k) => {
    if (runs > (distribution[mode] ?? 0)) mode = k;
  });
  const share = (distribution[mode] ?? 0) / result.runs;
  return `Most often ${mode} ${mode === 1 ? 'player survives' : 'players survive'} (${percent(share)} of runs); on average ${result.market.survivors.mean.toFixed(1)}.`;
}

function shakeoutSentence(result: McResult): string {
  const { probability, quantiles } = result.market.shakeout;
  const k = result.shakeoutK;
  if (result.players.length <= k) {
    return `With ${result.players.length} players the market never has more than ${k} active, so there is no shakeout to measure (use --shakeout-k below ${result.players.length}).`;
  }
  if (probability.estimate === 0 || quantiles === null) return `No run sees a shakeout to ${k} or fewer active players.`;
  const at = (week: number) => `week ${Math.round(week)} (${longDate(weekStartDate(result.startDate, Math.round(week)))})`;
  return (
    `The shakeout, the first week with at most ${k} active players, comes in ${percent(probability.estimate)} of runs (95% interval ${percentRange(probability.low, probability.high)}). ` +
    `When it comes, the median is ${at(quantiles.p50)}, and the middle half of those runs see it between ${at(quantiles.p25)} and ${at(quantiles.p75)}.`
  );
}

function leaderSentence(result: McResult): string {
  const leader = [...result.players].sort((a, b) => b.rank.first - a.rank.first)[0];
  if (!leader || result.runs === 0) return '';
  if (result.players.every((p) => p.finalShare.estimate === 0)) {
    return 'Warning: no player sells anything in any run (every final share is 0), so no one leads; check the geography\'s households, spend and reachable shares.';
  }
  const hhi = result.market.finalHhi;
  return (
    `${leader.name} ends with the largest share in ${percent(leader.rank.first)} of runs (mean final share ${percent(leader.finalShare.estimate, 1)}). ` +
    `The market ends ${concentrationLevel(hhi.estimate)} on average (final HHI ${whole(hhi.estimate)}, 95% interval ${whole(hhi.low)}–${whole(hhi.high)}).`
  );
}

/** The experiment's key figures for the top of the report. */
export function mcHighlights(result: McResult): Highlight[] {
  const best = [...result.players].sort((a, b) => b.survival.estimate - a.survival.estimate)[0];
  const tied = best ? result.players.filter((p) => p !== best && p.survival.estimate === best.survival.estimate).length : 0;
  const distribution = result.market.survivors.distribution;
  const mode = distribution.reduce((m, runs, k) => (runs > (distribution[m] ?? 0) ? k : m), 0);
  const { probability, quantiles } = result.market.shakeout;
  return [
    { label: 'Runs', value: whole(result.runs), note: `seed ${result.seed}` },
    { label: 'Most likely to survive', value: best ? percent(best.survival.estimate) : '—', note: best ? `${best.name}${tied > 0 ? ` and ${count(tied, 'other')}` : ''}` : '' },
    { label: 'Survivors', value: result.market.survivors.mean.toFixed(1), note: `on average; most often ${mode}` },
    {
      label: `Shakeout (≤ ${result.shakeoutK} active)`,
      value: `${percent(probability.estimate)} of runs`,
      note: quantiles === null ? 'never' : `median ${longDate(weekStartDate(result.startDate, Math.round(quantiles.p50)))}`,
    },
  ];
}
