import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordRef, ResolvedContext } from '@/utils/catalog/view';
import { jiraCloudAdapter } from '@/utils/hosts/jira-cloud';
import type { Detection } from '@/utils/hosts/types';
import { FLOAT_AFTER_MS, startPanelLoop } from '@/utils/page/panel-loop';

const issuePage = (key: string) => `
  <div data-testid="issue.views.issue-details.issue-layout.issue-layout">
    <nav><ol><li data-testid="issue.views.issue-base.foundation.breadcrumbs.breadcrumb-current-issue-container">
      <a data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item" href="/browse/${key}">${key}</a>
    </li></ol></nav>
    <div data-testid="issue.views.issue-details.issue-layout.container-right" id="right-${key}"></div>
  </div>`;

const needContext = (id: string): ResolvedContext => ({
  needs: [
    {
      id,
      title: `Need ${id}`,
      status: 'committed',
      level: 'issue',
      customers: [],
      evidence: [],
      team: null,
      businessOwner: null,
      itOwner: null,
      workItems: [],
    },
  ],
  team: null,
});

let controller: AbortController;

function go(path: string, html?: string) {
  window.history.pushState({}, '', path);
  if (html !== undefined) document.body.innerHTML = html; // fixture markup
}

function start(resolve = vi.fn(async (record: { key?: string }) => needContext(`n-${record.key}`))) {
  const changed: (() => void)[] = [];
  const loop = startPanelLoop({
    adapter: jiraCloudAdapter,
    doc: document,
    win: window,
    css: '',
    signal: controller.signal,
    resolve: resolve as never,
    openOptions: vi.fn(),
    onCatalogChanged: (callback) => {
      changed.push(callback);
      return () => changed.splice(changed.indexOf(callback), 1);
    },
  });
  return { loop, resolve, changed };
}

const panels = () => document.querySelectorAll('tandem-panel');
const panel = () => document.querySelector('tandem-panel');

beforeEach(() => {
  controller = new AbortController();
  // happy-dom lets a test choose the page's origin; pushState then works as on the real site.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    'https://acme.atlassian.net/',
  );
  document.body.innerHTML = '';
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('panel loop', () => {
  it('mounts one panel for the issue the URL names, loading then ready', async () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    start();
    expect(panels()).toHaveLength(1);
    expect(panel()?.getAttribute('data-record')).toBe('SHOP-142');
    expect(panel()?.getAttribute('data-host')).toBe('jira-cloud');
    expect(panel()?.parentElement?.id).toBe('right-SHOP-142');
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('ready'));
    expect(
      panel()?.shadowRoot?.querySelector('[data-testid="tandem-need"]')?.getAttribute('data-need-id'),
    ).toBe('n-SHOP-142');
  });

  it('follows SPA navigation, never showing the previous record, and leaves when no issue is shown', async () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    const { loop } = start();
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('ready'));

    // The URL changes first; the host has not re-rendered yet.
    go('/browse/SHOP-143');
    loop.reconcile();
    expect(panels()).toHaveLength(0);

    go('/browse/SHOP-143', issuePage('SHOP-143'));
    loop.reconcile();
    expect(panels()).toHaveLength(1);
    expect(panel()?.getAttribute('data-record')).toBe('SHOP-143');
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('ready'));

    go('/jira/your-work', '<div>Your work</div>');
    loop.reconcile();
    expect(panels()).toHaveLength(0);
  });

  it('moves the panel when the host re-mounts its anchor, keeping one panel', () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    const { loop } = start();
    const first = panel();
    document.body.innerHTML = issuePage('SHOP-142'); // React replaced the whole view
    loop.reconcile();
    expect(panels()).toHaveLength(1);
    expect(panel()).toBe(first);
    expect(panel()?.isConnected).toBe(true);
  });

  it('ignores an answer that arrives after the user moved on', async () => {
    let release: (context: ResolvedContext) => void = () => undefined;
    const resolve = vi.fn((record: { key?: string }) =>
      record.key === 'SHOP-142'
        ? new Promise<ResolvedContext>((done) => {
            release = done;
          })
        : Promise.resolve(needContext('n-SHOP-143')),
    );
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    const { loop } = start(resolve);
    go('/browse/SHOP-143', issuePage('SHOP-143'));
    loop.reconcile();
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('ready'));
    release(needContext('n-SHOP-142'));
    await Promise.resolve();
    expect(panel()?.shadowRoot?.querySelector('[data-need-id]')?.getAttribute('data-need-id')).toBe(
      'n-SHOP-143',
    );
  });

  it('floats when the host never renders an anchor', async () => {
    vi.useFakeTimers();
    go('/browse/SHOP-142', '<div id="jira-frontend">no issue view markup we know</div>');
    start();
    expect(panels()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(FLOAT_AFTER_MS + 50);
    expect(panels()).toHaveLength(1);
    expect(panel()?.getAttribute('data-layout')).toBe('floating');
  });

  it('shows the error state when the background fails', async () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    start(vi.fn(async () => Promise.reject(new Error('The stored catalog is damaged'))));
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('error'));
    expect(panel()?.shadowRoot?.textContent).toContain('The stored catalog is damaged');
  });

  it('asks again when the catalog changes', async () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    const { resolve, changed } = start();
    await vi.waitFor(() => expect(resolve).toHaveBeenCalledTimes(1));
    for (const callback of changed) callback();
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('releases everything when its context ends', async () => {
    vi.useFakeTimers();
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    const detect = vi.spyOn(jiraCloudAdapter, 'detect');
    const { changed } = start();
    controller.abort();
    expect(panels()).toHaveLength(0);
    expect(changed).toHaveLength(0);
    const calls = detect.mock.calls.length;
    document.body.append(document.createElement('div'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(detect.mock.calls.length).toBe(calls);
    detect.mockRestore();
  });

  it('removes a panel left behind by an earlier run of the script', () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    document.body.append(document.createElement('tandem-panel'));
    start();
    expect(panels()).toHaveLength(1);
  });
});

describe('panel loop with same-origin details', () => {
  it('answers from the URL at once, then refines with what the REST read adds', async () => {
    go('/browse/SHOP-143', issuePage('SHOP-143'));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((done) => {
      release = done;
    });
    const adapter = {
      ...jiraCloudAdapter,
      fetchDetails: vi.fn(async (detection: Detection) => {
        await gate;
        return { ...detection, record: { ...detection.record, epic: 'SHOP-100' } } as Detection;
      }),
    };
    const resolve = vi.fn(async (record: RecordRef) =>
      needContext(record.kind === 'jira' && record.epic ? 'n-epic' : 'n-key'),
    );
    startPanelLoop({
      adapter,
      doc: document,
      win: window,
      css: '',
      signal: controller.signal,
      resolve,
      openOptions: vi.fn(),
      fetch: vi.fn(),
    });
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('ready'));
    expect(panel()?.shadowRoot?.querySelector('[data-need-id]')?.getAttribute('data-need-id')).toBe('n-key');
    release();
    await vi.waitFor(() =>
      expect(panel()?.shadowRoot?.querySelector('[data-need-id]')?.getAttribute('data-need-id')).toBe(
        'n-epic',
      ),
    );
    expect(resolve).toHaveBeenLastCalledWith({
      kind: 'jira',
      host: 'jira-cloud',
      key: 'SHOP-143',
      epic: 'SHOP-100',
    });
    expect(adapter.fetchDetails).toHaveBeenCalledTimes(1);
  });

  it('keeps the key-only answer, quietly, when the REST read fails', async () => {
    go('/browse/SHOP-143', issuePage('SHOP-143'));
    const onError = vi.fn();
    const adapter = {
      ...jiraCloudAdapter,
      fetchDetails: vi.fn(async () => Promise.reject(new Error('401'))),
    };
    const resolve = vi.fn(async () => needContext('n-key'));
    startPanelLoop({
      adapter,
      doc: document,
      win: window,
      css: '',
      signal: controller.signal,
      resolve,
      openOptions: vi.fn(),
      onError,
      fetch: vi.fn(),
    });
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('ready'));
    await new Promise((done) => setTimeout(done, 20));
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
  });
});
