/**
 * Before and after on one machine in the same minutes: times this tree's engine against an
 * earlier commit's, on the earlier commit's own china-2020 and on today's.
 *
 *   npm run bench:against -- [--ref 670db67] [--rounds 3] [--mc-runs 1000]
 *
 *   git archive REF ──> temp dir, node_modules linked, compiled with this tree's tsc
 *   this tree compiled (npm run build)
 *   national run (township cells, 104 weeks, seed 1): child processes alternating engine A, B, B, A…
 *     each one warm-up run and 3 timed runs of CPU time (bench/against-child.ts)
 *   gbsim mc, RUNS replications, 2 workers, whole process: once per engine and workload
 *   ──> console table ──> the `against` section of bench/RESULTS.md
 *
 * Why: timings on a shared 2-core machine drift by 2x from day to day, so a ratio against a
 * figure written on another day measures the machine. Both engines here run in alternation.
 * The earlier engine cannot read today's scenario files (their new fields), so today's
 * china-2020 is timed on this tree only, and the table gives both ratios: the same workload
 * (the engine's cost) and today's workload against the earlier one (what a user waits).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './process.js';
import { describeMachine, mergeSections } from './report.js';

const RESULTS_PATH = join(ROOT, 'bench/RESULTS.md');
const LIMIT = 1.5;

export interface Engine {
  label: string;
  root: string;
  /** Extra `gbsim mc` arguments: the replication cache is switched off in every engine that has one. */
  mcArgs: string[];
}

export interface Workload {
  label: string;
  /** The tree that holds the scenario files (they are read from there). */
  tree: string;
  national: string;
  county: string;
  engines: Engine[];
}

export interface NationalTiming {
  cpuMs: number[];
  pairs: number;
}

/** Whether the engine under `root` has the replication cache (and so `--no-cache`): 670db67 has, with the cache on by default. */
function hasCacheSwitch(root: string): boolean {
  const help = spawnSync(process.execPath, [join(root, 'bin/gbsim.js'), 'mc', '--help'], { encoding: 'utf8' });
  return /--no-cache|--cache/.test(help.stdout ?? '');
}

function fail(message: string): never {
  console.error(`bench:against: ${message}`);
  process.exit(2);
}

function run(command: string, args: string[], cwd: string): string {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  return child.stdout;
}

function compile(root: string): void {
  run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], root);
}

/** The earlier commit's tree in a temp dir, sharing this tree's node_modules, compiled. */
function checkOut(ref: string): { sha: string; dir: string } {
  const resolved = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' });
  if (resolved.status !== 0) fail(`${ref} is not a commit of this clone (a shallow clone has no history: git fetch --unshallow)`);
  const sha = resolved.stdout.trim();
  const dir = mkdtempSync(join(os.tmpdir(), 'gbsim-against-'));
  try {
    run('git', ['archive', '--format=tar', '-o', join(dir, 'tree.tar'), sha], ROOT);
    run('tar', ['-xf', 'tree.tar'], dir);
    rmSync(join(dir, 'tree.tar'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    compile(dir);
    return { sha, dir };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function timeNational(engine: Engine, workload: Workload): NationalTiming | null {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/against-child.ts'), engine.root, workload.tree, workload.national, '4'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (child.status !== 0) {
    console.error(child.stderr);
    return null;
  }
  const report = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as NationalTiming;
  return { cpuMs: report.cpuMs.slice(1), pairs: report.pairs };
}

function timeMc(engine: Engine, workload: Workload, runs: number): number | null {
  const out = mkdtempSync(join(os.tmpdir(), 'gbsim-against-mc-'));
  try {
    const start = performance.now();
    const child = spawnSync(process.execPath, [join(engine.root, 'bin/gbsim.js'), 'mc', workload.county, '--runs', String(runs), '--workers', '2', '--quiet', '--out', join(out, 'mc'), ...engine.mcArgs], {
      cwd: workload.tree,
      encoding: 'utf8',
    });
    const seconds = (performance.now() - start) / 1000;
    if (child.status !== 0) console.error(child.stderr);
    return child.status === 0 ? seconds : null;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      ref: { type: 'string', default: '670db67' },
      rounds: { type: 'string', default: '3' },
      'mc-runs': { type: 'string', default: '1000' },
    },
  });
  const rounds = Math.max(1, Number(values.rounds));
  const mcRuns = Math.max(0, Number(values['mc-runs']));
  console.error('compiling this tree');
  compile(ROOT);
  console.error(`checking out and compiling ${values.ref}`);
  const { sha, dir } = checkOut(values.ref);
  const short = sha.slice(0, 7);
  try {
    const current: Engine = { label: 'this tree', root: ROOT, mcArgs: ['--no-cache'] };
    const earlier: Engine = { label: short, root: dir, mcArgs: hasCacheSwitch(dir) ? ['--no-cache'] : [] };
    const workloads: Workload[] = [
      {
        label: `${short}'s china-2020`,
        tree: dir,
        national: join(dir, 'bench/scenarios/national.yaml'),
        county: join(dir, 'scenarios/china-2020.yaml'),
        engines: [earlier, current],
      },
      {
        label: "today's china-2020",
        tree: ROOT,
        national: join(ROOT, 'bench/scenarios/national.yaml'),
        county: join(ROOT, 'scenarios/china-2020.yaml'),
        engines: [current],
      },
    ];
    const national = new Map<string, NationalTiming>();
    for (let round = 0; round < rounds; round++) {
      for (const workload of workloads) {
        const engines = round % 2 === 0 ? workload.engines : [...workload.engines].reverse();
        for (const engine of engines) {
          console.error(`  national run, ${workload.label}, engine ${engine.label} (round ${round + 1} of ${rounds})`);
          const timing = timeNational(engine, workload);
          if (!timing) throw new Error(`the national run of ${workload.label} failed with engine ${engine.label}`);
          const key = `${workload.label}|${engine.label}`;
          const seen = national.get(key);
          national.set(key, { cpuMs: [...(seen?.cpuMs ?? []), ...timing.cpuMs], pairs: timing.pairs });
        }
      }
    }
    const mc = new Map<string, number>();
    if (mcRuns > 0) {
      for (const workload of workloads) {
        for (const engine of workload.engines) {
          console.error(`  gbsim mc --runs ${mcRuns}, ${workload.label}, engine ${engine.label}`);
          const seconds = timeMc(engine, workload, mcRuns);
          if (seconds === null) throw new Error(`gbsim mc of ${workload.label} failed with engine ${engine.label}`);
          mc.set(`${workload.label}|${engine.label}`, seconds);
        }
      }
    }
    const { section, text } = render({ short, workloads, national, mc, rounds, mcRuns });
    console.log(`\n${text}`);
    writeSection(section);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Report {
  short: string;
  workloads: Workload[];
  national: Map<string, NationalTiming>;
  mc: Map<string, number>;
  rounds: number;
  mcRuns: number;
}

/** The RESULTS.md section (markers included) and the console text of one comparison. */
export function render({ short, workloads, national, mc, rounds, mcRuns }: Report, now = new Date()): { section: string; text: string } {
  const machine = describeMachine(now);
  const rows = ['| workload | engine | national run, median CPU | min | cleared (cell, player, week) pairs | ns per pair | gbsim mc, ' + mcRuns.toLocaleString('en-US') + ' runs, 2 workers |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const workload of workloads) {
    for (const engine of workload.engines) {
      const key = `${workload.label}|${engine.label}`;
      const t = national.get(key)!;
      const m = median(t.cpuMs);
      const seconds = mc.get(key);
      rows.push(
        `| ${workload.label} | ${engine.label} | ${m.toFixed(0)} ms | ${Math.min(...t.cpuMs).toFixed(0)} ms | ${t.pairs.toLocaleString('en-US')} | ${((m * 1e6) / t.pairs).toFixed(0)} | ${seconds === undefined ? '—' : `${seconds.toFixed(1)} s`} |`,
      );
    }
  }
  const [then, today] = workloads as [Workload, Workload];
  const ratio = (a: string, b: string, of: (key: string) => number | undefined): number | undefined => {
    const x = of(a);
    const y = of(b);
    return x === undefined || y === undefined ? undefined : x / y;
  };
  const nationalMedian = (key: string) => (national.has(key) ? median(national.get(key)!.cpuMs) : undefined);
  const mcSeconds = (key: string) => mc.get(key);
  const verdict = (name: string, value: number | undefined): string[] =>
    value === undefined ? [] : [`- ${value <= LIMIT ? 'met' : 'missed'}: ${name} ≤ ${LIMIT}x (measured ${value.toFixed(2)}x)`];
  const lines = [
    ...verdict(`national run, this tree against ${short} on ${short}'s china-2020 (same workload)`, ratio(`${then.label}|this tree`, `${then.label}|${short}`, nationalMedian)),
    ...verdict(`gbsim mc, this tree against ${short} on ${short}'s china-2020 (same workload)`, ratio(`${then.label}|this tree`, `${then.label}|${short}`, mcSeconds)),
    ...verdict(`national run, today's china-2020 on this tree against ${short}'s on ${short}`, ratio(`${today.label}|this tree`, `${then.label}|${short}`, nationalMedian)),
    ...verdict(`gbsim mc, today's china-2020 on this tree against ${short}'s on ${short}`, ratio(`${today.label}|this tree`, `${then.label}|${short}`, mcSeconds)),
  ];
  const thenPairs = national.get(`${then.label}|${short}`)?.pairs;
  const todayPairs = national.get(`${today.label}|this tree`)?.pairs;
  if (thenPairs && todayPairs) lines.push(`- today's china-2020 clears ${(todayPairs / thenPairs).toFixed(2)}x the pairs of ${short}'s in the national run`);
  const section = [
    '<!-- bench:against -->',
    `## against: this tree against ${short}, measured in alternation`,
    `Written by \`npm run bench:against -- --ref ${short}\` (bench/against.ts). Both engines compiled from their own sources and run in alternating processes in the same minutes, since this machine's timings drift by up to 2x from day to day. National run: township cells, 104 weeks, seed 1, weekly tables recorded, CPU time of ${rounds * 3} runs per engine after a warm-up run in each of ${rounds} processes. gbsim mc: whole process, wall time, one run per engine. ${short}'s engine cannot read today's scenario files (60 unknown keys), so today's china-2020 runs on this tree only; on ${short}'s files this tree's mechanisms that those files do not name keep their defaults. ns per pair: median CPU ÷ cleared pairs.`,
    `Machine: ${machine.cpu} (${machine.cores} cores) · Node ${machine.node} · ${machine.date}`,
    rows.join('\n'),
    lines.join('\n'),
    '<!-- /bench:against -->',
  ].join('\n\n');
  return { section, text: `${rows.join('\n')}\n\n${lines.join('\n')}` };
}

function writeSection(section: string): void {
  const previous = existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : undefined;
  writeFileSync(RESULTS_PATH, mergeSections(previous, new Map([['against', section]])));
  console.error(`\nwrote ${RESULTS_PATH}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
