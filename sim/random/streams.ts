/**
 * Named, seeded random streams. Every draw in gbsim comes from a stream keyed by
 * (seed, replication, owner, purpose): adding a player or a stream leaves every other stream's
 * draws unchanged, and two scenarios run with the same seed and replication share their draws
 * (common random numbers). The generator is seedrandom's `alea` (fast, 2^116 period).
 */
import seedrandom from 'seedrandom';

/** What a stream is used for: a closed set, so a typo cannot create a new, silent stream. */
export type StreamPurpose =
  | 'geography'
  | 'adoption'
  | 'expansion'
  | 'owners'
  | 'brand'
  | 'funding'
  | 'parent'
  | 'acquisition'
  | 'lapse'
  | 'design'
  | 'bootstrap'
  | 'calibration'
  | 'test';

/** Identifies one stream. `owner` is a player id, `market`, or `geography`. */
export interface StreamKey {
  seed: number;
  replication: number;
  owner: string;
  purpose: StreamPurpose;
}

/** A source of uniform numbers in [0, 1). */
export interface UniformSource {
  (): number;
}

/** Creates the uniform generator of a stream; the same key always gives the same sequence. */
export function createUniform(key: StreamKey): UniformSource {
  const text = `gbsim|${key.seed}|${key.replication}|${key.owner}|${key.purpose}`;
  return seedrandom.alea(text) as UniformSource;
}
