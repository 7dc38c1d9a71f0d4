/**
 * The explorer's model worker: the same `sim/` code as the CLI, bundled for the browser.
 *
 *   load: scenario data → validate (schema + references) → params, geography → Market (week 0)
 *   advance: market.kernel.runUntil(7·week) a few weeks at a time → new weekly rows, events,
 *            province leaders; at the horizon resultOf(market) → summary.json's text
 *   replicate: runMarket(record: false) for replications [from, to), as `gbsim mc` numbers them
 *
 * Stepping drives the kernel from outside (runUntil processes every event up to a time and keeps
 * the rest), so a run stepped week by week is the run `gbsim run` makes in one go.
 */
import { stringify } from 'yaml';
import { z } from 'zod';
import { buildGeography, type Geography } from '../../sim/model/geography.js';
import { Market } from '../../sim/model/market.js';
import type { CellRow } from '../../sim/model/params.js';
import { resultOf, runMarket } from '../../sim/model/run.js';
import { summaryJson } from '../../sim/experiment/run-summary.js';
import { canonicalJson } from '../../sim/scenario/canonical-json.js';
import { applyExploreSettings } from '../../sim/scenario/explore.js';
import { checkReferences } from '../../sim/scenario/references.js';
import { Scenario } from '../../sim/scenario/schema.js';
import { sha256Hex } from '../../sim/scenario/sha256.js';
import { toMarketParams } from '../../sim/scenario/to-params.js';
import { installNodeMath } from './node-math.js';
import type { FeedEvent, FromWorker, ScenarioPayload, ToWorker, WeekRow } from './protocol.js';

/** The worker's global scope, as far as this module uses it (no DOM types in the Node build). */
interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker): void;
}

/** The page's content-security policy forbids eval: zod must not compile validators with it. */
z.config({ jitless: true });


const now = (): number => globalThis.performance.now();

interface Prepared {
  scenario: Scenario;
  params: ReturnType<typeof toMarketParams>;
  geography: Geography;
  yaml: string;
  hash: string;
}

/** Geographies built so far, by the canonical JSON of the geography section (china-2020's takes a while). */
const geographies = new Map<string, Geography>();

/** Validates scenario data like `gbsim run` would read it from a file; problems as text. */
export function prepare(payload: ScenarioPayload): { ok: true; prepared: Prepared } | { ok: false; problems: string[] } {
  const applied = applyExploreSettings(payload.data, payload.settings);
  if (applied.problems.length > 0) return { ok: false, problems: applied.problems };
  const withSeed: Record<string, unknown> = { ...(applied.data as Record<string, unknown>), seed: payload.seed };
  delete withSeed.$schema;
  delete withSeed.extends;
  const parsed = Scenario.safeParse(withSeed);
  const references = checkReferences(withSeed);
  if (!parsed.success || references.length > 0) {
    const shapes = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return { ok: false, problems: [...shapes, ...references.map((p) => `${p.path.join('.')}: ${p.message}`)] };
  }
  const scenario = parsed.data;
  const cells = payload.cells as CellRow[] | undefined;
  const params = toMarketParams(scenario, cells);
  const key = canonicalJson(scenario.geography);
  let geography = cells ? undefined : geographies.get(key);
  if (!geography) {
    geography = buildGeography(params.geography, params.cells);
    if (!cells) geographies.set(key, geography);
  }
  const hash = sha256Hex(canonicalJson(scenario));
  return { ok: true, prepared: { scenario, params, geography, yaml: exportYaml(scenario, payload.file), hash } };
}

/** The scenario as a file `gbsim run` accepts: every value written out, the seed included. */
export function exportYaml(scenario: Scenario, file: string): string {
  const header = [
    `# ${scenario.name}, exported from the gbsim explorer with its slider settings and seed.`,
    `# Run it with: gbsim run ${file}`,
  ].join('\n');
  return `${header}\n${stringify(scenario, { lineWidth: 0 })}`;
}

interface Session {
  runId: number;
  market: Market;
  prepared: Prepared;
  payload: ScenarioPayload;
  eventsSent: number;
}

let session: Session | null = null;

function weekRows(market: Market, from: number, to: number): WeekRow[] {
  const tables = market.tables!;
  const P = market.players.length;
  const rows: WeekRow[] = [];
  for (let w = from; w < to; w++) {
    const players = market.players.map((_, j) => {
      const k = w * P + j;
      const t = tables.player;
      return {
        share: t.share[k]!,
        pickupPoints: t.pickupPoints[k]!,
        cashYuan: t.cashYuan[k]!,
        runwayWeeks: t.runwayWeeks[k]!,
        subsidyPerOrderYuan: t.subsidyPerOrderYuan[k]!,
        status: tables.status[k]!,
      };
    });
    rows.push({ week: w + 1, date: market.calendar.dateOf(7 * w), players });
  }
  return rows;
}

/** The player with the most pickup points in each province (−1 where nobody has one). */
function provinceLeaders(market: Market): number[] {
  const { points, players: P } = market.network;
  const provinces = market.geography.provinceIds.length;
  const totals = new Float64Array(provinces * P);
  const cellProvince = market.geography.cellProvince;
  for (let c = 0; c < market.geography.cellCount; c++) {
    const base = cellProvince[c]! * P;
    for (let j = 0; j < P; j++) totals[base + j]! += points[c * P + j]!;
  }
  const leaders: number[] = [];
  for (let p = 0; p < provinces; p++) {
    let best = -1;
    let most = 0;
    for (let j = 0; j < P; j++) {
      if (totals[p * P + j]! > most) {
        most = totals[p * P + j]!;
        best = j;
      }
    }
    leaders.push(best);
  }
  return leaders;
}

function newEvents(s: Session): FeedEvent[] {
  const events = s.market.events.slice(s.eventsSent);
  s.eventsSent = s.market.events.length;
  return events.map((e) => ({ week: Math.max(1, Math.ceil(e.day / 7)), date: e.date, kind: e.kind, player: e.player, text: e.text }));
}

function load(runId: number, payload: ScenarioPayload): FromWorker {
  const started = now();
  const checked = prepare(payload);
  if (!checked.ok) {
    session = null;
    return { kind: 'invalid', runId, problems: checked.problems };
  }
  const { prepared } = checked;
  const market = new Market(prepared.params, { seed: prepared.scenario.seed, replication: 0, record: true, geography: prepared.geography });
  market.kernel.runUntil(0);
  session = { runId, market, prepared, payload, eventsSent: 0 };
  return {
    kind: 'ready',
    runId,
    horizonWeeks: market.weeks,
    startDate: prepared.scenario.startDate,
    players: prepared.scenario.players.map((p) => ({ id: p.id, name: p.name })),
    provinces: prepared.scenario.geography.provinces.map((p) => ({ id: p.id, name: p.name })),
    yaml: prepared.yaml,
    hash: prepared.hash,
    setupMs: now() - started,
  };
}

function advance(runId: number, weeks: number): FromWorker {
  const s = session;
  if (!s || s.runId !== runId) return { kind: 'failed', runId, message: 'no scenario is loaded in this worker' };
  const started = now();
  const from = s.market.week;
  const target = Math.min(s.market.weeks, from + Math.max(1, Math.floor(weeks)));
  s.market.kernel.runUntil(7 * target);
  const done = s.market.week >= s.market.weeks;
  const summary = done
    ? summaryJson(resultOf(s.market), { gbsimVersion: s.payload.gbsimVersion, file: s.payload.file, hash: s.prepared.hash, cells: s.prepared.geography.cellCount })
    : null;
  return { kind: 'progress', runId, week: s.market.week, rows: weekRows(s.market, from, s.market.week), events: newEvents(s), leaders: provinceLeaders(s.market), summary, runMs: now() - started };
}

function replicate(runId: number, payload: ScenarioPayload, from: number, to: number): FromWorker {
  const started = now();
  const checked = prepare(payload);
  if (!checked.ok) return { kind: 'invalid', runId, problems: checked.problems };
  const { params, geography, scenario } = checked.prepared;
  const survivors: boolean[][] = [];
  const finalShares: number[][] = [];
  for (let r = from; r < to; r++) {
    const result = runMarket(params, { seed: scenario.seed, replication: r, record: false, geography });
    survivors.push(result.players.map((p) => p.survivor));
    finalShares.push(result.players.map((p) => p.finalShare));
  }
  return { kind: 'replicas', runId, survivors, finalShares, runMs: now() - started };
}

/** Answers one message (exported for tests in Node). */
export function handle(message: ToWorker): FromWorker {
  try {
    switch (message.kind) {
      case 'load':
        return load(message.runId, message.scenario);
      case 'advance':
        return advance(message.runId, message.weeks);
      case 'replicate':
        return replicate(message.runId, message.scenario, message.from, message.to);
    }
  } catch (error) {
    return { kind: 'failed', runId: message.runId, message: error instanceof Error ? error.message : String(error) };
  }
}

const scope = globalThis as unknown as Partial<WorkerScope>;
if (typeof scope.postMessage === 'function' && !('process' in globalThis)) {
  // Node's last bits for exp, log, log1p, sin and cos (node-math.ts), so runs match `gbsim run`.
  installNodeMath();
  scope.onmessage = (event) => scope.postMessage!(handle(event.data));
}
