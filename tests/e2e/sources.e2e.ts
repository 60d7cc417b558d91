/**
 * Shared catalogs end to end: the built extension in Debian's Chromium, a catalog server on
 * 127.0.0.1 (harness/catalog-server.ts, real HTTP with ETags), the options page's shared-catalog
 * view, and the Jira Cloud look-alike under https://acme.atlassian.net (Playwright routing).
 *
 * The test build (scripts/build-for-tests.mjs) grants http://127.0.0.1/* at install, because
 * headless Chromium leaves permissions.request() pending (no one can answer its prompt); with the
 * origin granted, the options page's request resolves at once, as a user's "Allow" would. The same
 * build shortens the refresh timeout to 3 s so the stalled-server case stays quick.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/sources.e2e.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  e2eExtensionDir,
  HOST_RESOLVER_RULES,
  launchWithExtension,
  projectRoot,
} from './harness/browser';
import {
  type BackstageEntity,
  type CatalogServer,
  FAILURE_MODES,
  type FailureMode,
  startCatalogServer,
} from './harness/catalog-server';
import { blockedRequests, fixtureSite, serveHost, waitForFixture } from './harness/hosts';
import { expectOnlyAllowedRequests, type NetworkLog, recordNetwork } from './harness/network';
import { type PanelSnapshot, panelSnapshot } from './harness/panel';

const JIRA = 'https://acme.atlassian.net';
const TIMEOUT = 15_000;

// ------------------------------------------------------------------------------------------------
// The catalogs the server serves.

const people = [
  { id: 'p-e2e-maria', name: 'Maria Lopez', side: 'business', title: 'Head of Commerce' },
  { id: 'p-e2e-raj', name: 'Raj Patel', side: 'it', title: 'Engineering Lead' },
  { id: 'p-e2e-old', name: 'Old Contact' },
];
const team = {
  id: 't-e2e-checkout',
  name: 'Checkout crew',
  approach: 'clean-slate',
  businessLead: 'p-e2e-maria',
  itLead: 'p-e2e-raj',
  charter: { url: 'https://wiki.acme.example/checkout' },
};
const V1 = {
  format: 'tandem.catalog',
  version: 1,
  name: 'Acme shared catalog',
  people,
  teams: [team],
  needs: [
    { id: 'n-e2e-reorder', title: 'Reorder in one click', team: 't-e2e-checkout', status: 'committed' },
  ],
  links: [{ need: 'n-e2e-reorder', jira: { issue: 'SHOP-142' } }],
};
const V2 = {
  ...V1,
  people: people.filter((person) => person.id !== 'p-e2e-old'),
  needs: [
    {
      id: 'n-e2e-reorder',
      title: 'Reorder from the order history',
      team: 't-e2e-checkout',
      status: 'in-delivery',
    },
    { id: 'n-e2e-invoices', title: 'Invoices by e-mail', team: 't-e2e-checkout' },
  ],
  links: [
    { need: 'n-e2e-reorder', jira: { issue: 'SHOP-142' } },
    { need: 'n-e2e-invoices', jira: { issue: 'SHOP-143' } },
  ],
};
/** A second source that defines the same need id: the first listed wins. */
const SECOND = {
  ...V1,
  name: 'Second catalog',
  needs: [{ id: 'n-e2e-reorder', title: 'The second source says otherwise', team: 't-e2e-checkout' }],
  links: [{ need: 'n-e2e-reorder', jira: { issue: 'SHOP-142' } }],
};
/** Made in this browser: a local need on the shared team, linked to SHOP-144. */
const LOCAL = {
  format: 'tandem.catalog',
  version: 1,
  name: 'My local notes',
  people: [],
  teams: [],
  needs: [{ id: 'n-e2e-local', title: 'Noted from a customer call', team: 't-e2e-checkout' }],
  links: [{ need: 'n-e2e-local', jira: { issue: 'SHOP-144' } }],
};

/** What each failure shows (the reason in the options page), checked loosely where it has details. */
const REASONS: Record<FailureMode, RegExp> = {
  drop: /could not reach the server \(Failed to fetch\)/,
  'not-found': /no file at this URL \(HTTP 404 Not Found\)/,
  'server-error': /the server failed \(HTTP 500 Internal Server Error\)/,
  html: /the server answered with an HTML page instead of JSON/,
  'oversize-length': /the file is 67,108,865 bytes \(by its Content-Length\); the limit is 64\.0 MB/,
  'oversize-stream': /the file is larger than the 64\.0 MB limit \(stopped reading after 6\d\.\d MB\)/,
  'invalid-json': /the file is not valid JSON \(/,
  'invalid-catalog': /the catalog breaks 1 rule, first needs\[0\]\.itOwner: no person "p-ghost"/,
  slow: /no answer within 3 s/,
};

// ------------------------------------------------------------------------------------------------

describe('shared catalogs', () => {
  let browser: ExtensionBrowser;
  let server: CatalogServer;
  let network: NetworkLog;
  let options: Page;
  let jira: Page;
  let tmp: string;
  const shown: Record<string, string> = {};

  const row = (url: string) =>
    options.locator(`[data-testid="source-row"]:has([data-testid="source-url"]:text-is("${url}"))`);

  async function statusOf(url: string, state: 'ok' | 'error', text?: RegExp): Promise<string> {
    const status = row(url).locator('[data-testid="source-status"]');
    await expect
      .poll(
        async () => {
          const current = await row(url)
            .getAttribute('data-state')
            .catch(() => null);
          const words = (await status.textContent().catch(() => '')) ?? '';
          return current === state && (!text || text.test(words));
        },
        { timeout: TIMEOUT, message: `${url} shows ${state} ${text ?? ''}` },
      )
      .toBe(true)
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\nlast status: ${await status.textContent().catch(() => '(none)')}`);
      });
    return (await status.textContent()) ?? '';
  }

  async function refresh(url: string): Promise<void> {
    const before = server.requests.length;
    await row(url).locator('[data-testid="source-refresh"]').click();
    await expect.poll(() => server.requests.length > before, { timeout: TIMEOUT }).toBe(true);
  }

  async function addSource(url: string, kind: 'catalog' | 'backstage' = 'catalog'): Promise<void> {
    await options.locator('[data-testid="source-url-input"]').fill(url);
    await options.locator('[data-testid="source-kind"]').selectOption(kind);
    await options.locator('[data-testid="source-add"]').click();
    await row(url).waitFor({ timeout: TIMEOUT });
  }

  /** The panel on `key`, once `predicate` holds (the page may be re-resolving after a broadcast). */
  async function panelOn(key: string, what: string, predicate: (panel: PanelSnapshot) => boolean) {
    if (!jira.url().endsWith(`/browse/${key}`)) {
      await jira.goto(`${JIRA}/browse/${key}`);
      await waitForFixture(jira, key);
    }
    let last: PanelSnapshot | undefined;
    await expect
      .poll(
        async () => {
          last = await panelSnapshot(jira);
          return last.record === key && predicate(last);
        },
        { timeout: TIMEOUT, message: `${key}: ${what}` },
      )
      .toBe(true)
      .catch((error: unknown) => {
        throw new Error(`${key}: ${what}; last panel: ${JSON.stringify(last)}\n${String(error)}`);
      });
    return last as PanelSnapshot;
  }
  const needTitled = (id: string, title: string) => (panel: PanelSnapshot) =>
    panel.needs.some((need) => need.id === id && need.text.includes(title));

  beforeAll(async () => {
    server = await startCatalogServer();
    server.set('/catalog.json', V1);
    server.set('/second.json', SECOND);
    server.setBackstage(
      JSON.parse(
        readFileSync(path.join(projectRoot, 'tests/fixtures/backstage/entities.json'), 'utf8'),
      ) as BackstageEntity[],
    );
    tmp = await mkdtemp(path.join(os.tmpdir(), 'tandem-sources-'));
    browser = await launchWithExtension({
      extensionDir: e2eExtensionDir(),
      headless: !process.env.TANDEM_HEADED,
      // localhost reaches the same server under a host the test build has no permission for.
      args: [`--host-resolver-rules=${HOST_RESOLVER_RULES}, EXCLUDE localhost`],
    });
    network = recordNetwork(browser.context);
    await serveHost(browser.context, JIRA, fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud')));
    // The catch-all network guard aborts what no route answers: the catalog server goes to the network.
    const localhost = server.origin.replace('127.0.0.1', 'localhost');
    await browser.context.route(
      (url) => url.origin === server.origin || url.origin === localhost,
      (route) => route.continue(),
    );
    options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html#sources'));
    jira = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
    if (Object.keys(shown).length > 0) console.info(`reasons shown:\n${JSON.stringify(shown, null, 2)}`);
  });

  it('adds a source from the options page and shows its data on a Jira issue', async () => {
    const url = server.url('/catalog.json');
    await addSource(url);
    const status = await statusOf(url, 'ok', /^Updated /);
    expect(status).toContain('3 people, 1 team, 1 need, 1 link');
    await expect
      .poll(() => row(url).locator('[data-testid="source-changes-summary"]').textContent())
      .toContain('3 people added');
    await panelOn('SHOP-142', 'the shared need', needTitled('n-e2e-reorder', 'Reorder in one click'));
    // One alarm per source, so refreshes survive the service worker stopping.
    const worker = await browser.serviceWorker();
    const alarms = await worker.evaluate(async () => {
      type Alarm = { name: string; periodInMinutes?: number };
      const api = (globalThis as unknown as { chrome: { alarms: { getAll(): Promise<Alarm[]> } } }).chrome;
      return (await api.alarms.getAll()).map((alarm) => ({
        name: alarm.name,
        periodInMinutes: alarm.periodInMinutes,
      }));
    });
    expect(alarms).toEqual([{ name: 'tandem-source:127-0-0-1', periodInMinutes: 60 }]);
  });

  it('keeps a local catalog beside the shared one', async () => {
    const file = path.join(tmp, 'local.json');
    writeFileSync(file, JSON.stringify(LOCAL));
    await options.goto(browser.extensionUrl('options.html#overview'));
    await options.locator('[data-testid="catalog-import"]').setInputFiles(file);
    await expect
      .poll(() => options.locator('[data-testid="import-result"]').getAttribute('data-outcome'), {
        timeout: TIMEOUT,
      })
      .toBe('imported');
    await options.goto(browser.extensionUrl('options.html#sources'));
    await panelOn('SHOP-144', 'the local need', needTitled('n-e2e-local', 'Noted from a customer call'));
  });

  it('costs one 304 while the file is unchanged', async () => {
    const url = server.url('/catalog.json');
    await refresh(url);
    await statusOf(url, 'ok', /^Checked .*: unchanged/);
    const last = server.requests.filter((request) => request.path === '/catalog.json').at(-1);
    expect(last?.status).toBe(304);
    expect(last?.headers['if-none-match']).toMatch(/^"[0-9a-f]+"$/);
    expect(last?.headers['if-modified-since']).toBeDefined();
  });

  it('picks up a changed file on refresh, shows what changed, and open pages follow', async () => {
    const url = server.url('/catalog.json');
    await panelOn('SHOP-142', 'the first version', needTitled('n-e2e-reorder', 'Reorder in one click'));
    server.set('/catalog.json', V2);
    await refresh(url);
    await statusOf(url, 'ok', /^Updated .*2 people, 1 team, 2 needs, 2 links/);
    const changes = row(url).locator('[data-testid="source-changes"]');
    await expect
      .poll(() => changes.locator('[data-testid="source-changes-summary"]').textContent())
      .toBe('1 need added, 1 need changed, 1 person removed, 1 link added');
    const items = async (kind: string, change: string) =>
      changes
        .locator(
          `[data-testid="source-change-list"][data-kind="${kind}"][data-change="${change}"] [data-testid="source-change-item"]`,
        )
        .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id')));
    expect(await items('needs', 'added')).toEqual(['n-e2e-invoices']);
    expect(await items('needs', 'changed')).toEqual(['n-e2e-reorder']);
    expect(await items('people', 'removed')).toEqual(['p-e2e-old']);
    // The open Jira tab re-resolves on the broadcast, without a reload.
    await panelOn('SHOP-142', 'the new title', needTitled('n-e2e-reorder', 'Reorder from the order history'));
    await panelOn('SHOP-143', 'the added need', needTitled('n-e2e-invoices', 'Invoices by e-mail'));
    await panelOn(
      'SHOP-144',
      'the local need, still there',
      needTitled('n-e2e-local', 'Noted from a customer call'),
    );
  });

  it('keeps the last good catalog whichever way the server fails, and says why', async () => {
    const url = server.url('/catalog.json');
    for (const mode of FAILURE_MODES) {
      server.failWith(mode, '/catalog.json');
      await refresh(url);
      const status = await statusOf(url, 'error', REASONS[mode]);
      shown[mode] = status;
      expect(status).toContain('Showing the last good catalog, from');
      expect(status).toContain('2 people, 1 team, 2 needs, 2 links');
      await expect(options.locator('[data-testid="sources-mark"]').isVisible()).resolves.toBe(true);
    }
    // Every failure behind us, the pages still show the last good catalog.
    await jira.reload();
    await waitForFixture(jira, 'SHOP-144');
    await panelOn(
      'SHOP-142',
      'the kept catalog',
      needTitled('n-e2e-reorder', 'Reorder from the order history'),
    );
    // The popup carries the mark too.
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    await popup.locator('[data-testid="sources-mark"]').waitFor({ timeout: TIMEOUT });
    await popup.close();

    server.failWith(null, '/catalog.json');
    await refresh(url);
    await statusOf(url, 'ok');
    await expect
      .poll(() => options.locator('[data-testid="sources-mark"]').count(), { timeout: TIMEOUT })
      .toBe(0);
  });

  it('lets the first source listed win an id conflict, lists it, and follows a reorder', async () => {
    const first = server.url('/catalog.json');
    const second = server.url('/second.json');
    await addSource(second);
    await statusOf(second, 'ok', /^Updated /);
    const conflict = options.locator('[data-testid="source-conflict"][data-id="n-e2e-reorder"]');
    await conflict.waitFor({ timeout: TIMEOUT });
    expect(await conflict.locator('[data-testid="conflict-kept"]').textContent()).toBe(first);
    expect(await conflict.locator('[data-testid="conflict-dropped"]').textContent()).toBe(second);
    await panelOn(
      'SHOP-142',
      'the first source wins',
      needTitled('n-e2e-reorder', 'Reorder from the order history'),
    );

    await row(second).locator('[data-testid="source-up"]').click();
    await expect
      .poll(() => conflict.locator('[data-testid="conflict-kept"]').textContent(), { timeout: TIMEOUT })
      .toBe(second);
    await panelOn(
      'SHOP-142',
      'the second source, now first',
      needTitled('n-e2e-reorder', 'The second source says otherwise'),
    );

    await row(second).locator('[data-testid="source-remove"]').click();
    await row(second).waitFor({ state: 'detached', timeout: TIMEOUT });
    await panelOn(
      'SHOP-142',
      'back to the first source',
      needTitled('n-e2e-reorder', 'Reorder from the order history'),
    );
  });

  it('reads a Backstage catalog: groups as teams, users as people, owned Jira projects as links', async () => {
    const url = server.origin;
    await addSource(url, 'backstage');
    const status = await statusOf(url, 'ok', /^Updated /);
    expect(status).toContain('8 people, 4 teams, 0 needs, 5 links');
    expect(await row(url).locator('[data-testid="source-notes"]').textContent()).toContain(
      'group:default/platform is not a team in Tandem',
    );
    const request = server.requests.find((item) => item.path.startsWith('/api/catalog/entities'));
    expect(new URL(`http://x${request?.path}`).searchParams.getAll('filter')).toEqual([
      'kind=group',
      'kind=user',
      'metadata.annotations.jira/project-key',
    ]);
    await panelOn('OPS-5', 'the Backstage team', (panel) =>
      panel.teams.some((name) => name.includes('Platform Operations')),
    );
  });

  it("reads, without the origin's permission, only a host open to any origin", async () => {
    // A policy source skips the options page's prompt. settings.update never writes sources, so the
    // policy is stood in for by writing the stored settings in the service worker, as policy would
    // put them in effect; a harmless settings.update then tells the background they changed.
    const localhost = server.origin.replace('127.0.0.1', 'localhost');
    server.set('/open.json', V1, { headers: { 'access-control-allow-origin': '*' } });
    server.set('/closed.json', V1);
    const added = [
      { id: 'open', url: `${localhost}/open.json`, kind: 'catalog', refreshMinutes: 60 },
      { id: 'closed', url: `${localhost}/closed.json`, kind: 'catalog', refreshMinutes: 60 },
    ];
    const worker = await browser.serviceWorker();
    await worker.evaluate(async (more) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('tandem');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const store = db.transaction('settings', 'readwrite').objectStore('settings');
      const record = await new Promise<{ value: { sources: unknown[] } }>((resolve) => {
        const read = store.get('settings');
        read.onsuccess = () => resolve(read.result);
      });
      record.value.sources = [...record.value.sources, ...more];
      await new Promise((resolve) => {
        store.put(record).onsuccess = resolve;
      });
      db.close();
    }, added);
    await options.evaluate(async () => {
      const api = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome;
      const answer = (await api.runtime.sendMessage({ type: 'settings.get' })) as {
        settings: { pinnedTeams: string[] };
      };
      await api.runtime.sendMessage({
        type: 'settings.update',
        patch: { pinnedTeams: answer.settings.pinnedTeams },
      });
    });
    await statusOf(`${localhost}/open.json`, 'ok', /^Updated /);
    const closed = await statusOf(`${localhost}/closed.json`, 'error');
    shown['no permission, no CORS headers'] = closed;
    expect(closed).toMatch(
      /could not reach the server \(Failed to fetch\); Tandem is not allowed to read http:\/\/localhost:\d+: allow it in Tandem's options/,
    );
    await row(`${localhost}/closed.json`).locator('[data-testid="source-allow"]').waitFor();
    // Without the permission Tandem sends neither validators nor cookies: a plain CORS request.
    const open = server.requests.filter((request) => request.path === '/open.json');
    expect(open[0]?.headers.origin).toMatch(/^chrome-extension:\/\//);
    expect(open[0]?.headers['if-none-match']).toBeUndefined();
  });

  it('fetched catalogs from loopback only, without CORS, and nothing else left the machine', () => {
    const localhost = server.origin.replace('127.0.0.1', 'localhost');
    expectOnlyAllowedRequests(network, [JIRA, server.origin, localhost]);
    expect(blockedRequests(browser.context)).toEqual([]);
    const fromWorker = network.entries.filter((entry) => entry.url.startsWith(server.origin));
    expect(fromWorker.length).toBeGreaterThan(10);
    expect(fromWorker.every((entry) => entry.source === 'service-worker')).toBe(true);
    // The host permission is what lets the background read the file: no preflight and no CORS headers
    // (the server sends none but for /open.json), though the requests carry If-None-Match.
    expect(server.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    const withPermission = server.requests.filter((request) => request.path === '/catalog.json');
    expect(withPermission.some((request) => request.headers['if-none-match'])).toBe(true);
  });
});
