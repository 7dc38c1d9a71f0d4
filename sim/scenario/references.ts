/**
 * Cross-reference checks: rules that relate one part of a scenario to another (ids unique, ids
 * that name existing players and provinces, dates inside the horizon, pairs of fields that
 * exclude each other, bounds in order, fields that must differ). They read the raw data
 * tolerantly, so they run even when the shapes are wrong and every problem is reported at once;
 * zod would skip refinements on invalid objects.
 *
 * The rules are tables: adding a reference (say `events.*.province`) is one line in `REFERENCES`.
 */
import { formatEpochDay, parseIsoDate } from '../kernel/calendar.js';
import { closest } from './did-you-mean.js';
import { formatPath } from './issues.js';
import type { PathSegment } from './issues.js';
import * as message from './messages.js';
import { exploreItemProblems } from './explore.js';
import { expand, hasPath, isRecord, valueAt } from './plain-data.js';
import type { PathPattern } from './plain-data.js';
import { Scenario } from './schema.js';
import { schemaAt, shapeOf } from './schema-walk.js';
import { uncertaintySectionProblems } from './uncertainty.js';

/** A cross-reference problem before it is placed in a file. */
export interface ReferenceProblem {
  readonly path: PathSegment[];
  readonly message: string;
  readonly got?: string;
}

/** The collections whose items have ids that other fields refer to. */
const ID_COLLECTIONS = {
  player: ['players', '*'],
  province: ['geography', 'provinces', '*'],
  parent: ['parents', '*'],
  event: ['events', '*'],
} as const satisfies Record<string, PathPattern>;

type Target = keyof typeof ID_COLLECTIONS;

/** Fields that hold the id of an item of a collection. */
const REFERENCES: readonly { pattern: PathPattern; target: Target }[] = [
  { pattern: ['players', '*', 'homeProvinces', '*'], target: 'province' },
  { pattern: ['players', '*', 'expansion', 'provincePriority', '*'], target: 'province' },
  { pattern: ['geography', 'provinces', '*', 'neighbours', '*'], target: 'province' },
  { pattern: ['players', '*', 'parent'], target: 'parent' },
  { pattern: ['events', '*', 'player'], target: 'player' },
  { pattern: ['events', '*', 'players', '*'], target: 'player' },
  { pattern: ['events', '*', 'acquirer'], target: 'player' },
  { pattern: ['events', '*', 'province'], target: 'province' },
  { pattern: ['events', '*', 'parent'], target: 'parent' },
  { pattern: ['players', '*', 'expansion', 'initialFootprint', '*', 'province'], target: 'province' },
];

/** Dates that must fall inside [startDate, startDate + 7·horizonWeeks days]. */
const HORIZON_DATES: readonly PathPattern[] = [
  ['events', '*', 'date'],
  ['demand', 'seasonality', '*', 'fromDate'],
  ['demand', 'seasonality', '*', 'toDate'],
];

/** Periods whose start must not come after their end. */
const DATE_ORDER: readonly { pattern: PathPattern; from: string; to: string }[] = [
  { pattern: ['demand', 'seasonality', '*'], from: 'fromDate', to: 'toDate' },
];

/**
 * Alternatives: at most one (`exactly: false`) or exactly one (`exactly: true`) of the keys; checked
 * only where the schema has all the keys (so event kinds without amounts are left alone).
 */
const ALTERNATIVES: readonly { pattern: PathPattern; keys: readonly string[]; exactly: boolean }[] = [
  { pattern: ['players', '*'], keys: ['cashYuan', 'cashUsd'], exactly: true },
  { pattern: ['parents', '*'], keys: ['budgetYuan', 'budgetUsd'], exactly: false },
  { pattern: ['events', '*'], keys: ['amountYuan', 'amountUsd'], exactly: true },
  { pattern: ['events', '*'], keys: ['priceYuan', 'priceUsd'], exactly: false },
];

/** Counts that must not be below another count of the same item. */
const NOT_BELOW: readonly { pattern: PathPattern; key: string; atLeast: string }[] = [
  { pattern: ['geography', 'provinces', '*'], key: 'counties', atLeast: 'prefectures' },
  { pattern: ['geography', 'provinces', '*'], key: 'townships', atLeast: 'counties' },
  { pattern: ['players', '*', 'subsidyPolicy'], key: 'maxYuan', atLeast: 'minYuan' },
  { pattern: ['players', '*', 'fundraising'], key: 'maxRoundYuan', atLeast: 'minRoundYuan' },
  { pattern: ['players', '*', 'commissionPolicy'], key: 'maxRate', atLeast: 'minRate' },
  { pattern: ['players', '*'], key: 'takeRateMax', atLeast: 'takeRate' },
  { pattern: ['players', '*', 'expansion'], key: 'pointsPerThousandHouseholds', atLeast: 'entryPointsPerThousandHouseholds' },
];

/** Number fields a rule compares with another field (a sweep varying one checks the references again at each point). */
export const CROSS_CHECKED_NUMBERS: ReadonlySet<string> = new Set(['horizonWeeks', ...NOT_BELOW.flatMap((rule) => [rule.key, rule.atLeast])]);

/** Fields of one item that must name different things. */
const DISTINCT: readonly { pattern: PathPattern; key: string; other: string }[] = [
  { pattern: ['events', '*'], key: 'acquirer', other: 'player' },
];

/** Fields required when another field has a value. */
const REQUIRED_WHEN: readonly { pattern: PathPattern; key: string; when: { key: string; equals: unknown } }[] = [
  { pattern: ['players', '*'], key: 'parent', when: { key: 'kind', equals: 'unit' } },
];

/** One rule: reads the whole scenario, returns its problems. */
export interface ReferenceRule {
  readonly name: string;
  readonly check: (data: unknown) => ReferenceProblem[];
}

/** The rules `checkReferences` runs, in order. */
export const REFERENCE_RULES: readonly ReferenceRule[] = [
  { name: 'unique ids', check: uniqueIds },
  { name: 'references name existing items', check: danglingReferences },
  { name: 'dates inside the horizon', check: datesInHorizon },
  { name: 'periods in order', check: periodsInOrder },
  { name: 'alternative fields', check: alternatives },
  { name: 'counts not below', check: countsNotBelow },
  { name: 'distinct fields', check: distinctFields },
  { name: 'fields required by others', check: requiredWhen },
  { name: 'uncertain parameters', check: uncertaintySectionProblems },
  { name: 'explorable values', check: explorableValues },
];

/** Each `explore:` item names a number or a date of this scenario, with min below max. */
function explorableValues(data: unknown): ReferenceProblem[] {
  return expand(data, ['explore', '*']).flatMap(({ path, value }) => {
    if (!isRecord(value) || typeof value.path !== 'string' || value.min === undefined || value.max === undefined) return [];
    const item = { path: value.path, min: value.min as number, max: value.max as number };
    return exploreItemProblems(data, item).map((text) => ({ path: [...path, 'path'], message: text, got: message.formatValue(value.path) }));
  });
}

/** Every cross-reference problem of `data` (raw scenario data, valid or not). */
export function checkReferences(data: unknown): ReferenceProblem[] {
  return REFERENCE_RULES.flatMap((rule) => rule.check(data));
}

function idsOf(data: unknown, target: Target): { path: PathSegment[]; id: string }[] {
  return expand(data, [...ID_COLLECTIONS[target], 'id']).flatMap(({ path, value }) =>
    typeof value === 'string' ? [{ path, id: value }] : [],
  );
}

function uniqueIds(data: unknown): ReferenceProblem[] {
  return (Object.keys(ID_COLLECTIONS) as Target[]).flatMap((target) => {
    const first = new Map<string, PathSegment[]>();
    const problems: ReferenceProblem[] = [];
    for (const { path, id } of idsOf(data, target)) {
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, path);
      else problems.push({ path, message: message.duplicateId(target, id, formatPath(earlier.slice(0, -1))), got: message.formatValue(id) });
    }
    return problems;
  });
}

/** Above this many ids, "did you mean" is not offered (it compares each bad reference with every id). */
const MAX_SUGGESTION_CANDIDATES = 1000;

function danglingReferences(data: unknown): ReferenceProblem[] {
  return REFERENCES.flatMap(({ pattern, target }) => {
    const known = new Set(idsOf(data, target).map((item) => item.id));
    const candidates = known.size <= MAX_SUGGESTION_CANDIDATES ? [...known] : [];
    return expand(data, pattern).flatMap(({ path, value }) =>
      typeof value === 'string' && !known.has(value)
        ? [{ path, message: message.noSuchReference(target, value, closest(value, candidates)), got: message.formatValue(value) }]
        : [],
    );
  });
}

function datesInHorizon(data: unknown): ReferenceProblem[] {
  const startDate = valueAt(data, ['startDate']);
  const horizonWeeks = valueAt(data, ['horizonWeeks']);
  const start = typeof startDate === 'string' ? parseIsoDate(startDate) : undefined;
  if (start === undefined || typeof startDate !== 'string' || !Number.isInteger(horizonWeeks) || (horizonWeeks as number) < 1) return [];
  const weeks = horizonWeeks as number;
  const end = start + 7 * weeks;
  return HORIZON_DATES.flatMap((pattern) =>
    expand(data, pattern).flatMap(({ path, value }) => {
      const day = typeof value === 'string' ? parseIsoDate(value) : undefined;
      if (day === undefined || (day >= start && day <= end)) return [];
      return [{ path, message: message.outsideHorizon(value as string, startDate, formatEpochDay(end), weeks), got: message.formatValue(value) }];
    }),
  );
}

function periodsInOrder(data: unknown): ReferenceProblem[] {
  return DATE_ORDER.flatMap(({ pattern, from, to }) =>
    expand(data, pattern).flatMap(({ path, value }) => {
      const fromDate = isRecord(value) ? value[from] : undefined;
      const toDate = isRecord(value) ? value[to] : undefined;
      if (typeof fromDate !== 'string' || typeof toDate !== 'string') return [];
      const [fromDay, toDay] = [parseIsoDate(fromDate), parseIsoDate(toDate)];
      if (fromDay === undefined || toDay === undefined || fromDay <= toDay) return [];
      return [{ path: [...path, to], message: message.dateOrder(from, fromDate, to, toDate) }];
    }),
  );
}

function alternatives(data: unknown): ReferenceProblem[] {
  return ALTERNATIVES.flatMap(({ pattern, keys, exactly }) =>
    expand(data, pattern).flatMap(({ path, value }) => {
      if (!isRecord(value) || !allowsAll(data, path, keys)) return [];
      const given = keys.filter((key) => hasPath(value, [key]));
      if (given.length > 1) return [{ path: [...path, given[1] ?? ''], message: message.notBoth(keys) }];
      if (exactly && given.length === 0) return [{ path, message: message.exactlyOne(keys) }];
      return [];
    }),
  );
}

/** Whether the schema at `path` (e.g. the event kind written there) has all of `keys`. */
function allowsAll(data: unknown, path: PathSegment[], keys: readonly string[]): boolean {
  const shape = shapeOf(schemaAt(Scenario, data, path));
  return shape !== undefined && keys.every((key) => key in shape);
}

function countsNotBelow(data: unknown): ReferenceProblem[] {
  return NOT_BELOW.flatMap(({ pattern, key, atLeast }) =>
    expand(data, pattern).flatMap(({ path, value }) => {
      const count = isRecord(value) ? value[key] : undefined;
      const floor = isRecord(value) ? value[atLeast] : undefined;
      if (typeof count !== 'number' || typeof floor !== 'number' || count >= floor) return [];
      return [{ path: [...path, key], message: message.notBelow(key, count, atLeast, floor), got: message.formatValue(count) }];
    }),
  );
}

function distinctFields(data: unknown): ReferenceProblem[] {
  return DISTINCT.flatMap(({ pattern, key, other }) =>
    expand(data, pattern).flatMap(({ path, value }) => {
      const mine = isRecord(value) ? value[key] : undefined;
      if (mine === undefined || !isRecord(value) || mine !== value[other]) return [];
      return [{ path: [...path, key], message: message.sameAs(key, other, mine), got: message.formatValue(mine) }];
    }),
  );
}

function requiredWhen(data: unknown): ReferenceProblem[] {
  return REQUIRED_WHEN.flatMap(({ pattern, key, when }) =>
    expand(data, pattern).flatMap(({ path, value }) =>
      isRecord(value) && value[when.key] === when.equals && !hasPath(value, [key])
        ? [{ path: [...path, when.key], message: message.requiredWhen(key, `${when.key} is ${message.formatValue(when.equals)}`) }]
        : [],
    ),
  );
}
