/**
 * SPA endurance (docs/security.md, "Host pages"): many in-app navigations across records on each host fixture
 * (Jira Cloud and the four CRMs), with the demo catalog. At the end there is exactly one panel, for
 * the record the URL names, with that record's needs; there were never two at once; and the
 * extension's listeners and observers did not grow, nor the renderer's listeners, nodes and heap
 * beyond a small bound (DevTools counters after garbage collection, as tests/e2e/jira-views.e2e.ts
 * measures its 200 navigations).
 *
 * `npm test` runs 60 navigations per host; `npm run test:long` runs 500 (TANDEM_LONG=1), or set
 * TANDEM_NAVIGATIONS to any number.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/reliability-spa-endurance.e2e.ts
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureNavigate, waitForFixture } from './harness/hosts';
import { maxPanelsSeen, monitorPanels } from './harness/panel';
import { type LeakCounters, openDevTools } from './jira-support';
import { AVAILABLE_HOSTS, importCatalog, panelState, showing, waitForPanel } from './panel-support';
import { extensionProblems, type SecuritySession, startSecuritySession } from './security-support';

const NAVIGATIONS = Number(process.env.TANDEM_NAVIGATIONS ?? (process.env.TANDEM_LONG ? 500 : 60));
const WARM_UP = 12;

const DYN_APP = 'appid=4a1b2c3d-0000-4000-8000-000000000001';
const dyn = (etn: string, id: string) => `/main.aspx?${DYN_APP}&pagetype=entityrecord&etn=${etn}&id=${id}`;

interface Route {
  path: string;
  /** The record the URL names (the fixture's key and the panel's data-record), or null. */
  record: string | null;
}

interface Tour {
  host: string;
  origin: string;
  routes: Route[];
  /** Where every tour ends, with the needs the panel must list there. */
  end: Route & { needs: string[] };
}

const TOURS: Tour[] = [
  {
    host: 'jira-cloud',
    origin: 'https://acme.atlassian.net',
    routes: [
      { path: '/browse/SHOP-141', record: 'SHOP-141' },
      { path: '/browse/SHOP-143', record: 'SHOP-143' },
      { path: '/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-146', record: 'SHOP-146' },
      { path: '/browse/SHOP-200', record: 'SHOP-200' },
      { path: '/jira/software/c/projects/SHOP/boards/3?selectedIssue=SHOP-147', record: 'SHOP-147' },
      { path: '/browse/OPS-5', record: 'OPS-5' },
      { path: '/jira/software/c/projects/SHOP/list?selectedIssue=SHOP-148', record: 'SHOP-148' },
      { path: '/jira/servicedesk/projects/HELP/queues/custom/7', record: null },
    ],
    end: { path: '/browse/SHOP-142', record: 'SHOP-142', needs: ['n-reorder'] },
  },
  {
    host: 'salesforce',
    origin: 'https://acme.lightning.force.com',
    routes: [
      { path: '/lightning/r/Opportunity/006Dn00000XyZaBIAV/view', record: 'Opportunity/006Dn00000XyZaBIAV' },
      { path: '/lightning/r/Account/001Dn00000NoLnKIAV/view', record: 'Account/001Dn00000NoLnKIAV' },
      { path: '/lightning/page/home', record: null },
    ],
    end: {
      path: '/lightning/r/Account/001Dn00000AbCdEIAV/view',
      record: 'Account/001Dn00000AbCdEIAV',
      needs: ['n-reorder'],
    },
  },
  {
    host: 'hubspot',
    origin: 'https://app.hubspot.com',
    routes: [
      { path: '/contacts/4711001/record/0-2/18273645099', record: 'company/18273645099' },
      { path: '/contacts/4711001/record/0-1/5101', record: 'contact/5101' },
      { path: '/contacts/4711001/objects/0-2/views/all/list', record: null },
    ],
    end: {
      path: '/contacts/4711001/record/0-2/18273645012',
      record: 'company/18273645012',
      needs: ['n-reorder'],
    },
  },
  {
    host: 'dynamics',
    origin: 'https://acme.crm.dynamics.com',
    routes: [
      {
        path: dyn('account', '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'),
        record: 'account/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      },
      {
        path: dyn('account', '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f'),
        record: 'account/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      },
      {
        path: dyn('contact', 'c0ffee00-1111-4222-8333-444455556666'),
        record: 'contact/c0ffee00-1111-4222-8333-444455556666',
      },
      { path: `/main.aspx?${DYN_APP}&pagetype=entitylist&etn=account`, record: null },
    ],
    end: {
      path: dyn('account', '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d'),
      record: 'account/6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
      needs: ['n-reorder'],
    },
  },
  {
    host: 'zendesk',
    origin: 'https://acme.zendesk.com',
    routes: [
      { path: '/agent/tickets/35501', record: 'ticket/35501' },
      { path: '/agent/organizations/360001', record: 'organization/360001' },
      { path: '/agent/users/9001', record: 'user/9001' },
      { path: '/agent/tickets/35700', record: 'ticket/35700' },
    ],
    end: { path: '/agent/tickets/35436', record: 'ticket/35436', needs: ['n-invoices', 'n-order-status'] },
  },
];

/** Fixture delays down to a few milliseconds: the tour is about the extension, not the host's pace. */
async function quickFixture(page: Page): Promise<void> {
  await page.evaluate(() => {
    const timing = (window as unknown as { __fixture?: { timing?: Record<string, [number, number]> } })
      .__fixture?.timing;
    if (timing) for (const key of Object.keys(timing)) timing[key] = [0, 4];
  });
}

/** The extension's own listeners and observers do not grow; the renderer's counts only a little. */
function expectNoGrowth(before: LeakCounters, after: LeakCounters): void {
  const ext = (counters: LeakCounters) => ({
    windowListeners: counters.extension.windowListeners,
    documentTreeListeners: counters.extension.documentTreeListeners,
    navigationListeners: counters.extension.navigationListeners,
    mutationObservers: counters.extension.mutationObservers,
    resizeObservers: counters.extension.resizeObservers,
    intersectionObservers: counters.extension.intersectionObservers,
  });
  expect(ext(after), 'the extension’s listeners and observers').toEqual(ext(before));
  expect(
    after.JSEventListeners - before.JSEventListeners,
    'renderer JSEventListeners growth',
  ).toBeLessThanOrEqual(10);
  expect(after.Nodes - before.Nodes, 'DOM nodes growth after GC').toBeLessThanOrEqual(300);
  expect(after.JSHeapUsedSize - before.JSHeapUsedSize, 'JS heap growth after GC').toBeLessThanOrEqual(
    3 * 1024 * 1024,
  );
}

describe(`SPA endurance: ${NAVIGATIONS} navigations on each host`, () => {
  let session: SecuritySession;
  const hosts = TOURS.filter((tour) => AVAILABLE_HOSTS.some((host) => host.host === tour.host));

  beforeAll(async () => {
    session = await startSecuritySession({ trap: false });
    await monitorPanels(session.browser.context);
    const extension = await session.browser.context.newPage();
    await extension.goto(session.browser.extensionUrl('options.html'));
    await importCatalog({ browser: session.browser, extension, close: session.close });
    await extension.close();
  });

  afterAll(async () => {
    await session?.close();
  });

  for (const tour of hosts) {
    it(`${tour.host}: one panel for the right record at the end, nothing grew`, async () => {
      const page = await session.browser.context.newPage();
      await page.goto(`${tour.origin}${tour.end.path}`);
      await waitForFixture(page, tour.end.record);
      await quickFixture(page);
      const stops = [...tour.routes, tour.end];
      const go = async (i: number) => {
        const stop = stops[i % stops.length] as Route;
        await fixtureNavigate(page, stop.path);
        await waitForFixture(page, stop.record);
      };
      for (let i = 0; i < WARM_UP; i++) await go(i);
      await fixtureNavigate(page, tour.end.path);
      await waitForFixture(page, tour.end.record);
      await waitForPanel(
        page,
        `${tour.end.record} before the tour`,
        showing(tour.end.record as string, 'ready'),
      );
      const devtools = await openDevTools(page);
      const before = await devtools.measure(session.browser.extensionId);
      await maxPanelsSeen(page, true);

      const started = Date.now();
      // Every third navigation goes back in history instead: popstate, not pushState.
      for (let i = 0; i < NAVIGATIONS - 1; i++) {
        if (i % 3 === 2) {
          await page.goBack();
          await waitForFixture(page);
        } else await go(i);
      }
      await fixtureNavigate(page, tour.end.path);
      await waitForFixture(page, tour.end.record);
      const elapsed = Date.now() - started;

      const panel = await waitForPanel(
        page,
        `${tour.end.record} after ${NAVIGATIONS} navigations`,
        (p) => showing(tour.end.record as string, 'ready')(p) && p.needIds.length === tour.end.needs.length,
      );
      expect([...panel.needIds].sort()).toEqual(tour.end.needs);
      await page.waitForTimeout(300);
      expect((await panelState(page)).count, 'exactly one panel').toBe(1);
      expect(await maxPanelsSeen(page), 'never two panels at once').toBeLessThanOrEqual(1);
      const after = await devtools.measure(session.browser.extensionId);
      console.info(
        `${tour.host}: ${NAVIGATIONS} navigations in ${elapsed} ms\nbefore ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}`,
      );
      expectNoGrowth(before, after);
      await devtools.cdp.detach();
      await page.close();
    });
  }

  it('logged no error or warning from Tandem on any page', () => {
    expect(extensionProblems(session)).toEqual([]);
    expect(session.console.pageErrors).toEqual([]);
  });
});
