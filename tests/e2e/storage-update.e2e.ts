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
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eExtensionDir, projectRoot } from './harness/browser';
import { AVAILABLE_HOSTS, type HostPage, panelState, showing, waitForPanel } from './panel-support';
import { ask, type SecuritySession, startSecuritySession, TIMEOUT } from './security-support';

const FIXTURES = path.join(projectRoot, 'tests/fixtures/idb');
const NAMES = readdirSync(FIXTURES)
  .map((file) => /^(v\d+(?:-\w+)?)\.json$/.exec(file)?.[1])
  .filter((name): name is string => name !== undefined)
  .sort();
const TABS = AVAILABLE_HOSTS.filter((host) => host.host === 'jira-cloud' || host.host === 'salesforce');
const NEED_OF: Record<string, string> = { 'jira-cloud': 'n-reorder', salesforce: 'n-alerts' };
const KINDS = ['people', 'teams', 'needs', 'links'] as const;

interface Fixture {
  database: string;
  version: number;
  stores: {
    name: string;
    keyPath?: string | string[];
    autoIncrement?: boolean;
    indexes?: { name: string; keyPath: string | string[] }[];
    records: unknown[];
  }[];
  expected: {
    revision: number;
    layers: Record<string, { document: Record<string, unknown[]> }>;
    settings: Record<string, unknown> | null;
  };
}

/** The folder the browser loads: first a stand-in of the old build that only writes the fixture. */
function standIn(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-update-'));
  cpSync(e2eExtensionDir(), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.version = '0.0.1';
  manifest.background = { type: 'module', service_worker: 'seed-background.js' };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(path.join(dir, 'seed-background.js'), '// an older build: it only keeps the database\n');
  writeFileSync(path.join(dir, 'seed.html'), '<!doctype html><title>seed</title>\n');
  return dir;
}

/** The update: the current build's files in the same folder, with a version above the old one's. */
function update(dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
  cpSync(e2eExtensionDir(), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.version = '9.0.0';
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
}

/** Writes the fixture in the extension's origin at its own version, with its own stores. */
async function seed(page: Page, fixture: Fixture): Promise<void> {
  await page.evaluate(
    (dump) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(dump.database, dump.version);
        request.onupgradeneeded = () => {
          for (const store of dump.stores) {
            const created = request.result.createObjectStore(store.name, {
              ...(store.keyPath !== undefined ? { keyPath: store.keyPath } : {}),
              ...(store.autoIncrement ? { autoIncrement: true } : {}),
            });
            for (const index of store.indexes ?? []) created.createIndex(index.name, index.keyPath);
            for (const record of store.records) created.add(record);
          }
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
    fixture,
  );
}

for (const name of NAMES) {
  describe(`updating in place from ${name}`, () => {
    const fixture = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
    let session: SecuritySession;
    let dir: string;
    let oldOptions: Page;
    let tabs: Page[];

    beforeAll(async () => {
      dir = standIn();
      session = await startSecuritySession({ hosts: TABS, trap: false, reloadable: true, extensionDir: dir });
      const seeder = await session.browser.context.newPage();
      await seeder.goto(session.browser.extensionUrl('seed.html'));
      await seed(seeder, fixture);
      tabs = [];
      for (const host of TABS) {
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
      const layers = Object.values(fixture.expected.layers);
      const total = (kind: (typeof KINDS)[number]) =>
        layers.reduce((sum, layer) => sum + (layer.document[kind]?.length ?? 0), 0);
      const counts = options.locator('[data-testid="catalog-counts"]');
      await counts.waitFor({ timeout: TIMEOUT });
      expect(await counts.textContent()).toBe(
        `${total('people')} people · ${total('teams')} teams · ${total('needs')} needs · ${total('links')} links`,
      );
      const summary = await ask<{ ok: boolean; summary: { revision: number } }>(options, {
        type: 'catalog.summary',
      });
      expect(summary.summary.revision).toBe(fixture.expected.revision);
      const settings = await ask<{ ok: boolean; settings: Record<string, unknown> }>(options, {
        type: 'settings.get',
      });
      expect(settings.ok).toBe(true);
      if (fixture.expected.settings) expect(settings.settings).toMatchObject(fixture.expected.settings);
      const exported = await ask<{ ok: boolean; text: string }>(options, {
        type: 'catalog.export',
        scope: 'local',
        format: 'json',
      });
      const local = JSON.parse(exported.text) as Record<string, { id?: string }[]>;
      const expectedLocal = fixture.expected.layers.local?.document as Record<string, { id?: string }[]>;
      for (const kind of KINDS)
        expect(local[kind]?.map((item) => item.id).sort(), kind).toEqual(
          expectedLocal[kind]?.map((item) => item.id).sort(),
        );
      await options.close();
    });

    it('the Jira and Salesforce tabs show their need again', async () => {
      for (const [i, page] of tabs.entries()) {
        const host = TABS[i] as HostPage;
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
