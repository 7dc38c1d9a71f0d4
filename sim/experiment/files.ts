/**
 * Writing result files safely: each file is written to a temporary name in the same directory,
 * flushed, then renamed over the target, so a reader (or a run killed at any moment) sees either
 * the old complete file or the new complete file, never a torn one. An output directory that
 * already holds gbsim results is not overwritten without `force`.
 */
import { closeSync, cpSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { realOrResolved } from './output-lock.js';

export class OutputExistsError extends Error {
  constructor(readonly dir: string, readonly files: string[]) {
    super(`${dir} already holds results (${files.join(', ')}); use --force to overwrite them`);
    this.name = 'OutputExistsError';
  }
}

/**
 * Writes `text` to `path` atomically: to `<path>.tmp-<pid>`, flushed to disk, renamed over `path`,
 * and the directory flushed so the rename survives a crash. A failed write removes its temporary
 * file; one left by a killed process is never taken for a result (results have fixed names).
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeAll(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

/** `writeSync` may write less than asked: write until every byte is out. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Flushes a directory's entries (the rename); a no-op where directories cannot be opened (Windows). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on this platform: the rename is still atomic, only its durability is weaker.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Throws OutputExistsError when `dir` already holds any of `names` and `force` is false. */
export function checkOutputDir(dir: string, names: readonly string[], force: boolean): void {
  if (force || !existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new OutputExistsError(dir, ['(not a directory)']);
  const present = readdirSync(dir).filter((name) => names.includes(name));
  if (present.length > 0) throw new OutputExistsError(dir, present);
}

/** Writes every file of `files` (name → text or bytes) into `dir`, each atomically. */
export function writeOutputs(dir: string, files: Record<string, string | Uint8Array>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileAtomic(join(dir, name), text);
}

/**
 * Replaces the result set in `dir` as a whole: the new files are written into a staging folder
 * beside it, then the folders are swapped by two renames, so a failure while writing (a full
 * disk) leaves the previous set untouched, and readers never see old and new files mixed.
 * Entries of `dir` that are not results (`owned`) are carried over into the new folder.
 * A crash between the two renames leaves `.<name>.old-<pid>` (the previous set) beside an absent
 * `dir`; gbsim never reads it, and it may be renamed back or deleted.
 */
export function replaceResultSet(target: string, files: Record<string, string | Uint8Array>, owned: readonly string[]): void {
  const dir = realOrResolved(target); // a link to the folder stays a link
  const parent = dirname(dir);
  const name = basename(dir);
  const staging = join(parent, `.${name}.staging-${process.pid}`);
  const old = join(parent, `.${name}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    for (const [file, text] of Object.entries(files)) writeFileAtomic(join(staging, file), text);
    if (existsSync(dir)) {
      for (const entry of readdirSync(dir)) {
        if (!owned.includes(entry) && !(entry in files)) cpSync(join(dir, entry), join(staging, entry), { recursive: true, preserveTimestamps: true });
      }
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(dir)) {
    renameSync(dir, old);
    renameSync(staging, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(staging, dir);
  }
  syncDirectory(parent);
}
