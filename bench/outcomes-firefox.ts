/**
 * The outcomes page's first screen in the Firefox ESR build (.output/bench/firefox-mv2): the same
 * figure as bench/outcomes.ts measures in Chromium, on its own import of the same catalog, in
 * Debian's firefox-esr over WebDriver BiDi (tests/e2e/harness/firefox.ts).
 *
 * BiDi cannot navigate a tab to a `moz-extension://` URL, so the options page is reached as a new
 * user reaches it (tests/e2e/firefox-support.ts `importDemoCatalogIn`): the Jira fixture's empty
 * panel opens it, and the catalog is imported there. The options tab then loads the outcomes view
 * itself (`location.assign` with a new query string: a new document, not a hash change).
 *
 * Firefox does not run BiDi preload scripts (puppeteer's `evaluateOnNewDocument`) in extension
 * pages, so nothing can be installed before the new document's scripts run. Instead Node polls the
 * tab back to back from the navigation on, and installs the observer in the first realm of the new
 * document it reaches. If the first need is already there by then, the moment it was seen stands in
 * for the moment it was drawn: the figure can only come out larger than the truth, never smaller.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { clickInPanel, waitForPanelIn } from '../tests/e2e/firefox-support';
import { projectRoot } from '../tests/e2e/harness/browser';
import {
  type FirefoxExtension,
  launchFirefoxWithExtension,
  waitForFixtureIn,
} from '../tests/e2e/harness/firefox';
import { fixtureSite } from '../tests/e2e/harness/hosts';
import { OUTCOMES_BUDGET, WATCH_FIRST_NEED } from './outcomes';
import { type Figure, figure } from './report';

const JIRA = 'https://acme.atlassian.net';
const JIRA_FIXTURE = path.join(projectRoot, 'tests/fixtures/jira-cloud');
/** Any issue of the fixture will do: with no catalog yet its panel is the empty one. */
const JIRA_ISSUE = (
  JSON.parse(readFileSync(path.join(JIRA_FIXTURE, 'data.json'), 'utf8')) as { issues: { key: string }[] }
).issues[0]?.key;

/** Generous: Firefox imported the 28.9 MB catalog in 6 to 9 s here, but a loaded shared machine is slower. */
const IMPORT_TIMEOUT_MS = 10 * 60_000;
/** How long the new document may take to show its first need before the figure is given up. */
const FIRST_SCREEN_TIMEOUT_MS = 60_000;

export interface FirefoxOutcomesOptions {
  /** The Firefox build (.output/bench/firefox-mv2). */
  extensionDir: string;
  catalogPath: string;
  size: { teams: number; needs: number };
  log?: (message: string) => void;
}

/** What the in-page observer saw, in the new document's time (performance.now(), from its navigation start). */
interface FirstScreen {
  /** When the observer was installed. */
  hooked: number;
  drawn: number | null;
  painted: number | null;
  /** The first need was already in the DOM when the observer arrived: `drawn` is when it was seen. */
  late: boolean;
}

/**
 * Installs the observer if this realm is the new document's (`search` is its query string), once;
 * answers whether it is installed. Source text, as in bench/outcomes.ts: tsx's keepNames would wrap
 * a named function in a helper the page lacks.
 *
 * BiDi may still evaluate in the old document's realm while the new one loads, and there `location`
 * and `window` already show the new document (Gecko's Location follows the tab): a hook checking
 * `location` alone was seen to go in there, and its state then read back as a dead object. Only the
 * realm whose own `document` is the tab's current one and has the new URL will do.
 */
const hookIfNewDocument = (search: string) => `(() => {
  if (document !== window.document || new URL(document.URL).search !== ${JSON.stringify(search)}) return false;
  if (window.__benchOutcomes) return true;
  const state = { hooked: performance.now(), drawn: null, painted: null, late: false };
  window.__benchOutcomes = state;
  ${WATCH_FIRST_NEED}
  observer.observe(document, { childList: true, subtree: true });
  check();
  state.late = state.drawn !== null;
  return true;
})()`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The empty panel on a Jira issue opens the options page; the catalog is imported there. */
async function importCatalog(
  firefox: FirefoxExtension,
  catalogPath: string,
  needs: number,
): Promise<{ options: Page; importMs: number; importedAt: number }> {
  if (!JIRA_ISSUE) throw new Error('the Jira fixture has no issue');
  firefox.serveHost(JIRA, fixtureSite(JIRA_FIXTURE));
  const jira = await firefox.newPage();
  await jira.goto(`${JIRA}/browse/${JIRA_ISSUE}`);
  await waitForFixtureIn(jira, JIRA_ISSUE);
  await waitForPanelIn(jira, 'an empty panel, no catalog yet', (p) => p.count === 1 && p.state === 'empty');
  await clickInPanel(jira, 'tandem-link-action');
  const options = await firefox.extensionPage('options.html');
  const input = await options.waitForSelector('[data-testid="catalog-import"]', { timeout: 20_000 });
  const started = performance.now();
  await (input as unknown as { uploadFile(file: string): Promise<void> }).uploadFile(catalogPath);
  const result = await options.waitForSelector('[data-testid="import-result"]', {
    timeout: IMPORT_TIMEOUT_MS,
  });
  const importedAt = performance.now();
  const importMs = importedAt - started;
  const outcome = await result?.evaluate((element) => [
    element.getAttribute('data-outcome'),
    element.textContent,
  ]);
  if (outcome?.[0] !== 'imported' || !(outcome[1] ?? '').replace(/[^0-9]/g, '').includes(String(needs))) {
    throw new Error(`the catalog was not imported: ${(outcome?.[1] ?? '(no result)').slice(0, 300)}`);
  }
  // The options page lists the new counts once the background has the new catalog in memory (what
  // Chromium's import step waits for too); the Jira tab's work after the change is no part of this figure.
  await options.waitForFunction(
    (text) =>
      (document.querySelector('[data-testid="catalog-counts"]')?.textContent ?? '')
        .replace(/[^0-9a-z]/gi, '')
        .includes(text),
    { timeout: FIRST_SCREEN_TIMEOUT_MS },
    `${needs}needs`,
  );
  await jira.close();
  return { options, importMs, importedAt };
}

/** Polls back to back until the observer is in the new document (the old one answers false). */
async function hookNewDocument(page: Page, search: string): Promise<void> {
  const until = Date.now() + FIRST_SCREEN_TIMEOUT_MS;
  while (Date.now() < until) {
    // Between the two documents the realm may be gone: that is only "not yet".
    if (await page.evaluate(hookIfNewDocument(search)).catch(() => false)) return;
  }
  throw new Error(`options.html${search} did not load within ${FIRST_SCREEN_TIMEOUT_MS} ms`);
}

/** Loads `options.html<search>#outcomes` in the options tab and times its first screen. */
async function openOutcomes(page: Page, search: string): Promise<FirstScreen> {
  // The old document may go away before it answers: hookNewDocument tells whether the load began.
  await page.evaluate(`location.assign('options.html${search}#outcomes')`).catch(() => undefined);
  await hookNewDocument(page, search);
  const until = Date.now() + FIRST_SCREEN_TIMEOUT_MS;
  while (Date.now() < until) {
    // A string: an object from a document that went away meanwhile fails BiDi's serializer
    // ("can't access dead object") where a string cannot.
    const text = await page.evaluate('JSON.stringify(window.__benchOutcomes ?? null)');
    const seen = JSON.parse(String(text)) as FirstScreen | null;
    if (seen && seen.painted !== null) return seen;
    await sleep(20);
  }
  throw new Error(`options.html${search}#outcomes drew no need within ${FIRST_SCREEN_TIMEOUT_MS} ms`);
}

const describeOpen = (seen: FirstScreen) =>
  `${seen.painted?.toFixed(0)} ms (observer in at ${seen.hooked.toFixed(0)} ms${seen.late ? ', after the first need: an upper bound' : ''})`;

export async function measureOutcomesInFirefox(options: FirefoxOutcomesOptions): Promise<Figure[]> {
  const { size, log } = options;
  const firefox = await launchFirefoxWithExtension({ extensionDir: options.extensionDir });
  try {
    const version = (await firefox.browser.version()).replace(/^firefox\//i, '');
    log?.(`Firefox ESR ${version}: importing the catalog through the options page…`);
    const imported = await importCatalog(firefox, options.catalogPath, size.needs);
    const { options: page, importMs } = imported;
    // Opened at once. Chromium's step runs long after its import, when the background's build ahead
    // (utils/background/outcomes-service.ts: WARM_AFTER_MS, then in steps) is done; here the first
    // open may still finish that build, so the note says how long after the import it opened.
    const openedAfterMs = performance.now() - imported.importedAt;
    log?.(
      `Firefox import took ${(importMs / 1000).toFixed(1)} s; opening the outcomes page ${openedAfterMs.toFixed(0)} ms after it`,
    );
    const first = await openOutcomes(page, '?first');
    const warm = await openOutcomes(page, '?warm');
    log?.(`Firefox outcomes: first ${describeOpen(first)}, warm ${describeOpen(warm)}`);
    const catalog = `${size.teams} teams / ${size.needs} needs`;
    return [
      figure(
        'outcomes-first-screen-firefox',
        first.painted,
        'ms',
        OUTCOMES_BUDGET.firstScreenMs,
        `Firefox ESR ${version}, Firefox build: options.html?first#outcomes loaded by the options tab → first needs drawn and painted, ${catalog}, the first open after the import, ${(openedAfterMs / 1000).toFixed(1)} s after its result (file chosen → imported ${(importMs / 1000).toFixed(1)} s): ${describeOpen(first)}; warm second open ${describeOpen(warm)}. The observer goes in when Node first reaches the new document (no preload scripts in Firefox extension pages), so a late one can only make the figure larger`,
      ),
    ];
  } finally {
    await firefox.close();
  }
}
