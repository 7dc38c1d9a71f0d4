/** Pickup points per player: the size of each player's network week by week. */
import { CHART_HEIGHT, CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import { axisTitle, countUnit, dateTooltip, round4, timeX } from './axes.js';
import { OPERATING_STATUSES, type RunData } from './inputs.js';
import { pickPlayersParam, playerNameTransform, pickedOpacity, playerColorEncoding, playerTooltip } from './players.js';

export function pickupPointsChart(data: RunData): NamedChart {
  const rows = data.weekly.filter((row) => OPERATING_STATUSES.includes(row.status));
  const unit = countUnit(rows.map((row) => row.pickupPoints));
  const values = rows.map((row) => ({
    date: row.date,
    player: row.player,
    points: round4(row.pickupPoints / unit.divisor),
    pickupPoints: row.pickupPoints,
  }));
  return {
    name: 'pickup-points',
    spec: withConfig({
      title: { text: 'Pickup points per player', subtitle: 'Pickup points in operation at the end of each week, while the player is in the market' },
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      data: { values },
      transform: [playerNameTransform(data.players)],
      params: [pickPlayersParam()],
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: timeX(data.startDate, data.horizonWeeks),
        y: { field: 'points', type: 'quantitative', title: axisTitle('Pickup points', unit) },
        color: playerColorEncoding(data.players, { symbol: 'stroke' }),
        opacity: pickedOpacity(1, 0.12),
        tooltip: [playerTooltip(), dateTooltip(), { field: 'pickupPoints', type: 'quantitative', title: 'Pickup points', format: ',.0f' }],
      },
    }),
  };
}
