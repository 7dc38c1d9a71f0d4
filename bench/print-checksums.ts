/**
 * Prints each task's actual checksum for a benchmark module (`node --import tsx
 * bench/print-checksums.ts model`), to refresh its expected values after a model change.
 */
import { loadModule } from './modules.js';

const name = process.argv[2] ?? '';
const module = await loadModule(name);
for (const task of module.tasks) {
  const state = task.setup();
  console.log(`  '${task.name}': ${JSON.stringify(task.run(state))},`);
}
