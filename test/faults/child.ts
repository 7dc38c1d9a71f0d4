/**
 * Child processes killed with SIGKILL at chosen moments: start a command, wait for a sign of
 * life (a line on stdout), and kill it when an observable state of its work is reached
 * (`killAtLines`, `killWhen`), never after a time tuned on an idle machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { ROOT } from '../scenario/helpers.js';

/** `node --import tsx <args>` from the repository root. */
export function startNode(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `child` prints `line` on stdout (or exits: then false). */
export function waitForLine(child: ChildProcess, line: string): Promise<boolean> {
  return new Promise((resolve) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.split('\n').includes(line)) resolve(true);
    });
    child.once('exit', () => resolve(false));
  });
}

/** Runs `node --import tsx <args>` to the end; its exit status and output. */
export function runNode(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startNode(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** The complete lines of `file` so far (0 when it does not exist). */
export function completeLines(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, 'utf8');
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/**
 * Kills `child` with SIGKILL as soon as `file` has at least `lines` complete lines (a sign of
 * progress, not a time tuned on an idle machine), and resolves once it is gone with how it ended
 * and the lines the file had when the kill was sent.
 */
export async function killAtLines(child: ChildProcess, file: string, lines: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; linesAtKill: number }> {
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  while (alive() && completeLines(file) < lines) await sleep(5);
  const linesAtKill = completeLines(file);
  if (alive()) child.kill('SIGKILL');
  return { ...(await ended), linesAtKill };
}

/**
 * Kills `child` with SIGKILL as soon as `observe()` (the observable state of its work: files, its
 * output so far) satisfies `reached`, polling without pause (a state may last only milliseconds),
 * and resolves once it is gone with how it ended and the state seen when the kill was sent.
 */
export async function killWhen<S>(child: ChildProcess, observe: () => S, reached: (state: S) => boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stateAtKill: S }> {
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  let state = observe();
  while (alive() && !reached(state)) {
    await new Promise((resolve) => setImmediate(resolve));
    state = observe();
  }
  if (alive()) child.kill('SIGKILL');
  return { ...(await ended), stateAtKill: state };
}
