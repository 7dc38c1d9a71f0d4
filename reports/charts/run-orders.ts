/** Orders and GMV: weekly GMV by player, stacked to the market total (top), and orders a week (bottom). */
import { CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import { axisTitle, countUnit, dateTooltip, moneyUnit, round4, timeX } from './axes.js';
import type { RunData } from './inputs.js';
import { pickPlayersParam, playerNameTransform, pickedOpacity, playerColorEncoding, playerTooltip } from './players.js';

export function ordersGmvChart(data: RunData): NamedChart {
  const position = new Map(data.players.map((p, i) => [p.id, i]));
  // Every player in every week (zeros included), so the stack stays aligned when a player leaves.
  const rows = data.weekly;
  const gmvUnit = moneyUnit(data.market.map((row) => row.gmvYuan));
  const ordersUnit = countUnit(rows.map((row) => row.orders));
  const values = rows.map((row) => ({
    date: row.date,
    player: row.player,
    order: position.get(row.player) ?? 0,
    gmv: round4(row.gmvYuan / gmvUnit.divisor),
    orders: round4(row.orders / ordersUnit.divisor),
  }));
  const x = timeX(data.startDate, data.horizonWeeks);
  const tooltip = [
    playerTooltip(),
    dateTooltip(),
    { field: 'gmv', type: 'quantitative' as const, title: axisTitle('GMV', gmvUnit), format: ',.3~f' },
    { field: 'orders', type: 'quantitative' as const, title: axisTitle('Orders', ordersUnit), format: ',.3~f' },
  ];
  return {
    name: 'orders-gmv',
    spec: withConfig({
      title: { text: 'GMV and orders', subtitle: 'Gross merchandise value a week by player, stacked to the market total; orders a week by player' },
      data: { values },
      transform: [playerNameTransform(data.players)],
      vconcat: [
        {
          width: CHART_WIDTH,
          height: 220,
          params: [pickPlayersParam()],
          mark: { type: 'area' },
          encoding: {
            x: { ...x, title: null },
            y: { field: 'gmv', type: 'quantitative', stack: 'zero', title: axisTitle('GMV a week', gmvUnit) },
            color: playerColorEncoding(data.players),
            order: { field: 'order', type: 'quantitative' },
            opacity: pickedOpacity(0.9, 0.15),
            tooltip,
          },
        },
        {
          width: CHART_WIDTH,
          height: 160,
          transform: [{ filter: 'datum.orders > 0' }],
          mark: { type: 'line' },
          encoding: {
            x,
            y: { field: 'orders', type: 'quantitative', title: axisTitle('Orders a week', ordersUnit) },
            color: playerColorEncoding(data.players),
            opacity: pickedOpacity(1, 0.12),
            tooltip,
          },
        },
      ],
    }),
  };
}
