/**
 * Regulation as dated events with typed effects (each may also multiply investor appetite):
 * - subsidy-cap: from its date no concerned player's subsidy per order exceeds the cap (applied
 *   at once and after every weekly policy update; policies may go below it);
 * - below-cost-ban: from its date no concerned player sells below cost: its subsidy per order is
 *   held to last week's contribution per order before subsidies, and at settlement the subsidy paid
 *   is cut so that the week's average order covers its variable cost (`economics.ts`);
 * - parent-shock: a fine on or an investigation of a parent company, or a refocus on its core
 *   business: what is left of its budget, its loss tolerance, its patience (a higher discount rate)
 *   and the value it puts on its units' GMV for its other businesses change;
 * - fine: an outflow of the player's cash (`finesYuan`);
 * - suspension: for `weeks` weeks the player takes no orders and opens no points in a province;
 * - appetite-shock: investor appetite only.
 */
import { clampAppetite } from './capital.js';
import type { MarketEvent } from './params.js';
import { refreshBlocked } from './players.js';
import { PRIORITY, type MarketContext } from './state.js';

type RegulationEvent = Extract<MarketEvent, { kind: 'subsidy-cap' | 'fine' | 'suspension' | 'appetite-shock' | 'below-cost-ban' | 'parent-shock' }>;

export function applyRegulation(ctx: MarketContext, event: RegulationEvent): void {
  const { state } = ctx;
  state.investorAppetite = clampAppetite(state.investorAppetite * event.appetiteMultiplier);
  const note = event.note ? `: ${event.note}` : '';
  switch (event.kind) {
    case 'below-cost-ban': {
      const concerned = event.players.length > 0 ? event.players.map((j) => state.players[j]!) : state.players;
      for (const player of concerned) player.belowCostBanned = true;
      ctx.log('below-cost-ban', null, null, `selling below cost is banned${note}`, 'regulator');
      return;
    }
    case 'parent-shock': {
      const parent = state.parents[event.parent]!;
      const rules = ctx.params.parents[event.parent]!;
      parent.budgetLeftYuan *= event.budgetMultiplier;
      parent.toleranceYuan *= event.toleranceMultiplier;
      parent.discountRateAdd += event.discountRateAdd;
      parent.strategicShareOfGmv *= event.strategicValueMultiplier;
      const strategic = event.strategicValueMultiplier === 1 ? '' : `, strategic value × ${event.strategicValueMultiplier}`;
      ctx.log('parent-shock', null, null, `${rules.name} is hit: budget × ${event.budgetMultiplier}, tolerance × ${event.toleranceMultiplier}${strategic}${note}`, rules.name);
      return;
    }
    case 'subsidy-cap': {
      const concerned = event.players.length > 0 ? event.players.map((j) => state.players[j]!) : state.players;
      for (const player of concerned) {
        player.subsidyCapYuan = Math.min(player.subsidyCapYuan, event.maxSubsidyPerOrderYuan);
        player.subsidyPerOrderYuan = Math.min(player.subsidyPerOrderYuan, player.subsidyCapYuan);
      }
      ctx.log('subsidy-cap', null, null, `subsidies capped at ${event.maxSubsidyPerOrderYuan} yuan per order${note}`, 'regulator');
      return;
    }
    case 'fine': {
      const player = state.players[event.player]!;
      if (player.status === 'exited' || player.status === 'acquired') {
        ctx.log('fine-void', player, null, `${player.params.name} is ${player.status}: no fine levied${note}`, 'regulator');
        return;
      }
      player.cashYuan -= event.amountYuan;
      player.flows.finesYuan += event.amountYuan;
      ctx.log('fine', player, event.amountYuan, `${player.params.name} fined${note}`, 'regulator');
      return;
    }
    case 'suspension': {
      const player = state.players[event.player]!;
      player.suspended[event.province] = 1;
      refreshBlocked(player);
      const provinceName = ctx.geography.provinceNames[event.province];
      ctx.log('suspension', player, null, `${player.params.name} suspended in ${provinceName} for ${event.weeks} weeks${note}`, 'regulator');
      ctx.schedule(7 * event.weeks, () => {
        player.suspended[event.province] = 0;
        refreshBlocked(player);
        ctx.log('suspension-lifted', player, null, `${player.params.name} may trade in ${provinceName} again`, 'regulator');
      }, PRIORITY.regulation);
      return;
    }
    case 'appetite-shock':
      ctx.log('appetite-shock', null, null, `investor appetite × ${event.appetiteMultiplier}${note}`, 'investors');
      return;
  }
}
