/**
 * The core flows in Firefox (Debian's firefox-esr, over WebDriver BiDi; harness/firefox.ts says how
 * Firefox differs and how the harness copes): from an empty catalog, the panel's link action opens
 * the options page (`runtime.openOptionsPage()`, the only way into an extension page BiDi allows),
 * the demo catalog is imported there, and the Jira Cloud issue and board, with SPA steps, show it.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/firefox-core.e2e.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInPanel, FIREFOX_TIMEOUT, waitForPanelIn } from './firefox-support';
import { projectRoot } from './harness/browser';
import {
  type FirefoxExtension,
  fixtureNavigateIn,
  launchFirefoxWithExtension,
  waitForFixtureIn,
} from './harness/firefox';
import { fixtureSite } from './harness/hosts';

const JIRA = 'https://acme.atlassian.net';
const CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');
const TIMEOUT = FIREFOX_TIMEOUT;

interface CatalogDoc {
  needs: { id: string; title: string }[];
}
const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as CatalogDoc;

describe('Firefox: catalog import through the options page, then Jira Cloud', () => {
  let firefox: FirefoxExtension;
  let jira: Page;
  let options: Page;

  beforeAll(async () => {
    firefox = await launchFirefoxWithExtension();
    firefox.serveHost(JIRA, fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud')));
    jira = await firefox.newPage();
  });

  afterAll(async () => {
    await firefox?.close();
  });

  it('with no catalog, the panel on SHOP-142 offers to set one up and opens the options page', async () => {
    await jira.goto(`${JIRA}/browse/SHOP-142`);
    await waitForFixtureIn(jira, 'SHOP-142');
    await waitForPanelIn(jira, 'an empty panel on SHOP-142', (p) => p.count === 1 && p.state === 'empty');
    await clickInPanel(jira, 'tandem-link-action');
    options = await firefox.extensionPage('options.html');
    expect(await options.evaluate(() => location.protocol)).toBe('moz-extension:');
  });

  it('imports the demo catalog in the options page', async () => {
    const input = await options.waitForSelector('[data-testid="catalog-import"]', { timeout: TIMEOUT });
    await (input as unknown as { uploadFile(file: string): Promise<void> }).uploadFile(CATALOG_PATH);
    const result = await options.waitForSelector('[data-testid="import-result"]', { timeout: TIMEOUT });
    await options.waitForFunction(
      (count) => (document.querySelector('[data-testid="import-result"]')?.textContent ?? '').includes(count),
      { timeout: TIMEOUT },
      String(catalog.needs.length),
    );
    expect(await result?.evaluate((element) => element.getAttribute('data-outcome'))).toBe('imported');
  });

  it('shows the need on SHOP-142 at once (catalog.changed reaches the open tab)', async () => {
    const panel = await waitForPanelIn(jira, 'the ready panel on SHOP-142', (p) => p.state === 'ready');
    expect(panel.count).toBe(1);
    expect(panel.needIds).toContain('n-reorder');
    for (const href of panel.charterLinks) expect(href).toMatch(/^https:\/\//);
  });

  it('follows SPA steps: another issue, the board, back to the issue', async () => {
    await fixtureNavigateIn(jira, '/browse/SHOP-143');
    await waitForFixtureIn(jira, 'SHOP-143');
    await waitForPanelIn(
      jira,
      'the panel on SHOP-143',
      (p) => p.record === 'SHOP-143' && p.state === 'ready',
    );
    await fixtureNavigateIn(jira, '/browse/SHOP-142');
    await waitForFixtureIn(jira, 'SHOP-142');
    const back = await waitForPanelIn(jira, 'the panel back on SHOP-142', (p) => p.record === 'SHOP-142');
    expect(back.count).toBe(1);
    expect(firefox.blocked).toEqual([]);
  });
});
