/**
 * The event timeline: entries, funding, acquisitions, retreats, exits and regulation on the
 * run's time axis, one row per player (in scenario order) and a row for market-wide events.
 * Routine bookkeeping (a round starting, an event that came to nothing) is left out; the
 * event log (events.csv) has everything.
 */
import { CHART_WIDTH, withConfig, type NamedChart } from './chart.js';
import { moneyUnit, round4, timeX } from './axes.js';
import type { EventRow, RunData } from './inputs.js';
import { playerColorScale } from './palette.js';
import { nameLookupExpr } from './players.js';

/** A ring (an SVG path on vega's unit square: the inner circle runs the other way, leaving a hole). */
const RING = 'M -0.5 0 A 0.5 0.5 0 1 0 0.5 0 A 0.5 0.5 0 1 0 -0.5 0 Z M -0.25 0 A 0.25 0.25 0 1 1 0.25 0 A 0.25 0.25 0 1 1 -0.25 0 Z';

/** Event kinds grouped for the reader, each with its marker shape and size. Order = legend order. */
export const EVENT_CATEGORIES = [
  { category: 'Entry', kinds: ['entry'], shape: 'triangle-right', size: 90 },
  { category: 'Funding round', kinds: ['funding-round', 'investment'], shape: 'circle', size: 140 },
  { category: 'Parent top-up', kinds: ['parent-funding'], shape: RING, size: 120 },
  { category: 'Failed round', kinds: ['round-failed'], shape: 'triangle-down', size: 70 },
  { category: 'Retreat', kinds: ['province-retreat'], shape: 'triangle-left', size: 80 },
  { category: 'Acquisition', kinds: ['acquisition'], shape: 'square', size: 110 },
  { category: 'Exit', kinds: ['bankruptcy', 'parent-cut-off'], shape: 'cross', size: 130 },
  { category: 'Regulation', kinds: ['subsidy-cap', 'fine', 'suspension', 'suspension-lifted'], shape: 'diamond', size: 90 },
  { category: 'Investor mood', kinds: ['appetite-shock'], shape: 'triangle-up', size: 80 },
  { category: 'Other', kinds: [], shape: 'triangle', size: 60 },
] as const;

/** Kinds the timeline leaves out: steps of other events, or events that did not happen. */
export const IGNORED_EVENT_KINDS: readonly string[] = ['round-started', 'round-abandoned'];

/** Colour of market-wide events (no player): a grey no player has. */
const MARKET_COLOR = '#8C8C8C';

/** The row id of market-wide events (no player). */
export const MARKET_ROW = '(market)';

type EventCategory = (typeof EVENT_CATEGORIES)[number];

function categoryOf(kind: string): EventCategory {
  return EVENT_CATEGORIES.find((entry) => (entry.kinds as readonly string[]).includes(kind)) ?? EVENT_CATEGORIES[EVENT_CATEGORIES.length - 1]!;
}

function shown(event: EventRow): boolean {
  return !IGNORED_EVENT_KINDS.includes(event.kind) && !event.kind.endsWith('-void');
}

export function eventTimelineChart(data: RunData): NamedChart {
  const events = data.events.filter(shown);
  const unit = moneyUnit(events.map((e) => e.amountYuan ?? 0));
  const names = new Map(data.players.map((p) => [p.id, p.name]));
  const values = events.map((e) => ({
    date: e.date,
    row: e.player === '' ? MARKET_ROW : e.player,
    player: e.player,
    category: categoryOf(e.kind).category,
    size: categoryOf(e.kind).size,
    kind: e.kind,
    who: e.player === '' ? e.counterparty : names.get(e.player) ?? e.player,
    amount: e.amountYuan === null ? null : round4(e.amountYuan / unit.divisor),
    text: e.text,
  }));
  const rows = [MARKET_ROW, ...data.players.map((p) => p.id)];
  const rowNames: Record<string, string> = { [MARKET_ROW]: 'Whole market' };
  for (const p of data.players) rowNames[p.id] = p.name;
  const colors = playerColorScale(data.players);
  const present = EVENT_CATEGORIES.filter((c) => values.some((v) => v.category === c.category));
  const x = timeX(data.startDate, data.horizonWeeks);
  return {
    name: 'events',
    spec: withConfig({
      title: { text: 'Event timeline', subtitle: 'What happened to whom, and when (hover for details; click the legend to pick event types)' },
      width: CHART_WIDTH,
      height: 26 * rows.length,
      data: { values },
      layer: [
        {
          transform: [{ filter: `datum.row === ${JSON.stringify(MARKET_ROW)}` }],
          mark: { type: 'rule', color: '#999999', strokeDash: [3, 3], strokeWidth: 1 },
          encoding: { x },
        },
        {
          params: [{ name: 'kinds', select: { type: 'point', fields: ['category'] }, bind: 'legend' }],
          mark: { type: 'point', filled: true, stroke: '#ffffff', strokeWidth: 0.6 },
          encoding: {
            x,
            y: {
              field: 'row',
              type: 'nominal',
              title: null,
              sort: rows,
              scale: { domain: rows },
              axis: { labelExpr: nameLookupExpr(rowNames, 'value'), labelLimit: 400, labelPadding: 12, grid: true, gridColor: '#eeeeee', domain: false, ticks: false },
            },
            shape: {
              field: 'category',
              type: 'nominal',
              title: 'Event',
              scale: { domain: present.map((c) => c.category), range: present.map((c) => c.shape) },
              legend: {
                orient: 'right',
                symbolFillColor: '#555555',
                symbolStrokeColor: '#555555',
              },
            },
            size: { field: 'size', type: 'quantitative', scale: null, legend: null },
            color: {
              condition: { test: 'datum.player === ""', value: MARKET_COLOR },
              field: 'player',
              type: 'nominal',
              scale: colors,
              legend: null,
            },
            opacity: { condition: { param: 'kinds', value: 0.95, empty: true }, value: 0.08 },
            tooltip: [
              { field: 'date', type: 'nominal', title: 'Date' },
              { field: 'who', type: 'nominal', title: 'Who' },
              { field: 'category', type: 'nominal', title: 'Event' },
              { field: 'amount', type: 'quantitative', title: `Amount (${unit.label})`, format: ',.2f' },
              { field: 'text', type: 'nominal', title: 'What happened' },
            ],
          },
        },
      ],
    }),
  };
}
