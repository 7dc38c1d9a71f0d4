/**
 * The output folder of a command, checked and locked before any work: `--out` of run, mc,
 * compare, sweep and merge, and the folder `report` writes into. An unusable `--out` (empty, a
 * file, a dangling link, a folder that cannot be written) is bad usage found at once, not after
 * hours of computing; a folder in use by another gbsim process is refused (see output-lock.ts).
 */
import { accessSync, constants, existsSync, lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.js';

/** Commands that write into a folder, and the option naming it. */
const FOLDER_OPTION: Readonly<Record<string, 'out' | 'dir'>> = { run: 'out', mc: 'out', compare: 'out', sweep: 'out', merge: 'out', report: 'dir' };

/** The folder command `name` would write into (absolute), or null. Throws UsageError for an unusable --out. */
export function outputFolderOf(name: string, args: Record<string, unknown>, cwd: string): string | null {
  const option = FOLDER_OPTION[name];
  if (option === undefined) return null;
  const value = args[option];
  if (value === undefined) return null;
  if (typeof value !== 'string') return null; // repeated options are reported by the option checks
  if (value.trim() === '') throw new UsageError(`--${option} is empty: name a folder for the results`);
  const dir = resolve(cwd, value);
  if (option === 'out') {
    const problem = folderProblem(dir, value);
    if (problem !== undefined) throw new UsageError(problem);
  }
  return dir;
}

function folderProblem(dir: string, shown: string): string | undefined {
  let link;
  try {
    link = lstatSync(dir);
  } catch {
    link = undefined;
  }
  if (link !== undefined && link.isSymbolicLink() && !existsSync(dir)) return `--out ${shown} is a symbolic link to nothing; remove it or name another folder`;
  if (existsSync(dir) && !statSync(dir).isDirectory()) return `--out ${shown} is a file, not a folder; name a folder for the results`;
  let ancestor = dir;
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) return `--out ${shown}: ${ancestor} is a file, not a folder`;
  try {
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch {
    return `--out ${shown}: cannot write in ${ancestor} (permission denied); name a folder you can write to`;
  }
  return undefined;
}
