/**
 * The size of a generated geography, known before it is built: a valid scenario at the schema
 * maxima (1,000 provinces of 100,000 townships) would need over a hundred million cells and many
 * gigabytes, so the loader refuses a geography above `MAX_CELLS` with the count and an estimate.
 */
import type { Scenario } from './schema.js';

/** Most cells a generated geography may have (china-2020 has a few thousand). */
export const MAX_CELLS = 5_000_000;

/**
 * Memory a run needs per cell, bytes: measured about 300 bytes a cell for two players (the
 * geography's arrays, generation, pickup points and demand state); each player adds its own.
 */
export const BYTES_PER_CELL = 200;
export const BYTES_PER_CELL_PER_PLAYER = 50;

/**
 * Cells `buildGeography` makes for a generated geography (as `deal` gives every bin at least one
 * item); for resolution `prefecture`, the most it can make (four per prefecture).
 */
export function generatedCellCount(geography: Scenario['geography']): number {
  let cells = 0;
  for (const province of geography.provinces) {
    if (geography.resolution === 'prefecture') {
      cells += 4 * province.prefectures;
      continue;
    }
    const urbanCores = Math.max(province.counties, province.prefectures);
    const rural = geography.resolution === 'county' ? 2 * province.counties : Math.max(province.townships, province.counties);
    cells += urbanCores + rural;
  }
  return cells;
}

/** Estimated bytes a run of `cells` cells and `players` players needs. */
export function estimatedBytes(cells: number, players: number): number {
  return cells * (BYTES_PER_CELL + BYTES_PER_CELL_PER_PLAYER * players);
}

/** The problem of a geography too large to build, or undefined. */
export function cellBudgetProblem(scenario: Scenario): string | undefined {
  if (scenario.geography.cellsCsv !== undefined) return undefined;
  const cells = generatedCellCount(scenario.geography);
  if (cells <= MAX_CELLS) return undefined;
  const gigabytes = estimatedBytes(cells, scenario.players.length) / 1e9;
  return `the geography would have ${cells.toLocaleString('en-US')} cells (about ${gigabytes.toFixed(1)} GB to run); at most ${MAX_CELLS.toLocaleString('en-US')} are allowed: use resolution county, or fewer counties and townships`;
}
