/**
 * Where a scenario may read other files from without the user saying so: `extends` bases and
 * `geography.cellsCsv` files must lie inside the working directory or the folder of the file the
 * user named (after following symbolic links). A file from elsewhere (`extends: /etc/...`,
 * `../../../secrets.csv`) is an issue unless the caller allows it (`--allow-outside`).
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** The folders a scenario may read from: the working directory and the named file's folder. */
export interface ReadRoots {
  readonly cwd: string;
  readonly namedFolder: string;
}

export function readRoots(namedFile: string, cwd: string): ReadRoots {
  return { cwd: resolve(cwd), namedFolder: dirname(resolve(cwd, namedFile)) };
}

/** `path` itself, or where its symbolic links lead when it exists. */
function real(path: string): string {
  try {
    return existsSync(path) ? realpathSync(path) : path;
  } catch {
    return path;
  }
}

function inside(path: string, folder: string): boolean {
  const step = relative(folder, path);
  return step === '' || (!step.startsWith('..') && !isAbsolute(step));
}

/** Where `path` really points (links followed) when that lies outside every root, else undefined. */
export function outsideOf(path: string, roots: ReadRoots): string | undefined {
  const target = real(resolve(path));
  return [roots.cwd, roots.namedFolder].some((folder) => inside(target, real(folder))) ? undefined : target;
}
