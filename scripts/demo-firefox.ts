/**
 * The demo in Firefox (`npm run demo -- --firefox`): .output/firefox-mv2 installed in Debian's
 * firefox-esr as a temporary add-on over WebDriver BiDi (tests/e2e/harness/firefox.ts), the same
 * pages as the Chromium demo. BiDi cannot open the options page itself, so the catalog is imported
 * the user's way: the empty panel's link action opens the options page, where the file is chosen.
 * With a display the browser stays open; without one, screenshots go to
 * demo-screenshots/firefox-<name>.png.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { projectRoot } from '../tests/e2e/harness/browser';
import { launchFirefoxWithExtension, waitForFixtureIn } from '../tests/e2e/harness/firefox';
import { fixtureSite } from '../tests/e2e/harness/hosts';
import { CATALOG_PATH, DEMO_PAGES, fixtureDir, headed, ORIGINS, SCREENSHOT_DIR } from './demo-pages';

const FIREFOX_BUILD = path.join(projectRoot, '.output/firefox-mv2');

async function panelState(page: Page): Promise<string> {
  return page
    .waitForFunction(
      () => {
        const panel = document.querySelector('tandem-panel, [data-tandem-panel]');
        const value = panel?.getAttribute('data-state');
        return value && value !== 'loading' ? `${panel?.getAttribute('data-record')} ${value}` : '';
      },
      { timeout: 15_000 },
    )
    .then((handle) => handle.jsonValue())
    .then(String)
    .catch(() => 'no panel');
}

export async function runFirefoxDemo(): Promise<void> {
  const firefox = await launchFirefoxWithExtension({ extensionDir: FIREFOX_BUILD, headless: !headed });
  try {
    const pages = DEMO_PAGES.filter(([folder]) => existsSync(path.join(fixtureDir(folder), 'app.html')));
    for (const folder of new Set(pages.map(([folder]) => folder))) {
      const origin = ORIGINS[folder];
      if (origin) firefox.serveHost(origin, fixtureSite(fixtureDir(folder)));
    }
    // The empty panel's link action opens the options page; the catalog is imported there.
    const first = await firefox.newPage();
    await first.goto('https://acme.atlassian.net/browse/SHOP-142');
    await waitForFixtureIn(first, 'SHOP-142');
    const link = await first.waitForSelector('pierce/[data-testid="tandem-link-action"]', {
      timeout: 20_000,
    });
    await link?.click();
    const options = await firefox.extensionPage('options.html');
    const input = (await options.waitForSelector(
      '[data-testid="catalog-import"]',
    )) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(CATALOG_PATH);
    const result = await options.waitForSelector('[data-testid="import-result"]', { timeout: 20_000 });
    console.info(
      `Catalog import: ${(await result?.evaluate((element) => element.textContent ?? ''))?.trim()}`,
    );
    await first.close();

    if (!headed) await mkdir(SCREENSHOT_DIR, { recursive: true });
    for (const [folder, pathname, name] of pages) {
      const page = await firefox.newPage();
      await page.goto(`${ORIGINS[folder]}${pathname}`);
      await waitForFixtureIn(page).catch(() => undefined);
      const state = await panelState(page);
      if (headed) {
        console.info(`${name}: ${ORIGINS[folder]}${pathname} (panel: ${state})`);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const file = path.join(SCREENSHOT_DIR, `firefox-${name}.png`);
      await page.screenshot({ path: file as `${string}.png`, fullPage: true });
      console.info(`${name}: panel ${state} -> ${path.relative(projectRoot, file)}`);
      await page.close();
    }
    if (!headed) {
      await options.screenshot({ path: path.join(SCREENSHOT_DIR, 'firefox-options.png') as `${string}.png` });
      console.info('options: -> demo-screenshots/firefox-options.png');
      console.info(`Screenshots in ${SCREENSHOT_DIR}`);
    } else {
      console.info('Close the browser window (or press Ctrl+C) to end the demo.');
      await new Promise<void>((resolve) => {
        firefox.browser.on('disconnected', () => resolve());
        process.once('SIGINT', () => resolve());
      });
    }
    if (firefox.blocked.length > 0) {
      console.warn('Requests that were blocked (they would have left the machine):');
      for (const url of firefox.blocked) console.warn(`  ${url}`);
    }
  } finally {
    await firefox.close();
  }
}
