/**
 * What the CRM end-to-end files share: one browser per file with the demo catalog imported and the
 * host's fixture served under its real name, a reader for the CRM panel (needs and the IT work in
 * flight), and a timeline of everything the panel showed, recorded in the page from its first
 * script on, so a test can prove that the panel never showed the previous record.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ExtensionBrowser, e2eExtensionDir, launchWithExtension, projectRoot } from './harness/browser';
import { fixtureSite, serveHost } from './harness/hosts';
import { type NetworkLog, recordNetwork } from './harness/network';
import { maxPanelsSeen, monitorPanels } from './harness/panel';

export const CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');
export const PANEL_TIMEOUT = 15_000;
export const JIRA_SITE = 'https://acme.atlassian.net';

interface CatalogDoc {
  needs: { id: string; title: string; customers?: { name: string; importance?: string }[] }[];
  links: { need?: string; jira?: { issue?: string; epic?: string } }[];
}

export const catalog: CatalogDoc = JSON.parse(readFileSync(CATALOG_PATH, 'utf8'));

/** The Jira keys the panel should list as IT work for a need (its issue and epic links). */
export function workKeys(needId: string): string[] {
  return catalog.links
    .filter((link) => link.need === needId && link.jira)
    .flatMap((link) => [link.jira?.issue, link.jira?.epic])
    .filter((key): key is string => typeof key === 'string');
}

export interface CrmSession {
  browser: ExtensionBrowser;
  network: NetworkLog;
  page: Page;
}

/** Launches Chromium with the built extension, serves `origins` from fixture folders, imports the demo catalog. */
export async function startCrmSession(origins: Record<string, string>): Promise<CrmSession> {
  const browser = await launchWithExtension({
    extensionDir: e2eExtensionDir(),
    headless: !process.env.TANDEM_HEADED,
  });
  const network = recordNetwork(browser.context);
  await monitorPanels(browser.context);
  await browser.context.addInitScript({ content: TIMELINE_SOURCE });
  for (const [origin, folder] of Object.entries(origins)) {
    await serveHost(browser.context, origin, fixtureSite(path.join(projectRoot, 'tests/fixtures', folder)));
  }
  await importDemoCatalog(browser);
  const page = await browser.context.newPage();
  return { browser, network, page };
}

export async function importDemoCatalog(browser: ExtensionBrowser): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  await options.locator('[data-testid="catalog-import"]').setInputFiles(CATALOG_PATH);
  const result = options.locator('[data-testid="import-result"]');
  await result.waitFor({ state: 'visible', timeout: PANEL_TIMEOUT });
  // Runs in beforeAll, where expect.poll is not available.
  await options.waitForFunction(
    (count) => (document.querySelector('[data-testid="import-result"]')?.textContent ?? '').includes(count),
    String(catalog.needs.length),
    { timeout: PANEL_TIMEOUT },
  );
  await options.close();
}

// ------------------------------------------------------------------------------------------------

export interface CrmPanel {
  count: number;
  host: string | null;
  record: string | null;
  state: string | null;
  layout: string | null;
  needIds: string[];
  /** Work items per need id: the Jira key and where its link goes. */
  work: Record<string, { key: string; href: string | null }[]>;
  linkAction: boolean;
  text: string;
  /** `data-fixture-view` of the fixture view the panel sits in (null when floating or outside one). */
  view: string | null;
  /** The panel is rendered (not inside a hidden cached view or tab). */
  visible: boolean;
}

// Page-side code as source text (see harness/panel.ts for why: no named inner functions).
const CRM_PANEL_SOURCE = String.raw`(() => {
  const panels = [];
  const walk = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.localName === 'tandem-panel') panels.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  const panel = panels[0];
  const root = panel ? panel.shadowRoot : null;
  const all = (scope, testid) => (scope ? Array.from(scope.querySelectorAll('[data-testid="' + testid + '"]')) : []);
  const work = {};
  for (const need of all(root, 'tandem-need')) {
    work[need.getAttribute('data-need-id') || ''] = all(need, 'tandem-work-item').map((item) => ({
      key: item.getAttribute('data-key') || '',
      href: item.querySelector('a') ? item.querySelector('a').href : null,
    }));
  }
  const viewHost = panel ? panel.closest('[data-fixture-view]') : null;
  return {
    count: panels.length,
    host: panel ? panel.getAttribute('data-host') : null,
    record: panel ? panel.getAttribute('data-record') : null,
    state: panel ? panel.getAttribute('data-state') : null,
    layout: panel ? panel.getAttribute('data-layout') : null,
    needIds: all(root, 'tandem-need').map((need) => need.getAttribute('data-need-id') || ''),
    work,
    linkAction: all(root, 'tandem-link-action').length > 0,
    text: root ? (root.textContent || '').replace(/\s+/g, ' ').trim() : '',
    view: viewHost ? viewHost.getAttribute('data-fixture-view') : null,
    visible: panel ? panel.checkVisibility() : false,
  };
})()`;

export async function crmPanel(page: Page): Promise<CrmPanel> {
  return (await page.evaluate(CRM_PANEL_SOURCE)) as CrmPanel;
}

/** Waits until the one panel shows `record` on `host` in `state`, with content matching `check`. */
export async function expectCrmPanel(
  page: Page,
  expected: { host: string; record: string; state: string },
  describeIt = `panel for ${expected.record} (${expected.state})`,
  check: (panel: CrmPanel) => boolean = () => true,
): Promise<CrmPanel> {
  let last: CrmPanel | undefined;
  await expect
    .poll(
      async () => {
        last = await crmPanel(page);
        return (
          last.count === 1 &&
          last.host === expected.host &&
          last.record === expected.record &&
          last.state === expected.state &&
          check(last)
        );
      },
      { timeout: PANEL_TIMEOUT, message: describeIt },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${describeIt}; last panel seen: ${JSON.stringify(last, null, 2)}\n${String(error)}`);
    });
  if (!last) throw new Error('unreachable');
  return last;
}

/** The need ids shown and, for each, the work items linked to `{JIRA_SITE}/browse/KEY`. */
export function expectNeedsWithWork(panel: CrmPanel, needIds: string[]): void {
  expect([...panel.needIds].sort()).toEqual([...needIds].sort());
  for (const needId of needIds) {
    const keys = workKeys(needId);
    const items = panel.work[needId] ?? [];
    expect(items.map((item) => item.key).sort(), `work items of ${needId}`).toEqual([...keys].sort());
    for (const item of items) expect(item.href).toBe(`${JIRA_SITE}/browse/${item.key}`);
  }
}

/** There was never more than one panel since the last check. */
export async function expectNeverTwoPanels(page: Page): Promise<void> {
  expect(
    await maxPanelsSeen(page, true),
    'tandem-panel elements present at the same time',
  ).toBeLessThanOrEqual(1);
}

// ------------------------------------------------------------------------------------------------
// Timeline: what the panel showed after every DOM change, with the URL at that moment.

export interface TimelineEntry {
  url: string;
  record: string | null;
  state: string | null;
  layout: string | null;
  view: string | null;
  needIds: string[];
}

const TIMELINE_SOURCE = `(() => {
  const timeline = [];
  window.__tandemTimeline = timeline;
  let lastKey = '';
  const observed = new WeakSet();
  const snap = () => {
    const panel = document.querySelector('tandem-panel');
    if (panel && panel.shadowRoot && !observed.has(panel.shadowRoot)) {
      observed.add(panel.shadowRoot);
      observer.observe(panel.shadowRoot, { childList: true, subtree: true, attributes: true });
    }
    const root = panel ? panel.shadowRoot : null;
    const viewHost = panel ? panel.closest('[data-fixture-view]') : null;
    const entry = {
      url: location.pathname + location.search,
      record: panel ? panel.getAttribute('data-record') : null,
      state: panel ? panel.getAttribute('data-state') : null,
      layout: panel ? panel.getAttribute('data-layout') : null,
      view: viewHost ? viewHost.getAttribute('data-fixture-view') : null,
      needIds: root ? Array.from(root.querySelectorAll('[data-testid="tandem-need"]')).map((n) => n.getAttribute('data-need-id')) : [],
    };
    const key = JSON.stringify(entry);
    if (key !== lastKey) {
      lastKey = key;
      timeline.push(entry);
    }
  };
  const observer = new MutationObserver(snap);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

/** Everything the panel showed since the page loaded (or the last `clear`). */
export async function timeline(page: Page, clear = false): Promise<TimelineEntry[]> {
  return page.evaluate((andClear) => {
    const entries = (window as unknown as { __tandemTimeline?: TimelineEntry[] }).__tandemTimeline;
    if (!entries) throw new Error('the timeline init script did not run on this page');
    const copy = entries.slice();
    if (andClear) entries.length = 0;
    return copy;
  }, clear);
}

/**
 * Once the URL named `record` (its path contains `urlPart`), the panel showed only `record`, sat
 * only in that record's own view (or floated), and showed none of `forbiddenNeeds`.
 */
export function expectNeverStale(
  entries: TimelineEntry[],
  record: string,
  urlPart: string,
  forbiddenNeeds: string[],
): void {
  const after = entries.filter((entry) => entry.url.includes(urlPart) && entry.record !== null);
  expect(after.length, `the panel appeared for ${record}`).toBeGreaterThan(0);
  for (const entry of after) {
    expect(entry.record, JSON.stringify(entry)).toBe(record);
    if (entry.view !== null)
      expect(entry.view, `panel placed in another record's view: ${JSON.stringify(entry)}`).toBe(record);
    for (const need of forbiddenNeeds) expect(entry.needIds, JSON.stringify(entry)).not.toContain(need);
  }
}
