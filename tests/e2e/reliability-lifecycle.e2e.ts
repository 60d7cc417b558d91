/**
 * Extension lifecycle (docs/security.md, "Faults"), in Chromium with the test build:
 * - the extension reloaded (`chrome.runtime.reload()` from its service worker, which is what an
 *   update does to open tabs) while Jira and CRM tabs show the panel: the old content scripts must
 *   clean up quietly (no stale panel, no "Extension context invalidated" error or warning), and the
 *   new ones take over: exactly one working panel once the page loads them;
 * - the service worker stopped mid-session (DevTools `ServiceWorker.stopAllWorkers`, as Chromium
 *   does to an idle worker): the catalog, the settings and the local edits are all still there
 *   when it starts again, and the panel still resolves.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/reliability-lifecycle.e2e.ts
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxPanelsSeen, monitorPanels } from './harness/panel';
import {
  AVAILABLE_HOSTS,
  type HostPage,
  importCatalog,
  panelState,
  showing,
  waitForPanel,
} from './panel-support';
import { ask, type SecuritySession, startSecuritySession, TIMEOUT } from './security-support';

const TABS = AVAILABLE_HOSTS.filter((host) => host.host === 'jira-cloud' || host.host === 'salesforce');

async function importDemo(session: SecuritySession): Promise<Page> {
  const extension = await session.browser.context.newPage();
  await extension.goto(session.browser.extensionUrl('options.html'));
  await importCatalog({ browser: session.browser, extension, close: session.close });
  return extension;
}

async function openReady(session: SecuritySession, host: HostPage): Promise<Page> {
  const page = await session.browser.context.newPage();
  await page.goto(host.ready.url);
  await waitForPanel(page, `${host.ready.record} ready`, showing(host.ready.record, 'ready'));
  return page;
}

/** Console lines of one page from `from` on that are Tandem's. */
function tandemLines(session: SecuritySession, page: Page, from: number) {
  return session.console.entries
    .slice(from)
    .filter((entry) => entry.page === page.url() && /tandem|extension context/i.test(entry.text));
}

/**
 * Reloads the extension from one of its own pages (the same API as from the worker, whose
 * Playwright handle may be stale after an idle stop); the page goes away with the reload.
 */
async function reloadExtension(session: SecuritySession): Promise<void> {
  const next = session.browser.context.waitForEvent('serviceworker', { timeout: 30_000 });
  const options = await session.browser.context.newPage();
  await options.goto(session.browser.extensionUrl('options.html'));
  await options
    .evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
    )
    .catch(() => undefined);
  await next; // the reloaded extension's worker
}

/** Whether the panel the page shows was made by the content script that ran before the reload. */
const marked = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('tandem-panel')].some(
      (panel) => (panel as unknown as { __beforeReload?: boolean }).__beforeReload,
    ),
  );

async function markPanel(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.querySelector('tandem-panel') as unknown as { __beforeReload: boolean }).__beforeReload = true;
  });
}

describe('the extension reloaded while tabs show the panel', () => {
  let session: SecuritySession;
  let tabs: Page[];
  let consoleFrom = 0;
  let errorsFrom = 0;

  beforeAll(async () => {
    session = await startSecuritySession({ hosts: TABS, trap: false, reloadable: true });
    await monitorPanels(session.browser.context);
    await (await importDemo(session)).close();
    tabs = [];
    for (const host of TABS) {
      const page = await openReady(session, host);
      // Marks the panel this (old) content script made, to tell it from a new one later.
      await markPanel(page);
      tabs.push(page);
    }
    consoleFrom = session.console.entries.length;
    errorsFrom = session.console.pageErrors.length;
    await reloadExtension(session);
  });

  afterAll(async () => {
    await session?.close();
  });

  // Was a bug: an old content script did not notice that its context was gone, so its panel stayed.
  // It now holds a port to the background and ends its run when the port closes with runtime.id
  // gone (utils/page/run-host.ts `watchContext`).
  it('old content scripts clean up: no stale panel, no warning, at most one info line per tab', async () => {
    for (const page of tabs) {
      // Within a few seconds the old script's panel is gone (a new script's may replace it).
      const deadline = Date.now() + 5000;
      while (await marked(page)) {
        if (Date.now() > deadline)
          throw new Error(`stale panel left on ${page.url()}: ${JSON.stringify(await panelState(page))}`);
        await page.waitForTimeout(200);
      }
      const lines = tandemLines(session, page, consoleFrom);
      expect(lines.filter((line) => line.type === 'error' || line.type === 'warning')).toEqual([]);
      expect(lines.filter((line) => line.type === 'info').length).toBeLessThanOrEqual(1);
    }
  });

  it('never throws into a page and never logs an error about the invalidated context', async () => {
    for (const page of tabs) await page.waitForTimeout(500);
    expect(session.console.pageErrors.slice(errorsFrom)).toEqual([]);
    const errors = session.console.entries
      .slice(consoleFrom)
      .filter((entry) => entry.type === 'error' && /tandem|extension context invalidated/i.test(entry.text));
    expect(errors).toEqual([]);
  });

  it('the new content scripts take over: exactly one working panel once each tab loads them', async () => {
    for (const [i, page] of tabs.entries()) {
      const host = TABS[i] as HostPage;
      await page.reload();
      await waitForPanel(page, `${host.ready.record} after the reload`, showing(host.ready.record, 'ready'));
      await page.waitForTimeout(500);
      expect((await panelState(page)).count).toBe(1);
      expect(await maxPanelsSeen(page), 'never two panels, old and new').toBeLessThanOrEqual(1);
    }
  });
});

// An update is applied while the extension is idle, that is with its service worker stopped: the
// old script's port closed with the worker, so it watches runtime.id instead (without waking it).
describe('the extension reloaded after its idle service worker stopped', () => {
  let session: SecuritySession;

  beforeAll(async () => {
    session = await startSecuritySession({ hosts: TABS.slice(0, 1), trap: false, reloadable: true });
    await (await importDemo(session)).close();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the old content script still ends its run: no stale panel, nothing logged', async () => {
    const host = TABS[0] as HostPage;
    const page = await openReady(session, host);
    await markPanel(page);
    const cdp = await session.browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(500);
    const from = session.console.entries.length;
    const errors = session.console.pageErrors.length;
    await reloadExtension(session);
    const deadline = Date.now() + 5000;
    while (await marked(page)) {
      if (Date.now() > deadline) throw new Error(`stale panel: ${JSON.stringify(await panelState(page))}`);
      await page.waitForTimeout(200);
    }
    expect(tandemLines(session, page, from).filter((line) => line.type !== 'info')).toEqual([]);
    expect(session.console.pageErrors.slice(errors)).toEqual([]);
  });
});

describe('the service worker stopped and started again mid-session', () => {
  let session: SecuritySession;
  let extension: Page;

  beforeAll(async () => {
    session = await startSecuritySession({
      hosts: AVAILABLE_HOSTS.filter((host) => host.host === 'jira-cloud'),
      trap: false,
    });
    extension = await importDemo(session);
    await watchWorker();
  });

  afterAll(async () => {
    await session?.close();
  });

  let cdp: CDPSession;
  /** Our worker's running status as DevTools reports it, in order. */
  const statuses: string[] = [];

  async function watchWorker(): Promise<void> {
    cdp = await session.browser.context.newCDPSession(extension);
    const ours = `chrome-extension://${session.browser.extensionId}/`;
    cdp.on(
      'ServiceWorker.workerVersionUpdated',
      (event: { versions: { scriptURL: string; runningStatus: string }[] }) => {
        for (const version of event.versions)
          if (version.scriptURL.startsWith(ours)) statuses.push(version.runningStatus);
      },
    );
    await cdp.send('ServiceWorker.enable');
  }

  async function waitForStatus(status: string, since: number): Promise<void> {
    const deadline = Date.now() + TIMEOUT;
    while (!statuses.slice(since).includes(status)) {
      if (Date.now() > deadline)
        throw new Error(`the worker never reported "${status}": ${statuses.slice(since).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops every service worker through the DevTools protocol and waits until ours has stopped. */
  async function stopWorker(): Promise<number> {
    const since = statuses.length;
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitForStatus('stopped', since);
    return statuses.length;
  }

  /** The worker started again after the stop at `since` (a new instance, from scratch). */
  async function restarted(since: number): Promise<void> {
    await waitForStatus('running', since);
    expect(statuses.slice(since)).toContain('starting');
  }

  it('keeps the catalog, the settings and the local edits, and the panel still resolves', async () => {
    const jira = AVAILABLE_HOSTS[0] as HostPage;
    // Local edits and settings made in this session.
    const saved = await ask<{ ok: boolean }>(extension, {
      type: 'entity.save',
      kind: 'needs',
      value: { id: 'n-local-lifecycle', title: 'Noted before the worker stopped', team: 't-checkout' },
    });
    expect(saved.ok).toBe(true);
    expect(
      (
        await ask<{ ok: boolean }>(extension, {
          type: 'entity.save',
          kind: 'links',
          value: { need: 'n-local-lifecycle', jira: { issue: 'SHOP-144' } },
        })
      ).ok,
    ).toBe(true);
    const settings = await ask<{ ok: boolean; settings: unknown }>(extension, {
      type: 'settings.update',
      patch: { pinnedTeams: ['t-checkout'], panel: { layout: 'floating', collapsed: false } },
    });
    expect(settings.ok).toBe(true);
    const summaryBefore = await ask<{ summary: { revision: number; counts: unknown } }>(extension, {
      type: 'catalog.summary',
    });
    const page = await session.browser.context.newPage();
    await page.goto(jira.ready.url);
    await waitForPanel(page, 'SHOP-142 before the stop', showing('SHOP-142', 'ready'));

    const stoppedAt = await stopWorker();

    // A page asking wakes the worker: the tab's panel follows a navigation to the local edit.
    await page.goto(`${jira.origin}/browse/SHOP-144`);
    const panel = await waitForPanel(
      page,
      'the local need on SHOP-144 after the restart',
      (p) => showing('SHOP-144', 'ready')(p) && p.needIds.includes('n-local-lifecycle'),
    );
    expect(panel.layout, 'the floating layout setting survived').toBe('floating');
    await restarted(stoppedAt);
    const summaryAfter = await ask<{ summary: { revision: number; counts: unknown } }>(extension, {
      type: 'catalog.summary',
    });
    expect(summaryAfter.summary.revision).toBe(summaryBefore.summary.revision);
    expect(summaryAfter.summary.counts).toEqual(summaryBefore.summary.counts);
    const after = await ask<{ settings: { pinnedTeams: string[]; panel: unknown } }>(extension, {
      type: 'settings.get',
    });
    expect(after.settings.pinnedTeams).toEqual(['t-checkout']);
    expect(after.settings.panel).toEqual({ layout: 'floating', collapsed: false });
    await page.close();
  });

  it('answers a request sent while it is stopped, and again after a second stop', async () => {
    const stoppedAt = await stopWorker();
    const answers = await Promise.all([
      ask<{ ok: boolean }>(extension, { type: 'catalog.summary' }),
      ask<{ ok: boolean }>(extension, { type: 'settings.get' }),
      ask<{ ok: boolean; context?: { needs: { id: string }[] } }>(extension, {
        type: 'resolve',
        record: { kind: 'jira', host: 'jira-cloud', key: 'SHOP-144' },
      }),
    ]);
    for (const answer of answers) expect(answer.ok).toBe(true);
    expect(answers[2]?.context?.needs.map((need) => need.id)).toContain('n-local-lifecycle');
    await restarted(stoppedAt);
    expect(session.console.pageErrors).toEqual([]);
  });
});
