/**
 * Debian's chromium driven by playwright-core, for the browser tests: one persistent context with
 * the network off (every request that is not file: is aborted and recorded). Where
 * /usr/bin/chromium (or $CHROMIUM_PATH) is missing the tests are skipped; CI installs it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/** Debian's chromium; CHROMIUM_PATH names another build. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM);
/** Appended to a describe's name when chromium is missing. */
export const CHROMIUM_SKIP_REASON = CHROMIUM_AVAILABLE ? '' : ` (skipped: ${CHROMIUM} is not installed; apt-get install chromium)`;

export interface OfflineBrowser {
  context: BrowserContext;
  /** Requests that tried to leave the disk (each was aborted). */
  offDisk: string[];
  close(): Promise<void>;
}

/** Launches headless chromium with a fresh profile, offline. */
export async function launchOfflineChromium(viewport = { width: 1200, height: 900 }): Promise<OfflineBrowser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'gbsim-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const offDisk: string[] = [];
  await context.route('**', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    offDisk.push(url);
    return route.abort();
  });
  await context.setOffline(true);
  return {
    context,
    offDisk,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
