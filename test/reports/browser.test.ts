/**
 * report.html in a real browser: Debian's chromium driven by playwright-core, opened from disk
 * with the network off. Skipped (with the reason in its name) where /usr/bin/chromium (or
 * $CHROMIUM_PATH) is missing; CI installs it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../reports/write.js';
import { CHROMIUM as CHROMIUM_PATH, CHROMIUM_AVAILABLE, CHROMIUM_SKIP_REASON, launchOfflineChromium } from '../support/chromium.js';
import { EVIL, ROOT, compareFixture, experimentDir, mcFixture, sweepFixture, tempDir, writeRunDir } from './helpers.js';

const CHROMIUM = CHROMIUM_PATH;
const AVAILABLE = CHROMIUM_AVAILABLE;
const SCREENSHOTS = join(ROOT, 'test/reports/__screenshots__');
const reason = CHROMIUM_SKIP_REASON;
if (!AVAILABLE) console.warn(`report browser tests${reason}`);

const temp = tempDir('gbsim-browser-');
let context: BrowserContext;
/** Requests that tried to leave the disk (each is aborted). */
let offDisk: string[] = [];

beforeAll(async () => {
  if (!AVAILABLE) return;
  const browser = await launchOfflineChromium();
  context = browser.context;
  offDisk = browser.offDisk;
  afterAll(() => browser.close());
}, 60_000);

/** Opens a report and waits for every chart; collects console errors, page errors and dialogs. */
async function open(dir: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  await page.waitForFunction("[...document.querySelectorAll('figure.chart')].every((figure) => figure.hasAttribute('data-rendered'))", null, { timeout: 20_000 });
  return { page, problems };
}

/** Per chart: whether it drew an SVG with at least one data mark. (Page code is a string: no DOM types here.) */
async function drawnCharts(page: Page): Promise<Record<string, boolean>> {
  return (await page.evaluate(`Object.fromEntries([...document.querySelectorAll('figure.chart')].map((figure) => [
    figure.id,
    figure.querySelector('svg .role-mark path, svg .role-mark rect, svg .role-mark line, canvas') !== null,
  ]))`)) as Record<string, boolean>;
}

it.runIf(process.env.CI === 'true')('has chromium in CI, where .ci/run installs it (the browser test must not be skipped there)', () => {
  expect(AVAILABLE, `${CHROMIUM} is missing`).toBe(true);
});

describe.skipIf(!AVAILABLE)(`report.html in headless chromium, offline${reason}`, () => {
  let runDir: string;
  beforeAll(async () => {
    runDir = writeRunDir(join(temp, 'china'));
    await writeReport(runDir);
  }, 60_000);

  it('draws every chart of a run with no console or page errors and no request off the disk, and looks right in a screenshot', async () => {
    const { page, problems } = await open(runDir);
    expect(problems).toEqual([]);
    expect(offDisk).toEqual([]);
    const drawn = await drawnCharts(page);
    expect(Object.keys(drawn)).toEqual(['chart-market-share', 'chart-events', 'chart-pickup-points', 'chart-cash-runway', 'chart-orders-gmv', 'chart-concentration']);
    expect(Object.values(drawn).every(Boolean)).toBe(true);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'run-report.png'), fullPage: true });
    await page.close();
  });

  it('picks a player out when its legend entry is clicked, fading the others', async () => {
    const { page, problems } = await open(runDir);
    const opacities = async () =>
      (await page.evaluate(
        "[...document.querySelectorAll('#chart-market-share .mark-area.role-mark path')].map((path) => Number(path.getAttribute('opacity') ?? '1'))",
      )) as number[];
    const before = await opacities();
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((o) => o > 0.5)).toBe(true);
    await page.locator('#chart-market-share .role-legend-symbol path').first().click();
    await page.waitForTimeout(200);
    const after = await opacities();
    expect(after.filter((o) => o > 0.5)).toHaveLength(1);
    expect(after.filter((o) => o < 0.5).length).toBe(before.length - 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'run-legend-picked.png'), clip: { x: 0, y: 0, width: 1200, height: 900 } });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a tooltip with the values of the mark under the pointer', async () => {
    const { page, problems } = await open(runDir);
    await page.locator('#chart-concentration').scrollIntoViewIfNeeded();
    const target = await page.locator('#chart-concentration .mark-symbol.role-mark path').nth(20).boundingBox();
    await page.mouse.move(target!.x + target!.width / 2, target!.y + target!.height / 2);
    await expect.poll(() => page.locator('#gbsim-tooltip').isVisible()).toBe(true);
    expect(await page.locator('#gbsim-tooltip').textContent()).toMatch(/HHI.*Top-3 share \(CR3\)/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['mc', () => experimentDir(join(temp, 'e'), 'mc.json', mcFixture()), 4],
    ['compare', () => experimentDir(join(temp, 'e'), 'compare.json', compareFixture()), 1],
    ['sweep', () => experimentDir(join(temp, 'e'), 'sweep.json', sweepFixture(2)), 1],
  ] as const)('draws every chart of a %s report with no errors', async (kind, makeDir, charts) => {
    const dir = makeDir();
    await writeReport(dir);
    const { page, problems } = await open(dir);
    expect(problems).toEqual([]);
    const drawn = await drawnCharts(page);
    expect(Object.values(drawn)).toEqual(Array(charts).fill(true));
    await page.screenshot({ path: join(SCREENSHOTS, `${kind}-report.png`), fullPage: true });
    await page.close();
  });

  it('runs no script from a player named like one', async () => {
    const result = mcFixture();
    result.players[0]!.name = EVIL;
    const dir = experimentDir(join(temp, 'evil'), 'mc.json', result);
    await writeReport(dir);
    const { page, problems } = await open(dir);
    expect(problems).toEqual([]);
    expect(await page.locator('#summary').textContent()).toContain('</script><script>alert(1)</script>');
    await page.close();
  });
});
