/**
 * What a report is made from: the result files of one directory, read into plain data. A run
 * directory holds summary.json, weekly.csv, market.csv, events.csv (and manifest.json); an
 * experiment directory holds mc.json, compare.json or sweep.json (and manifest.json).
 */
import type { CalibrationResult, CompareResult, FitResult, McResult, RunData, SensitivityResult, SweepResult } from './charts/inputs.js';

export type ResultKind = 'run' | 'mc' | 'compare' | 'sweep' | 'sensitivity' | 'calibration' | 'fit';

/** summary.json of a run (as `runSummary` in sim/experiment/run-once.ts writes it). */
export interface RunSummary {
  gbsimVersion: string;
  scenario: { name: string; file: string; hash: string };
  seed: number;
  startDate: string;
  horizonWeeks: number;
  survivors: string[];
  shakeout: { k: number; week: number | null };
  finalHhi: number;
  players: Array<{
    id: string;
    name: string;
    status: string;
    exitReason: string | null;
    survivor: boolean;
    finalShare: number;
    pickupPoints: number;
    cashYuan: number;
    entryDate: string | null;
    exitDate: string | null;
    exitWeek: number | null;
  }>;
}

/** manifest.json: how and when the results were made (wall-clock facts). Every field optional. */
export interface Manifest {
  command?: string;
  args?: Record<string, unknown>;
  startedAt?: string;
  finishedAt?: string;
  node?: string;
  platform?: string;
}

export type ReportInput =
  | { kind: 'run'; summary: RunSummary; data: RunData; manifest: Manifest | null }
  | { kind: 'mc'; result: McResult; manifest: Manifest | null }
  | { kind: 'compare'; result: CompareResult; manifest: Manifest | null }
  | { kind: 'sweep'; result: SweepResult; manifest: Manifest | null }
  | { kind: 'sensitivity'; result: SensitivityResult; manifest: Manifest | null }
  | { kind: 'calibration'; result: CalibrationResult; manifest: Manifest | null }
  | { kind: 'fit'; result: FitResult; manifest: Manifest | null };

/** A scenario's identity as result files record it. */
export interface ScenarioRef {
  name: string;
  file: string;
  hash: string;
}

/** The scenarios a report's results came from (one, or several for compare). */
export function scenariosOf(input: ReportInput): ScenarioRef[] {
  switch (input.kind) {
    case 'run':
      return [input.summary.scenario];
    case 'mc':
    case 'sweep':
    case 'sensitivity':
    case 'calibration':
    case 'fit':
      return [input.result.scenario];
    case 'compare':
      return input.result.scenarios;
  }
}
