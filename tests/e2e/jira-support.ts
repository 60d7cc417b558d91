/**
 * What the Jira end-to-end files (jira-views, jira-dc) share: one browser per file with the demo
 * catalog imported and the fixtures served under their real host names, behind a login session
 * (REST answers 401 without the session cookie); REST faults a test can switch on (a status, a
 * delay); readers for the panel and for where it sits; a per-frame check that the panel never
 * showed another record than the URL's; the page consoles; the network log's origins; and Chrome
 * DevTools Protocol counters for listeners, observers, nodes and heap.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ExtensionBrowser, e2eExtensionDir, launchWithExtension, projectRoot } from './harness/browser';
import { fixtureSite, type HostHandler, type HostResponse, serveHost } from './harness/hosts';
import { type NetworkLog, recordNetwork } from './harness/network';
import { maxPanelsSeen, monitorPanels, type PanelSnapshot, panelSnapshot } from './harness/panel';

export const CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');
export const PANEL_TIMEOUT = 15_000;

// ------------------------------------------------------------------------------------------------
// The demo catalog: expected values are read from it, never copied.

interface CatalogDoc {
  teams: { id: string; name: string }[];
  needs: { id: string; title: string }[];
  links: { need?: string; team?: string; jira?: Record<string, string> }[];
}

export const catalog: CatalogDoc = JSON.parse(readFileSync(CATALOG_PATH, 'utf8'));

export function teamName(id: string): string {
  const team = catalog.teams.find((candidate) => candidate.id === id);
  if (!team) throw new Error(`demo/catalog.json has no team "${id}"`);
  return team.name;
}

/** Whether the catalog links `key` by its key alone (so only REST can explain any other match). */
export function linkedByKey(key: string): boolean {
  return catalog.links.some((link) => link.jira?.issue === key);
}

// ------------------------------------------------------------------------------------------------
// REST faults: `faults.set(url, fault)` makes the fixture answer `url` (origin + path, no query)
// with that status and/or after that delay, until `faults.clear()`.

export interface RestFault {
  status?: number;
  delayMs?: number;
}

export class RestFaults {
  private readonly faults = new Map<string, RestFault>();
  /** URLs (with query) answered with a fault status, for matching the browser's own console lines. */
  readonly failedUrls: string[] = [];

  set(url: string, fault: RestFault): void {
    this.faults.set(url, fault);
  }

  clear(): void {
    this.faults.clear();
  }

  wrap(handler: HostHandler): HostHandler {
    return async (url, request) => {
      const fault = this.faults.get(url.origin + url.pathname);
      if (!fault) return handler(url, request);
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.status === undefined) return handler(url, request);
      this.failedUrls.push(url.href);
      const answer: HostResponse = {
        status: fault.status,
        contentType: 'application/json;charset=UTF-8',
        body: JSON.stringify({
          errorMessages: [fault.status === 401 ? 'You are not authenticated.' : 'Issue does not exist.'],
          errors: {},
        }),
      };
      return answer;
    };
  }
}

/** Session cookies of the imitated sites: Jira Cloud's and Data Center's (Tomcat's). */
export const SESSION_COOKIES: Record<string, string> = {
  'jira-cloud': 'tenant.session.token',
  'jira-dc': 'JSESSIONID',
};

/**
 * The user's login: every page sets the session cookie, and the REST API answers 401 to a request
 * without it, as Jira does. So every REST answer a test sees proves the read went same-origin with
 * the user's session.
 */
export function withSession(handler: HostHandler, cookieName: string): HostHandler {
  const cookie = `${cookieName}=e2e-${Math.random().toString(36).slice(2, 12)}`;
  return async (url, request) => {
    if (url.pathname.includes('/rest/')) {
      const sent = ((await request.allHeaders()).cookie ?? '').split(/;\s*/);
      if (!sent.includes(cookie)) {
        return {
          status: 401,
          contentType: 'application/json;charset=UTF-8',
          body: JSON.stringify({
            errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
            errors: {},
          }),
        };
      }
    }
    const answer = await handler(url, request);
    if (!answer || !(answer.contentType ?? 'text/html').startsWith('text/html')) return answer;
    return {
      ...answer,
      headers: { ...answer.headers, 'set-cookie': `${cookie}; Path=/; Secure; HttpOnly; SameSite=Lax` },
    };
  };
}

// ------------------------------------------------------------------------------------------------
// Page consoles and uncaught errors, from every page of the context.

export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
  page: string;
}

export interface ConsoleLog {
  entries: ConsoleEntry[];
  pageErrors: { message: string; page: string }[];
}

export function recordConsole(context: BrowserContext): ConsoleLog {
  const log: ConsoleLog = { entries: [], pageErrors: [] };
  context.on('console', (message) => {
    log.entries.push({
      type: message.type(),
      text: message.text(),
      url: message.location().url,
      page: message.page()?.url() ?? '',
    });
  });
  context.on('weberror', (error) => {
    log.pageErrors.push({ message: String(error.error()), page: error.page()?.url() ?? '' });
  });
  return log;
}

/**
 * Chromium itself writes "Failed to load resource: the server responded with a status of N" to a
 * page's console for every response ≥ 400, whoever fetched it (blink FrameConsole), and a script
 * cannot prevent it. Those lines are expected only for the URLs a test made fail.
 */
const BROWSER_NETWORK_LINE = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

export function isBrowserNetworkLine(entry: ConsoleEntry, failedUrls: readonly string[]): boolean {
  return BROWSER_NETWORK_LINE.test(entry.text) && failedUrls.includes(entry.url);
}

/** Console messages that are errors or warnings, or mention Tandem, other than expected network lines. */
export function consoleProblems(log: ConsoleLog, failedUrls: readonly string[]): ConsoleEntry[] {
  return log.entries.filter((entry) => {
    if (isBrowserNetworkLine(entry, failedUrls)) return false;
    return (
      entry.type === 'error' ||
      entry.type === 'warning' ||
      /tandem|extension context invalidated/i.test(entry.text)
    );
  });
}

export function expectCleanConsole(log: ConsoleLog, failedUrls: readonly string[]): void {
  expect(log.pageErrors, 'uncaught errors in pages').toEqual([]);
  expect(consoleProblems(log, failedUrls), 'console errors and warnings').toEqual([]);
}

// ------------------------------------------------------------------------------------------------
// A per-frame watch, installed before any page script: at every animation frame, the panel (if
// any) must name the record the URL names, must not sit in a view that shows another issue (the
// previous one, still on screen while the next loads), and there is at most one. A frame is what
// a user can see; within one task the loop may still be catching up.

const FRAME_WATCH_SOURCE = String.raw`(() => {
  const watch = { frames: 0, violations: [] };
  window.__tandemFrameWatch = watch;
  const KEY = /^[A-Z][A-Z0-9_]+-\d+$/i;
  const urlKey = () => {
    const selected = new URLSearchParams(location.search).get('selectedIssue');
    if (selected && KEY.test(selected)) return selected.toUpperCase();
    const browse = /\/browse\/([A-Z][A-Z0-9_]+-\d+)(?:[/?#]|$)/i.exec(location.pathname);
    if (browse) return browse[1].toUpperCase();
    const last = location.pathname.replace(/\/$/, '').split('/').pop() || '';
    return KEY.test(last) ? last.toUpperCase() : null;
  };
  const tid = (id) => '[data-testid="' + id + '"], [data-test-id="' + id + '"]';
  const CLOUD_VIEW = [
    'issue.views.issue-details.issue-layout.issue-layout',
    'issue.views.issue-details.issue-layout.compact-layout',
  ].map(tid).join(', ');
  const CURRENT_ISSUE = tid('issue.views.issue-base.foundation.breadcrumbs.current-issue.item');
  // The issue shown by the view the panel sits in (Data Center page or board detail, Cloud layout).
  const viewKey = (panel) => {
    const page = panel.closest('#issue-content');
    if (page) {
      const key = page.querySelector('#key-val');
      return key ? (key.getAttribute('data-issue-key') || key.textContent || '').trim().toUpperCase() : null;
    }
    const detail = panel.closest('#ghx-detail-issue');
    if (detail) return (detail.getAttribute('data-issuekey') || '').toUpperCase() || null;
    const cloud = panel.closest(CLOUD_VIEW);
    const link = cloud ? cloud.querySelector(CURRENT_ISSUE) : null;
    const match = link ? /\/browse\/([A-Z][A-Z0-9_]+-\d+)/i.exec(link.getAttribute('href') || '') : null;
    return match ? match[1].toUpperCase() : null;
  };
  const frame = () => {
    watch.frames += 1;
    const panels = document.getElementsByTagName('tandem-panel');
    const record = panels[0] ? panels[0].getAttribute('data-record') : null;
    const shown = panels[0] ? viewKey(panels[0]) : null;
    const expected = urlKey();
    if (panels.length > 1 || (panels.length === 1 && (record !== expected || (shown !== null && shown !== record)))) {
      if (watch.violations.length < 50)
        watch.violations.push({ url: location.pathname + location.search, record, view: shown, panels: panels.length });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

export interface FrameViolation {
  url: string;
  record: string | null;
  /** The issue shown by the view the panel sat in, when it sat in one. */
  view: string | null;
  panels: number;
}

interface FrameWatchWindow {
  __tandemFrameWatch?: { frames: number; violations: FrameViolation[] };
}

/** Frames since the last reset in which the panel showed another record than the URL's, or two panels. */
export async function frameViolations(
  page: Page,
  reset = true,
): Promise<{ frames: number; violations: FrameViolation[] }> {
  return page.evaluate((andReset) => {
    const watch = (window as FrameWatchWindow).__tandemFrameWatch;
    if (!watch) throw new Error('the frame watch init script did not run on this page');
    const result = { frames: watch.frames, violations: watch.violations.slice() };
    if (andReset) {
      watch.frames = 0;
      watch.violations.length = 0;
    }
    return result;
  }, reset);
}

/** There never were two panels, nor a panel for another record than the URL's, since the last check. */
export async function expectNoStalePanel(page: Page): Promise<void> {
  expect(
    await maxPanelsSeen(page, true),
    'tandem-panel elements present at the same time',
  ).toBeLessThanOrEqual(1);
  const { violations } = await frameViolations(page);
  expect(violations, 'frames where the panel showed another record than the URL').toEqual([]);
}

// ------------------------------------------------------------------------------------------------
// The session: one browser per test file.

export interface JiraSession {
  browser: ExtensionBrowser;
  network: NetworkLog;
  console: ConsoleLog;
  faults: RestFaults;
  page: Page;
}

export async function startJiraSession(sites: Record<string, string>): Promise<JiraSession> {
  const browser = await launchWithExtension({
    extensionDir: e2eExtensionDir(),
    headless: !process.env.TANDEM_HEADED,
  });
  const network = recordNetwork(browser.context);
  const consoleLog = recordConsole(browser.context);
  await monitorPanels(browser.context);
  await browser.context.addInitScript({ content: FRAME_WATCH_SOURCE });
  const faults = new RestFaults();
  for (const [origin, folder] of Object.entries(sites)) {
    const site = fixtureSite(path.join(projectRoot, 'tests/fixtures', folder));
    const cookie = SESSION_COOKIES[folder];
    await serveHost(browser.context, origin, faults.wrap(cookie ? withSession(site, cookie) : site));
  }
  await importDemoCatalog(browser);
  const page = await browser.context.newPage();
  return { browser, network, console: consoleLog, faults, page };
}

export async function importDemoCatalog(browser: ExtensionBrowser): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('options.html'));
  await options.locator('[data-testid="catalog-import"]').setInputFiles(CATALOG_PATH);
  // Runs in beforeAll, where expect.poll is not available.
  await options.waitForFunction(
    (count) => (document.querySelector('[data-testid="import-result"]')?.textContent ?? '').includes(count),
    String(catalog.needs.length),
    { timeout: PANEL_TIMEOUT },
  );
  await options.close();
}

// ------------------------------------------------------------------------------------------------
// The network log.

/** Every request went to one of `origins` or was the extension's own (chrome-extension://). */
export function expectOnlyOrigins(network: NetworkLog, origins: readonly string[]): void {
  const elsewhere = network
    .urls()
    .filter((url) => !url.startsWith('chrome-extension://') && !origins.includes(new URL(url).origin));
  expect(elsewhere, 'requests neither to a routed fixture origin nor to the extension').toEqual([]);
}

/** Every REST read went to the origin of the page that made it, with that page as its frame. */
export function expectSameOriginRest(network: NetworkLog): void {
  // The background's work-item status reads from the catalog's Jira site are checked apart
  // (tests/e2e/work-status.e2e.ts): here, only what pages read.
  const statusRead = (entry: { source: string; url: string }) =>
    entry.source === 'service-worker' &&
    /\/rest\/api\/(3\/search\/jql|2\/search)\b/.test(new URL(entry.url).pathname);
  const rest = network.entries.filter(
    (entry) => new URL(entry.url).pathname.includes('/rest/') && !statusRead(entry),
  );
  expect(rest.length, 'REST reads were made').toBeGreaterThan(0);
  const crossOrigin = rest.filter(
    (entry) =>
      entry.source !== 'page' ||
      !entry.initiator ||
      new URL(entry.initiator).origin !== new URL(entry.url).origin,
  );
  expect(crossOrigin, 'REST reads not made same-origin by the page').toEqual([]);
}

// ------------------------------------------------------------------------------------------------
// The panel.

export interface ExpectedPanel {
  host: string;
  record: string;
  state: string;
  needs?: string[];
  team?: string;
}

/** Waits until the one panel shows `record` on `host` in `state` with exactly `needs` (and `team`). */
export async function expectPanel(page: Page, expected: ExpectedPanel): Promise<PanelSnapshot> {
  let last: PanelSnapshot | undefined;
  const matches = (panel: PanelSnapshot) =>
    panel.count === 1 &&
    panel.open &&
    panel.host === expected.host &&
    panel.record === expected.record &&
    panel.state === expected.state &&
    (expected.needs === undefined ||
      JSON.stringify([...panel.needIds].sort()) === JSON.stringify([...expected.needs].sort())) &&
    (expected.team === undefined || panel.teams.some((team) => team.includes(expected.team as string))) &&
    (expected.state !== 'empty' || panel.linkAction);
  await expect
    .poll(
      async () => {
        last = await panelSnapshot(page);
        return matches(last);
      },
      { timeout: PANEL_TIMEOUT },
    )
    .toBe(true)
    .catch((error: unknown) => {
      const seen = last && {
        count: last.count,
        host: last.host,
        record: last.record,
        state: last.state,
        needIds: last.needIds,
        teams: last.teams,
      };
      throw new Error(
        `expected panel ${JSON.stringify(expected)}; last seen ${JSON.stringify(seen)} at ${page.url()}\n${String(error)}`,
      );
    });
  return last as PanelSnapshot;
}

export async function panelCount(page: Page): Promise<number> {
  return (await panelSnapshot(page)).count;
}

// ------------------------------------------------------------------------------------------------
// Where the panel sits.

export interface PlaceSpec<K extends string> {
  inside: Record<K, string>;
  after?: string;
  firstIn?: string;
}

export interface PanelPlace<K extends string = string> {
  count: number;
  layout: string | null;
  /** For each named selector: the panel has an ancestor matching it. */
  inside: Record<K, boolean>;
  /** The panel's previous element sibling matches the `after` selector. */
  after: boolean;
  /** The panel is the first child of an element matching the `firstIn` selector. */
  firstIn: boolean;
  parent: string | null;
}

const PLACE_SOURCE = `((spec) => {
  const panels = document.getElementsByTagName('tandem-panel');
  const panel = panels[0] || null;
  const inside = {};
  for (const [name, selector] of Object.entries(spec.inside)) {
    inside[name] = panel ? panel.parentElement !== null && panel.parentElement.closest(selector) !== null : false;
  }
  const previous = panel ? panel.previousElementSibling : null;
  const parent = panel ? panel.parentElement : null;
  return {
    count: panels.length,
    layout: panel ? panel.getAttribute('data-layout') : null,
    inside,
    after: spec.after && previous ? previous.matches(spec.after) : false,
    firstIn: spec.firstIn && parent ? parent.matches(spec.firstIn) && parent.firstElementChild === panel : false,
    parent: parent ? parent.localName + (parent.id ? '#' + parent.id : '') : null,
  };
})`;

export async function panelPlace<K extends string>(page: Page, spec: PlaceSpec<K>): Promise<PanelPlace<K>> {
  return (await page.evaluate(`${PLACE_SOURCE}(${JSON.stringify(spec)})`)) as PanelPlace<K>;
}

/** Waits until the panel sits where `check` says (placement may settle after data-state). */
export async function expectPlace<K extends string>(
  page: Page,
  spec: PlaceSpec<K>,
  describeIt: string,
  check: (place: PanelPlace<K>) => boolean,
): Promise<PanelPlace<K>> {
  let last: PanelPlace<K> | undefined;
  await expect
    .poll(
      async () => {
        last = await panelPlace(page, spec);
        return check(last);
      },
      { timeout: PANEL_TIMEOUT },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${describeIt}; last seen ${JSON.stringify(last)}\n${String(error)}`);
    });
  return last as PanelPlace<K>;
}

// ------------------------------------------------------------------------------------------------
// Chrome DevTools Protocol counters: listeners and observers per JavaScript world, and the
// renderer's own counts, after a forced garbage collection.

export interface WorldCounts {
  /** Listeners on window, document (and every node below it, shadow roots included), navigation. */
  windowListeners: number;
  documentTreeListeners: number;
  navigationListeners: number;
  mutationObservers: number;
  resizeObservers: number;
  intersectionObservers: number;
  /** Listener types on window and navigation, for the report. */
  windowTypes: string[];
}

export interface LeakCounters {
  extension: WorldCounts;
  page: WorldCounts;
  /** Performance.getMetrics after HeapProfiler.collectGarbage. */
  JSEventListeners: number;
  Nodes: number;
  JSHeapUsedSize: number;
  Documents: number;
}

interface ExecutionContext {
  id: number;
  name: string;
  origin: string;
  auxData?: { isDefault?: boolean; type?: string; frameId?: string };
}

/** Tracks the page's execution contexts so a test can evaluate in the extension's isolated world. */
export async function openDevTools(page: Page): Promise<{
  cdp: CDPSession;
  measure(extensionId: string): Promise<LeakCounters>;
}> {
  const cdp = await page.context().newCDPSession(page);
  const contexts = new Map<number, ExecutionContext>();
  cdp.on('Runtime.executionContextCreated', ({ context }: { context: ExecutionContext }) => {
    contexts.set(context.id, context);
  });
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }: { executionContextId: number }) => {
    contexts.delete(executionContextId);
  });
  cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
  await cdp.send('Runtime.enable');
  await cdp.send('Performance.enable');
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const mainFrame = frameTree.frame.id;

  function contextOf(predicate: (context: ExecutionContext) => boolean, what: string): number {
    const found = [...contexts.values()].filter(
      (context) => context.auxData?.frameId === mainFrame && predicate(context),
    );
    if (found.length !== 1) throw new Error(`expected one ${what} context, found ${found.length}`);
    return (found[0] as ExecutionContext).id;
  }

  async function objectId(expression: string, contextId: number): Promise<string | null> {
    const { result } = (await cdp.send('Runtime.evaluate', { expression, contextId })) as {
      result: { objectId?: string };
    };
    return result.objectId ?? null;
  }

  async function listeners(expression: string, contextId: number, depth: number) {
    const id = await objectId(expression, contextId);
    if (!id) return { count: 0, types: [] as string[] };
    const { listeners: found } = (await cdp.send('DOMDebugger.getEventListeners', {
      objectId: id,
      depth,
      pierce: true,
    })) as { listeners: { type: string }[] };
    await cdp.send('Runtime.releaseObject', { objectId: id });
    return { count: found.length, types: found.map((listener) => listener.type).sort() };
  }

  async function instances(className: string, contextId: number): Promise<number> {
    const prototype = await objectId(`globalThis.${className} && ${className}.prototype`, contextId);
    if (!prototype) return 0;
    const { objects } = (await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype })) as {
      objects: { objectId: string };
    };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true,
    })) as { result: { value: number } };
    await cdp.send('Runtime.releaseObject', { objectId: objects.objectId });
    await cdp.send('Runtime.releaseObject', { objectId: prototype });
    return result.value;
  }

  async function world(contextId: number): Promise<WorldCounts> {
    const win = await listeners('window', contextId, 0);
    const doc = await listeners('document', contextId, -1);
    const nav = await listeners('globalThis.navigation ?? null', contextId, 0);
    return {
      windowListeners: win.count,
      documentTreeListeners: doc.count,
      navigationListeners: nav.count,
      mutationObservers: await instances('MutationObserver', contextId),
      resizeObservers: await instances('ResizeObserver', contextId),
      intersectionObservers: await instances('IntersectionObserver', contextId),
      windowTypes: [...win.types, ...nav.types.map((type) => `navigation:${type}`)],
    };
  }

  return {
    cdp,
    async measure(extensionId) {
      for (let round = 0; round < 3; round++) await cdp.send('HeapProfiler.collectGarbage');
      const extensionContext = contextOf(
        (context) => context.origin === `chrome-extension://${extensionId}`,
        'extension isolated-world',
      );
      const pageContext = contextOf((context) => context.auxData?.isDefault === true, 'page main-world');
      const extension = await world(extensionContext);
      const pageWorld = await world(pageContext);
      for (let round = 0; round < 3; round++) await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: { name: string; value: number }[];
      };
      const metric = (name: string) =>
        metrics.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
      return {
        extension,
        page: pageWorld,
        JSEventListeners: metric('JSEventListeners'),
        Nodes: metric('Nodes'),
        JSHeapUsedSize: metric('JSHeapUsedSize'),
        Documents: metric('Documents'),
      };
    },
  };
}
