/**
 * The explorer's sliders: which values of a scenario a class may move, and moving them.
 *
 *   scenario → explorable items (its `explore:` list, or a default set) → settings (path → value)
 *     → a copy of the scenario with those values → validated again like a file
 *
 * Paths are written as for `--set` (`players.red.cashYuan`, `events[2].date`), so a teacher can
 * repeat an explorer setting on the command line. Free of Node-only APIs: the explorer's Web
 * Worker runs this in the browser.
 */
import { parseIsoDate, formatEpochDay } from '../kernel/calendar.js';
import type { PathSegment } from './issues.js';
import { isRecord } from './plain-data.js';
import type { ExploreItemSpec, Scenario } from './schema.js';
import { parseSetPath } from './set-overrides.js';

/** A slider, resolved against its scenario: numbers, or dates as days since 1970 moved in weeks. */
export interface Explorable {
  path: string;
  label: string;
  kind: 'number' | 'date';
  /** The scenario's own value (a number, or epoch days for a date). */
  value: number;
  min: number;
  max: number;
  step: number;
  /** Whole numbers only (the schema's integer fields, e.g. the multi-homing cap). */
  integer: boolean;
}

/** Setting of a slider: the path and the value to write (a number, or an ISO date). */
export type ExploreSettings = Record<string, number | string>;

/** The steps of a `--set` path, or an error message. */
export function explorePathSteps(path: string): { ok: true; steps: string[] } | { ok: false; message: string } {
  try {
    return { ok: true, steps: parseSetPath(path, path) };
  } catch (error) {
    return { ok: false, message: `"${path}" is not a path (${(error as { text?: string }).text ?? String(error)})` };
  }
}

/** Where `steps` lead in `data` (a list item by index or by id), or undefined. */
export function locate(data: unknown, steps: readonly string[]): PathSegment[] | undefined {
  const path: PathSegment[] = [];
  let node = data;
  for (const step of steps) {
    if (Array.isArray(node)) {
      const index = /^\d+$/.test(step) ? Number(step) : node.findIndex((item) => isRecord(item) && item.id === step);
      if (index < 0 || index >= node.length) return undefined;
      path.push(index);
      node = node[index];
    } else if (isRecord(node) && Object.hasOwn(node, step)) {
      path.push(step);
      node = node[step];
    } else {
      return undefined;
    }
  }
  return path;
}

function valueAtPath(data: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((node, step) => (node as Record<PathSegment, unknown>)[step], data);
}

/** Problems with an explore item against its scenario (empty when it can be a slider). */
export function exploreItemProblems(scenario: unknown, item: ExploreItemSpec): string[] {
  const steps = explorePathSteps(item.path);
  if (!steps.ok) return [steps.message];
  const path = locate(scenario, steps.steps);
  if (path === undefined) return [`no value at "${item.path}" in this scenario`];
  const value = valueAtPath(scenario, path);
  const isDate = typeof value === 'string' && parseIsoDate(value) !== undefined;
  if (typeof value !== 'number' && !isDate) return [`"${item.path}" is not a number or a date`];
  const bound = (v: number | string) => (isDate ? (typeof v === 'string' ? parseIsoDate(v) : undefined) : typeof v === 'number' ? v : undefined);
  const min = bound(item.min);
  const max = bound(item.max);
  if (min === undefined || max === undefined) return [`min and max of "${item.path}" must be ${isDate ? 'dates' : 'numbers'}, like its value`];
  if (!(min < max)) return [`min of "${item.path}" must be below its max`];
  return [];
}

/** The scenario's sliders: its `explore:` list, or `defaultExploreItems` when it has none. */
export function explorables(scenario: Scenario): Explorable[] {
  const items = scenario.explore ?? defaultExploreItems(scenario);
  return items.flatMap((item): Explorable[] => {
    if (exploreItemProblems(scenario, item).length > 0) return [];
    const steps = explorePathSteps(item.path);
    const value = valueAtPath(scenario, locate(scenario, steps.ok ? steps.steps : [])!);
    if (typeof value === 'string') {
      return [{ path: item.path, label: item.label ?? item.path, kind: 'date', value: parseIsoDate(value)!, min: parseIsoDate(String(item.min))!, max: parseIsoDate(String(item.max))!, step: 7, integer: true }];
    }
    const integer = INTEGER_FIELDS.has(item.path.split('.').pop()!);
    const span = Number(item.max) - Number(item.min);
    const step = item.step ?? (integer ? 1 : niceStep(span / 100));
    return [{ path: item.path, label: item.label ?? item.path, kind: 'number', value: value as number, min: Number(item.min), max: Number(item.max), step, integer }];
  });
}

const INTEGER_FIELDS = new Set(['multiHomingCap', 'targetNewPointsPerWeek', 'weeks', 'patienceWeeks', 'dropAfterWeeks']);

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.999) ?? raw;
}

/** A round number near `x` (two significant figures), for default slider ends. */
function round2(x: number): number {
  if (x === 0) return 0;
  const power = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Math.round(x / power) * power;
}

/**
 * The default sliders of a scenario without an `explore:` list: each player's cash (up to six
 * players), the subsidy of the first two players (their policy's ceiling when it has one, else
 * the fixed subsidy), the density benefit, the logistics advantage, the multi-homing cap and the
 * date of the first regulation event (subsidy cap first).
 */
export function defaultExploreItems(scenario: Scenario): ExploreItemSpec[] {
  const items: ExploreItemSpec[] = [];
  for (const player of scenario.players.slice(0, 6)) {
    const field = player.cashYuan === undefined && player.cashUsd !== undefined ? 'cashUsd' : 'cashYuan';
    const cash = (field === 'cashUsd' ? player.cashUsd : player.cashYuan) ?? 0;
    const top = cash > 0 ? round2(cash * 4) : 1e9;
    items.push({ path: `players.${player.id}.${field}`, label: `${player.name}: cash (${field === 'cashUsd' ? 'US$' : 'yuan'})`, min: 0, max: top });
  }
  for (const player of scenario.players.slice(0, 2)) {
    const policy = player.subsidyPolicy;
    if ('maxYuan' in policy) {
      items.push({ path: `players.${player.id}.subsidyPolicy.maxYuan`, label: `${player.name}: highest subsidy per order (yuan)`, min: 0, max: Math.max(5, round2(policy.maxYuan * 2)), step: 0.05 });
    } else {
      items.push({ path: `players.${player.id}.subsidyPerOrderYuan`, label: `${player.name}: subsidy per order (yuan)`, min: 0, max: Math.max(5, round2(player.subsidyPerOrderYuan * 2)), step: 0.05 });
    }
  }
  const beta = scenario.demand.logit.betaDensity;
  items.push({ path: 'demand.logit.betaDensity', label: 'Density benefit (utility per ln(1 + points per 1,000 households))', min: 0, max: Math.min(5, Math.max(2, round2(beta * 3))), step: 0.01 });
  items.push({ path: 'costs.advantageOverRetail', label: 'Logistics advantage over retail (times cheaper)', min: 1, max: Math.max(20, round2(scenario.costs.advantageOverRetail * 2)), step: 0.1 });
  items.push({ path: 'network.multiHomingCap', label: 'Platforms one shop may serve', min: 1, max: Math.max(5, scenario.network.multiHomingCap), step: 1 });
  const regulation = firstRegulation(scenario);
  if (regulation >= 0) {
    const start = parseIsoDate(scenario.startDate)!;
    const event = scenario.events[regulation]!;
    items.push({
      path: `events[${regulation}].date`,
      label: `Date of the ${event.kind.replace('-', ' ')}`,
      min: scenario.startDate,
      max: formatEpochDay(start + 7 * scenario.horizonWeeks - 7),
    });
  }
  return items;
}

function firstRegulation(scenario: Scenario): number {
  const cap = scenario.events.findIndex((event) => event.kind === 'subsidy-cap');
  if (cap >= 0) return cap;
  return scenario.events.findIndex((event) => event.kind === 'fine' || event.kind === 'suspension' || event.kind === 'appetite-shock');
}

/**
 * A deep copy of `data` with each setting written at its path (dates as ISO text). Returns the
 * copy and a message per setting that names no value of the scenario.
 */
export function applyExploreSettings(data: unknown, settings: ExploreSettings): { data: unknown; problems: string[] } {
  const copy = structuredClone(data);
  const problems: string[] = [];
  for (const [pathText, value] of Object.entries(settings)) {
    const steps = explorePathSteps(pathText);
    const path = steps.ok ? locate(copy, steps.steps) : undefined;
    if (path === undefined || path.length === 0) {
      problems.push(steps.ok ? `no value at "${pathText}" in this scenario` : steps.message);
      continue;
    }
    const parent = valueAtPath(copy, path.slice(0, -1)) as Record<PathSegment, unknown>;
    parent[path[path.length - 1]!] = value;
  }
  return { data: copy, problems };
}

/** A slider position as the value written into the scenario (dates back to ISO text). */
export function settingValue(item: Explorable, position: number): number | string {
  return item.kind === 'date' ? formatEpochDay(position) : position;
}
