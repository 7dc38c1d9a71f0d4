/**
 * What decides a replication besides its inputs: the simulator's own code. The identity is the
 * sha256 of gbsim's version, the exact versions of its dependencies (package.json), the Node
 * version and every source file of `sim/` this module ships with (the compiled `.js` under
 * `dist/`, or the `.ts` files when run through tsx). Any edit of the model changes it, even
 * without a new version number, so a cache keyed by it never serves a result of other code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GBSIM_VERSION } from './version.js';

let memo: string | undefined;

/** Hex sha256 of the code that runs replications (computed once per process). */
export function codeIdentity(): string {
  memo ??= computeIdentity();
  return memo;
}

function computeIdentity(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const simDir = dirname(here);
  const hash = createHash('sha256');
  hash.update(`gbsim ${GBSIM_VERSION}\nnode ${process.versions.node}\n`);
  hash.update(`dependencies ${dependencyVersions(simDir)}\n`);
  for (const file of sourceFiles(simDir)) {
    hash.update(`${relative(simDir, file).split(sep).join('/')}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Every `.ts`/`.js` file under `dir` (not declarations or maps), in a fixed order. */
function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The `dependencies` of gbsim's package.json (exact versions), as JSON. */
function dependencyVersions(start: string): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; dependencies?: Record<string, string> };
      if (pkg.name === 'gbsim') return JSON.stringify(pkg.dependencies ?? {});
    }
    dir = dirname(dir);
  }
  return '{}';
}
