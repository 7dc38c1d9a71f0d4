/** A seeded random source for the fuzz corpus, so the same cases are written on every run. */
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  pick<T>(items: readonly T[]): T;
}

export function rng(seed: string): Rng {
  const source = seedrandom.alea(seed);
  const below = (n: number) => Math.floor(source() * n);
  return {
    next: () => source(),
    below,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[below(items.length)]!;
    },
  };
}
