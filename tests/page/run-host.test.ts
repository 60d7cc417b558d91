/**
 * The content-script shell: settings decide whether the panel runs and how it starts, a change
 * applies without a reload, the keyboard command's message toggles the panel, and capture goes
 * through the background's own requests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { jiraCloudAdapter } from '@/utils/hosts/jira-cloud';
import type { SettingsView } from '@/utils/messages';
import { prefsFor, runHost } from '@/utils/page/run-host';
import { fakePorts, installFakeMessaging } from '../fake-messaging';

const SETTINGS: SettingsView = {
  disabledHosts: [],
  jiraDcOrigins: [],
  builtInJiraDcOrigins: [],
  panel: { layout: 'docked', collapsed: false },
  panelByHost: {},
  pinnedTeams: [],
  sources: [],
};

let settings: SettingsView;
let requests: { type: string; [key: string]: unknown }[];
let ctx: ContentScriptContext;
/** When set, settings.update waits for it before it writes (a slow write). */
let updateGate: Promise<void> | null;

/** The background, as far as this shell asks it. */
function fakeBackground() {
  fakeBrowser.runtime.onMessage.addListener(((message: { type: string; patch?: Partial<SettingsView> }) => {
    requests.push(message);
    if (message.type === 'settings.get') return Promise.resolve({ ok: true, settings });
    if (message.type === 'settings.update') {
      return (updateGate ?? Promise.resolve()).then(() => {
        settings = { ...settings, ...message.patch };
        return { ok: true, settings };
      });
    }
    if (message.type === 'resolve')
      return Promise.resolve({ ok: true, revision: 1, context: { needs: [], team: null } });
    if (message.type === 'needs.search') return Promise.resolve({ ok: true, results: [] });
    return undefined;
  }) as never);
}

const ISSUE_PAGE = `
  <div data-testid="issue.views.issue-details.issue-layout.issue-layout">
    <a data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item" href="/browse/SHOP-200">SHOP-200</a>
    <div data-testid="issue.views.issue-details.issue-layout.container-right"></div>
  </div>`;

const panel = () => document.querySelector('tandem-panel');
const broadcast = (message: object) => fakeBrowser.runtime.onMessage.trigger(message, {});

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    'https://acme.atlassian.net/browse/SHOP-200',
  );
  document.body.innerHTML = ISSUE_PAGE;
  // The adapter's same-origin REST read stays on this machine.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { status: 404 })),
  );
  settings = { ...SETTINGS };
  requests = [];
  updateGate = null;
  installFakeMessaging();
  fakeBackground();
  ctx = new ContentScriptContext('test');
});
afterEach(() => {
  ctx.abort();
  vi.unstubAllGlobals();
});

describe('runHost', () => {
  it('takes the host’s remembered layout over the defaults', () => {
    expect(
      prefsFor({ ...SETTINGS, panelByHost: { 'jira-cloud': { layout: 'floating' } } }, 'jira-cloud'),
    ).toEqual({
      layout: 'floating',
      collapsed: false,
    });
    expect(prefsFor({ ...SETTINGS, panel: { layout: 'docked', collapsed: true } }, 'salesforce')).toEqual({
      layout: 'docked',
      collapsed: true,
    });
  });

  it('starts with the settings it reads, and asks the background to resolve', async () => {
    settings = { ...SETTINGS, panelByHost: { 'jira-cloud': { layout: 'floating', collapsed: true } } };
    const run = runHost(ctx, jiraCloudAdapter, '');
    await run.ready;
    expect(run.loop?.prefs).toEqual({ layout: 'floating', collapsed: true });
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('empty'));
    expect(panel()?.getAttribute('data-collapsed')).toBe('true');
    expect(requests.map((request) => request.type).slice(0, 2)).toEqual(['settings.get', 'resolve']);
  });

  it('shows no panel on a host switched off, and follows a change without a reload', async () => {
    settings = { ...SETTINGS, disabledHosts: ['jira-cloud'] };
    const run = runHost(ctx, jiraCloudAdapter, '');
    await run.ready;
    expect(run.loop).toBeNull();
    expect(panel()).toBeNull();
    expect(requests.some((request) => request.type === 'resolve')).toBe(false);

    settings = { ...SETTINGS };
    await broadcast({ type: 'settings.changed' });
    await vi.waitFor(() => expect(panel()).not.toBeNull());

    settings = { ...SETTINGS, disabledHosts: ['jira-cloud'] };
    await broadcast({ type: 'settings.changed' });
    await vi.waitFor(() => expect(panel()).toBeNull());
  });

  it('applies layout changes made elsewhere, and writes its own back per host', async () => {
    const run = runHost(ctx, jiraCloudAdapter, '');
    await run.ready;
    settings = { ...SETTINGS, panel: { layout: 'floating', collapsed: false } };
    await broadcast({ type: 'settings.changed' });
    await vi.waitFor(() => expect(run.loop?.prefs.layout).toBe('floating'));

    await broadcast({ type: 'panel.toggle' });
    expect(run.loop?.prefs).toEqual({ layout: 'floating', collapsed: true });
    await vi.waitFor(() =>
      expect(requests.find((request) => request.type === 'settings.update')).toEqual({
        type: 'settings.update',
        patch: { panelByHost: { 'jira-cloud': { layout: 'floating', collapsed: true } } },
      }),
    );
    expect(settings.panelByHost['jira-cloud']).toEqual({ layout: 'floating', collapsed: true });
  });

  it('never lets a read that overlaps its own write undo it', async () => {
    const run = runHost(ctx, jiraCloudAdapter, '');
    await run.ready;
    // The write lands late; until then the background answers reads with the old settings.
    let land: () => void = () => undefined;
    updateGate = new Promise((done) => {
      land = done;
    });
    await broadcast({ type: 'panel.toggle' });
    expect(run.loop?.prefs.collapsed).toBe(true);
    await broadcast({ type: 'settings.changed' }); // an earlier write's echo: reads the old settings
    await new Promise((done) => setTimeout(done, 20));
    expect(run.loop?.prefs.collapsed).toBe(true);
    land();
    await vi.waitFor(() => expect(settings.panelByHost['jira-cloud']?.collapsed).toBe(true));
    await broadcast({ type: 'settings.changed' });
    await new Promise((done) => setTimeout(done, 20));
    expect(run.loop?.prefs.collapsed).toBe(true);
  });

  it('tells the popup what the tab shows, and brings a collapsed panel into view', async () => {
    settings = { ...SETTINGS, panel: { layout: 'docked', collapsed: true } };
    const run = runHost(ctx, jiraCloudAdapter, '');
    await run.ready;
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('empty'));
    const ask = (type: string) =>
      fakeBrowser.runtime.onMessage.trigger({ type }, { id: fakeBrowser.runtime.id });
    expect((await ask('panel.status')).filter(Boolean)).toEqual([
      { ok: true, status: { host: 'jira-cloud', record: 'SHOP-200', needs: 0, state: 'empty' } },
    ]);
    expect((await ask('panel.focus')).filter(Boolean)).toEqual([{ ok: true, focused: true }]);
    expect(panel()?.getAttribute('data-collapsed')).toBe('false');
    expect(panel()?.shadowRoot?.activeElement?.getAttribute('data-testid')).toBe('tandem-collapse');
  });

  it('shows an answer it cannot read as an explained error, not as data', async () => {
    fakeBrowser.runtime.onMessage.removeAllListeners?.();
    installFakeMessaging();
    fakeBrowser.runtime.onMessage.addListener(((message: { type: string }) =>
      message.type === 'settings.get'
        ? Promise.resolve({ ok: true, settings })
        : message.type === 'resolve'
          ? Promise.resolve({ ok: true, revision: 1, context: { needs: 'not a list' } })
          : undefined) as never);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await runHost(ctx, jiraCloudAdapter, '').ready;
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('error'));
    const text = panel()?.shadowRoot?.textContent ?? '';
    expect(text).toContain('Tandem got an answer it could not read.');
    expect(text).toContain('bad answer to resolve');
  });

  it('runs on defaults when settings cannot be read', async () => {
    fakeBrowser.runtime.onMessage.removeAllListeners?.();
    installFakeMessaging();
    fakeBrowser.runtime.onMessage.addListener(((message: { type: string }) =>
      message.type === 'settings.get'
        ? Promise.resolve({ ok: false, error: 'settings damaged' })
        : message.type === 'resolve'
          ? Promise.resolve({ ok: true, revision: 1, context: { needs: [], team: null } })
          : undefined) as never);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const run = runHost(ctx, jiraCloudAdapter, '');
    await run.ready;
    expect(run.loop?.prefs).toEqual({ layout: 'docked', collapsed: false });
    expect(warn).toHaveBeenCalled();
  });

  it('stops everything when its context ends', async () => {
    const run = runHost(ctx, jiraCloudAdapter, '');
    await run.ready;
    await vi.waitFor(() => expect(panel()).not.toBeNull());
    ctx.abort();
    expect(panel()).toBeNull();
    await broadcast({ type: 'settings.changed' });
    expect(panel()).toBeNull();
    expect(fakePorts[0]?.disconnected, 'its port to the background closed').toBe(true);
  });
});

describe('runHost after an extension reload or update', () => {
  const realId = fakeBrowser.runtime.id;
  /** The extension reloaded: this script's context is gone, as `runtime.id` says. */
  const extensionGone = () => {
    (fakeBrowser.runtime as { id?: string }).id = undefined;
  };
  afterEach(() => {
    (fakeBrowser.runtime as { id?: string }).id = realId;
  });

  async function running() {
    const run = runHost(ctx, jiraCloudAdapter, '');
    await run.ready;
    await vi.waitFor(() => expect(panel()?.getAttribute('data-state')).toBe('empty'));
    expect(fakePorts).toHaveLength(1);
    return run;
  }

  it('ends the run at once when its port closes with the extension gone, and logs nothing', async () => {
    const logged = (['info', 'warn', 'error'] as const).map((level) =>
      vi
        .spyOn(console, level)
        .mockImplementation(() => undefined)
        .mockClear(),
    );
    await running();
    extensionGone();
    fakePorts[0]?.close();
    expect(panel()).toBeNull();
    expect(ctx.signal.aborted).toBe(true);
    const reads = () => requests.filter((request) => request.type === 'settings.get').length;
    const asked = reads();
    await broadcast({ type: 'settings.changed' });
    expect(reads(), 'no longer listening').toBe(asked);
    for (const spy of logged) expect(spy).not.toHaveBeenCalled();
  });

  it('keeps running when only the service worker stopped, without waking it, and still notices a reload', async () => {
    await running();
    fakePorts[0]?.close(); // the idle worker stopped; the extension is still there
    expect(panel()).not.toBeNull();
    expect(ctx.signal.aborted).toBe(false);
    expect(fakePorts, 'no new port, which would start the worker again').toHaveLength(1);
    await broadcast({ type: 'panel.toggle' });
    expect(panel()?.getAttribute('data-collapsed')).toBe('true');
    extensionGone();
    await vi.waitFor(() => expect(panel()).toBeNull(), { timeout: 2500 });
    expect(ctx.signal.aborted).toBe(true);
  });
});
