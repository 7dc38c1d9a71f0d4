/**
 * `manifest.json`: the facts of one invocation that are not results — when it ran, for how long,
 * how fast, on what. Kept apart so result files depend on the inputs alone. Times are passed in
 * by the command line (the experiment layer never reads the clock).
 */
import { jsonText } from './mc-files.js';
import { GBSIM_VERSION } from './version.js';

export interface ManifestFacts {
  command: string;
  args: Record<string, unknown>;
  /** ISO 8601 instants. */
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  workers: number;
  /** Replications run by this invocation (not those read back by --resume). */
  runsThisSession: number;
  /** How the invocation ended: `complete`, or the signal that interrupted it. */
  ended: string;
  node: string;
  platform: string;
  /** Peak resident set size of the process (workers included), bytes. */
  maxRssBytes: number;
}

export function manifestText(facts: ManifestFacts): string {
  const runsPerSecond = facts.durationMs > 0 ? Math.round((facts.runsThisSession * 1e5) / facts.durationMs) / 100 : null;
  return jsonText({ gbsimVersion: GBSIM_VERSION, ...facts, runsPerSecond });
}
