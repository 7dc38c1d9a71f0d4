/**
 * explorer.html in a real browser (Debian's chromium through playwright-core, one launch for the
 * whole file), opened from disk with the network off. The page's answers are compared with
 * `gbsim run` of the YAML the page exports, at test time: no stored numbers. Skipped where
 * chromium is missing (CI installs it).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultExplorerFiles } from '../../reports/explorer/scenarios.js';
import { runCli } from '../../sim/cli/main.js';
import { explorables, type Explorable } from '../../sim/scenario/explore.js';
import { loadScenarioSync } from '../../sim/scenario/load.js';
import { CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, launchOfflineChromium, type OfflineBrowser } from '../support/chromium.js';
import { ROOT, tempFolder } from '../scenario/helpers.js';

const SCREENSHOTS = join(ROOT, 'test/reports/__screenshots__');
const workspace = tempFolder();
const html = join(workspace.dir, 'explorer.html');
const FILES = defaultExplorerFiles();
let browser: OfflineBrowser;

async function gbsim(cwd: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const status = await runCli(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
    return { status, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

beforeAll(async () => {
  if (!CHROMIUM_AVAILABLE) return;
  const made = await gbsim(workspace.dir, 'explore', '--out', 'explorer.html', '--no-open');
  expect(made.stderr).toBe('');
  expect(made.status).toBe(0);
  browser = await launchOfflineChromium({ width: 1400, height: 1000 });
  mkdirSync(SCREENSHOTS, { recursive: true });
  afterAll(() => browser.close());
}, 120_000);

/** A slider position `fraction` of the way along its range, on its step. */
function positionAt(item: Explorable, fraction: number): number {
  const raw = item.min + fraction * (item.max - item.min);
  const steps = Math.round((raw - item.min) / item.step);
  return Number((item.min + steps * item.step).toPrecision(12));
}

function settingText(item: Explorable, position: number): string {
  return item.kind === 'date' ? new Date(position * 86_400_000).toISOString().slice(0, 10) : String(position);
}

/** Opens the page (with a URL hash) and waits for the model to be ready; collects problems. */
async function open(hash: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${pathToFileURL(html).href}${hash}`);
  await page.locator('body[data-loaded]').waitFor({ state: 'attached', timeout: 30_000 });
  return { page, problems };
}

/** Waits until `expression` (evaluated in the page) is true: signs of progress, no fixed sleep. */
async function until(page: Page, expression: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function downloadText(page: Page, selector: string, dir: string, name: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(dir, name);
  await download.saveAs(path);
  return readFileSync(path);
}

it.runIf(process.env.CI === 'true')('has chromium in CI, where .ci/run installs it (the explorer test must not be skipped there)', () => {
  expect(CHROMIUM_AVAILABLE).toBe(true);
});

describe.skipIf(!CHROMIUM_AVAILABLE)(`explorer.html in headless chromium, offline${CHROMIUM_SKIP_REASON}`, () => {
  it.each(FILES.map((file) => [basename(file, '.yaml'), file]))(
    'gives %s the summary.json of `gbsim run` on the YAML it exports, byte for byte, with three sliders moved (a cash, the last one, the density benefit off whole numbers) and seed 7',
    async (key, file) => {
      const loaded = loadScenarioSync(file);
      if (!loaded.ok) throw new Error(`${file} does not load`);
      const sliders = explorables(loaded.scenario);
      const first = sliders[0]!;
      const last = sliders[sliders.length - 1]!;
      const density = sliders.find((s) => s.path === 'demand.logit.betaDensity')!;
      const moves: Array<[Explorable, number]> = [
        [first, positionAt(first, 0.37)],
        [last, positionAt(last, 0.6)],
        [density, positionAt(density, 0.43)],
      ];
      const hash = `#${new URLSearchParams([['scenario', key], ['seed', '7'], ...moves.map(([item, at]): [string, string] => ['set', `${item.path}=${settingText(item, at)}`])]).toString()}`;
      const { page, problems } = await open(hash);
      expect(await page.inputValue('#slider-0')).toBe(String(moves[0]![1]));
      await page.click('#to-end');
      await page.locator('#summary:not(:empty)').waitFor({ state: 'attached', timeout: 120_000 });
      const summary = (await page.textContent('#summary'))!;
      const dir = join(workspace.dir, key);
      mkdirSync(dir, { recursive: true });
      const yaml = (await downloadText(page, '#export-yaml', dir, `${key}-explorer.yaml`)).toString('utf8');
      expect(yaml).toContain('seed: 7');
      const run = await gbsim(dir, 'run', `${key}-explorer.yaml`, '--seed', '7', '--out', 'out');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(summary).toBe(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
      const highlighted = await page.locator('#chart-share path.series[stroke-width="3"]').count();
      expect(highlighted).toBe(Math.min(5, loaded.scenario.players.length));
      if (file.includes(`${join('scenarios', 'teaching')}`)) await page.screenshot({ path: join(SCREENSHOTS, `explorer-${key}.png`), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    },
    180_000,
  );

  it('plays, steps, runs 100 times, saves charts and reopens from its shared URL, all from file:// with the network off and keyboard-operable sliders', async () => {
    const { page, problems } = await open('#scenario=subsidy-war');
    expect(Number.parseFloat(await page.evaluate('getComputedStyle(document.body).fontSize'))).toBeGreaterThanOrEqual(16);
    for (const id of ['scenario', 'seed', 'speed', 'slider-0', 'runs']) {
      expect(await page.locator(`label[for="${id}"]`).count(), `label for #${id}`).toBe(1);
    }
    expect(await page.locator('#feed li').count()).toBe(0);

    // Move a slider with the keyboard: the run restarts from week 0 and the URL records it.
    const before = await page.inputValue('#slider-0');
    const run = await page.evaluate('document.body.dataset.loaded');
    await page.focus('#slider-0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await until(page, `document.body.dataset.loaded !== ${JSON.stringify(run)}`);
    const moved = await page.inputValue('#slider-0');
    expect(Number(moved)).toBeGreaterThan(Number(before));
    expect(decodeURIComponent(page.url())).toContain(`set=players.red.cashYuan=${moved}`);
    expect(await page.inputValue('#field-0')).toBe(moved);

    // Play at least 10 weeks, pause, then step once: every chart draws more, the feed has grown.
    await page.selectOption('#speed', '25');
    await page.click('#play');
    await until(page, 'Number(document.body.dataset.week) >= 10');
    await page.click('#play');
    await until(page, 'document.body.dataset.busy === "false"');
    const week = Number(await page.evaluate('document.body.dataset.week'));
    expect(week).toBeGreaterThanOrEqual(10);
    const feed = await page.locator('#feed li').count();
    expect(feed).toBeGreaterThan(0);
    const pathLengths = `[...document.querySelectorAll('figure.chart path.series')].map((p) => p.getAttribute('d').length)`;
    const lengthsBefore = (await page.evaluate(pathLengths)) as number[];
    await page.click('#step');
    await until(page, `document.body.dataset.week === "${week + 1}"`);
    const lengthsAfter = (await page.evaluate(pathLengths)) as number[];
    expect(lengthsAfter).toHaveLength(lengthsBefore.length);
    lengthsAfter.forEach((length, i) => expect(length).toBeGreaterThan(lengthsBefore[i]!));
    expect(await page.locator('#chart-share svg[data-weeks]').getAttribute('data-weeks')).toBe(String(week + 1));
    expect(await page.locator('#feed li').count()).toBeGreaterThanOrEqual(feed);
    expect(await page.locator('#tiles .tile').count()).toBe(2);

    // Charts as files.
    const svg = (await downloadText(page, '#chart-share .chart-tools button:nth-child(1)', workspace.dir, 'share.svg')).toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('class="series"');
    const png = await downloadText(page, '#chart-share .chart-tools button:nth-child(2)', workspace.dir, 'share.png');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');

    // Many runs: a survival probability with an interval for each player.
    await page.click('#replicate');
    await page.locator('#many[data-state="done"], #many[data-state="failed"]').waitFor({ state: 'attached', timeout: 120_000 });
    expect(await page.getAttribute('#many', 'data-state')).toBe('done');
    const cells = await page.locator('#survival tbody tr td:nth-child(2)').allTextContents();
    expect(cells).toHaveLength(2);
    for (const cell of cells) expect(cell).toMatch(/^\d+ of 100 \(\d+%\)$/);
    const intervals = await page.locator('#survival tbody tr td:nth-child(3)').allTextContents();
    for (const interval of intervals) expect(interval).toMatch(/^\d+% to \d+%$/);

    // The shared URL reopens the same experiment.
    const shared = page.url();
    const again = await browser.context.newPage();
    again.on('pageerror', (error) => problems.push(`page error (reopened): ${error.message}`));
    await again.goto(shared);
    await again.locator('body[data-loaded]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await again.inputValue('#scenario')).toBe('subsidy-war');
    expect(await again.inputValue('#slider-0')).toBe(moved);
    expect(await again.inputValue('#seed')).toBe(await page.inputValue('#seed'));

    expect(problems).toEqual([]);
    expect(browser.offDisk).toEqual([]);
    await again.close();
    await page.close();
  }, 240_000);
});
