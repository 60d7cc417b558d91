/**
 * The core flows in Firefox (Debian's firefox-esr over WebDriver BiDi; harness/firefox.ts says how
 * Firefox differs and how the harness copes), in one browser session, in order:
 * - from an empty catalog, the panel's link action opens the options page
 *   (`runtime.openOptionsPage()`, the only way into an extension page BiDi allows); the demo catalog
 *   is imported there and reaches the open Jira tab at once;
 * - the Jira Cloud issue and board with SPA steps, a Jira Data Center site (the test build's own,
 *   registered with `scripting.registerContentScripts`, which Firefox has in MV2 too), one record
 *   of each CRM family;
 * - the popup (reached by the options page going to `popup.html` itself): charter links, search;
 * - capture: linking an unlinked issue to a need from the panel’s picker;
 * - settings reaching open tabs: a host switched off and on in the options page;
 * - the extension reloaded (`runtime.reload()`; an event page, not a service worker): the catalog
 *   stays and a reloaded tab shows one working panel.
 * Firefox has no scoped custom element registries: the panel is `<tandem-panel>` unless a page
 * defines that name, then `<div data-tandem-panel>`; harness/panel.ts counts both.
 *
 * Run: node scripts/build-for-tests.mjs && npx vitest run -c vitest.firefox.config.ts tests/e2e/firefox-core.e2e.ts
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInPanel, FIREFOX_TIMEOUT, pollIn, waitForPanelIn } from './firefox-support';
import { projectRoot } from './harness/browser';
import {
  type FirefoxExtension,
  fixtureNavigateIn,
  launchFirefoxWithExtension,
  waitForFixtureIn,
} from './harness/firefox';
import { fixtureSite } from './harness/hosts';

const JIRA = 'https://acme.atlassian.net';
/** The hostile-scripts fixture (tests/fixtures/hostile), under a Jira Cloud name. */
const HOSTILE = 'https://hostile.atlassian.net';
const DC = 'https://jira.acme-dc.example';
const SITES: Record<string, string> = {
  [JIRA]: 'jira-cloud',
  [DC]: 'jira-dc',
  'https://acme.lightning.force.com': 'salesforce',
  'https://app.hubspot.com': 'hubspot',
  'https://acme.crm.dynamics.com': 'dynamics',
  'https://acme.zendesk.com': 'zendesk',
};
/** One record of each CRM family, with a need the demo catalog links to it. */
const CRM_RECORDS = [
  {
    host: 'salesforce',
    url: 'https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAV/view',
    need: 'n-reorder',
  },
  {
    host: 'hubspot',
    url: 'https://app.hubspot.com/contacts/4711001/record/0-2/18273645012',
    need: 'n-reorder',
  },
  {
    host: 'dynamics',
    url: 'https://acme.crm.dynamics.com/main.aspx?etn=account&id=%7B6B2A3C4D-1E2F-4A5B-8C9D-0E1F2A3B4C5D%7D&pagetype=entityrecord&appid=4a1b2c3d-0000-4000-8000-000000000001',
    need: 'n-reorder',
  },
  { host: 'zendesk', url: 'https://acme.zendesk.com/agent/tickets/35436', need: 'n-invoices' },
];
const CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');
const TIMEOUT = FIREFOX_TIMEOUT;

interface CatalogDoc {
  needs: { id: string; title: string }[];
  teams: { id: string; charter?: { url?: string } }[];
}
const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as CatalogDoc;

describe('Firefox: catalog import through the options page, then Jira Cloud', () => {
  let firefox: FirefoxExtension;
  let jira: Page;
  let options: Page;

  beforeAll(async () => {
    firefox = await launchFirefoxWithExtension();
    for (const [origin, folder] of Object.entries(SITES)) {
      firefox.serveHost(origin, fixtureSite(path.join(projectRoot, 'tests/fixtures', folder)));
    }
    const hostilePage = await readFile(path.join(projectRoot, 'tests/fixtures/hostile/hostile-scripts.html'));
    firefox.serveHost(HOSTILE, (url) =>
      url.pathname.startsWith('/browse/') ? { body: hostilePage } : { status: 404, body: '' },
    );
    jira = await firefox.newPage();
  });

  afterAll(async () => {
    await firefox?.close();
  });

  it('with no catalog, the panel on SHOP-142 offers to set one up and opens the options page', async () => {
    await jira.goto(`${JIRA}/browse/SHOP-142`);
    await waitForFixtureIn(jira, 'SHOP-142');
    await waitForPanelIn(jira, 'an empty panel on SHOP-142', (p) => p.count === 1 && p.state === 'empty');
    await clickInPanel(jira, 'tandem-link-action');
    options = await firefox.extensionPage('options.html');
    expect(await options.evaluate(() => location.protocol)).toBe('moz-extension:');
  });

  it('imports the demo catalog in the options page', async () => {
    const input = await options.waitForSelector('[data-testid="catalog-import"]', { timeout: TIMEOUT });
    await (input as unknown as { uploadFile(file: string): Promise<void> }).uploadFile(CATALOG_PATH);
    const result = await options.waitForSelector('[data-testid="import-result"]', { timeout: TIMEOUT });
    await options.waitForFunction(
      (count) => (document.querySelector('[data-testid="import-result"]')?.textContent ?? '').includes(count),
      { timeout: TIMEOUT },
      String(catalog.needs.length),
    );
    expect(await result?.evaluate((element) => element.getAttribute('data-outcome'))).toBe('imported');
  });

  it('shows the need on SHOP-142 at once (catalog.changed reaches the open tab)', async () => {
    const panel = await waitForPanelIn(jira, 'the ready panel on SHOP-142', (p) => p.state === 'ready');
    expect(panel.count).toBe(1);
    expect(panel.needIds).toContain('n-reorder');
    for (const href of panel.charterLinks) expect(href).toMatch(/^https:\/\//);
  });

  it('follows SPA steps: another issue, the board, back to the issue', async () => {
    await fixtureNavigateIn(jira, '/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-142');
    await waitForPanelIn(jira, 'the panel for the board’s selected issue', (p) => p.record === 'SHOP-142');
    await fixtureNavigateIn(jira, '/browse/SHOP-143');
    await waitForFixtureIn(jira, 'SHOP-143');
    await waitForPanelIn(
      jira,
      'the panel on SHOP-143',
      (p) => p.record === 'SHOP-143' && p.state === 'ready',
    );
    await fixtureNavigateIn(jira, '/browse/SHOP-142');
    await waitForFixtureIn(jira, 'SHOP-142');
    const back = await waitForPanelIn(jira, 'the panel back on SHOP-142', (p) => p.record === 'SHOP-142');
    expect(back.count).toBe(1);
  });

  it('is the Firefox build: an event page, MV2 optional permissions, the test sites granted', async () => {
    const facts = await options.evaluate(async () => {
      const { runtime, permissions } = (
        globalThis as unknown as {
          browser: {
            runtime: { getManifest(): Record<string, unknown> };
            permissions: { contains(p: { origins: string[] }): Promise<boolean> };
          };
        }
      ).browser;
      const manifest = runtime.getManifest() as {
        manifest_version: number;
        background?: { scripts?: string[]; service_worker?: string };
        optional_permissions?: string[];
        optional_host_permissions?: string[];
      };
      return {
        version: manifest.manifest_version,
        background: manifest.background,
        optional: manifest.optional_permissions ?? [],
        optionalHost: manifest.optional_host_permissions ?? null,
        dcGranted: await permissions.contains({ origins: ['https://jira.acme-dc.example/*'] }),
        anyGranted: await permissions.contains({ origins: ['https://unlisted.example/*'] }),
      };
    });
    expect(facts.version).toBe(2);
    // An event page (background scripts), where Chromium has a service worker.
    expect(facts.background?.scripts).toHaveLength(1);
    expect(facts.background?.scripts?.[0]).toMatch(/background\.js$/);
    expect(facts.background?.service_worker ?? null).toBeNull();
    // MV2: the origins asked for at run time are optional_permissions, not optional_host_permissions.
    expect(facts.optional).toEqual(expect.arrayContaining(['https://*/*', 'http://*/*']));
    expect(facts.optionalHost).toBeNull();
    expect(facts.dcGranted, 'the test build grants its Data Center sites at install').toBe(true);
    expect(facts.anyGranted, 'an optional origin is not granted until asked for').toBe(false);
  });

  it('puts the panel in a <div data-tandem-panel> when the page defines tandem-panel (no scoped registries)', async () => {
    const page = await firefox.newPage();
    await page.goto(`${HOSTILE}/browse/SHOP-142?attacks=define`);
    const panel = await waitForPanelIn(
      page,
      'our panel despite the page’s element',
      (p) => p.record === 'SHOP-142' && p.state === 'ready' && p.needIds.includes('n-reorder'),
    );
    expect(panel.count).toBe(1);
    const host = await page.evaluate(() => {
      const div = document.querySelector('div[data-tandem-panel]');
      return {
        div: div !== null,
        open: div?.shadowRoot !== null && div?.shadowRoot !== undefined,
        customElement: document.querySelector('tandem-panel') !== null,
        upgraded: (window as unknown as { __hostile: { upgraded: number } }).__hostile.upgraded,
      };
    });
    expect(host.div && host.open, 'the panel is an open-shadow <div data-tandem-panel>').toBe(true);
    expect(host.customElement, 'no <tandem-panel> of the page’s class in the document').toBe(false);
    // Firefox difference: without a scoped registry, the page's class does run on the element
    // Tandem first creates (Chromium's never does); that element is dropped, never inserted.
    expect(host.upgraded).toBeGreaterThanOrEqual(1);
    await page.close();
  });

  it('shows the panel on a Jira Data Center site', async () => {
    const page = await firefox.newPage();
    await page.goto(`${DC}/jira/browse/SHOP-142`);
    const panel = await waitForPanelIn(
      page,
      'the DC panel',
      (p) => p.host === 'jira-dc' && p.state === 'ready',
    );
    expect(panel.count).toBe(1);
    expect(panel.needIds).toContain('n-reorder');
    await page.close();
  });

  for (const record of CRM_RECORDS) {
    it(`shows the need on a ${record.host} record`, async () => {
      const page = await firefox.newPage();
      await page.goto(record.url);
      const panel = await waitForPanelIn(
        page,
        `the ${record.host} panel`,
        (p) => p.host === record.host && p.state === 'ready' && p.needIds.includes(record.need),
      );
      expect(panel.count).toBe(1);
      await page.close();
    });
  }

  it('shows charter links and finds needs in the popup', async () => {
    await options.evaluate(() => location.assign('/popup.html'));
    await pollIn(
      'the popup page',
      async () => (await options.evaluate(() => location.pathname)) === '/popup.html',
    );
    await options.waitForSelector('[data-testid="charter-link"]', { timeout: TIMEOUT });
    const hrefs = await options.$$eval('[data-testid="charter-link"]', (links) =>
      links.map((link) => (link as HTMLAnchorElement).href),
    );
    const charters = catalog.teams.flatMap((team) => (team.charter?.url ? [team.charter.url] : []));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(charters).toContain(href);
    await options.type('[data-testid="popup-search"]', 'invoice');
    await pollIn('a search result for "invoice"', async () =>
      (
        await options.$$eval('[data-testid="search-result"]', (items) =>
          items.map((item) => item.getAttribute('data-id')),
        )
      ).includes('n-invoices'),
    );
    await options.evaluate(() => location.assign('/options.html'));
    await options.waitForSelector('[data-testid="options-view"]', { timeout: TIMEOUT });
  });

  it('links an unlinked issue to a need from the panel’s picker', async () => {
    await jira.bringToFront();
    await fixtureNavigateIn(jira, '/browse/SHOP-200');
    await waitForFixtureIn(jira, 'SHOP-200');
    await waitForPanelIn(
      jira,
      'an empty panel on SHOP-200',
      (p) => p.record === 'SHOP-200' && p.state === 'empty',
    );
    await clickInPanel(jira, 'tandem-link-action');
    // The picker loads on first use (capture.load), so it comes after the click, inside the shadow
    // root, where a document-level wait sees no mutation: polled instead.
    await pollIn(
      'the need picker',
      async () => (await jira.$('pierce/[data-testid="tandem-need-search"]')) !== null,
    );
    const search = await jira.$('pierce/[data-testid="tandem-need-search"]');
    await search?.type('invoice');
    await pollIn('the invoices need offered', async () =>
      (
        (await jira.$eval('pierce/[role="option"][aria-selected="true"]', (option) => option.textContent)) ??
        ''
      ).includes('Consolidated monthly invoices'),
    );
    await jira.keyboard.press('Enter');
    await waitForPanelIn(
      jira,
      'SHOP-200 linked',
      (p) => p.record === 'SHOP-200' && p.needIds.includes('n-invoices'),
    );
  });

  it('takes a host switched off in the options page to the open tab, and back', async () => {
    const toggle = await options.waitForSelector('[data-testid="nav-settings"]', { timeout: TIMEOUT });
    await toggle?.click();
    const jiraCloud = await options.waitForSelector('[data-testid="host-toggle-jira-cloud"]', {
      timeout: TIMEOUT,
    });
    await jiraCloud?.click();
    await waitForPanelIn(jira, 'no panel once Jira Cloud is off', (p) => p.count === 0);
    await jiraCloud?.click();
    await waitForPanelIn(
      jira,
      'the panel back once Jira Cloud is on',
      (p) => p.count === 1 && p.state === 'ready',
    );
  });

  it('survives an extension reload: the catalog stays, a reloaded tab has one working panel', async () => {
    await options.evaluate(() => {
      (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload();
    });
    // Firefox closes the extension's own tabs when it reloads: the sign that it did.
    await pollIn(
      'the options tab closed by the reload',
      async () => options.isClosed() || !(await options.evaluate(() => true).catch(() => false)),
    );
    await jira.reload();
    await waitForFixtureIn(jira, 'SHOP-200');
    const panel = await waitForPanelIn(
      jira,
      'the linked need after the reload',
      (p) => p.count === 1 && p.state === 'ready' && p.needIds.includes('n-invoices'),
    );
    expect(panel.count).toBe(1);
    expect(firefox.blocked).toEqual([]);
  });
});
