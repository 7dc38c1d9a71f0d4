/**
 * The `gbsim` command line: parses arguments (yargs, strict), runs one command from `COMMANDS`,
 * and is the one error boundary that turns known errors into messages and exit statuses:
 *
 *   0  ok
 *   1  runtime failure (stack trace only with --verbose)
 *   2  bad input: a bad scenario file (`ScenarioError`) or bad usage (`UsageError`, yargs)
 *
 * Start-up stays fast: this module imports only yargs and light command modules; commands import
 * what they need (zod, yaml, the model, vega) inside their handlers.
 *
 * Adding a command: write `commands/<name>.ts` exporting `defineCommand({...})` and add it to
 * `COMMANDS` below.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ScenarioError } from '../scenario/issues.js';
import type { CliCommand, CliContext, CliIo, GlobalOptions } from './command.js';
import { compareCommand } from './commands/compare.js';
import { exploreCommand } from './commands/explore.js';
import { mcCommand } from './commands/mc.js';
import { mergeCommand } from './commands/merge.js';
import { schemaCommand } from './commands/schema.js';
import { sweepCommand } from './commands/sweep.js';
import { sensitivityCommand } from './commands/sensitivity.js';
import { calibrateCommand } from './commands/calibrate.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { EXIT, UsageError } from './errors.js';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [runCommand, validateCommand, schemaCommand, mcCommand, compareCommand, sweepCommand, sensitivityCommand, calibrateCommand, mergeCommand, reportCommand, exploreCommand];

const EPILOGUE = 'Exit status: 0 ok, 1 runtime failure, 2 bad input (bad scenario file or bad usage).';

/**
 * Runs `gbsim` with `args` (the arguments after the program name, e.g. `['validate', 'x.yaml']`)
 * and returns the exit status. Output goes to `io`; nothing here exits the process.
 */
export async function runCli(args: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const verbose = args.includes('--verbose');
  const context: CliContext = { io, cwd: process.cwd(), verbose };
  let status: number = EXIT.ok;
  let output = '';
  try {
    await buildParser(context, (code) => (status = code)).parseAsync([...args], {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (error) {
    return reportError(error, io, verbose, helpHint(args));
  }
  if (output !== '') io.stdout.write(`${output}\n`);
  return status;
}

function buildParser(context: CliContext, setStatus: (code: number) => void): Argv<GlobalOptions> {
  let parser = yargs()
    .scriptName('gbsim')
    .locale('en')
    .detectLocale(false)
    .usage('$0 <command> [options]\n\nDiscrete-event simulator of the community group-buying market.')
    .option('verbose', { type: 'boolean', default: false, global: true, describe: 'show stack traces of runtime failures' });
  for (const spec of COMMANDS) {
    parser = parser.command({
      command: spec.command,
      describe: spec.describe,
      builder: (inner: Argv<GlobalOptions>) =>
        spec.examples.reduce((built, [line, what]) => built.example(line, what), spec.builder(inner)).epilogue(EPILOGUE),
      handler: async (args) => setStatus((await spec.run(args, context)) ?? EXIT.ok),
    });
  }
  return parser
    .demandCommand(1, 'name a command (see the list above)')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(packageVersion())
    .epilogue(EPILOGUE)
    .wrap(100)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
}

/** The known errors' messages and statuses; anything else is a runtime failure. */
function reportError(error: unknown, io: CliIo, verbose: boolean, hint: string): number {
  if (error instanceof ScenarioError) {
    io.stderr.write(`${error.format()}\n`);
    return EXIT.badInput;
  }
  if (error instanceof UsageError || (error instanceof Error && (error.name === 'YError' || error.name === 'OutputExistsError'))) {
    io.stderr.write(`gbsim: ${error.message}\n${hint}\n`);
    return EXIT.badInput;
  }
  const text = error instanceof Error ? error.message : String(error);
  const detail = verbose && error instanceof Error && error.stack !== undefined ? `\n${error.stack}` : '\n(run with --verbose for the stack trace)';
  io.stderr.write(`gbsim: error: ${text}${detail}\n`);
  return EXIT.failure;
}

/** `Run "gbsim validate --help" for usage.` when the arguments name a command, else the global help. */
function helpHint(args: readonly string[]): string {
  const names = COMMANDS.map((spec) => spec.command.split(' ')[0]);
  const named = args.find((arg) => names.includes(arg));
  return `Run "gbsim${named === undefined ? '' : ` ${named}`} --help" for usage.`;
}

/** The version in the package.json above this module (in `sim/cli/` or `dist/sim/cli/`). */
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'gbsim' && manifest.version !== undefined) return manifest.version;
    } catch {
      // not at this level; try the next one up
    }
  }
  return 'unknown';
}

/** Whether this process was started to run the CLI: `node sim/cli/main.ts` or `bin/gbsim.js`. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    const real = realpathSync(script);
    return real === fileURLToPath(import.meta.url) || real === fileURLToPath(new URL('../../../bin/gbsim.js', import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  process.exitCode = await runCli(hideBin(process.argv));
}
