/**
 * Cash and runway: each player's cash at the end of each week (top) and its runway, the weeks
 * its cash lasts at that week's burn (bottom). A player not burning cash has no runway point.
 */
import { CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import { axisTitle, dateTooltip, moneyUnit, round4, timeX } from './axes.js';
import { OPERATING_STATUSES, type RunData } from './inputs.js';
import { pickPlayersParam, playerNameTransform, pickedOpacity, playerColorEncoding, playerTooltip } from './players.js';

/** Runway above this many weeks means "not burning cash" (the model reports 9,999). */
export const RUNWAY_NOT_BURNING_ABOVE_WEEKS = 5_000;
/** The runway axis stops here; longer runways run off the top. */
export const RUNWAY_AXIS_WEEKS = 104;

export function cashRunwayChart(data: RunData): NamedChart {
  const rows = data.weekly.filter((row) => OPERATING_STATUSES.includes(row.status));
  const unit = moneyUnit(rows.map((row) => row.cashYuan));
  const values = rows.map((row) => ({
    date: row.date,
    player: row.player,
    cash: round4(row.cashYuan / unit.divisor),
    runway: row.runwayWeeks > RUNWAY_NOT_BURNING_ABOVE_WEEKS ? null : round4(row.runwayWeeks),
  }));
  const x = timeX(data.startDate, data.horizonWeeks);
  const tooltip = [
    playerTooltip(),
    dateTooltip(),
    { field: 'cash', type: 'quantitative' as const, title: axisTitle('Cash', unit), format: ',.2f' },
    { field: 'runway', type: 'quantitative' as const, title: 'Runway (weeks)', format: ',.0f' },
  ];
  return {
    name: 'cash-runway',
    spec: withConfig({
      title: { text: 'Cash and runway', subtitle: `Cash at the end of each week, and the weeks it lasts at that week's burn (runway above ${RUNWAY_AXIS_WEEKS} weeks runs off the top)` },
      data: { values },
      transform: [playerNameTransform(data.players)],
      vconcat: [
        {
          width: CHART_WIDTH,
          height: 220,
          params: [pickPlayersParam()],
          mark: { type: 'line' },
          encoding: {
            x: { ...x, title: null },
            y: { field: 'cash', type: 'quantitative', title: axisTitle('Cash', unit) },
            color: playerColorEncoding(data.players, { symbol: 'stroke' }),
            opacity: pickedOpacity(1, 0.12),
            tooltip,
          },
        },
        {
          width: CHART_WIDTH,
          height: 160,
          mark: { type: 'line', clip: true },
          encoding: {
            x,
            y: { field: 'runway', type: 'quantitative', title: 'Runway (weeks)', scale: { domain: [0, RUNWAY_AXIS_WEEKS], clamp: false } },
            color: playerColorEncoding(data.players, { symbol: 'stroke' }),
            opacity: pickedOpacity(1, 0.12),
            tooltip,
          },
        },
      ],
    }),
  };
}
