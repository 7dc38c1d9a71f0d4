/** Market share over time: each player's share of the week's GMV, stacked to 100%. */
import { CHART_HEIGHT, CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import { dateTooltip, round4, timeX } from './axes.js';
import type { RunData } from './inputs.js';
import { pickPlayersParam, playerNameTransform, pickedOpacity, playerColorEncoding, playerTooltip } from './players.js';

export function marketShareChart(data: RunData): NamedChart {
  const position = new Map(data.players.map((p, i) => [p.id, i]));
  // Every player in every week (zeros included), so the stack stays aligned when a player leaves.
  const values = data.weekly.map((row) => ({ date: row.date, player: row.player, share: round4(row.share), order: position.get(row.player) ?? 0 }));
  return {
    name: 'market-share',
    spec: withConfig({
      title: { text: 'Market share over time', subtitle: "Each player's share of the week's GMV (click the legend to pick players out)" },
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      data: { values },
      transform: [playerNameTransform(data.players)],
      params: [pickPlayersParam()],
      mark: { type: 'area' },
      encoding: {
        x: timeX(data.startDate, data.horizonWeeks),
        y: { field: 'share', type: 'quantitative', stack: 'zero', title: 'Share of weekly GMV', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        color: playerColorEncoding(data.players),
        order: { field: 'order', type: 'quantitative' },
        opacity: pickedOpacity(0.9, 0.15),
        tooltip: [playerTooltip(), dateTooltip(), { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' }],
      },
    }),
  };
}
