/**
 * `gbsim report DIR [--svg] [--png]`: writes DIR/report.html for the results in DIR (a run from
 * `gbsim run --out`, or mc.json, compare.json, sweep.json): a summary in words, interactive charts,
 * the scenario's parameters and provenance, in one file that opens offline. `--svg`/`--png` also
 * write each chart to DIR/charts/. vega and the report modules load only when the command runs.
 */
import { defineCommand, type CliContext } from '../command.js';
import { UsageError } from '../errors.js';

export const reportCommand = defineCommand({
  command: 'report <dir>',
  describe: 'Write report.html (summary, charts, parameters) for the results in a directory',
  examples: [
    ['gbsim report out/run7', 'report on a run written by gbsim run --out out/run7'],
    ['gbsim report out/mc --png', 'also write every chart as out/mc/charts/<name>.png'],
    ['gbsim run scenarios/china-2020.yaml --out out/china --report', 'run and report in one step'],
  ],
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', demandOption: true, describe: 'directory holding summary.json (a run), mc.json, compare.json, sweep.json, sensitivity.json, calibration.json or fit.json' })
      .option('svg', { type: 'boolean', default: false, describe: 'also write each chart as DIR/charts/<name>.svg' })
      .option('png', { type: 'boolean', default: false, describe: 'also write each chart as DIR/charts/<name>.png' }),
  run: async (args, context) => {
    await reportOn(args.dir, { svg: args.svg, png: args.png }, context);
  },
});

/**
 * Writes the report of the results in `dir` (relative to `context.cwd`) and says where it went.
 * `gbsim run --report` (and later mc, compare, sweep) call this after writing their results.
 */
export async function reportOn(dir: string, options: { svg?: boolean; png?: boolean }, context: CliContext): Promise<void> {
  const { resolve } = await import('node:path');
  const { writeReport } = await import('../../../reports/write.js');
  const { ReportInputError } = await import('../../../reports/read.js');
  const absolute = resolve(context.cwd, dir);
  try {
    const written = await writeReport(absolute, { ...options, resolveScenario: await scenarioResolver(context) });
    const charts = written.files.filter((file) => file.startsWith('charts/')).length;
    context.io.stdout.write(`wrote ${dir.replace(/\/+$/, '')}/report.html${charts > 0 ? ` and ${charts} chart files in ${dir.replace(/\/+$/, '')}/charts/` : ''}\n`);
  } catch (error) {
    if (error instanceof ReportInputError) throw new UsageError(error.message);
    throw error;
  }
}

/** Loads the scenario a result names (with its --set overrides) if it still has the hash the result recorded. */
async function scenarioResolver(context: CliContext) {
  const { loadScenarioSync } = await import('../../scenario/load.js');
  const { existsSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  return (ref: { file: string; hash: string }, sets: readonly string[]) => {
    if (!existsSync(resolve(context.cwd, ref.file))) return { ok: false as const, reason: `${ref.file} not found from ${context.cwd}` };
    const loaded = loadScenarioSync(ref.file, { sets, cwd: context.cwd });
    if (!loaded.ok) return { ok: false as const, reason: `${ref.file} no longer loads (${loaded.issues.length} problem(s); run gbsim validate ${ref.file})` };
    if (loaded.source.hash !== ref.hash) return { ok: false as const, reason: `${ref.file} has changed since these results were made (its hash differs)` };
    return { ok: true as const, scenario: loaded.scenario };
  };
}
