/**
 * `gbsim explore [FILE..] [--out explorer.html] [--no-open]`: writes the explorer, one HTML file
 * that runs the model in the browser with sliders (see docs/explorer.md). Without FILE it holds
 * every teaching scenario and china-2020.
 */
import { defineCommand } from '../command.js';
import { UsageError } from '../errors.js';

export const exploreCommand = defineCommand({
  command: 'explore [files..]',
  describe: 'Write explorer.html: the market in a browser tab, with sliders (for classrooms)',
  examples: [
    ['gbsim explore', 'every teaching scenario and china-2020, in ./explorer.html, opened in a browser'],
    ['gbsim explore scenarios/teaching/subsidy-war.yaml --out war.html --no-open', 'one scenario; do not open a browser'],
    ['gbsim explore my.yaml --set players.red.cashYuan=9e8', 'start the sliders from an overridden value'],
  ],
  builder: (yargs) =>
    yargs
      .positional('files', { type: 'string', array: true, describe: 'scenario files (default: scenarios/teaching/*.yaml and scenarios/china-2020.yaml)' })
      .option('out', { type: 'string', default: 'explorer.html', requiresArg: true, describe: 'the page to write' })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite the page if it exists' })
      .option('open', { type: 'boolean', default: true, describe: 'open the page in a browser where one is available (--no-open: do not)' })
      .option('set', { type: 'string', requiresArg: true, describe: 'override a value in every scenario: path=value; repeatable' })
      .option('allow-outside', { type: 'boolean', default: false, describe: 'let extends and cellsCsv name files outside the working directory and the scenario\'s folder' }),
  run: async (args, context) => {
    const { existsSync } = await import('node:fs');
    const { resolve, relative } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const { explorerPageData, defaultExplorerFiles } = await import('../../../reports/explorer/scenarios.js');
    const { buildExplorerScripts } = await import('../../../reports/explorer/bundle.js');
    const { explorerHtml } = await import('../../../reports/explorer/page.js');
    const { writeFileAtomic } = await import('../../experiment/files.js');
    const out = resolve(context.cwd, args.out);
    if (existsSync(out) && !args.force) throw new UsageError(`${args.out} exists: pass --force to overwrite it`);
    const files = args.files && args.files.length > 0 ? args.files.map(String) : defaultExplorerFiles().map((file) => relative(context.cwd, file) || file);
    const sets = args.set === undefined ? [] : ([] as string[]).concat(args.set);
    const data = explorerPageData(files, { sets, cwd: context.cwd, allowOutside: args.allowOutside });
    const html = explorerHtml(data, await buildExplorerScripts());
    writeFileAtomic(out, html);
    const megabytes = (Buffer.byteLength(html) / 1e6).toFixed(2);
    context.io.stdout.write(`wrote ${args.out} (${data.scenarios.length} scenario${data.scenarios.length === 1 ? '' : 's'}, ${megabytes} MB): open ${pathToFileURL(out).href}\n`);
    if (args.open) {
      const { openInBrowser } = await import('../open.js');
      if (!openInBrowser(out)) context.io.stdout.write('no browser found to open it (pass --no-open to skip this)\n');
    }
  },
});
