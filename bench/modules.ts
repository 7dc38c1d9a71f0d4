/** Finds and loads the benchmark modules: `bench/NAME.bench.ts`, each default-exporting `defineBench(...)`. */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule } from './harness.js';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const SUFFIX = '.bench.ts';

/** The names (file names without `.bench.ts`) of every benchmark module, sorted. */
export function discoverModules(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => file.slice(0, -SUFFIX.length))
    .sort();
}

export async function loadModule(name: string): Promise<BenchModule> {
  const loaded = (await import(pathToFileURL(join(BENCH_DIR, name + SUFFIX)).href)) as { default?: BenchModule };
  const module = loaded.default;
  if (module === undefined || !Array.isArray(module.tasks)) {
    throw new Error(`bench/${name}${SUFFIX} must default-export defineBench({ title, tasks, ... })`);
  }
  return module;
}
