/**
 * A scenario's parameters as HTML tables: its top-level settings, its players side by side
 * (one column per player), then every other section (geography, demand, costs, events, ...) in a
 * collapsible block. Generic over the scenario's shape: nested objects become dotted paths.
 * Every key and value is escaped.
 */
import { escapeHtml } from './escape.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Flat = Array<[string, string]>;

/** The parameters section's inner HTML for one resolved scenario (plain data). */
export function scenarioParametersHtml(scenario: unknown): string {
  if (!isObject(scenario)) return `<pre>${escapeHtml(JSON.stringify(scenario, null, 2) ?? '')}</pre>`;
  const parts: string[] = [];
  const general = Object.entries(scenario).filter(([key, value]) => key !== '$schema' && !isObject(value) && !isObjectArray(value));
  parts.push(keyValueTable('Settings', general.map(([key, value]) => [key, formatValue(value as Json)])));
  const players = scenario.players;
  if (isObjectArray(players) && players.length > 0) parts.push(details(`players (${players.length}), side by side`, playersTable(players), true));
  for (const [key, value] of Object.entries(scenario)) {
    if (key === 'players') continue;
    if (isObjectArray(value)) parts.push(details(`${key} (${value.length})`, rowsTable(value)));
    else if (isObject(value)) parts.push(details(key, flatTable(flatten(value, ''))));
  }
  return parts.join('\n');
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isObjectArray(value: unknown): value is Array<{ [key: string]: Json }> {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
}

/** Nested objects to dotted paths; arrays of scalars joined; arrays of objects as compact JSON. */
function flatten(value: { [key: string]: Json }, prefix: string): Flat {
  return Object.entries(value).flatMap(([key, item]): Flat => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isObject(item)) return flatten(item, path);
    return [[path, formatValue(item)]];
  });
}

function formatValue(value: Json): string {
  if (value === null) return '—';
  // Group thousands in large numbers only: a seed or a year reads better as 2020 than 2,020.
  if (typeof value === 'number') return Math.abs(value) >= 10_000 ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(value);
  if (typeof value === 'boolean' || typeof value === 'string') return String(value);
  if (Array.isArray(value) && value.every((item) => !isObject(item) && !Array.isArray(item))) return value.map((item) => formatValue(item)).join(', ');
  return JSON.stringify(value);
}

function keyValueTable(caption: string, rows: Flat): string {
  const body = rows.map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  return `<div class="table-wrap"><table class="params"><caption>${escapeHtml(caption)}</caption><tbody>${body}</tbody></table></div>`;
}

function flatTable(rows: Flat): string {
  const body = rows.map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  return `<div class="table-wrap"><table class="params"><tbody>${body}</tbody></table></div>`;
}

/** Players side by side: one row per parameter path, one column per player. */
function playersTable(players: Array<{ [key: string]: Json }>): string {
  const flats = players.map((p) => new Map(flatten(p, '')));
  // The names head the columns; every other parameter gets a row.
  const paths = [...new Set(flats.flatMap((flat) => [...flat.keys()]))].filter((path) => path !== 'name');
  const heads = players.map((p) => `<th scope="col">${escapeHtml(String(p.name ?? p.id ?? ''))}</th>`).join('');
  const body = paths
    .map((path) => `<tr><th scope="row">${escapeHtml(path)}</th>${flats.map((flat) => `<td>${escapeHtml(flat.get(path) ?? '')}</td>`).join('')}</tr>`)
    .join('');
  return `<div class="table-wrap"><table class="params players"><thead><tr><th></th>${heads}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** One row per item (provinces, events, ...), one column per path. */
function rowsTable(items: Array<{ [key: string]: Json }>): string {
  const flats = items.map((item) => new Map(flatten(item, '')));
  const paths = [...new Set(flats.flatMap((flat) => [...flat.keys()]))];
  const head = paths.map((path) => `<th scope="col">${escapeHtml(path)}</th>`).join('');
  const body = flats.map((flat) => `<tr>${paths.map((path) => `<td>${escapeHtml(flat.get(path) ?? '')}</td>`).join('')}</tr>`).join('');
  return `<div class="table-wrap"><table class="params rows"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function details(summary: string, inner: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>${inner}</details>`;
}
