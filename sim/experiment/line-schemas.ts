/**
 * The schemas every line read back is checked against: a `runs.ndjson` summary and a
 * `sweep-points.ndjson` point, each as gbsim writes it for the experiment in hand (its players,
 * horizon and order). Merge and resume refuse a line that breaks one (a share of 115.8%, 10.08
 * survivors in a 2-player market, a point out of order) with the file, the line and the rule.
 */
import { z } from 'zod';
import { PLAYER_STATUSES } from '../model/results.js';
import type { McHeader } from './mc-aggregate.js';
import { EXIT_REASONS, type SweepPoint } from './types.js';

/** Slack for sums of shares computed in floating point (a share is ≤ 1 up to rounding). */
const ROUNDING = 1e-9;

const probability = z.number().min(0).max(1 + ROUNDING);
const week = (horizon: number) => z.number().int().min(0).max(horizon);
const interval = z.object({ estimate: probability, low: probability, high: probability }).strict()
  .refine((i) => i.low <= i.estimate + ROUNDING && i.estimate <= i.high + ROUNDING, 'the interval does not hold its estimate');

/** A runs.ndjson line of replication `replication` for the experiment of `header`. */
export function summaryLineSchema(header: McHeader, replication: number) {
  const count = header.players.length;
  const ids = header.players.map((p) => p.id);
  const player = z.object({
    id: z.string(),
    status: z.enum(PLAYER_STATUSES),
    survivor: z.boolean(),
    finalShare: probability,
    rank: z.number().int().min(1).max(count),
    exitWeek: week(header.horizonWeeks).nullable(),
    exitReason: z.enum(EXIT_REASONS).nullable(),
    cashYuan: z.number().refine(Number.isFinite, 'must be finite'),
    pickupPoints: z.number().int().min(0),
  }).strict();
  return z.object({
    replication: z.literal(replication, { error: (issue) => `holds replication ${String(issue.input)}, expected ${replication}` }),
    players: z.array(player).length(count)
      .refine((players) => players.every((p, j) => p.id === ids[j]), { message: `players differ from the scenario's ${ids.join(', ')}` }),
    survivors: z.number().int().min(0).max(count),
    shakeoutWeek: week(header.horizonWeeks).nullable(),
    finalHhi: z.number().min(0).max(10_000 * (1 + ROUNDING)),
  }).strict()
    .refine((s) => s.survivors === s.players.filter((p) => p.survivor).length, 'survivors differs from the players marked survivor')
    .refine((s) => s.players.every((p) => (p.exitWeek === null) === (p.exitReason === null)), 'a player has an exit week without a reason, or a reason without a week');
}

/** A sweep-points.ndjson line: point `point` with the sweep's dimensions and players. */
export function sweepPointLineSchema(point: number, paths: readonly string[], playerCount: number, horizonWeeks: number | undefined) {
  void horizonWeeks;
  return z.object({
    point: z.literal(point, { error: (issue) => `holds point ${String(issue.input)}, expected ${point} (points out of order)` }),
    values: z.record(z.string(), z.number().refine(Number.isFinite, 'must be finite'))
      .refine((values) => Object.keys(values).length === paths.length && paths.every((path) => path in values), `values must be exactly ${paths.join(', ')}`),
    players: z.array(z.object({ id: z.string(), survival: interval, finalShare: interval }).strict()).length(playerCount),
    meanSurvivors: z.number().min(0).max(playerCount),
    shakeoutProbability: probability,
    meanFinalHhi: z.number().min(0).max(10_000 * (1 + ROUNDING)),
  }).strict();
}

/** The first problem of `value` under `schema`, as `path: message`, or null when it conforms. */
export function firstProblem(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const got = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey], value);
  const shown = typeof got === 'number' || typeof got === 'boolean' ? ` (got ${got})` : '';
  return `${where}${issue.message}${shown}`;
}

/** A sweep-points.ndjson line as point `point`, or the reason it is not one (`playerCount` null: take the line's own). */
export function parseSweepPointLine(text: string, point: number, paths: readonly string[], playerCount: number | null): { point: SweepPoint } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON' };
  }
  const players = (value as { players?: unknown } | null)?.players;
  const count = playerCount ?? (Array.isArray(players) ? players.length : 0);
  const problem = firstProblem(sweepPointLineSchema(point, paths, count, undefined), value);
  return problem === null ? { point: value as SweepPoint } : { problem };
}
