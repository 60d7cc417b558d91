/**
 * The first minute after the browser starts, in Chromium with the test build:
 * - the browser closed and started again on the same profile: the first Jira issue's panel, the
 *   popup's charter links and a search typed at once all come from the stored catalog, without
 *   waiting for the browser's policy service (which answers seconds after a start); the search
 *   never says "nothing matches" before it has answered; a Jira Data Center issue opened at the
 *   start gets its panel too (its registered script persists across starts; nothing waits for
 *   policy to register it);
 * - the extension reloaded the way an update does: a Jira tab and a Jira Data Center tab that were
 *   open before get a working panel without being reloaded.
 *
 * Timing budgets are `npm run bench`'s (bench/first-minute.ts); the bounds here are loose, to catch
 * the multi-second wait the issue measured on a loaded machine without flaking.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/first-minute.e2e.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchForFirstMinute, measureStart, type StartFigures } from '../../bench/first-minute';
import { e2eExtensionDir, projectRoot } from './harness/browser';
import { fixtureSite, serveHost, waitForFixture } from './harness/hosts';
import { importCatalog, panelState, showing, waitForPanel } from './panel-support';
import { type SecuritySession, startSecuritySession } from './security-support';

/** A panel this long after the host's render means something waited for policy (issue: 1.6-2 s). */
const LOOSE_PANEL_MS = 1000;
/** Charters this long after the popup's page is up mean the same ("Loading teams…" 2.7-4.3 s). */
const LOOSE_POPUP_MS = 1500;

const JIRA = 'https://acme.atlassian.net';
/** The test build's Data Center site: added and granted like a user's (utils/background/jira-dc-scripts.ts). */
const DC = 'https://jira.acme-dc.example';

describe('a browser restart on the same profile', () => {
  let profile: string;
  const starts: StartFigures[] = [];
  let dcStart: StartFigures;
  const options = () => ({
    extensionDir: e2eExtensionDir(),
    userDataDir: profile,
    headless: !process.env.TANDEM_HEADED,
    issuePath: '/browse/SHOP-142',
    query: 'checkout',
  });

  beforeAll(async () => {
    profile = await mkdtemp(path.join(os.tmpdir(), 'tandem-restart-'));
    const browser = await launchForFirstMinute(options());
    try {
      const extension = await browser.context.newPage();
      await extension.goto(browser.extensionUrl('options.html'));
      await importCatalog({ browser, extension, close: browser.close });
    } finally {
      await browser.close();
    }
    for (let i = 0; i < 2; i++) starts.push(await measureStart(options()));
    dcStart = await measureStart({
      ...options(),
      jiraOrigin: DC,
      jiraFixture: path.join(projectRoot, 'tests/fixtures/jira-dc'),
      issuePath: '/jira/browse/SHOP-142',
    });
  }, 240_000);

  afterAll(async () => {
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });

  it('shows the first panel from the stored catalog soon after the host renders', () => {
    console.info(
      `first panel after the host's render: ${starts.map((s) => s.firstPanelMs.toFixed(0)).join(', ')} ms`,
    );
    for (const start of starts) expect(start.firstPanelMs).toBeLessThan(LOOSE_PANEL_MS);
  });

  it('shows the panel on a Jira Data Center issue opened in the first seconds of a start', () => {
    console.info(`Data Center first panel after the host's render: ${dcStart.firstPanelMs.toFixed(0)} ms`);
    expect(dcStart.firstPanelMs).toBeLessThan(LOOSE_PANEL_MS);
  });

  it('shows the popup charter links soon after it opens', () => {
    console.info(
      `popup charters after opening: ${starts.map((s) => s.popupChartersMs.toFixed(0)).join(', ')} ms`,
    );
    // From the moment the popup's own page is up (its search box, which needs no data): on a loaded
    // machine a browser just started takes seconds to load any extension page at all.
    for (const start of starts)
      expect(start.popupChartersMs - start.popupShellMs).toBeLessThan(LOOSE_POPUP_MS);
  });

  it('answers the first search and never says "nothing matches" before it has', () => {
    console.info(`first search answered: ${starts.map((s) => s.firstSearchMs.toFixed(0)).join(', ')} ms`);
    for (const start of starts) expect(start.falseNothing).toBe(false);
  });
});

describe('tabs open before the extension is updated', () => {
  let session: SecuritySession;
  let tabs: { page: Page; record: string }[];

  beforeAll(async () => {
    session = await startSecuritySession({ hosts: [], trap: false, reloadable: true });
    const context = session.browser.context;
    await serveHost(context, JIRA, fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud')));
    await serveHost(context, DC, fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-dc')));
    const extension = await context.newPage();
    await extension.goto(session.browser.extensionUrl('options.html'));
    await importCatalog({ browser: session.browser, extension, close: session.close });
    await extension.close();
    tabs = [];
    for (const [url, record] of [
      [`${JIRA}/browse/SHOP-142`, 'SHOP-142'],
      [`${DC}/jira/browse/SHOP-142`, 'SHOP-142'],
    ] as const) {
      const page = await context.newPage();
      await page.goto(url);
      await waitForFixture(page);
      await waitForPanel(page, `${url} before the update`, showing(record, 'ready'));
      // Marks the page and the old script's panel, to tell a reload and the old panel apart later.
      await page.evaluate(() => {
        (window as unknown as { __beforeUpdate: boolean }).__beforeUpdate = true;
        (document.querySelector('tandem-panel') as unknown as { __old: boolean }).__old = true;
      });
      tabs.push({ page, record });
    }
    // The update: the extension reloads; its old content scripts end their run.
    const next = context.waitForEvent('serviceworker', { timeout: 30_000 });
    const options = await context.newPage();
    await options.goto(session.browser.extensionUrl('options.html'));
    await options
      .evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
      )
      .catch(() => undefined);
    await next;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('gives each of them one working panel of the new version, without a reload', async () => {
    for (const { page, record } of tabs) {
      const url = page.url();
      await page.waitForFunction(
        (wanted) => {
          const panels = [...document.querySelectorAll('tandem-panel')];
          const panel = panels[0] as (Element & { __old?: boolean }) | undefined;
          return (
            panels.length === 1 &&
            panel !== undefined &&
            !panel.__old &&
            panel.getAttribute('data-record') === wanted &&
            panel.getAttribute('data-state') === 'ready'
          );
        },
        record,
        { timeout: 15_000 },
      );
      expect((await panelState(page)).count).toBe(1);
      // Still the page loaded before the update: never reloaded.
      expect(
        await page.evaluate(() => (window as unknown as { __beforeUpdate?: boolean }).__beforeUpdate),
      ).toBe(true);
      expect(page.url()).toBe(url);
    }
  });
});
