/**
 * Jira Data Center / Server end to end (docs/hosts.md, "Jira Data Center / Server"): the test build (scripts/build-for-tests.mjs)
 * grants https://jira.acme-dc.example and https://tools.acme-dc.example and starts with them as
 * sites; the Data Center look-alike (tests/fixtures/jira-dc) is served there, under the context
 * path /jira on the first and at the root on the second. Covered: the classic issue view, the
 * issue navigator's detail view (swapped in place, with the stale ajs-issue-key meta), the
 * project-centric issue route, the agile board's detail view, REST enrichment through the
 * instance's own Epic Link field, REST failures, and removing and adding the origin in the
 * options page.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/jira-dc.e2e.ts
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedRequests, servedOrigins, servedRequests, waitForFixture } from './harness/hosts';
import { expectOnlyAllowedRequests } from './harness/network';
import {
  consoleProblems,
  type ExpectedPanel,
  expectCleanConsole,
  expectNoStalePanel,
  expectOnlyOrigins,
  expectPanel,
  expectPlace,
  expectSameOriginRest,
  type JiraSession,
  linkedByKey,
  panelCount,
  startJiraSession,
  teamName,
} from './jira-support';

/** expect.poll's default is 1 s: too short for a page load or the background's start. */
const POLL = { timeout: 10_000 };
const DC = 'https://jira.acme-dc.example';
const DC_ROOT = 'https://tools.acme-dc.example';
const CTX = '/jira';
const EPIC_LINK_FIELD = 'customfield_10100';
const JQL = `?jql=${encodeURIComponent('project = SHOP ORDER BY key ASC')}`;
/** The panel loop floats after 1.5 s without an anchor: a page without a panel is judged after this. */
const NO_PANEL_WAIT_MS = 2500;

const PLACE = {
  inside: {
    sidebar: '#viewissuesidebar',
    issueContent: '#issue-content',
    stalker: '#stalker',
    navigatorDetail: '.detail-panel',
    navigatorList: '.list-results-panel',
    ghxDetail: '#ghx-detail-issue',
    ghxPool: '#ghx-pool',
    ghxCard: '.js-issue',
  },
  after: '#ghx-detail-head',
  firstIn: '#viewissuesidebar',
};

const dc = (record: string, rest: Omit<ExpectedPanel, 'host' | 'record'>): ExpectedPanel => ({
  host: 'jira-dc',
  record,
  ...rest,
});
const REORDER = { state: 'ready', needs: ['n-reorder'] };
const INVOICES = { state: 'ready', needs: ['n-invoices'] };
const CHECKOUT_TEAM = { state: 'ready', needs: [], team: teamName('t-checkout') };
const EMPTY = { state: 'empty', needs: [] };

const inSidebar = (p: { firstIn: boolean; layout: string | null }) => p.firstIn && p.layout === 'block';

function metaIssueKey(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.querySelector('meta[name="ajs-issue-key"]')?.getAttribute('content') ?? null,
  );
}

describe('Jira Data Center', () => {
  let session: JiraSession;
  let page: Page;

  const restReads = (origin = DC) =>
    servedRequests(session.browser.context).filter((url) =>
      url.startsWith(`${origin}${origin === DC ? CTX : ''}/rest/`),
    );

  async function registeredScripts(): Promise<string[]> {
    const worker = await session.browser.serviceWorker();
    return worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } };
      };
      return (await chrome.scripting.getRegisteredContentScripts()).map((script) => script.id).sort();
    });
  }

  async function openOptions(): Promise<Page> {
    const options = await session.browser.context.newPage();
    // `#settings`: the view with the sites on an options page that shows one view at a time.
    await options.goto(session.browser.extensionUrl('options.html#settings'));
    return options;
  }

  const siteItem = (options: Page, origin: string) =>
    options.locator(`[data-testid="jira-dc-origin"][data-origin="${origin}"]`);

  beforeAll(async () => {
    session = await startJiraSession({ [DC]: 'jira-dc', [DC_ROOT]: 'jira-dc' });
    page = session.page;
  });

  afterAll(async () => {
    await session?.browser.close();
  });

  it("starts with the test build's origins as sites, each with its content script registered", async () => {
    const options = await openOptions();
    await expect.poll(() => siteItem(options, DC).count(), POLL).toBe(1);
    await expect.poll(() => siteItem(options, DC_ROOT).count(), POLL).toBe(1);
    await options.close();
    // Registered by the background when it was installed; the pages below need them.
    await expect
      .poll(registeredScripts, { timeout: 10_000 })
      .toEqual([`tandem-jira-dc:${DC}`, `tandem-jira-dc:${DC_ROOT}`]);
  });

  it('classic issue view under /jira: at the top of #viewissuesidebar, REST under the context path', async () => {
    await page.goto(`${DC}${CTX}/browse/SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    await expectPanel(page, dc('SHOP-142', REORDER));
    const place = await expectPlace(page, PLACE, 'first in the issue sidebar', inSidebar);
    expect(place.inside.stalker).toBe(false);
    // The Epic Link field's id is looked up first, then the issue with it; both under /jira.
    await expect
      .poll(() => restReads(), POLL)
      .toEqual([
        `${DC}${CTX}/rest/api/2/field`,
        `${DC}${CTX}/rest/api/2/issue/SHOP-142?fields=parent,labels,components,project,issuetype,status,assignee,fixVersions,duedate,${EPIC_LINK_FIELD}`,
      ]);
    expect(servedRequests(session.browser.context).filter((url) => url.startsWith(`${DC}/rest/`))).toEqual(
      [],
    );
    await expectNoStalePanel(page);
  });

  it("epic through the instance's own Epic Link field (customfield_10100), on the classic view", async () => {
    expect(linkedByKey('SHOP-151'), 'SHOP-151 must not be linked by its key').toBe(false);
    await page.goto(`${DC}${CTX}/browse/SHOP-151`);
    await waitForFixture(page, 'SHOP-151');
    await expectPanel(page, dc('SHOP-151', REORDER));
    await expectPlace(page, PLACE, 'first in the issue sidebar', inSidebar);
    expect(restReads().at(-1)).toContain(`/rest/api/2/issue/SHOP-151?fields=`);
    expect(restReads().at(-1)).toContain(EPIC_LINK_FIELD);
    expect(restReads().at(-1)).not.toContain('customfield_10014');
    await expectNoStalePanel(page);
  });

  it('issue navigator: the detail swapped in place, label and component through REST, the stale ajs-issue-key meta', async () => {
    for (const key of ['SHOP-146', 'SHOP-147']) expect(linkedByKey(key)).toBe(false);
    // A first load of the navigator's detail view: the server wrote ajs-issue-key = SHOP-142.
    await page.goto(`${DC}${CTX}/browse/SHOP-142${JQL}`);
    await waitForFixture(page, 'SHOP-142');
    const documentBefore = await page.evaluate(() => performance.timeOrigin);
    await expectPanel(page, dc('SHOP-142', REORDER));
    await expectPlace(
      page,
      PLACE,
      'first in the detail sidebar',
      (p) => inSidebar(p) && p.inside.navigatorDetail,
    );

    await page.locator('.issue-list li[data-key="SHOP-146"] a.splitview-issue-link').click();
    await waitForFixture(page, 'SHOP-146');
    expect(page.url()).toBe(`${DC}${CTX}/browse/SHOP-146${JQL}`);
    expect(await page.evaluate(() => performance.timeOrigin), 'swapped in place: no page load').toBe(
      documentBefore,
    );
    expect(await metaIssueKey(page), 'the meta still names the first issue').toBe('SHOP-142');
    await expectPanel(page, dc('SHOP-146', INVOICES));
    let place = await expectPlace(
      page,
      PLACE,
      'first in the detail sidebar',
      (p) => inSidebar(p) && p.inside.navigatorDetail,
    );
    expect(place.inside.navigatorList).toBe(false);

    await page.locator('.issue-list li[data-key="SHOP-147"] a.splitview-issue-link').click();
    await waitForFixture(page, 'SHOP-147');
    expect(await metaIssueKey(page)).toBe('SHOP-142');
    await expectPanel(page, dc('SHOP-147', CHECKOUT_TEAM));

    await page.goBack();
    await waitForFixture(page, 'SHOP-146');
    await expectPanel(page, dc('SHOP-146', INVOICES));
    place = await expectPlace(
      page,
      PLACE,
      'first in the detail sidebar',
      (p) => inSidebar(p) && p.inside.navigatorDetail,
    );
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(documentBefore);
    await expectNoStalePanel(page);

    // /issues/?jql=… opens its first result (SHOP-100, the epic itself) with replaceState.
    await page.goto(`${DC}${CTX}/issues/${JQL}`);
    await waitForFixture(page, 'SHOP-100');
    expect(page.url()).toBe(`${DC}${CTX}/browse/SHOP-100${JQL}`);
    expect(await metaIssueKey(page), 'no issue named when the page loaded').toBe(null);
    await expectPanel(page, dc('SHOP-100', REORDER));
    await expectPlace(
      page,
      PLACE,
      'first in the detail sidebar',
      (p) => inSidebar(p) && p.inside.navigatorDetail,
    );
    await expectNoStalePanel(page);
  });

  it('project-centric issue route /jira/projects/SHOP/issues/KEY', async () => {
    await page.goto(`${DC}${CTX}/projects/SHOP/issues/SHOP-143?filter=allopenissues`);
    await waitForFixture(page, 'SHOP-143');
    await expectPanel(page, dc('SHOP-143', INVOICES));
    await page.locator('.issue-list li[data-key="SHOP-151"] a.splitview-issue-link').click();
    await waitForFixture(page, 'SHOP-151');
    expect(page.url()).toBe(`${DC}${CTX}/projects/SHOP/issues/SHOP-151?filter=allopenissues`);
    expect(await metaIssueKey(page)).toBe('SHOP-143');
    await expectPanel(page, dc('SHOP-151', REORDER));
    await expectPlace(
      page,
      PLACE,
      'first in the detail sidebar',
      (p) => inSidebar(p) && p.inside.navigatorDetail,
    );
    await expectNoStalePanel(page);
  });

  it("agile board: in #ghx-detail-issue after its head, never in a card; follows the card that's clicked", async () => {
    const boardUrl = `${DC}${CTX}/secure/RapidBoard.jspa?rapidView=1`;
    await page.goto(`${boardUrl}&selectedIssue=SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    await expectPanel(page, dc('SHOP-142', REORDER));
    let place = await expectPlace(page, PLACE, 'after the detail head', (p) => p.after && p.inside.ghxDetail);
    expect(place.inside.ghxCard).toBe(false);
    expect(place.inside.ghxPool).toBe(false);

    await page.locator('.js-issue[data-issue-key="SHOP-147"]').click();
    await waitForFixture(page, 'SHOP-147');
    expect(page.url()).toBe(`${boardUrl}&selectedIssue=SHOP-147`);
    await expectPanel(page, dc('SHOP-147', CHECKOUT_TEAM));
    place = await expectPlace(page, PLACE, 'after the detail head', (p) => p.after && p.inside.ghxDetail);
    expect(place.inside.ghxCard).toBe(false);

    await page.locator('#ghx-detail-head .ghx-close').click();
    await waitForFixture(page, null);
    expect(page.url()).toBe(boardUrl);
    await expect.poll(() => panelCount(page), { timeout: 5000 }).toBe(0);
    await expectNoStalePanel(page);
  });

  it('an instance at the root of its origin (no context path)', async () => {
    const before = restReads(DC_ROOT).length;
    await page.goto(`${DC_ROOT}/browse/SHOP-146`);
    await waitForFixture(page, 'SHOP-146');
    await expectPanel(page, dc('SHOP-146', INVOICES));
    await expectPlace(page, PLACE, 'first in the issue sidebar', inSidebar);
    expect(restReads(DC_ROOT).slice(before)).toEqual([
      `${DC_ROOT}/rest/api/2/field`,
      `${DC_ROOT}/rest/api/2/issue/SHOP-146?fields=parent,labels,components,project,issuetype,status,assignee,fixVersions,duedate,${EPIC_LINK_FIELD}`,
    ]);
    await expectNoStalePanel(page);
  });

  it('REST 401 (field list) and 404 (issue) fall back to key-only matching, no error in the console', async () => {
    const consoleBefore = session.console.entries.length;
    const errorsBefore = session.console.pageErrors.length;

    // Without the field list the Epic Link field is unknown: SHOP-151's only route is lost.
    session.faults.set(`${DC}${CTX}/rest/api/2/field`, { status: 401 });
    const before = restReads().length;
    await page.goto(`${DC}${CTX}/browse/SHOP-151`);
    await waitForFixture(page, 'SHOP-151');
    await expect
      .poll(
        () =>
          restReads()
            .slice(before)
            .some((url) => url.includes('/issue/SHOP-151')),
        POLL,
      )
      .toBe(true);
    await expectPanel(page, dc('SHOP-151', EMPTY));
    const issueRead = restReads()
      .slice(before)
      .find((url) => url.includes('/issue/SHOP-151'));
    expect(issueRead).not.toContain(EPIC_LINK_FIELD);

    // 404 on an issue linked by its key: the key-level need stands.
    session.faults.set(`${DC}${CTX}/rest/api/2/issue/SHOP-143`, { status: 404 });
    await page.goto(`${DC}${CTX}/browse/SHOP-143`);
    await waitForFixture(page, 'SHOP-143');
    await expect
      .poll(
        () =>
          session.faults.failedUrls.some((url) => url.startsWith(`${DC}${CTX}/rest/api/2/issue/SHOP-143`)),
        POLL,
      )
      .toBe(true);
    await expectPanel(page, dc('SHOP-143', INVOICES));
    session.faults.clear();

    expect(session.console.pageErrors.slice(errorsBefore)).toEqual([]);
    expect(
      consoleProblems(
        { entries: session.console.entries.slice(consoleBefore), pageErrors: [] },
        session.faults.failedUrls,
      ),
    ).toEqual([]);
    await expectNoStalePanel(page);
  });

  it('removing the origin in the options page removes the panel there; adding it again brings it back', async () => {
    await page.goto(`${DC}${CTX}/browse/SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    await expectPanel(page, dc('SHOP-142', REORDER));

    const options = await openOptions();
    await siteItem(options, DC).locator('[data-testid="jira-dc-remove"]').click();
    await expect.poll(() => siteItem(options, DC).count(), POLL).toBe(0);
    expect(await siteItem(options, DC_ROOT).count(), 'the other site stays').toBe(1);
    await expect.poll(registeredScripts, POLL).toEqual([`tandem-jira-dc:${DC_ROOT}`]);

    const readsBefore = restReads().length;
    await page.reload();
    await waitForFixture(page, 'SHOP-142');
    await page.waitForTimeout(NO_PANEL_WAIT_MS);
    expect(await panelCount(page), 'no panel on a removed site').toBe(0);
    expect(restReads().length, 'no content script ran: no REST read').toBe(readsBefore);
    // The other site is untouched.
    const other = await session.browser.context.newPage();
    await other.goto(`${DC_ROOT}/browse/SHOP-147`);
    await waitForFixture(other, 'SHOP-147');
    await expectPanel(other, dc('SHOP-147', CHECKOUT_TEAM));
    await other.close();

    // Added again through the input: its permission is still granted, so no prompt.
    await options.locator('[data-testid="jira-dc-origin-input"]').fill(DC);
    await options.locator('[data-testid="jira-dc-add"]').click();
    await expect.poll(() => siteItem(options, DC).count(), POLL).toBe(1);
    await expect.poll(registeredScripts, POLL).toEqual([`tandem-jira-dc:${DC}`, `tandem-jira-dc:${DC_ROOT}`]);
    await options.close();

    await page.reload();
    await waitForFixture(page, 'SHOP-142');
    await expectPanel(page, dc('SHOP-142', REORDER));
    await expectPlace(page, PLACE, 'first in the issue sidebar', inSidebar);
    await expectNoStalePanel(page);
  });

  it('kept every page console free of errors and sent nothing off the routed origins', () => {
    // Once its origin was removed, the script left on that page is no Tandem panel any more: the
    // background refuses its settings.get, and both sides say so once. Nothing else.
    const leftBehind =
      /refused settings\.get from .*: not a Tandem page or panel|settings unavailable: Tandem refused settings\.get/;
    expectCleanConsole(
      {
        ...session.console,
        entries: session.console.entries.filter((entry) => !leftBehind.test(entry.text)),
      },
      session.faults.failedUrls,
    );
    expect(servedOrigins(session.browser.context).sort()).toEqual([DC, DC_ROOT].sort());
    // Beside the Data Center pages: only the background's status reads from the catalog's own Jira
    // site (docs/jira-status.md), for the shipped warning on the needs shown.
    const catalogJira = 'https://acme.atlassian.net';
    const statusRead = (entry: { source: string; url: string }) =>
      entry.source === 'service-worker' && entry.url.startsWith(`${catalogJira}/rest/api/3/search/jql?`);
    const entries = session.network.entries.filter((entry) => !statusRead(entry));
    const pages = { ...session.network, entries, urls: () => entries.map((entry) => entry.url) };
    expectOnlyAllowedRequests(pages, [DC, DC_ROOT]);
    expectOnlyOrigins(pages, [DC, DC_ROOT]);
    expectSameOriginRest(pages);
    // The status reads go to a site this test does not serve: blocked on this machine, as they should be.
    const blocked = blockedRequests(session.browser.context)
      .map((request) => request.url)
      .filter((url) => !url.startsWith(`${catalogJira}/rest/api/3/search/jql?`));
    expect(blocked).toEqual([]);
  });
});
