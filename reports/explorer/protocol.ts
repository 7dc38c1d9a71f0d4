/**
 * Messages between the explorer page and its model workers (plain, structured-cloneable data).
 *
 *   page ──load──▶ worker ──ready | invalid──▶ page
 *   page ──advance(n weeks)──▶ worker ──progress (new weeks, events, province leaders; summary at the end)──▶ page
 *   page ──replicate(from, to)──▶ worker ──replicas──▶ page
 */
import type { Explorable } from '../../sim/scenario/explore.js';

/** One scenario of the page: its data, its sliders and its lesson. */
export interface ExplorerScenario {
  /** Short name used in the URL and in file names (the file name without .yaml). */
  key: string;
  name: string;
  description: string;
  demonstrates: string;
  lookFor: string;
  /** The validated scenario (extends resolved, defaults filled). */
  data: unknown;
  cells?: unknown[];
  seed: number;
  explorables: Explorable[];
}

/** Everything the page's script reads from the page. */
export interface ExplorerPageData {
  gbsimVersion: string;
  scenarios: ExplorerScenario[];
}

/** A scenario as the page holds it: validated data (with the slider settings written in) and its cells, if loaded from CSV. */
export interface ScenarioPayload {
  /** Scenario data, as a file would hold it. */
  data: unknown;
  /** Slider settings written into `data` before validation (`--set`-style path → number or ISO date). */
  settings: Record<string, number | string>;
  cells?: unknown[];
  seed: number;
  /** The file name the export is saved under (it appears in the summary, as for `gbsim run FILE`). */
  file: string;
  gbsimVersion: string;
}

export type ToWorker =
  | { kind: 'load'; runId: number; scenario: ScenarioPayload }
  | { kind: 'advance'; runId: number; weeks: number }
  | { kind: 'replicate'; runId: number; scenario: ScenarioPayload; from: number; to: number };

/** One player in one week. */
export interface PlayerWeek {
  share: number;
  pickupPoints: number;
  cashYuan: number;
  runwayWeeks: number;
  subsidyPerOrderYuan: number;
  status: number;
}

export interface WeekRow {
  week: number;
  date: string;
  players: PlayerWeek[];
}

export interface FeedEvent {
  week: number;
  date: string;
  kind: string;
  player: string;
  text: string;
}

export type FromWorker =
  | { kind: 'invalid'; runId: number; problems: string[] }
  | {
      kind: 'ready';
      runId: number;
      horizonWeeks: number;
      startDate: string;
      players: { id: string; name: string }[];
      provinces: { id: string; name: string }[];
      /** The scenario as YAML that `gbsim run` accepts, and its identity (summary.json's hash). */
      yaml: string;
      hash: string;
      /** Milliseconds spent validating and building the market. */
      setupMs: number;
    }
  | {
      kind: 'progress';
      runId: number;
      week: number;
      rows: WeekRow[];
      events: FeedEvent[];
      /** Per province, the index of the player with most pickup points there (−1: none). */
      leaders: number[];
      /** summary.json's text, once the last week has cleared. */
      summary: string | null;
      runMs: number;
    }
  | { kind: 'replicas'; runId: number; survivors: boolean[][]; finalShares: number[][]; runMs: number }
  | { kind: 'failed'; runId: number; message: string };
