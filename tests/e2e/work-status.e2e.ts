/**
 * Delivery status on CRM records and customer impact on Jira issues, end to end: the
 * built extension in Debian's Chromium, the demo catalog imported (its `sites.jira` is
 * https://acme.atlassian.net), a Salesforce record served under its real name, and a fake Jira
 * REST API (harness/jira-api.ts) on the catalog's Jira site. The background reads status with one
 * batched JQL search per record; every failure says what to do and the keys still show; a Jira tab
 * passes on what its own issue read saw. The tests run in order: failures first, while the cache
 * is empty, then the answers that fill it.
 *
 * Run after `node scripts/build-for-tests.mjs`:
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/work-status.e2e.ts
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type CrmSession, catalog, JIRA_SITE, PANEL_TIMEOUT, startCrmSession } from './crm-support';
import { projectRoot } from './harness/browser';
import { blockedRequests, fixtureSite, serveHost, waitForFixture } from './harness/hosts';
import { type FakeJiraApi, fakeJiraApi } from './harness/jira-api';
import { expectOnlyAllowedRequests } from './harness/network';
import { expectedImpact, GLOBEX_WORK, JIRA_SESSION_COOKIES, statusPanel } from './work-status-support';

const LIGHTNING = 'https://acme.lightning.force.com';
const GLOBEX = '/lightning/r/Account/001Dn00000AbCdEIAV/view';
const DC = 'https://jira.acme-dc.example';
const POLL = { timeout: PANEL_TIMEOUT, interval: 200 };

/** After a failure the background leaves the site alone for 5 s (reader.ts FAILURE_PAUSE_MS). */
const outlastFailurePause = () => new Promise((resolve) => setTimeout(resolve, 5500));

async function openGlobex(page: Page): Promise<void> {
  await page.goto(`${LIGHTNING}${GLOBEX}`);
  await waitForFixture(page, 'Account/001Dn00000AbCdEIAV');
  // The keys show at once, whatever Jira does.
  await expect
    .poll(async () => (await statusPanel(page)).items.map((item) => item.key), POLL)
    .toEqual(['SHOP-142', 'SHOP-100']);
}

describe('delivery status and customer impact', () => {
  let session: CrmSession;
  let jira: FakeJiraApi;
  let dcApi: FakeJiraApi;
  const jiraFixture = fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud'));

  beforeAll(async () => {
    session = await startCrmSession({ [LIGHTNING]: 'salesforce' });
    jira = fakeJiraApi(GLOBEX_WORK);
    dcApi = fakeJiraApi({
      'SHOP-142': { status: 'Closed', category: 'done' },
      'SHOP-100': { status: 'Resolved', category: 'done' },
    });
    // The search API is the fake; everything else on the site is the Jira Cloud fixture app.
    await serveHost(session.browser.context, JIRA_SITE, (url, request) =>
      url.pathname.includes('/search') ? jira.handler(url, request) : jiraFixture(url, request),
    );
    await serveHost(session.browser.context, DC, dcApi.handler);
    // The user's Jira session, as Jira Cloud sets it (SameSite=None), and Lax and Strict companions,
    // to see which the background's request carries.
    await session.browser.context.addCookies(JIRA_SESSION_COOKIES);
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  it.each([
    [401, 'Sign in to Jira at acme.atlassian.net to see status.'],
    [403, 'No permission to read these issues at acme.atlassian.net.'],
    [404, 'Jira at acme.atlassian.net has no search API here: check the catalog’s Jira site.'],
    [500, 'Jira at acme.atlassian.net could not answer just now: status will refresh shortly.'],
  ] as const)('on %i says what to do in one line, and the keys still show', async (status, line) => {
    await outlastFailurePause();
    jira.mode = status;
    const before = jira.searches().length;
    await openGlobex(session.page);
    await expect.poll(async () => (await statusPanel(session.page)).problem, POLL).toBe(line);
    const panel = await statusPanel(session.page);
    expect(panel.items.every((item) => item.category === null && item.status === null)).toBe(true);
    // Batched: every read asks for both keys at once (a panel that resolves again may read again).
    const reads = jira.searches().slice(before);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((read) => read.jql === 'key in (SHOP-142,SHOP-100)')).toBe(true);
  });

  it('falls back to what the user’s Jira tab saw when the background gets no session, with its age', async () => {
    await outlastFailurePause();
    jira.mode = 401;
    onTestFinished(() => {
      jira.mode = 'ok';
    });
    // The Jira tab reads its own issue same-origin (the fixture says SHOP-142 is In Progress) and
    // passes the status on to the background.
    const tab = await session.browser.context.newPage();
    await tab.goto(`${JIRA_SITE}/browse/SHOP-142`);
    await waitForFixture(tab, 'SHOP-142');
    await expect.poll(async () => (await statusPanel(tab)).needIds.length, POLL).toBeGreaterThan(0);
    await tab.close();
    await openGlobex(session.page);
    await expect
      .poll(async () => (await statusPanel(session.page)).items.find((item) => item.key === 'SHOP-142'), POLL)
      .toMatchObject({ category: 'indeterminate', status: 'In Progress' });
    const panel = await statusPanel(session.page);
    expect(panel.items[0]?.text).toMatch(/seen (just now|1 min ago) in your Jira tab/);
    expect(panel.problem).toBe('Sign in to Jira at acme.atlassian.net to see status.');
    // SHOP-100 was not seen by any tab: its key alone.
    expect(panel.items[1]).toMatchObject({ key: 'SHOP-100', category: null });
  });

  it('on a slow answer shows the panel at once and gives the status up after its timeout', async () => {
    await outlastFailurePause();
    jira.mode = 'ok';
    jira.delayMs = 12_000;
    onTestFinished(() => {
      jira.delayMs = 0;
    });
    await openGlobex(session.page);
    // The panel is there, needs and keys, while Jira has not answered.
    expect((await statusPanel(session.page)).needIds).toContain('n-reorder');
    await expect
      .poll(async () => (await statusPanel(session.page)).problem, { ...POLL, timeout: 20_000 })
      .toBe('Jira at acme.atlassian.net could not answer just now: status will refresh shortly.');
    jira.delayMs = 0;
  });

  it('shows each work item’s status from one batched search, sent by the background with the session', async () => {
    await outlastFailurePause();
    jira.mode = 'ok';
    const before = jira.searches().length;
    await openGlobex(session.page);
    await expect
      .poll(
        async () =>
          (await statusPanel(session.page)).items.map((item) => [item.key, item.category, item.status]),
        POLL,
      )
      .toEqual([
        ['SHOP-142', 'indeterminate', 'In Review'],
        ['SHOP-100', 'new', 'Selected'],
      ]);
    const panel = await statusPanel(session.page);
    expect(panel.problem).toBeNull();
    expect(panel.items[0]?.text).toContain('Raj Patel · Fix version 4.2');
    expect(panel.items[1]?.text).toContain('Due 2026-12-24');
    const searches = jira.searches().slice(before);
    expect(searches).toHaveLength(1);
    const [search] = searches;
    expect(search?.path).toBe('/rest/api/3/search/jql');
    expect(search?.jql).toBe('key in (SHOP-142,SHOP-100)');
    expect(search?.fields).toBe('status,assignee,fixVersions,duedate');
    expect(search?.from).toBe('service-worker');
    // Evidence for docs/jira-status.md: what Chromium sent with the background's request.
    const cookie = search?.headers.cookie ?? '';
    console.info(
      `[jira-status evidence] Chromium background search: cookie=${JSON.stringify(cookie)} origin=${JSON.stringify(search?.headers.origin ?? null)} sec-fetch-site=${JSON.stringify(search?.headers['sec-fetch-site'] ?? null)}`,
    );
    expect(cookie).toContain('session-none=yes');
    expect(search?.headers['x-atlassian-token']).toBeUndefined();
  });

  it('answers the next panel from the cache while it is fresh', async () => {
    const before = jira.searches().length;
    await openGlobex(session.page);
    await expect
      .poll(async () => (await statusPanel(session.page)).items.map((item) => item.category), POLL)
      .toEqual(['indeterminate', 'new']);
    expect(jira.searches().length).toBe(before);
  });

  it('shows customer impact above the needs on the Jira issue, matching the catalog', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`${JIRA_SITE}/browse/SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    await expect.poll(async () => (await statusPanel(page)).impact?.customers ?? null, POLL).not.toBeNull();
    const panel = await statusPanel(page);
    const expected = expectedImpact(catalog, panel.needIds);
    expect(panel.impact?.customers).toBe(expected.customers);
    expect(panel.impact?.critical).toBe(expected.critical);
    expect(panel.impact?.links).toContain(
      `Globex Corporation ${LIGHTNING}/lightning/r/Account/001Dn00000AbCdEIAV/view`,
    );
    await page.close();
  });

  it('reads a Data Center site in its v2 shape, and warns when every work item is done while the need says in-delivery', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(session.browser.extensionUrl('options.html'));
    const withDc = { ...catalog, sites: { ...(catalog as { sites?: object }).sites, jira: [DC] } };
    await options.locator('[data-testid="catalog-import"]').setInputFiles({
      name: 'catalog.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(withDc)),
    });
    await options
      .locator('[data-testid="import-result"]')
      .waitFor({ state: 'visible', timeout: PANEL_TIMEOUT });
    await options.close();
    await openGlobex(session.page);
    await expect.poll(async () => (await statusPanel(session.page)).warnings, POLL).toContain('shipped');
    const search = dcApi.searches().at(-1);
    expect(search?.path).toBe('/rest/api/2/search');
    expect(search?.jql).toBe('key in (SHOP-142,SHOP-100)');
    expect(new URL(search?.url ?? DC).searchParams.get('validateQuery')).toBe('warn');
    // Done work folds below the open items, each key still a tandem-work-item with its status.
    const panel = await statusPanel(session.page);
    expect(panel.items.map((item) => [item.key, item.category, item.status])).toEqual([
      ['SHOP-142', 'done', 'Closed'],
      ['SHOP-100', 'done', 'Resolved'],
    ]);
  });

  it('sent nothing off the machine: the status reads went to the catalog’s Jira site only, from the background', () => {
    expectOnlyAllowedRequests(session.network, [LIGHTNING, JIRA_SITE, DC]);
    const toJira = session.network.entries.filter((entry) =>
      entry.url.startsWith(`${JIRA_SITE}/rest/api/3/search`),
    );
    expect(toJira.length).toBeGreaterThan(0);
    expect(toJira.every((entry) => entry.source === 'service-worker')).toBe(true);
    // The CRM page itself never spoke to Jira.
    expect(
      session.network.entries.filter(
        (entry) => entry.url.startsWith(JIRA_SITE) && entry.initiator?.startsWith(LIGHTNING),
      ),
    ).toEqual([]);
    expect(blockedRequests(session.browser.context)).toEqual([]);
  });
});
