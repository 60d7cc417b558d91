/**
 * The panel loop on pages whose markup the adapter does not know: it floats as soon as the view's
 * signals say the record is on screen (not after the last-resort wait), docks when an anchor comes
 * later, and records the views where none came.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PanelPrefs } from '@/components/Panel/types';
import type { ResolvedContext } from '@/utils/catalog/view';
import { jiraCloudAdapter } from '@/utils/hosts/jira-cloud';
import type { Detection, HostAdapter } from '@/utils/hosts/types';
import { zendeskAdapter } from '@/utils/hosts/zendesk';
import { FLOAT_AFTER_MS, type PlacementMiss, SETTLE_MS, startPanelLoop } from '@/utils/page/panel-loop';

const EMPTY: ResolvedContext = { needs: [], team: null };

/** An issue view after a redesign: the key in the main region, none of the known test ids. */
const renamedIssue = (key: string) => `
  <main><div data-testid="work-item.v2.layout">
    <nav><a data-testid="work-item.v2.breadcrumbs.current" href="/browse/${key}">${key}</a></nav>
    <div id="renamed-right"></div>
  </div></main>`;

const knownAnchor = (key: string) => `
  <a data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item" href="/browse/${key}">${key}</a>`;

let controller: AbortController;
const panel = () => document.querySelector('tandem-panel');

function start(
  options: {
    adapter?: HostAdapter;
    prefs?: PanelPrefs;
    fetch?: typeof fetch;
    onMiss?: (m: PlacementMiss) => void;
  } = {},
) {
  return startPanelLoop({
    adapter: options.adapter ?? jiraCloudAdapter,
    doc: document,
    win: window,
    css: '',
    signal: controller.signal,
    resolve: async () => EMPTY,
    openOptions: vi.fn(),
    ...(options.prefs ? { prefs: options.prefs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.onMiss ? { onMiss: options.onMiss } : {}),
  });
}

beforeEach(() => {
  controller = new AbortController();
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    'https://acme.atlassian.net/',
  );
  document.title = 'Jira';
  document.body.innerHTML = '';
  vi.useFakeTimers();
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('panel loop without an anchor', () => {
  it('floats as soon as the view signals say the issue is on screen, long before the deadline', async () => {
    window.history.pushState({}, '', '/browse/SHOP-142');
    start();
    await vi.advanceTimersByTimeAsync(200);
    expect(panel()).toBeNull(); // nothing on screen yet: no panel over a blank page
    document.title = '[SHOP-142] Reorder from the order history - Jira';
    document.body.innerHTML = renamedIssue('SHOP-142');
    await vi.advanceTimersByTimeAsync(50); // one short debounce
    expect(panel()?.getAttribute('data-layout')).toBe('floating');
    expect(panel()?.getAttribute('data-record')).toBe('SHOP-142');
  });

  it('docks the same element, once, when the anchor appears later', async () => {
    window.history.pushState({}, '', '/browse/SHOP-142');
    document.title = '[SHOP-142] Reorder - Jira';
    document.body.innerHTML = renamedIssue('SHOP-142');
    start();
    await vi.advanceTimersByTimeAsync(50);
    const floating = panel();
    expect(floating?.getAttribute('data-layout')).toBe('floating');
    const moves: string[] = [];
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node === floating) moves.push(record.type);
    }).observe(document.body, { childList: true, subtree: true });
    document.getElementById('renamed-right')?.insertAdjacentHTML('afterend', knownAnchor('SHOP-142'));
    await vi.advanceTimersByTimeAsync(600);
    expect(document.querySelectorAll('tandem-panel')).toHaveLength(1);
    expect(panel()).toBe(floating); // moved, not re-created: no flicker of an empty panel
    expect(panel()?.getAttribute('data-layout')).toBe('block');
    expect(moves).toHaveLength(1);
  });

  it('stays floating where the user chose floating', async () => {
    window.history.pushState({}, '', '/browse/SHOP-142');
    document.title = '[SHOP-142] Reorder - Jira';
    document.body.innerHTML = renamedIssue('SHOP-142') + knownAnchor('SHOP-142');
    start({ prefs: { layout: 'floating', collapsed: false } });
    await vi.advanceTimersByTimeAsync(600);
    expect(panel()?.getAttribute('data-layout')).toBe('floating');
  });

  it('floats once the REST answer has come and the page has gone quiet, when no signal names the view', async () => {
    const adapter: HostAdapter = {
      ...jiraCloudAdapter,
      viewReady: () => false,
      fetchDetails: async (detection: Detection) => detection,
    };
    window.history.pushState({}, '', '/browse/SHOP-142');
    start({ adapter, fetch: vi.fn() });
    await vi.advanceTimersByTimeAsync(10);
    document.body.innerHTML = '<div>a redesigned view</div>';
    await vi.advanceTimersByTimeAsync(SETTLE_MS - 50);
    expect(panel()).toBeNull(); // the host may still be drawing
    document.body.append(document.createElement('section')); // it was
    await vi.advanceTimersByTimeAsync(SETTLE_MS - 50);
    expect(panel()).toBeNull();
    await vi.advanceTimersByTimeAsync(100);
    expect(panel()?.getAttribute('data-layout')).toBe('floating');
  });

  it('does not poll while the REST answer waits for the host to draw anything', async () => {
    const findPlacement = vi.fn(() => null);
    const adapter: HostAdapter = {
      ...jiraCloudAdapter,
      findPlacement,
      viewReady: () => false,
      fetchDetails: async (detection: Detection) => detection,
    };
    window.history.pushState({}, '', '/browse/SHOP-142');
    start({ adapter, fetch: vi.fn() });
    await vi.advanceTimersByTimeAsync(FLOAT_AFTER_MS - 100);
    expect(panel()).toBeNull();
    expect(findPlacement.mock.calls.length).toBeLessThan(5);
  });

  it('floats on Zendesk when the header tab of the ticket is selected, not while the previous one still is', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
      'https://redesign.zendesk.com/agent/tickets/35501',
    );
    // A tab switch on renamed markup: the URL names 35501, the tab and workspace of 35436 still show.
    document.body.innerHTML = `
      <div role="tablist">
        <div role="tab" aria-selected="true" id="tab-35436"><div>#35436</div></div>
        <div role="tab" aria-selected="false" id="tab-35501"><div>#35501</div></div>
      </div>
      <div class="v2-ticket-panes-grid-layout" data-is-active="true"></div>`;
    start({ adapter: zendeskAdapter, fetch: vi.fn(async () => new Response('', { status: 401 })) });
    await vi.advanceTimersByTimeAsync(100);
    expect(panel()).toBeNull();
    document.getElementById('tab-35436')?.setAttribute('aria-selected', 'false');
    document.getElementById('tab-35501')?.setAttribute('aria-selected', 'true');
    await vi.advanceTimersByTimeAsync(50); // one short debounce, not the quiet page's 250 ms
    expect(panel()?.getAttribute('data-layout')).toBe('floating');
    expect(panel()?.getAttribute('data-record')).toBe('ticket/35501');
  });

  it('keeps the deadline as the last resort when nothing says the view is there', async () => {
    window.history.pushState({}, '', '/browse/SHOP-142');
    document.body.innerHTML = '<div>markup we do not know, no key, no title</div>';
    start();
    await vi.advanceTimersByTimeAsync(FLOAT_AFTER_MS - 100);
    expect(panel()).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(panel()?.getAttribute('data-layout')).toBe('floating');
  });
});

describe('the breakage record', () => {
  it('reports a view where no anchor came, once, with the anchors tried and no page content', async () => {
    const onMiss = vi.fn();
    window.history.pushState({}, '', '/browse/SHOP-142');
    document.title = '[SHOP-142] Secret summary - Jira';
    document.body.innerHTML = renamedIssue('SHOP-142');
    start({ onMiss });
    await vi.advanceTimersByTimeAsync(FLOAT_AFTER_MS + 100);
    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(FLOAT_AFTER_MS);
    expect(onMiss).toHaveBeenCalledTimes(1);
    const miss = onMiss.mock.calls[0]?.[0] as PlacementMiss;
    expect(miss).toEqual({
      host: 'jira-cloud',
      view: 'issue',
      anchors: [...(jiraCloudAdapter.anchorNames ?? [])],
      signal: 'view',
    });
    expect(JSON.stringify(miss)).not.toContain('Secret');
    expect(JSON.stringify(miss)).not.toContain('SHOP-142');
  });

  it('reports nothing when the anchor was only slower than the view signals', async () => {
    const onMiss = vi.fn();
    window.history.pushState({}, '', '/browse/SHOP-142');
    document.title = '[SHOP-142] Reorder - Jira';
    document.body.innerHTML = renamedIssue('SHOP-142');
    start({ onMiss });
    await vi.advanceTimersByTimeAsync(300);
    document.body.insertAdjacentHTML('beforeend', knownAnchor('SHOP-142'));
    await vi.advanceTimersByTimeAsync(FLOAT_AFTER_MS * 2);
    expect(panel()?.getAttribute('data-layout')).toBe('block');
    expect(onMiss).not.toHaveBeenCalled();
  });
});
