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
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { closest } from '../scenario/did-you-mean.js';
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
import { fitCommand } from './commands/fit.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { EXIT, UsageError } from './errors.js';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [runCommand, validateCommand, schemaCommand, mcCommand, compareCommand, sweepCommand, sensitivityCommand, calibrateCommand, fitCommand, mergeCommand, reportCommand, exploreCommand];

const EPILOGUE = 'Exit status: 0 ok, 1 runtime failure, 2 bad input (bad scenario file or bad usage).';

/**
 * Runs `gbsim` with `args` (the arguments after the program name, e.g. `['validate', 'x.yaml']`)
 * and returns the exit status. Output goes to `io`; nothing here exits the process.
 */
export async function runCli(args: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }, options: { offMainThread?: boolean } = {}): Promise<number> {
  const verbose = args.includes('--verbose');
  const context: CliContext = { io, cwd: process.cwd(), verbose, offMainThread: options.offMainThread === true };
  let status: number = EXIT.ok;
  let output = '';
  const parser = buildParser(context, (code) => (status = code));
  if (args.length === 0) {
    // `gbsim` alone: the command list, as --help prints it, and the usage status.
    io.stderr.write(`${await parser.getHelp()}\n\ngbsim: name a command (see the list above)\n${helpHint(args)}\n`);
    return EXIT.badInput;
  }
  try {
    await parser.parseAsync(glueDashedValues(args), {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (error) {
    if (error instanceof UsageError) return reportError(new UsageError(withSuggestions(error.message, knownOptions(args))), io, verbose, helpHint(args));
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
      handler: async (args) => setStatus((await runLocked(spec, args, context)) ?? EXIT.ok),
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

/** Options a command may be given more than once (the rest take one value). */
const REPEATABLE = new Set(['set', 'vary', 'files', 'dirs', '_', '$0']);

/** `--out a --out b`: a single-valued option given twice is bad usage, never a silent choice. */
function repeatedOptions(args: Record<string, unknown>): string[] {
  return Object.entries(args)
    .filter(([key, value]) => Array.isArray(value) && !REPEATABLE.has(key) && !/[A-Z]/.test(key))
    .map(([key, value]) => `--${key} is given ${(value as unknown[]).length} times (${(value as unknown[]).map(String).join(', ')}); give it once`);
}

/** The options of the command `args` name (with the global ones). */
function knownOptions(args: readonly string[]): string[] {
  const spec = COMMANDS.find((command) => args.includes(command.command.split(' ')[0]!));
  const parser = spec === undefined ? yargs() : spec.builder(yargs() as unknown as Argv<GlobalOptions>);
  return [...Object.keys((parser as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key), 'verbose', 'help'];
}

/** yargs' "Unknown argument(s): x, y" with "did you mean" for each near a known option. */
function withSuggestions(message: string, known: readonly string[]): string {
  const match = /^Unknown arguments?: (.+)$/.exec(message);
  if (match === null) return message;
  const options = known.filter((key) => key.length > 1 && !/[A-Z]/.test(key));
  const hints = match[1]!.split(', ').flatMap((word) => {
    const near = closest(word.replace(/^-+/, ''), options);
    return near === undefined ? [] : [`--${word.replace(/^-+/, '')}: did you mean --${near}?`];
  });
  return hints.length === 0 ? message : `${message}\n${hints.join('\n')}`;
}

/**
 * `--shard -1/3`: yargs would read a value starting with "-" as options; glue such a value to
 * its option (`--shard=-1/3`) so the option's own check reports it.
 */
function glueDashedValues(args: readonly string[]): string[] {
  const glued: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (/^--[a-z][\w-]*$/.test(arg) && next !== undefined && /^-[\d.]/.test(next) && !/^-\d+(\.\d+)?(e[-+]?\d+)?$/i.test(next)) {
      glued.push(`${arg}=${next}`);
      i += 1;
    } else {
      glued.push(arg);
    }
  }
  return glued;
}

/**
 * Runs a command with its output folder checked and locked: one writer per folder, and an
 * unusable --out refused before any work.
 */
async function runLocked(spec: CliCommand, args: ArgumentsCamelCase<unknown>, context: CliContext): Promise<number | void> {
  const repeated = repeatedOptions(args as Record<string, unknown>);
  if (repeated.length > 0) throw new UsageError(repeated.join('\n'));
  const { outputFolderOf } = await import('./out-folder.js');
  const dir = outputFolderOf(spec.command.split(' ')[0]!, args as Record<string, unknown>, context.cwd);
  if (dir === null) return spec.run(args, context);
  const { withOutputLock } = await import('../experiment/output-lock.js');
  return withOutputLock(dir, new Date().toISOString(), () => spec.run(args, context));
}

/** The known errors' messages and statuses; anything else is a runtime failure. */
function reportError(error: unknown, io: CliIo, verbose: boolean, hint: string): number {
  if (error instanceof ScenarioError) {
    io.stderr.write(`${error.format()}\n`);
    return EXIT.badInput;
  }
  if (error instanceof UsageError || (error instanceof Error && (error.name === 'YError' || ['OutputExistsError', 'OutputLockedError'].includes(error.name)))) {
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
  process.exitCode = await runCli(hideBin(process.argv), undefined, { offMainThread: true });
}
