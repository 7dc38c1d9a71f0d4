/** Runs the compiled CLI as a user would (`node bin/gbsim.js ...`), failing loudly on a non-zero exit. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function gbsimProcess(args: string[]): void {
  if (!existsSync(join(ROOT, 'dist/sim/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm ci does it) first');
  const child = spawnSync(process.execPath, ['bin/gbsim.js', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`gbsim ${args[0]} failed (${child.status}): ${child.stderr}`);
}
