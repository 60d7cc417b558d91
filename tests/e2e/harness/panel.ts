/**
 * Reads Tandem's in-page panel the way a user's automation would: through the `<tandem-panel>`
 * host element, its attributes and its open shadow root (docs/surfaces.md, "Attributes
 * fixed for tests and automation"). Runs in the page's main world, which sees the shadow root
 * because it is open, whatever world created it.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface PersonSnapshot {
  text: string;
  /** The element (or an ancestor/descendant) carries `data-inherited`, or its text says so. */
  inherited: boolean;
}

export interface NeedSnapshot {
  id: string;
  text: string;
  businessOwners: PersonSnapshot[];
  itOwners: PersonSnapshot[];
}

export interface PanelSnapshot {
  /** `tandem-panel` elements in the document, open shadow roots included. */
  count: number;
  host: string | null;
  record: string | null;
  state: string | null;
  /** The panel's shadow root is open. */
  open: boolean;
  needIds: string[];
  needs: NeedSnapshot[];
  businessOwners: PersonSnapshot[];
  itOwners: PersonSnapshot[];
  teams: string[];
  charterLinks: string[];
  adoption: string[];
  linkAction: boolean;
  /** The panel sits inside a board card (a look-alike anchor), which is always wrong. */
  insideBoardCard: boolean;
  /** The panel sits inside the board's preview panel. */
  insidePreviewPanel: boolean;
}

// Page-side code is kept as source text: tsx and vitest compile this file with esbuild's
// keepNames, which wraps named inner functions in a `__name()` helper that does not exist in the
// page, so a function handed to page.evaluate() must not contain named inner functions.
const SNAPSHOT_SOURCE = String.raw`(() => {
  const INHERITED_TEXT = /inherit|from (the )?team|team('s)? (business |it )?lead|via team/i;
  let count = 0;
  let first = null;
  const walk = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.localName === 'tandem-panel' || element.hasAttribute('data-tandem-panel')) {
        count += 1;
        if (!first) first = element;
      }
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  const text = (element) => (element.textContent || '').replace(/\s+/g, ' ').trim();
  const person = (element) => ({
    text: text(element),
    inherited:
      element.closest('[data-inherited]') !== null ||
      element.querySelector('[data-inherited]') !== null ||
      INHERITED_TEXT.test(text(element)) ||
      INHERITED_TEXT.test(element.getAttribute('title') || '') ||
      INHERITED_TEXT.test(element.getAttribute('aria-label') || ''),
  });
  const all = (root, testid) => (root ? Array.from(root.querySelectorAll('[data-testid="' + testid + '"]')) : []);
  const root = first ? first.shadowRoot : null;
  return {
    count,
    host: first ? first.getAttribute('data-host') : null,
    record: first ? first.getAttribute('data-record') : null,
    state: first ? first.getAttribute('data-state') : null,
    open: root !== null,
    needIds: all(root, 'tandem-need').map((need) => need.getAttribute('data-need-id') || ''),
    needs: all(root, 'tandem-need').map((need) => ({
      id: need.getAttribute('data-need-id') || '',
      text: text(need),
      businessOwners: all(need, 'tandem-business-owner').map(person),
      itOwners: all(need, 'tandem-it-owner').map(person),
    })),
    businessOwners: all(root, 'tandem-business-owner').map(person),
    itOwners: all(root, 'tandem-it-owner').map(person),
    teams: all(root, 'tandem-team').map(text),
    charterLinks: all(root, 'tandem-charter-link').map((link) => link.href || ''),
    adoption: all(root, 'tandem-adoption').map(text),
    linkAction: all(root, 'tandem-link-action').length > 0,
    insideBoardCard: first ? first.closest('[data-testid="platform-board-kit.ui.card.card"]') !== null : false,
    insidePreviewPanel: first ? first.closest('section[data-testid="preview-panels.preview-panel"]') !== null : false,
  };
})()`;

/** Snapshot of the (first) panel on the page. */
export async function panelSnapshot(page: Page): Promise<PanelSnapshot> {
  return (await page.evaluate(SNAPSHOT_SOURCE)) as PanelSnapshot;
}

/** The page-side panel counter `monitorPanels` installs; Firefox files install it per page. */
export const PANEL_MONITOR_SOURCE = `(() => {
  const monitor = { max: 0 };
  monitor.reset = () => {
    monitor.max = document.getElementsByTagName('tandem-panel').length;
  };
  window.__tandemPanelMonitor = monitor;
  new MutationObserver(() => {
    const count = document.getElementsByTagName('tandem-panel').length;
    if (count > monitor.max) monitor.max = count;
  }).observe(document, { childList: true, subtree: true });
})();`;

interface MonitorWindow {
  __tandemPanelMonitor?: { max: number; reset(): void };
}

/**
 * Counts `tandem-panel` elements after every DOM mutation, in every page of the context, from the
 * first script on, so a test can assert that two panels never coexisted, not only that one is
 * left at the end. Mutations are batched per task: a swap within one task is invisible to users
 * and to this monitor alike.
 */
export async function monitorPanels(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PANEL_MONITOR_SOURCE });
}

/** The most `tandem-panel` elements seen at once since the page loaded or the last reset. */
export async function maxPanelsSeen(page: Page, reset = false): Promise<number> {
  return page.evaluate((andReset) => {
    const monitor = (window as MonitorWindow).__tandemPanelMonitor;
    if (!monitor) throw new Error('monitorPanels(context) was not installed before this page loaded');
    const max = monitor.max;
    if (andReset) monitor.reset();
    return max;
  }, reset);
}
