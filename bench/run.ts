/**
 * Runs gbsim's benchmarks: `node --import tsx bench/run.ts [NAME...]` (`npm run bench -- kernel`).
 *
 *   discover bench/*.bench.ts ──> each task in its own process (measure-task.ts)
 *     ──> figures and targets (harness.ts) ──> console table ──> bench/RESULTS.md (report.ts)
 *
 * NAME is a module's file name without `.bench.ts`; with no NAME every module runs. A module with
 * a failed task (an error or a checksum mismatch) is reported, keeps its old RESULTS.md section and
 * makes the exit code 1. Missed targets are reported but do not fail the run.
 */
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { judgeModule, type ModuleResult, type TaskMeasurement } from './harness.js';
import type { ChildReport } from './measure-task.js';
import { BENCH_DIR, discoverModules, loadModule } from './modules.js';
import { consoleTable, describeMachine, mergeSections, renderSection, verdictLines } from './report.js';

const RESULTS_PATH = join(BENCH_DIR, 'RESULTS.md');

/** Measures task `index` of module `name` in a fresh Node process. */
function measureInChild(name: string, index: number): Promise<TaskMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(join(BENCH_DIR, 'measure-task.ts'), [name, String(index)], {
      execArgv: [...process.execArgv, '--expose-gc'],
    });
    let report: ChildReport | undefined;
    child.on('message', (message) => { report = message as ChildReport; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (report?.ok) resolve(report.measurement);
      else reject(new Error(report?.error ?? `measuring task ${index} of ${name} exited with code ${code} and no result`));
    });
  });
}

async function measureModule(name: string): Promise<{ result: ModuleResult; section: string }> {
  const module = await loadModule(name);
  const measured: TaskMeasurement[] = [];
  for (const [index, task] of module.tasks.entries()) {
    console.error(`  ${task.name}`);
    measured.push(await measureInChild(name, index));
  }
  const result = judgeModule(module, measured);
  return { result, section: renderSection(name, module, result, describeMachine(new Date())) };
}

async function main(requested: readonly string[]): Promise<number> {
  const available = discoverModules();
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
    return 2;
  }
  const selected = requested.length > 0 ? available.filter((name) => requested.includes(name)) : available;
  const sections = new Map<string, string>();
  const results: ModuleResult[] = [];
  let failed = false;
  for (const name of selected) {
    console.error(`running ${name}`);
    try {
      const { result, section } = await measureModule(name);
      results.push(result);
      sections.set(name, section);
    } catch (error) {
      failed = true;
      console.error(`FAILED ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (results.length > 0) {
    const machine = describeMachine(new Date());
    console.log(`\n${machine.cpu} (${machine.cores} cores) · Node ${machine.node} · ${machine.date}\n`);
    console.log(consoleTable(results.flatMap((r) => r.measurements.all)));
    const verdicts = results.flatMap(verdictLines);
    if (verdicts.length > 0) console.log(`\n${verdicts.join('\n')}`);
  }
  if (sections.size > 0) {
    const previous = existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : undefined;
    writeFileSync(RESULTS_PATH, mergeSections(previous, sections));
    console.error(`\nwrote ${RESULTS_PATH}`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
