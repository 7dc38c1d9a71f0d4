/**
 * Builds the explorer's two scripts with esbuild from the same `sim/` sources the CLI runs: the
 * model worker (worker.ts) and the page's interface (browser/app.ts), minified classic scripts. In the worker, sim/kernel/simjs.ts (which
 * loads simjs with a top-level await) is replaced by simjs-browser.ts, which loads the same classes
 * without one: a classic worker is the kind a page opened from file:// can start from a blob: URL.
 * The TypeScript sources sit next to this module in the repository (whether it runs from `dist/`
 * or from source), so the page always holds the model of this checkout.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ExplorerScripts {
  worker: string;
  app: string;
}

/** The repository's `reports/explorer` folder (this file's folder, or its source when run from dist/). */
function sourceFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromDist = resolve(here, '../../../reports/explorer');
  if (existsSync(join(here, 'worker.ts'))) return here;
  if (existsSync(join(fromDist, 'worker.ts'))) return fromDist;
  throw new Error(`the explorer's sources (reports/explorer/worker.ts) are missing next to ${here}`);
}

/** Bundles both scripts (about a second on a loaded machine). */
export async function buildExplorerScripts(): Promise<ExplorerScripts> {
  const { build } = await import('esbuild');
  const folder = sourceFolder();
  const bundle = async (entry: string): Promise<string> => {
    const result = await build({
      entryPoints: [join(folder, entry)],
      // Resolve from the sources' folder, not from the process's working directory (which may
      // have changed, or be gone, since esbuild's service started).
      absWorkingDir: folder,
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
      // seedrandom asks for Node's crypto inside a try block; the model never uses it (every stream is seeded).
      external: ['crypto'],
      plugins: [
        {
          name: 'simjs-without-top-level-await',
          setup(plugin) {
            plugin.onResolve({ filter: /^\.\/simjs\.js$/ }, (args) =>
              args.importer.endsWith(join('sim', 'kernel', 'kernel.ts')) || args.importer.endsWith(join('sim', 'kernel', 'kernel.js'))
                ? { path: join(folder, 'simjs-browser.ts') }
                : undefined,
            );
          },
        },
      ],
    });
    return result.outputFiles[0]!.text;
  };
  const [worker, app] = await Promise.all([bundle('worker.ts'), bundle('browser/app.ts')]);
  return { worker, app };
}
