import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureUi } from '@/components/Capture/capture-ui';
import type { PanelPrefs } from '@/components/Panel/types';
import type { RecordRef, ResolvedContext } from '@/utils/catalog/view';
import { jiraCloudAdapter } from '@/utils/hosts/jira-cloud';
import type { Detection, HostAdapter } from '@/utils/hosts/types';
import { FLOAT_AFTER_MS, startPanelLoop } from '@/utils/page/panel-loop';

type HostAdapterFetch = NonNullable<HostAdapter['fetchDetails']>;

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

  it.each(['data-testid', 'data-test-id'])(
    'docks a floating panel when an anchor gets its %s in a later attribute change alone',
    async (attribute) => {
      vi.useFakeTimers();
      // An older build spells the attribute data-test-id; the identifying one arrives last.
      const markup = issuePage('SHOP-142')
        .replaceAll('data-testid=', `${attribute}=`)
        .replace(
          `${attribute}="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"`,
          'id="late"',
        );
      go('/browse/SHOP-142', markup);
      start();
      await vi.advanceTimersByTimeAsync(FLOAT_AFTER_MS + 50);
      expect(panel()?.getAttribute('data-layout')).toBe('floating');
      document
        .getElementById('late')
        ?.setAttribute(attribute, 'issue.views.issue-base.foundation.breadcrumbs.current-issue.item');
      await vi.advanceTimersByTimeAsync(600); // the scheduler's max wait
      expect(panels()).toHaveLength(1);
      expect(panel()?.getAttribute('data-layout')).toBe('block');
      expect(panel()?.parentElement?.id).toBe('right-SHOP-142');
    },
  );

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

  it('resolves once, with the details, when the REST read answers before the host draws the view', async () => {
    go('/browse/SHOP-143', '<main id="loading"></main>');
    const adapter = {
      ...jiraCloudAdapter,
      fetchDetails: vi.fn(async (detection: Detection) => ({
        ...detection,
        record: { ...detection.record, epic: 'SHOP-100' },
      })) as HostAdapterFetch,
    };
    const resolve = vi.fn(async (record: RecordRef) =>
      needContext(record.kind === 'jira' && record.epic ? 'n-epic' : 'n-key'),
    );
    const loop = startPanelLoop({
      adapter,
      doc: document,
      win: window,
      css: '',
      signal: controller.signal,
      resolve,
      openOptions: vi.fn(),
      fetch: vi.fn(),
    });
    await vi.waitFor(() => expect(resolve).toHaveBeenCalledTimes(1));
    expect(panel()).toBeNull(); // no anchor yet: drawn, but not in the page
    document.body.innerHTML = issuePage('SHOP-143');
    loop.reconcile();
    expect(panel()?.getAttribute('data-state')).toBe('ready');
    expect(panel()?.shadowRoot?.querySelector('[data-need-id]')?.getAttribute('data-need-id')).toBe('n-epic');
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledWith(expect.objectContaining({ key: 'SHOP-143', epic: 'SHOP-100' }));
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

describe('panel loop: layout, scheme and the keyboard command', () => {
  function startWith(prefs: PanelPrefs = { layout: 'docked', collapsed: false }) {
    const onPrefsChange = vi.fn();
    const loop = startPanelLoop({
      adapter: jiraCloudAdapter,
      doc: document,
      win: window,
      css: '',
      signal: controller.signal,
      resolve: vi.fn(async () => needContext('n-1')),
      openOptions: vi.fn(),
      prefs,
      onPrefsChange,
    });
    return { loop, onPrefsChange };
  }
  const shadow = () => panel()?.shadowRoot as ShadowRoot;

  it('floats over the page when the user prefers it, even where the host has an anchor', async () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    startWith({ layout: 'floating', collapsed: false });
    expect(panel()?.getAttribute('data-layout')).toBe('floating');
    expect(panel()?.parentElement).toBe(document.body);
  });

  it('moves between docked and floating at once, and remembers the choice', async () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    const { loop, onPrefsChange } = startWith();
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('ready'));
    const element = panel();
    (shadow().querySelector('[data-testid="tandem-layout-toggle"]') as HTMLElement).click();
    expect(panel()).toBe(element);
    expect(panel()?.getAttribute('data-layout')).toBe('floating');
    expect(onPrefsChange).toHaveBeenCalledWith({ layout: 'floating', collapsed: false });
    // Settings from elsewhere (another tab, the options page) apply without being written back.
    loop.setPrefs({ layout: 'docked', collapsed: false });
    expect(panel()?.getAttribute('data-layout')).toBe('block');
    expect(panel()?.parentElement?.id).toBe('right-SHOP-142');
    expect(onPrefsChange).toHaveBeenCalledTimes(1);
  });

  it('toggles collapsed with the keyboard command, taking focus when it expands', async () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    const { loop, onPrefsChange } = startWith({ layout: 'docked', collapsed: true });
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('ready'));
    expect(panel()?.getAttribute('data-collapsed')).toBe('true');
    expect(shadow().querySelector('[data-testid="tandem-need"]')).toBeNull();
    loop.toggle();
    expect(panel()?.getAttribute('data-collapsed')).toBe('false');
    expect(onPrefsChange).toHaveBeenLastCalledWith({ layout: 'docked', collapsed: false });
    expect(shadow().querySelector('[data-testid="tandem-need"]')).not.toBeNull();
    expect(shadow().activeElement?.getAttribute('data-testid')).toBe('tandem-collapse');
    loop.toggle();
    expect(panel()?.getAttribute('data-collapsed')).toBe('true');
    expect(shadow().activeElement?.getAttribute('aria-expanded')).toBe('false');
  });

  it('follows the host page between light and dark', async () => {
    go('/browse/SHOP-142', issuePage('SHOP-142'));
    document.documentElement.setAttribute('data-color-mode', 'light');
    const { loop } = startWith();
    await vi.waitFor(() => expect(panel()?.getAttribute('data-scheme')).toBe('light'));
    document.documentElement.setAttribute('data-color-mode', 'dark');
    loop.reconcile();
    expect(panel()?.getAttribute('data-scheme')).toBe('dark');
    document.documentElement.removeAttribute('data-color-mode');
  });

  it('says so when capture is not wired, instead of pretending', async () => {
    go('/browse/SHOP-200', issuePage('SHOP-200'));
    startPanelLoop({
      adapter: jiraCloudAdapter,
      doc: document,
      win: window,
      css: '',
      signal: controller.signal,
      resolve: vi.fn(async () => ({ needs: [], team: null })),
      openOptions: vi.fn(),
    });
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('empty'));
    (shadow().querySelector('[data-testid="tandem-new-need"]') as HTMLElement).click();
    // Without capture wired the forms cannot even load: the panel says why, and shows no form.
    await vi.waitFor(() => expect(shadow().textContent).toContain('linking is not available on this page'));
    expect(shadow().querySelector('form')).toBeNull();
  });
});

describe('panel loop: focus', () => {
  it('keeps focus inside the panel when the host re-renders around it', async () => {
    go('/browse/SHOP-200', issuePage('SHOP-200'));
    const loop = startPanelLoop({
      adapter: jiraCloudAdapter,
      doc: document,
      win: window,
      css: '',
      signal: controller.signal,
      resolve: vi.fn(async () => ({ needs: [], team: null })),
      openOptions: vi.fn(),
      capture: {
        searchNeeds: async () => [],
        searchPeople: async () => [],
        save: async () => ({ ok: true, revision: 1, id: 'x' }),
        remove: async () => undefined,
        loadCapture: async () => captureUi,
      },
    });
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('empty'));
    const root = panel()?.shadowRoot as ShadowRoot;
    (root.querySelector('[data-testid="tandem-link-action"]') as HTMLElement).click();
    await vi.waitFor(() => expect(root.activeElement?.getAttribute('role')).toBe('combobox'));
    const input = root.activeElement;
    document.body.innerHTML = issuePage('SHOP-200'); // React replaced the whole view
    loop.reconcile();
    expect(panel()?.parentElement?.id).toBe('right-SHOP-200');
    expect(root.activeElement).toBe(input);
  });
});
