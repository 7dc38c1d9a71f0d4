/**
 * The body of summary.json, from a run's result and where its scenario came from. Free of
 * Node-only APIs: the explorer page builds the same summary in the browser.
 */
import type { RunResult } from '../model/results.js';

export interface SummaryProvenance {
  gbsimVersion: string;
  /** The scenario file as the user named it. */
  file: string;
  /** The scenario's identity (`ScenarioSource.hash`). */
  hash: string;
  /** Cells of the geography. */
  cells: number;
}

/** summary.json's object: provenance, survivors and the final state (no wall-clock time). */
export function summaryOf(result: RunResult, provenance: SummaryProvenance) {
  return {
    gbsimVersion: provenance.gbsimVersion,
    scenario: { name: result.scenarioName, file: provenance.file, hash: provenance.hash },
    seed: result.seed,
    replication: result.replication,
    startDate: result.startDate,
    horizonWeeks: result.horizonWeeks,
    cells: provenance.cells,
    survivors: result.survivors,
    shakeout: { k: result.shakeoutK, week: result.shakeoutWeek },
    finalHhi: result.finalHhi,
    players: result.players,
    parents: result.parents,
  };
}

/** summary.json's text. */
export function summaryJson(result: RunResult, provenance: SummaryProvenance): string {
  return JSON.stringify(summaryOf(result, provenance), null, 2) + '\n';
}
