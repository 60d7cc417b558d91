/**
 * No anchor, no wait: Jira Cloud sites whose issue view was redesigned, served by the
 * Jira Cloud look-alike under https://redesign.atlassian.net (test ids renamed) and
 * https://bare.atlassian.net (test ids missing): same URLs, titles and keys, no markup the adapter
 * knows. The panel shows the right record, floating, soon after the host's view is drawn (not at
 * the last-resort deadline); docks, the same element, when an anchor appears; and the options page
 * lists where it floated, with a landmark outline that holds no page text.
 *
 * Run after `node scripts/build-for-tests.mjs`:
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/no-anchor.e2e.ts
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInPage, NAVIGATE_AND_TIME } from '../../bench/page-scripts';
import { type ExtensionBrowser, e2eExtensionDir, launchWithExtension, projectRoot } from './harness/browser';
import { fixtureSite, serveHost, waitForFixture } from './harness/hosts';
import { expectOnlyAllowedRequests, type NetworkLog, recordNetwork } from './harness/network';
import { maxPanelsSeen, monitorPanels, panelSnapshot } from './harness/panel';

const REDESIGN = 'https://redesign.atlassian.net';
const BARE = 'https://bare.atlassian.net';
const CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');
const TIMEOUT = 15_000;
/** The loop's last-resort wait (utils/page/panel-loop.ts): the panel must come well before it. */
const FLOAT_AFTER_MS = 1500;

interface NavigationResult {
  record: string;
  start: number;
  rendered: number | null;
  ready: number | null;
  timedOut: boolean;
}

async function layoutOf(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('tandem-panel')?.getAttribute('data-layout') ?? null);
}

async function expectFloatingReady(page: Page, record: string, needId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const panel = await panelSnapshot(page);
        return {
          count: panel.count,
          record: panel.record,
          state: panel.state,
          need: panel.needIds.includes(needId),
          layout: await layoutOf(page),
        };
      },
      { timeout: TIMEOUT },
    )
    .toEqual({ count: 1, record, state: 'ready', need: true, layout: 'floating' });
}

describe('a Jira Cloud issue view whose markup is new to Tandem', () => {
  let browser: ExtensionBrowser;
  let network: NetworkLog;
  let page: Page;
  let bare: Page | undefined;

  beforeAll(async () => {
    browser = await launchWithExtension({
      extensionDir: e2eExtensionDir(),
      headless: !process.env.TANDEM_HEADED,
    });
    network = recordNetwork(browser.context);
    await monitorPanels(browser.context);
    const site = fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud'));
    await serveHost(browser.context, REDESIGN, site);
    await serveHost(browser.context, BARE, site);
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('[data-testid="catalog-import"]').setInputFiles(CATALOG_PATH);
    await options.locator('[data-testid="import-result"]').waitFor({ state: 'visible', timeout: TIMEOUT });
    await options.close();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the right record, floating, on a page load', async () => {
    await page.goto(`${REDESIGN}/browse/SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    await expectFloatingReady(page, 'SHOP-142', 'n-reorder');
    expect(await maxPanelsSeen(page, true)).toBeLessThanOrEqual(1);
  });

  it('floats soon after each SPA navigation renders, not at the deadline', async () => {
    const keys = ['SHOP-143', 'SHOP-142', 'SHOP-143', 'SHOP-142', 'SHOP-143', 'SHOP-142'];
    const after: number[] = [];
    for (const key of keys) {
      const result = await callInPage<NavigationResult>(page, NAVIGATE_AND_TIME, {
        path: `/browse/${key}`,
        record: key,
        timeoutMs: 10_000,
      });
      expect(result.timedOut, `${key}: the panel showed it ready`).toBe(false);
      after.push(Math.max(0, (result.ready ?? 0) - (result.rendered ?? 0)));
      expect(await layoutOf(page)).toBe('floating');
    }
    after.sort((a, b) => a - b);
    console.info(
      `panel after the host's render, redesigned markup (ms): ${after.map((v) => v.toFixed(0)).join(', ')}`,
    );
    const median = after[Math.floor(after.length / 2)] ?? Number.POSITIVE_INFINITY;
    // Before this change every one of these took the 1.5 s deadline (1.1–1.5 s after the render);
    // the 100 ms budget itself is measured by `npm run bench`, not here on a shared machine.
    expect(median, `ms after the host's render: ${after.join(', ')}`).toBeLessThan(FLOAT_AFTER_MS / 3);
    expect(await maxPanelsSeen(page, true)).toBeLessThanOrEqual(1);
  });

  it('docks the same panel, without a second one, when an anchor appears later', async () => {
    await page.evaluate(() => {
      const panel = document.querySelector('tandem-panel') as (Element & { __seen?: boolean }) | null;
      if (panel) panel.__seen = true;
    });
    // The host ships its old anchor again: the current-issue breadcrumb gets its known test id.
    await page.evaluate(() => {
      const link = document.querySelector(
        '[data-testid="work-item.v2.issue-base.foundation.breadcrumbs.current-issue.item"]',
      );
      link?.setAttribute('data-testid', 'issue.views.issue-base.foundation.breadcrumbs.current-issue.item');
    });
    await expect.poll(() => layoutOf(page), { timeout: TIMEOUT }).toBe('block');
    const same = await page.evaluate(
      () =>
        (document.querySelector('tandem-panel') as (Element & { __seen?: boolean }) | null)?.__seen === true,
    );
    expect(same, 'moved, not re-created').toBe(true);
    expect(await maxPanelsSeen(page, true)).toBeLessThanOrEqual(1);
  });

  it('shows the right record, floating, where the test ids are missing altogether', async () => {
    // Kept open: the miss is recorded once no anchor has come by the last-resort deadline.
    bare = await browser.context.newPage();
    await bare.goto(`${BARE}/browse/SHOP-143`);
    await waitForFixture(bare, 'SHOP-143');
    await expectFloatingReady(bare, 'SHOP-143', 'n-invoices');
  });

  it('lists where it floated in the options page, with an outline that holds no page text', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html#settings'));
    // The section reads the record once when it opens: each look is a reload, and waits for the
    // answer (the list or "found its place on every page"), not for the section's intro.
    const read = async () => {
      await options.reload();
      await options
        .locator('[data-testid="misses-list"], [data-testid="misses-none"]')
        .first()
        .waitFor({ timeout: TIMEOUT });
      const sentence = options.locator('[data-testid="miss-sentence"]');
      const outline = options.locator('[data-testid="miss-outline"]');
      return {
        sentence: (await sentence.count()) > 0 ? ((await sentence.first().textContent()) ?? '') : '',
        outline: (await outline.count()) > 0 ? ((await outline.first().textContent()) ?? '') : '',
      };
    };
    let seen = { sentence: '', outline: '' };
    await expect
      .poll(
        async () => {
          seen = await read();
          return seen.sentence;
        },
        { timeout: TIMEOUT, interval: 500 },
      )
      .toMatch(/^Tandem could not find its place on Jira Cloud issue views (once|\d+ times) this week\.$/);
    // The last miss was the bare site's: landmarks and the shell's test ids, none of the issue view's.
    expect(seen.outline).toContain('main testid=page-layout.main');
    for (const text of ['SHOP-14', 'Reorder', 'invoice', 'acme']) expect(seen.outline).not.toContain(text);
    await options.close();
    await bare?.close();
  });

  it('sent nothing anywhere but the fixture sites', () => {
    expectOnlyAllowedRequests(network, [REDESIGN, BARE]);
  });
});
