/**
 * Updating in place from every landed storage format (docs/storage.md), in Chromium:
 * a profile holds a database written in that format (tests/fixtures/idb/v<N>.json, loaded in the
 * extension's own origin by a stand-in build that only writes it), with Jira and Salesforce tabs and
 * an options page open; then the current build replaces the files in the same folder, with a higher
 * version, and the extension reloads from disk as an update does. Afterwards:
 * - the options page left open is gone (Chromium closes an extension's pages when it reloads it)
 *   or, where a browser keeps it, asks to be reloaded (components/Stale/StaleNotice.tsx);
 * - a fresh options page counts every person, team, need and link, and the settings are all there;
 * - the Jira and Salesforce tabs, loaded again, show their need in the panel.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/storage-update.e2e.ts
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eExtensionDir } from './harness/browser';
import { type HostPage, panelState, showing, waitForPanel } from './panel-support';
import { ask, type SecuritySession, startSecuritySession, TIMEOUT } from './security-support';
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

/** The folder the browser loads: first a stand-in of the old build that only writes the fixture. */
function standIn(): string {
  return makeStandIn(
    e2eExtensionDir(),
    { type: 'module', service_worker: 'seed-background.js' },
    '// an older build: it only keeps the database\n',
  );
}

/** The update: the current build's files in the same folder, with a version above the old one's. */
function update(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
  cpSync(e2eExtensionDir(), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.version = '9.0.0';
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
}

for (const name of FIXTURE_NAMES) {
  describe(`updating in place from ${name}`, () => {
    const fixture = readIdbFixture(name);
    let session: SecuritySession;
    let dir: string;
    let oldOptions: Page;
    let tabs: Page[];

    beforeAll(async () => {
      dir = standIn();
      session = await startSecuritySession({
        hosts: UPDATE_TABS,
        trap: false,
        reloadable: true,
        extensionDir: dir,
      });
      const seeder = await session.browser.context.newPage();
      await seeder.goto(session.browser.extensionUrl('seed.html'));
      await seeder.evaluate(writeFixtureDatabase, fixture);
      tabs = [];
      for (const host of UPDATE_TABS) {
        const page = await session.browser.context.newPage();
        await page.goto(host.ready.url);
        tabs.push(page);
      }
      oldOptions = await session.browser.context.newPage();
      await oldOptions.goto(session.browser.extensionUrl('options.html'));

      update(dir);
      const next = session.browser.context.waitForEvent('serviceworker', { timeout: 30_000 });
      await seeder
        .evaluate(() =>
          (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
        )
        .catch(() => undefined);
      await next;
    });

    afterAll(async () => {
      await session?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('the options page left open is closed with the old extension, or asks to be reloaded', async () => {
      // Chromium may close it with the old extension: then nothing stale is left to ask.
      console.info(
        `the options page left open was ${oldOptions.isClosed() ? 'closed' : 'kept'} by the update`,
      );
      if (oldOptions.isClosed()) return;
      await expect
        .poll(async () => oldOptions.locator('[data-testid="options-stale"]').count(), { timeout: TIMEOUT })
        .toBe(1);
      expect(await oldOptions.locator('[data-testid="options-stale"]').textContent()).toContain(
        'Reload this page',
      );
    });

    it('a new options page counts every person, team, need and link, and keeps every setting', async () => {
      const options = await session.browser.context.newPage();
      await options.goto(session.browser.extensionUrl('options.html'));
      const counts = options.locator('[data-testid="catalog-counts"]');
      await counts.waitFor({ timeout: TIMEOUT });
      expect(await counts.textContent()).toBe(expectedCounts(fixture));
      await expectEverythingKept(<T>(message: object) => ask<T>(options, message), fixture);
      await options.close();
    });

    it('the Jira and Salesforce tabs show their need again', async () => {
      for (const [i, page] of tabs.entries()) {
        const host = UPDATE_TABS[i] as HostPage;
        await page.reload();
        const shown = await waitForPanel(
          page,
          `${host.ready.record} after the update`,
          showing(host.ready.record, 'ready'),
        );
        // The fixtures' settings keep the panel collapsed on Jira Cloud: open it to see the need.
        if (shown.collapsed === 'true')
          await page.locator('tandem-panel button.tab[aria-expanded="false"]').click();
        const panel = await waitForPanel(
          page,
          `${host.ready.record} expanded`,
          (state) => state.needIds.length > 0,
        );
        expect(panel.needIds).toContain(NEED_OF[host.host]);
        expect((await panelState(page)).count).toBe(1);
      }
    });
  });
}
