/** Running `gbsim` in-process for the fuzz tests, and what its output must (not) look like. */
import { runCli } from '../../sim/cli/main.js';
import { printable } from '../../sim/scenario/issues.js';

export interface CliOutcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export async function gbsim(...args: string[]): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const status = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { status, stdout, stderr, ms: performance.now() - started };
}

/** A line of a JavaScript stack trace (`    at fn (file:1:2)`). */
export const STACK_LINE = /^\s+at .+[:(]/m;
/** A problem shown at a line and column: `  12:5  ...` or `  other.yaml:12:5  ...`. */
export const PLACED_LINE = /^ {2}(?:\S+:)?\d+:\d+ {2}/m;
/** Control characters other than line breaks and tabs (a message must not carry them raw). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** What a refusal must look like: status 2, the file named first, no stack trace, no raw control characters. */
export function refusalProblems(outcome: CliOutcome, file: string, placed: boolean): string[] {
  const problems: string[] = [];
  if (outcome.status !== 2) problems.push(`exit status ${outcome.status}, not 2`);
  if (outcome.stdout !== '') problems.push(`wrote to stdout: ${outcome.stdout.slice(0, 200)}`);
  if (!outcome.stderr.startsWith(`${printable(file)}: `)) problems.push(`stderr does not start with the file's name: ${outcome.stderr.slice(0, 200)}`);
  if (STACK_LINE.test(outcome.stderr)) problems.push(`stack trace: ${outcome.stderr.slice(0, 400)}`);
  if (RAW_CONTROL.test(outcome.stderr)) problems.push(`raw control character in: ${JSON.stringify(outcome.stderr.slice(0, 300))}`);
  if (placed && !PLACED_LINE.test(outcome.stderr)) problems.push(`no line:column in: ${outcome.stderr.slice(0, 300)}`);
  return problems;
}
