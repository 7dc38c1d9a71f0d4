/**
 * One writer per output folder: a command that writes into `--out DIR` first creates the lock
 * file `.DIR.gbsim-lock` beside it (exclusively: O_CREAT|O_EXCL), holding the process id, host
 * and start time, and removes it when done. A second command on the same folder (a requeued
 * cluster task, a second `--force` run) is refused instead of mixing two experiments in it.
 *
 * Stale locks: a lock whose process is gone (same host, no such process) is taken over; a lock
 * from another host is left alone, and the message says how to remove it.
 * The lock sits beside the folder, not in it, so a result set can be swapped in as a whole.
 */
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

export class OutputLockedError extends Error {
  constructor(readonly dir: string, readonly lockFile: string, holder: string) {
    super(`${dir} is in use by ${holder}; wait for it to finish, or use another --out (if that process is gone, delete ${lockFile})`);
    this.name = 'OutputLockedError';
  }
}

interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells two locks of one process apart (commands run in-process in tests share a pid). */
  token?: string;
}

/** The lock file of output folder `dir` (its real path where the folder or its parent exists). */
export function lockFileOf(dir: string): string {
  const real = realOrResolved(dir);
  return join(dirname(real), `.${basename(real)}.gbsim-lock`);
}

/**
 * Locks `dir` for this process and returns the function that unlocks it; throws
 * `OutputLockedError` when a live process holds it. `startedAt` is an ISO instant (the caller's clock).
 */
export function lockOutputDir(dir: string, startedAt: string): () => void {
  const file = lockFileOf(dir);
  mkdirSync(dirname(file), { recursive: true });
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt, token: randomUUID() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, me)) return () => release(file, me);
    const holder = readHolder(file);
    if (holder === undefined) continue; // removed meanwhile: try again
    if (holder === null || !isStale(holder)) throw new OutputLockedError(dir, file, describe(holder));
    rmSync(file, { force: true });
  }
  throw new OutputLockedError(dir, file, 'another process');
}

/** Runs `work` with `dir` locked. */
export async function withOutputLock<T>(dir: string | null | undefined, startedAt: string, work: () => Promise<T>): Promise<T> {
  if (dir === null || dir === undefined) return work();
  const unlock = lockOutputDir(dir, startedAt);
  try {
    return await work();
  } finally {
    unlock();
  }
}

function tryCreate(file: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock's holder; null when the file is not a lock we can read; undefined when it is gone. */
function readHolder(file: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isSafeInteger(value.pid) && typeof value.host === 'string') return value as LockHolder;
  } catch {
    // torn: a process killed between creating and writing the lock; treated as stale below
  }
  return { pid: -1, host: hostname(), startedAt: '?' };
}

/** A lock of this host whose process no longer exists (or was never written whole). */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid <= 0) return true;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function describe(holder: LockHolder | null): string {
  return holder === null ? 'another process (unreadable lock)' : `gbsim process ${holder.pid} on ${holder.host} (since ${holder.startedAt})`;
}

function release(file: string, me: LockHolder): void {
  const holder = readHolder(file);
  if (holder && holder.pid === me.pid && holder.host === me.host && holder.token === me.token) rmSync(file, { force: true });
}

/** The real path of `dir`, or of its nearest existing ancestor joined with the rest. */
export function realOrResolved(dir: string): string {
  const absolute = resolve(dir);
  const parts: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return join(realpathSync(existing), ...parts.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return absolute;
      parts.push(basename(existing));
      existing = parent;
    }
  }
}
