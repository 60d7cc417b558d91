/**
 * Demo: the built extension in Chromium, the demo catalog imported, and look-alike pages of each
 * host served under their real names from this machine (nothing goes to the network).
 *
 *   npm run demo                  (builds .output/chrome-mv3, then runs it in Chromium)
 *   npm run demo -- --firefox     (builds .output/firefox-mv2, then runs it in firefox-esr)
 *   npx tsx scripts/demo.ts [--firefox] --no-build   (with an existing build)
 *
 * With a display ($DISPLAY set) the browser stays open until you close it. Without one, each page
 * is saved as demo-screenshots/<name>.png and the script exits. TANDEM_DEMO_HEADLESS=1 forces the
 * screenshot mode even with a display.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchWithExtension, projectRoot } from '../tests/e2e/harness/browser';
import { fixtureSite, serveHost, waitForFixture } from '../tests/e2e/harness/hosts';
import { disallowedRequests, recordNetwork } from '../tests/e2e/harness/network';
import { CATALOG_PATH, DEMO_PAGES, fixtureDir, headed, ORIGINS, SCREENSHOT_DIR } from './demo-pages';

const firefox = process.argv.includes('--firefox');

async function importCatalog(page: Page, extensionUrl: (pathname: string) => string): Promise<string> {
  await page.goto(extensionUrl('options.html'));
  await page.locator('[data-testid="catalog-import"]').setInputFiles(CATALOG_PATH);
  const result = page.locator('[data-testid="import-result"]');
  await result.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(
    () => (document.querySelector('[data-testid="import-result"]')?.textContent ?? '').trim().length > 0,
    undefined,
    { timeout: 15_000 },
  );
  return ((await result.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits for the page's own rendering, then for Tandem's panel to settle; says what it saw. */
async function settle(page: Page): Promise<string> {
  const hasFixtureApi = await page
    .waitForFunction(() => '__fixture' in window, undefined, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (hasFixtureApi) await waitForFixture(page, undefined, 10_000).catch(() => undefined);
  else await page.waitForLoadState('networkidle').catch(() => undefined);
  const state = await page
    .waitForFunction(
      () => {
        const panel = document.querySelector('tandem-panel');
        const value = panel?.getAttribute('data-state');
        return value && value !== 'loading' ? `${panel?.getAttribute('data-record')} ${value}` : false;
      },
      undefined,
      { timeout: 10_000 },
    )
    .then((handle) => handle.jsonValue())
    .catch(() => 'no panel');
  // Let the panel's own transitions finish before a screenshot.
  await page.waitForTimeout(300);
  return String(state);
}

/** Screenshots of the extension's own pages, when the build has them. */
async function extensionPageShots(browser: ExtensionBrowser, options: Page): Promise<void> {
  await options.screenshot({ path: path.join(SCREENSHOT_DIR, 'options.png'), fullPage: true });
  console.info('options: -> demo-screenshots/options.png');
  if (!existsSync(path.join(browser.extensionDir, 'popup.html'))) {
    console.info('popup: not in this build (skipped)');
    return;
  }
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(browser.extensionUrl('popup.html'));
  await popup.waitForLoadState('networkidle').catch(() => undefined);
  await popup.screenshot({ path: path.join(SCREENSHOT_DIR, 'popup.png') });
  console.info('popup: -> demo-screenshots/popup.png');
}

async function run(browser: ExtensionBrowser): Promise<void> {
  const { context } = browser;
  const network = recordNetwork(context);

  // origin -> fixture folder, for the hosts whose fixture exists
  const served = new Map<string, string>();
  const pages: { origin: string; pathname: string; name: string }[] = [];
  const skipped = new Set<string>();
  for (const [folder, pathname, name] of DEMO_PAGES) {
    const origin = ORIGINS[folder];
    if (!origin) throw new Error(`No origin for fixture folder "${folder}" in ORIGINS`);
    if (!existsSync(path.join(fixtureDir(folder), 'app.html'))) {
      skipped.add(folder);
      continue;
    }
    served.set(origin, folder);
    pages.push({ origin, pathname, name });
  }
  for (const [origin, folder] of served) await serveHost(context, origin, fixtureSite(fixtureDir(folder)));
  if (skipped.size > 0) console.info(`No fixture yet for: ${[...skipped].join(', ')} (skipped)`);

  const options = await context.newPage();
  const imported = await importCatalog(options, browser.extensionUrl);
  console.info(`Extension ${browser.extensionId} from ${path.relative(projectRoot, browser.extensionDir)}`);
  console.info(`Catalog import: ${imported}`);

  if (!headed) await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const { origin, pathname, name } of pages) {
    const page = await context.newPage();
    await page.goto(origin + pathname);
    const state = await settle(page);
    if (headed) {
      console.info(`${name}: ${origin}${pathname} (panel: ${state})`);
    } else {
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.info(`${name}: panel ${state} -> ${path.relative(projectRoot, file)}`);
      await page.close();
    }
  }
  if (!headed) await extensionPageShots(browser, options);

  const offenders = disallowedRequests(network, [...served.keys()]);
  if (offenders.length > 0) {
    console.warn('Requests that were blocked (they would have left the machine):');
    for (const entry of offenders) console.warn(`  ${entry.method} ${entry.url} (${entry.source})`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(CATALOG_PATH)) throw new Error(`No demo catalog at ${CATALOG_PATH}`);
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync('npx', ['wxt', 'build', ...(firefox ? ['-b', 'firefox'] : [])], {
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('the build failed');
  }
  if (firefox) {
    // Loaded on demand: the Chromium demo never needs puppeteer.
    const { runFirefoxDemo } = await import('./demo-firefox');
    return runFirefoxDemo();
  }
  const browser = await launchWithExtension({
    headless: !headed,
    viewport: headed ? null : { width: 1440, height: 900 },
    args: headed ? ['--window-size=1440,960'] : [],
  });
  try {
    await run(browser);
    if (headed) {
      console.info('Close the browser window (or press Ctrl+C) to end the demo.');
      const closed = new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
      process.once('SIGINT', () => void browser.close());
      await closed;
    } else {
      console.info(`Screenshots in ${SCREENSHOT_DIR}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
