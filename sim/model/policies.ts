/**
 * Subsidy-war policies: how a player sets its subsidy per order each week, from last week's
 * shares, its runway and its rivals. The regulator's cap applies after the policy.
 * - fixed: the scenario's subsidy throughout;
 * - aggressive: +step while its share is below target, −step once it has reached it (the war is
 *   won: it harvests) or when runway is short;
 * - match-leader: the share leader's subsidy plus a premium, −step when runway is short;
 * - profit-seeking: −step while losing money, +step when its share fell and it is profitable.
 * Whatever the policy, a player whose value of staying is higher without fighting than with
 * (`staying.ts`) steps its subsidy down (by the policy's step, or `PEACE_STEP_YUAN` for a fixed
 * subsidy, which returns to its level once fighting pays again): the war ends when the fighters
 * all do.
 */
import { isOperating, type PlayerState } from './players.js';

/** Weekly cut of a fixed subsidy while its player prefers peace, yuan per order. */
export const PEACE_STEP_YUAN = 0.1;

/** Sets `player`'s subsidy per order for the week (`players`: everyone, to find the share leader). */
export function updateSubsidy(players: readonly PlayerState[], player: PlayerState, runwayWeeks: number): void {
  const policy = player.params.subsidyPolicy;
  let subsidy = player.subsidyPerOrderYuan;
  switch (policy.kind) {
    case 'fixed':
      subsidy = player.prefersPeace ? subsidy - PEACE_STEP_YUAN : player.params.subsidyPerOrderYuan;
      break;
    case 'aggressive':
      if (runwayWeeks < policy.minRunwayWeeks || player.shareLast >= policy.targetShare) subsidy -= policy.stepYuan;
      else subsidy += policy.stepYuan;
      subsidy = Math.min(policy.maxYuan, subsidy);
      break;
    case 'match-leader': {
      const leader = players
        .filter((p) => p !== player && isOperating(p))
        .sort((a, b) => b.shareLast - a.shareLast || a.index - b.index)[0];
      subsidy = runwayWeeks < policy.minRunwayWeeks ? subsidy - policy.stepYuan : Math.min(policy.maxYuan, (leader?.subsidyPerOrderYuan ?? subsidy) + policy.premiumYuan);
      break;
    }
    case 'profit-seeking':
      if (player.lastOperatingFlowYuan < 0) subsidy = Math.max(policy.minYuan, subsidy - policy.stepYuan);
      else if (player.shareLast < player.sharePrevious) subsidy = Math.min(policy.maxYuan, subsidy + policy.stepYuan);
      break;
  }
  if (player.prefersPeace && policy.kind !== 'fixed') subsidy = Math.min(subsidy, player.subsidyPerOrderYuan - policy.stepYuan);
  if (player.belowCostBanned) subsidy = Math.min(subsidy, belowCostLimit(player));
  player.subsidyPerOrderYuan = Math.min(player.subsidyCapYuan, Math.max(0, subsidy));
}

/** The largest subsidy per order that keeps last week's average order at cost (yuan, ≥ 0). */
export function belowCostLimit(player: PlayerState): number {
  const last = player.window.at(-1);
  if (!last || last.orders <= 0) return 0;
  return Math.max(0, last.contributionBeforeSubsidyYuan / last.orders);
}
