/**
 * What a `gbsim` command is: its yargs command string, description, examples, options and a
 * `run` that returns an exit status (or throws a known error for `main.ts` to report). Commands
 * write through `context.io`, never to `process.stdout` directly, so tests can run them in-process,
 * and never call `process.exit`.
 */
import type { Argv, ArgumentsCamelCase } from 'yargs';

/** Where a command writes: `process.stdout`/`process.stderr`, or buffers in tests. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Options every command accepts. */
export interface GlobalOptions {
  readonly verbose: boolean;
}

export interface CliContext {
  readonly io: CliIo;
  /** Directory relative paths start from. */
  readonly cwd: string;
  readonly verbose: boolean;
  /** Run replications off the main thread even with --workers 1 (the real CLI: Ctrl-C is handled at once). */
  readonly offMainThread?: boolean;
}

/** A command as its module writes it, with its own option types. */
export interface CommandSpec<Options> {
  /** yargs command string, e.g. `validate <files..>`. */
  readonly command: string;
  readonly describe: string;
  /** `[command line, what it does]` pairs shown under `--help`. */
  readonly examples: readonly (readonly [string, string])[];
  readonly builder: (yargs: Argv<GlobalOptions>) => Argv<Options>;
  /** Does the work; returns the exit status (0 when it returns nothing). */
  readonly run: (args: ArgumentsCamelCase<Options>, context: CliContext) => Promise<number | void>;
}

/** A command with its option types erased, as `main.ts` lists them. */
export interface CliCommand {
  readonly command: string;
  readonly describe: string;
  readonly examples: readonly (readonly [string, string])[];
  readonly builder: (yargs: Argv<GlobalOptions>) => Argv<unknown>;
  readonly run: (args: ArgumentsCamelCase<unknown>, context: CliContext) => Promise<number | void>;
}

/** Checks a command's types against its own options and erases them for the command list. */
export function defineCommand<Options>(spec: CommandSpec<Options>): CliCommand {
  return spec as unknown as CliCommand;
}
