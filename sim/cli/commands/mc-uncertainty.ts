/**
 * `gbsim mc FILE --uncertainty [--factors FILE] [--sets N] [--sampling lhs|sobol] --runs R ...`:
 * Monte Carlo of the 2nd order (see sim/experiment/uncertain-mc.ts). Prints, per output, the mean,
 * the interval over parameter sets, the within-set interval and the parameters' share of the
 * variance; with --out writes uncertainty.json, uncertainty.csv, uncertainty-sets.csv,
 * design-points.ndjson and manifest.json.
 */
import type { UncertainMcResult } from '../../experiment/uncertain-mc.js';
import type { CliContext } from '../command.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../format.js';
import { startSession } from './mc.js';
import { factorsOf } from './sensitivity.js';

export interface UncertainMcArgs {
  file: string;
  factors?: string;
  sets: number;
  sampling: 'lhs' | 'sobol';
  runs?: number;
  workers?: number;
  seed?: number;
  out?: string;
  set?: string | string[];
  allowOutside: boolean;
  shakeoutK: number;
  shard?: string;
  shards?: number;
  resume: boolean;
  force: boolean;
  quiet: boolean;
  precision?: number;
}

export async function runUncertainMcCommand(args: UncertainMcArgs, context: CliContext): Promise<number | void> {
  const { listOf, wholeNumberProblem } = await import('../../experiment/option-checks.js');
  const { resolveShard } = await import('../../experiment/shards.js');
  const problems = [
    ...wholeNumberProblem('sets', args.sets, 2),
    ...(args.runs === undefined ? ['give the replications per parameter set with --runs N'] : []),
    ...(args.precision !== undefined ? ['--precision is for plain Monte Carlo; with --uncertainty give --sets and --runs'] : []),
  ];
  const shard = resolveShard({ shard: args.shard, shards: args.shards }, process.env);
  if (!shard.ok) problems.push(...shard.problems);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const { prepareScenario } = await import('../../experiment/prepare.js');
  const { runUncertainMc } = await import('../../experiment/uncertain-mc.js');
  const { marketPointModel } = await import('../../experiment/point-model.js');
  const { availableParallelism } = await import('node:os');
  const { resolve } = await import('node:path');
  const sets = listOf(args.set);
  const base = prepareScenario(args.file, { sets, cwd: context.cwd, allowOutside: args.allowOutside });
  const factors = await factorsOf(base.scenario, args.factors, context.cwd, args.file);
  const workers = args.workers ?? availableParallelism();
  const seed = args.seed ?? base.scenario.seed;
  const out = args.out === undefined ? null : resolve(context.cwd, args.out);
  const runs = args.runs!;
  const model = marketPointModel({ base, sets, cwd: context.cwd, allowOutside: args.allowOutside, factors, seed, shakeoutK: args.shakeoutK, workers });
  const session = await startSession(context, `mc --uncertainty ${base.params.name}`, args.quiet);
  let report;
  try {
    report = await runUncertainMc({
      scenario: { name: base.params.name, file: base.file, hash: base.source.hash },
      factors, model, sampling: args.sampling, sets: args.sets, seed, runs, shakeoutK: args.shakeoutK,
      shard: shard.ok ? shard.value : null,
      out: out === null ? null : { dir: out, resume: args.resume, force: args.force },
      signal: session.signal, onProgress: session.onProgress,
    });
  } finally {
    session.end();
  }
  if (!report.ok) throw new UsageError(report.problems.join('\n'));
  const { value } = report;
  const shardInfo = value.identity.shard;
  if (shardInfo !== null) {
    context.io.stdout.write(`shard ${shardInfo.index}/${shardInfo.count}: parameter sets ${shardInfo.from}–${shardInfo.to - 1}, ${value.done} of ${shardInfo.to - shardInfo.from} done in ${args.out}; combine the shards with gbsim merge\n`);
  } else if (value.result !== null) {
    context.io.stdout.write(uncertaintyTable(value.result));
  }
  if (out !== null) {
    const facts = { file: args.file, uncertainty: true, factors: args.factors ?? null, sets: args.sets, sampling: args.sampling, runs, seed, set: sets, shakeoutK: args.shakeoutK, shard: value.identity.shard, resume: args.resume };
    session.writeManifest(out, 'mc', facts, { workers, runsThisSession: (value.done - value.resumed) * runs, complete: value.complete });
  }
  if (value.complete) return;
  const where = args.out === undefined ? '' : ` in ${args.out}; continue with the same command and --resume`;
  return session.interrupted(`gbsim mc --uncertainty: interrupted by ${session.received()}: kept ${value.done} completed parameter sets${where}`);
}

const number = (x: number) => (!Number.isFinite(x) ? '—' : Math.abs(x) >= 1e4 ? x.toExponential(2) : x.toFixed(3));

/** One line per output: mean, interval over parameter sets, within-set interval, parameters' share of the variance. */
export function uncertaintyTable(result: UncertainMcResult): string {
  const head = `${result.scenario.name}: 2nd-order Monte Carlo, ${result.sets} parameter sets (${result.sampling}) × ${result.runs} runs, ${result.factors.length} uncertain parameters, seed ${result.seed}\n\n`;
  const rows = result.outputs.map((o) => [o.output, number(o.mean), `[${number(o.parameterLow)}, ${number(o.parameterHigh)}]`, `[${number(o.withinLow)}, ${number(o.withinHigh)}]`, Number.isFinite(o.parameterShare) ? `${(100 * o.parameterShare).toFixed(0)}%` : '—']);
  return head + formatTable(['output', 'mean', 'over parameter sets (95%)', 'within a set (95%)', 'variance from parameters'], rows);
}
