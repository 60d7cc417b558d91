/**
 * Updating in place from every landed storage format (docs/storage.md), in Firefox (Debian's
 * firefox-esr over WebDriver BiDi; harness/firefox.ts): what storage-update.e2e.ts checks in
 * Chromium, every format in one browser session. For each fixture database
 * (tests/fixtures/idb/v<N>.json):
 * - a stand-in of an old build (storage-update-support.ts) is the installed add-on, under the
 *   build's gecko id and so its fixed `moz-extension://` UUID; its event page only opens seed.html
 *   and options.html, and seed.html writes the fixture in the add-on's origin; a Jira issue and a
 *   Salesforce record are open;
 * - the current build is installed over it as a temporary add-on with the same id and a higher
 *   version: for Firefox an update of the installed add-on, which keeps its origin and IndexedDB.
 *   Afterwards:
 * - the options page left open is gone (Firefox closes the pages the replaced add-on's scripts ran
 *   in) or, where kept, asks to be reloaded (components/Stale/StaleNotice.tsx);
 * - the options page, opened again, runs the current build and counts every person, team, need and
 *   link; the background answers with the fixture's revision, settings and every local entity;
 * - the Jira and Salesforce tabs, loaded again, show their need in the panel.
 * Then the add-on is uninstalled, which wipes its storage (the next seed refuses a database left
 * over), and the stand-in is installed again for the next format.
 *
 * BiDi refuses to open `moz-extension://` pages, so the extension opens them. seed.html uses
 * IndexedDB and no extension API, so Firefox has no extension context in it to close with the old
 * add-on: it stays open across the update, and going from it to options.html (`location.assign`)
 * loads the current build's page.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.firefox.config.ts tests/e2e/firefox-storage-update.e2e.ts
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askIn, FIREFOX_TIMEOUT, pollIn, waitForPanelIn } from './firefox-support';
import { projectRoot } from './harness/browser';
import {
  type FirefoxExtension,
  firefoxExtensionDir,
  geckoId,
  launchFirefoxWithExtension,
} from './harness/firefox';
import { fixtureSite } from './harness/hosts';
import {
  expectEverythingKept,
  expectedCounts,
  FIXTURE_NAMES,
  makeStandIn,
  NEED_OF,
  readIdbFixture,
  UPDATE_TABS,
  writeFixtureDatabase,
} from './storage-update-support';

/** The old build's event page: it opens the pages BiDi may not, and leaves the database alone. */
const STAND_IN_BACKGROUND = `// an older build: it only keeps the database
browser.tabs.create({ url: 'seed.html' });
browser.tabs.create({ url: 'options.html' });
`;

/** The version the current build's manifest names (any real one is above the stand-in's 0.0.1). */
const buildVersion = () =>
  (JSON.parse(readFileSync(path.join(firefoxExtensionDir(), 'manifest.json'), 'utf8')) as { version: string })
    .version;

const collapsedIn = (page: Page) =>
  page.evaluate(() =>
    document.querySelector('tandem-panel, [data-tandem-panel]')?.getAttribute('data-collapsed'),
  );

describe('Firefox: updating in place from every landed storage format', () => {
  let firefox: FirefoxExtension;
  let standInDir: string;
  let id: string;

  beforeAll(async () => {
    standInDir = makeStandIn(firefoxExtensionDir(), { scripts: ['seed-background.js'] }, STAND_IN_BACKGROUND);
    id = geckoId(standInDir);
    firefox = await launchFirefoxWithExtension({
      extensionDir: standInDir,
      // Uninstalling between formats would otherwise drop the fixed UUID, and with it the origin.
      prefs: { 'extensions.webextensions.keepUuidOnUninstall': true },
    });
    for (const host of UPDATE_TABS) {
      firefox.serveHost(host.origin, fixtureSite(path.join(projectRoot, 'tests/fixtures', host.folder)));
    }
  });

  afterAll(async () => {
    await firefox?.close();
    if (standInDir) rmSync(standInDir, { recursive: true, force: true });
  });

  for (const [index, name] of FIXTURE_NAMES.entries()) {
    describe(`from ${name}`, () => {
      const fixture = readIdbFixture(name);
      let seeder: Page;
      let oldOptions: Page;
      let tabs: Page[];

      beforeAll(async () => {
        if (index > 0) {
          // A clean old build for this format: uninstalling wipes the add-on's storage.
          await firefox.browser.uninstallExtension(id);
          await firefox.browser.installExtension(standInDir);
        }
        seeder = await firefox.extensionPage('seed.html');
        oldOptions = await firefox.extensionPage('options.html');
        await seeder.evaluate(writeFixtureDatabase, fixture);
        tabs = [];
        for (const host of UPDATE_TABS) {
          const page = await firefox.newPage();
          await page.goto(host.ready.url);
          tabs.push(page);
        }
        expect(await firefox.browser.installExtension(firefoxExtensionDir())).toBe(id);
      });

      afterAll(async () => {
        for (const page of [...(tabs ?? []), seeder, oldOptions]) await page?.close().catch(() => undefined);
      });

      it('the options page left open is closed with the old add-on, or asks to be reloaded', async () => {
        const gone = async () => !(await oldOptions.evaluate(() => true).catch(() => false));
        const stale = () =>
          oldOptions.evaluate(() => document.querySelector('[data-testid="options-stale"]') !== null);
        await pollIn('the old options page closed or stale', async () => (await gone()) || (await stale()));
        console.info(`the options page left open was ${(await gone()) ? 'closed' : 'kept'} by the update`);
      });

      it('the options page, opened again, counts every person, team, need and link, and keeps every setting', async () => {
        await seeder.evaluate(() => location.assign('/options.html'));
        const counts = await seeder.waitForSelector('[data-testid="catalog-counts"]', {
          timeout: FIREFOX_TIMEOUT,
        });
        expect(await seeder.evaluate(() => location.pathname)).toBe('/options.html');
        const version = await seeder.evaluate(
          () =>
            (
              globalThis as unknown as { browser: { runtime: { getManifest(): { version: string } } } }
            ).browser.runtime.getManifest().version,
        );
        expect(version, 'the current build, not the stand-in').toBe(buildVersion());
        // The counts appear once the catalog is read; an empty line first would be a lost catalog.
        await pollIn(
          `the counts ${expectedCounts(fixture)}`,
          async () => (await counts?.evaluate((element) => element.textContent)) === expectedCounts(fixture),
        );
        await expectEverythingKept(<T>(message: object) => askIn<T>(seeder, message), fixture);
      });

      it('the Jira and Salesforce tabs show their need again', async () => {
        for (const [i, page] of tabs.entries()) {
          const host = UPDATE_TABS[i];
          if (!host) continue;
          await page.reload();
          await waitForPanelIn(
            page,
            `${host.ready.record} after the update`,
            (panel) => panel.record === host.ready.record && panel.state === 'ready',
          );
          // The fixtures' settings keep the panel collapsed on Jira Cloud: open it to see the need.
          if ((await collapsedIn(page)) === 'true') {
            const tab = await page.waitForSelector('pierce/button.tab[aria-expanded="false"]', {
              timeout: FIREFOX_TIMEOUT,
            });
            await tab?.click();
          }
          const panel = await waitForPanelIn(
            page,
            `${host.ready.record} expanded`,
            (state) => state.needIds.length > 0,
          );
          expect(panel.needIds).toContain(NEED_OF[host.host]);
          expect(panel.count).toBe(1);
        }
      });
    });
  }

  it('sent nothing off the machine', () => {
    expect(firefox.blocked).toEqual([]);
  });
});
