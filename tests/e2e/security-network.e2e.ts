/**
 * Network (docs/security.md, "Trust boundaries"): one full session, every request the browser makes recorded from the
 * first page on (pages, extension pages, content scripts, the service worker, workers, sockets):
 * a catalog imported in the options page, a shared catalog added and refreshed against the
 * loopback catalog server, every host page with its panel, the link picker, the popup's search,
 * the settings, privacy and export views. Nothing may go anywhere but the host fixtures (each
 * page's own origin, REST included, always same-origin from the page that shows it) and the
 * configured catalog URL, which only the service worker fetches. Chromium's own traffic is stopped
 * by the launcher's host-resolver rules; the catch-all route reports anything else that was tried.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/security-network.e2e.ts
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogServer, startCatalogServer } from './harness/catalog-server';
import { blockedRequests, servedOrigins } from './harness/hosts';
import { expectOnlyAllowedRequests, isCatalogStatusRead } from './harness/network';
import { AVAILABLE_HOSTS, DEMO_CATALOG, showing, waitForPanel } from './panel-support';
import {
  ask,
  extensionProblems,
  importThroughOptions,
  type SecuritySession,
  startSecuritySession,
  TIMEOUT,
  tempFile,
} from './security-support';

/** API paths of the hosts we imitate (REST reads the adapters make). */
const API = /^\/(rest|api|services\/data|services\/apexrest)\//;

describe('network: a full session sends nothing but to the hosts, same-origin, and the catalog URL', () => {
  let session: SecuritySession;
  let server: CatalogServer;
  let catalogUrl: string;
  /** What the database held before the host pages were visited, and after. */
  const stored: unknown[] = [];

  beforeAll(async () => {
    server = await startCatalogServer();
    const shared = JSON.parse(readFileSync(DEMO_CATALOG, 'utf8')) as Record<string, unknown>;
    // The shared catalog: the demo catalog's people and teams under other ids, so layers differ.
    const text = JSON.stringify(shared).replace(/"(p|t|n|l)-/g, '"$1-shared-');
    server.set('/tandem.json', { ...JSON.parse(text), name: 'Shared demo catalog' });
    catalogUrl = server.url('/tandem.json');
    session = await startSecuritySession({ trap: false });
    await session.browser.context.route(
      (url) => url.origin === server.origin,
      (route) => route.continue(),
    );
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('runs a whole session: import, shared catalog, every host, popup, settings, privacy, export', async () => {
    const { browser } = session;
    const step = (what: string) => console.info(`network session: ${what}`);
    expect(
      await importThroughOptions(session, tempFile('network-demo.json', readFileSync(DEMO_CATALOG, 'utf8'))),
    ).toMatch(/needs/);
    step('imported');
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html#sources'));
    await options.locator('[data-testid="source-url-input"]').fill(catalogUrl);
    await options.locator('[data-testid="source-add"]').click();
    const row = options.locator('[data-testid="source-row"]').first();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: TIMEOUT }).toBe('ok');
    await row.locator('[data-testid="source-refresh"]').click();
    await expect.poll(() => server.requests.length, { timeout: TIMEOUT }).toBeGreaterThanOrEqual(2);

    step('shared catalog added and refreshed');
    const storedNow = async () =>
      (await ask<{ report: { database: unknown } }>(options, { type: 'privacy.report' })).report.database;
    stored.push(await storedNow());
    for (const host of AVAILABLE_HOSTS) {
      step(host.host);
      const page = await browser.context.newPage();
      await page.goto(host.ready.url);
      await waitForPanel(page, `${host.ready.record} ready`, showing(host.ready.record, 'ready'));
      await page.goto(host.empty.url);
      await waitForPanel(
        page,
        `${host.empty.record} empty`,
        (p) => p.record === host.empty.record && p.state === 'empty',
      );
      if (host.host === 'jira-cloud') {
        await page.locator('tandem-panel [data-testid="tandem-link-action"]').click();
        await page.locator('tandem-panel input[role="combobox"]').first().fill('re');
        await page.locator('tandem-panel [role="option"]').first().waitFor({ timeout: TIMEOUT });
      }
      await page.close();
    }

    stored.push(await storedNow());
    step('popup');
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    await popup.locator('[data-testid="popup-search"]').fill('reorder');
    await popup.locator('[data-testid="search-result"]').first().waitFor({ timeout: TIMEOUT });
    await popup.close();

    for (const view of ['settings', 'privacy', 'people', 'overview']) {
      await options.goto(browser.extensionUrl(`options.html#${view}`));
      await options.locator(`[data-testid="options-view"][data-view="${view}"]`).waitFor();
    }
    step('export');
    const download = options.waitForEvent('download');
    await options.locator('[data-testid="export-json-merged"]').click();
    await download;
    await options.close();
  }, 120_000);

  it('kept nothing from the pages it read: the database is as it was before the visits', () => {
    // Shared machines: what a page or its REST API showed is never written to the profile.
    expect(stored).toHaveLength(2);
    expect(stored[1]).toEqual(stored[0]);
  });

  it('sent nothing but to the host fixtures and the configured catalog URL', () => {
    const allowed = [...AVAILABLE_HOSTS.map((host) => host.origin), server.origin];
    expectOnlyAllowedRequests(session.network, allowed);
    expect(blockedRequests(session.browser.context), 'requests the catch-all had to stop').toEqual([]);
    expect(servedOrigins(session.browser.context).sort()).toEqual(
      AVAILABLE_HOSTS.map((host) => host.origin).sort(),
    );
  });

  it('fetched the catalog URL only from the service worker, and only that URL', () => {
    const toServer = session.network.entries.filter((entry) => entry.url.startsWith(server.origin));
    expect(toServer.length).toBeGreaterThanOrEqual(2);
    for (const entry of toServer) {
      expect(entry.source, entry.url).toBe('service-worker');
      expect(entry.url).toBe(catalogUrl);
    }
    expect(
      server.requests.every((request) => request.method === 'GET' && request.path === '/tandem.json'),
    ).toBe(true);
  });

  it('read host REST APIs only same-origin, from the page that shows the record', () => {
    const rest = session.network.entries.filter((entry) => {
      try {
        // The background's status reads from the catalog's Jira site are not page reads.
        return API.test(new URL(entry.url).pathname) && !isCatalogStatusRead(entry);
      } catch {
        return false;
      }
    });
    expect(rest.length, 'REST reads were made').toBeGreaterThan(0);
    const crossOrigin = rest.filter(
      (entry) =>
        entry.source !== 'page' ||
        !entry.initiator ||
        new URL(entry.initiator).origin !== new URL(entry.url).origin,
    );
    expect(crossOrigin).toEqual([]);
  });

  it('made no http request from an extension page, and none from a host page to another origin', () => {
    const fromExtensionPages = session.network.entries.filter(
      (entry) =>
        entry.source === 'page' &&
        entry.initiator?.startsWith('chrome-extension://') &&
        /^https?:/.test(entry.url),
    );
    expect(fromExtensionPages).toEqual([]);
    const crossFromHosts = session.network.entries.filter((entry) => {
      if (entry.source !== 'page' || !entry.initiator || !/^https?:/.test(entry.initiator)) return false;
      return new URL(entry.initiator).origin !== new URL(entry.url).origin && /^https?:/.test(entry.url);
    });
    expect(crossFromHosts).toEqual([]);
    expect(session.network.entries.filter((entry) => entry.source === 'websocket')).toEqual([]);
    expect(extensionProblems(session)).toEqual([]);
  });
});
