/**
 * Delivery status on a CRM record in Firefox: the background page (an MV2 event page, whose
 * requests tab interception never sees) reads the catalog's Jira site with one batched JQL search,
 * and the panel shows each work item's status; the Jira issue shows its customer impact. The search reaches the fake Jira through a loopback
 * proxy that answers HTTPS itself (harness/tls-proxy.ts), which also records the headers Firefox
 * sent with it: the evidence in docs/jira-status.md of which of the user's Jira cookies go with a
 * background read. Tabs are served by interception as in the other Firefox files; nothing else
 * reaches the network (the proxy refuses every other target and the test asserts it).
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.firefox.config.ts tests/e2e/firefox-work-status.e2e.ts
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog, JIRA_SITE } from './crm-support';
import { importDemoCatalogIn, pollIn, waitForPanelIn } from './firefox-support';
import { projectRoot } from './harness/browser';
import { type FirefoxExtension, launchFirefoxWithExtension, waitForFixtureIn } from './harness/firefox';
import { fixtureSite } from './harness/hosts';
import { type FakeJiraApi, fakeJiraApi } from './harness/jira-api';
import { startTlsProxy, type TlsProxy } from './harness/tls-proxy';
import {
  expectedImpact,
  GLOBEX_WORK,
  JIRA_SESSION_COOKIES,
  type StatusPanel,
  statusPanel,
} from './work-status-support';

const LIGHTNING = 'https://acme.lightning.force.com';
const GLOBEX = '/lightning/r/Account/001Dn00000AbCdEIAV/view';

describe('Firefox: work-item status read by the background page', () => {
  let proxy: TlsProxy;
  let jira: FakeJiraApi;
  let firefox: FirefoxExtension;
  let page: Page;
  let seen: StatusPanel | undefined;

  beforeAll(async () => {
    proxy = await startTlsProxy();
    jira = fakeJiraApi(GLOBEX_WORK);
    proxy.serve(JIRA_SITE, jira.handler);
    firefox = await launchFirefoxWithExtension({ acceptInsecureCerts: true, prefs: proxy.firefoxPrefs() });
    firefox.serveHost(JIRA_SITE, fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud')));
    firefox.serveHost(LIGHTNING, fixtureSite(path.join(projectRoot, 'tests/fixtures/salesforce')));
    page = await firefox.newPage();
  });
  afterAll(async () => {
    await firefox?.close();
    await proxy?.close();
  });

  it('imports the demo catalog, whose Jira site is acme.atlassian.net, with the user signed in there', async () => {
    await page.goto(`${JIRA_SITE}/browse/SHOP-142`);
    await waitForFixtureIn(page, 'SHOP-142');
    // The user's Jira session as Jira Cloud sets it (SameSite=None), with Lax and Strict companions
    // to see which the background's request carries.
    await firefox.browser.setCookie(...JIRA_SESSION_COOKIES);
    const options = await importDemoCatalogIn(firefox, page);
    await options.close();
  });

  it('shows customer impact above the needs on the Jira issue, matching the catalog', async () => {
    await pollIn(
      'the impact block',
      async () => (await statusPanel(page as never)).impact?.customers != null,
    );
    const panel = await statusPanel(page as never);
    const expected = expectedImpact(catalog, panel.needIds);
    expect(panel.impact?.customers).toBe(expected.customers);
    expect(panel.impact?.critical).toBe(expected.critical);
    expect(panel.impact?.links).toContain(`Globex Corporation ${LIGHTNING}${GLOBEX}`);
  });

  it('shows each work item’s status on the Salesforce record, from one batched background search', async () => {
    await page.goto(`${LIGHTNING}${GLOBEX}`);
    await waitForFixtureIn(page, 'Account/001Dn00000AbCdEIAV');
    await pollIn('the status of both work items', async () => {
      seen = await statusPanel(page as never);
      return seen.items.every((item) => item.category !== null);
    });
    expect(seen?.items.map((item) => [item.key, item.category, item.status])).toEqual([
      ['SHOP-142', 'indeterminate', 'In Review'],
      ['SHOP-100', 'new', 'Selected'],
    ]);
    expect(seen?.problem).toBeNull();
    expect(seen?.items[0]?.text).toContain('Raj Patel · Fix version 4.2');
    const searches = jira.searches();
    expect(searches).toHaveLength(1);
    const [search] = searches;
    expect(search?.path).toBe('/rest/api/3/search/jql');
    expect(search?.jql).toBe('key in (SHOP-142,SHOP-100)');
    expect(search?.fields).toBe('status,assignee,fixVersions,duedate');
    // Evidence for docs/jira-status.md: what Firefox sent with the background page's request.
    const headers = search?.headers ?? {};
    console.info(
      `[jira-status evidence] Firefox background search: cookie=${JSON.stringify(headers.cookie ?? '')} origin=${JSON.stringify(headers.origin ?? null)} sec-fetch-site=${JSON.stringify(headers['sec-fetch-site'] ?? null)} sec-fetch-mode=${JSON.stringify(headers['sec-fetch-mode'] ?? null)}`,
    );
    // Unlike Chromium's service worker, Firefox counts a read of a permitted host as same-site.
    for (const cookie of ['session-none=yes', 'session-lax=yes', 'session-strict=yes'])
      expect(headers.cookie ?? '').toContain(cookie);
    expect(headers['x-atlassian-token']).toBeUndefined();
  });

  it('answers the next panel from its cache, and sent nothing but the status read off the tabs', async () => {
    await page.reload();
    await waitForFixtureIn(page, 'Account/001Dn00000AbCdEIAV');
    await waitForPanelIn(page, 'the panel again', (p) => p.count === 1 && p.state === 'ready');
    await pollIn(
      'the cached status',
      async () => (await statusPanel(page as never)).items[0]?.category === 'indeterminate',
    );
    expect(jira.searches()).toHaveLength(1);
    // Only the background's status read went past tab interception, and only to the catalog's Jira site.
    expect(proxy.requests.map((request) => new URL(request.url).origin)).toEqual([JIRA_SITE]);
    // Firefox's own services (remote settings at *.mozilla.com) try the proxy too and are refused:
    // that is the browser, not the extension, whose every request is accounted for above.
    expect(proxy.refused.filter((target) => !/\.mozilla\.(com|net|org):443$/.test(target))).toEqual([]);
    expect(firefox.blocked).toEqual([]);
  });
});
