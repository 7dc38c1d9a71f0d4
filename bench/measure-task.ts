/**
 * Child process of bench/run.ts: measures one task of one module and sends back its measurement.
 * Each task runs in a fresh process so tasks sharing code (gbsim's kernel and raw simjs share
 * simjs's heap and Request) cannot make each other's call sites polymorphic, and so RSS is the
 * task's own. Usage (by run.ts only): `node --import tsx --expose-gc bench/measure-task.ts NAME INDEX`.
 */
import { measureTask, type TaskMeasurement } from './harness.js';
import { loadModule } from './modules.js';

/** What the child sends to its parent. */
export type ChildReport = { readonly ok: true; readonly measurement: TaskMeasurement } | { readonly ok: false; readonly error: string };

async function measure(name: string, index: number): Promise<ChildReport> {
  try {
    const module = await loadModule(name);
    const task = module.tasks[index];
    if (task === undefined) return { ok: false, error: `bench/${name}.bench.ts has no task number ${index}` };
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
    const measurement = measureTask(task, module.options ?? {}, { collectGarbage: gc, rssBytes: () => process.memoryUsage.rss() });
    return { ok: true, measurement };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const [name = '', index = '-1'] = process.argv.slice(2);
const report = await measure(name, Number(index));
process.send?.(report);
