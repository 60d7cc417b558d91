import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { formatTime } from '@/components/Sources/format';
import { SourcesMark } from '@/components/Sources/SourcesMark';
import { SourcesSection } from '@/components/Sources/SourcesSection';
import type { SettingsView } from '@/utils/messages';
import { type Handlers, handleMessages, Protocol } from '@/utils/messages';
import { diffCatalogs } from '@/utils/sync/diff';
import type { SourceStatus } from '@/utils/sync/status';
import { validCatalog } from '../catalog/build';
import { installFakeMessaging } from '../fake-messaging';

afterEach(cleanup);

const ACME = {
  id: 'acme',
  url: 'https://catalog.acme.example/tandem.json',
  kind: 'catalog' as const,
  refreshMinutes: 60,
};
const BACKSTAGE = {
  id: 'bs',
  url: 'https://backstage.acme.example',
  kind: 'backstage' as const,
  refreshMinutes: 240,
};

const settings: SettingsView = {
  disabledHosts: [],
  jiraDcOrigins: [],
  builtInJiraDcOrigins: [],
  panel: { layout: 'docked', collapsed: false },
  panelByHost: {},
  pinnedTeams: [],
  sources: [ACME, BACKSTAGE],
};

const counts = { people: 4, teams: 2, needs: 3, links: 5 };
const before = validCatalog({ needs: [{ id: 'n-a', title: 'A' }] });
const after = validCatalog({
  needs: [
    { id: 'n-a', title: 'A, reworded' },
    { id: 'n-b', title: 'B' },
  ],
});

const statuses = (): SourceStatus[] => [
  {
    ...ACME,
    locked: false,
    permission: true,
    refreshing: false,
    stored: { updatedAt: '2026-11-27T09:00:00.000Z', counts },
    state: {
      id: 'acme',
      url: ACME.url,
      kind: 'catalog',
      result: {
        ok: false,
        at: '2026-11-27T10:00:00.000Z',
        reason: 'the server failed (HTTP 500 Internal Server Error)',
      },
      lastChange: { at: '2026-11-27T09:00:00.000Z', diff: diffCatalogs(before, after) },
    },
  },
  {
    ...BACKSTAGE,
    locked: false,
    permission: false,
    refreshing: false,
    state: {
      id: 'bs',
      url: BACKSTAGE.url,
      kind: 'backstage',
      result: { ok: true, at: '2026-11-27T10:00:00.000Z', change: 'unchanged', counts },
      notes: ['group:default/platform is not a team in Tandem: no tandem.io/business-lead annotation'],
    },
  },
];

function serve(overrides: Partial<Handlers> = {}) {
  installFakeMessaging();
  const fallback = Object.fromEntries(
    Object.keys(Protocol).map((type) => [
      type,
      async () => ({ ok: false, error: `${type} not in this test` }),
    ]),
  ) as unknown as Handlers;
  const handlers: Handlers = {
    ...fallback,
    'settings.get': async () => ({ ok: true, settings }),
    'sources.status': async () => ({ ok: true, sources: statuses() }),
    'catalog.conflicts': async () => ({
      ok: true,
      conflicts: [{ kind: 'needs', id: 'n-a', kept: 'source:acme', dropped: 'local' }],
      warnings: [],
    }),
    ...overrides,
  };
  handleMessages(handlers);
  return handlers;
}

describe('the shared catalogs section', () => {
  it('shows each source with its last result, the catalog kept, and what changed', async () => {
    serve();
    render(<SourcesSection />);
    const rows = await screen.findAllByTestId('source-row');
    expect(rows.map((row) => row.getAttribute('data-state'))).toEqual(['error', 'ok']);
    const [first, second] = rows;
    if (!first || !second) throw new Error('two rows expected');
    const failing = within(first);
    expect(failing.getByTestId('source-status').textContent).toBe(
      `Refresh failed ${formatTime('2026-11-27T10:00:00.000Z')}: the server failed (HTTP 500 Internal Server Error). ` +
        `Showing the last good catalog, from ${formatTime('2026-11-27T09:00:00.000Z')} (4 people, 2 teams, 3 needs, 5 links).`,
    );
    expect(failing.getByTestId('source-changes-summary').textContent).toBe('1 need added, 1 need changed');
    expect(failing.getAllByTestId('source-change-item').map((item) => item.textContent)).toEqual([
      'B n-b',
      'A, reworded n-a',
    ]);
    const backstage = within(second);
    expect(backstage.getByTestId('source-status').textContent).toMatch(/^Checked .*: unchanged \(4 people/);
    expect(backstage.getByTestId('source-permission').textContent).toContain(
      'not allowed to read https://backstage.acme.example',
    );
    expect(backstage.getByTestId('source-notes').textContent).toContain('group:default/platform');
    // The first row cannot move up; the last cannot move down.
    expect((failing.getByTestId('source-up') as HTMLButtonElement).disabled).toBe(true);
    expect((backstage.getByTestId('source-down') as HTMLButtonElement).disabled).toBe(true);
  });

  it('lists conflicts with the layer that won and the one ignored', async () => {
    serve();
    render(<SourcesSection />);
    const conflict = await screen.findByTestId('source-conflict');
    expect(conflict.textContent).toBe(
      'need n-a: kept from https://catalog.acme.example/tandem.json, ignored in your local catalog and edits',
    );
  });

  it('shows the failure mark while a source is failing', async () => {
    serve();
    render(<SourcesMark />);
    const mark = await screen.findByTestId('sources-mark');
    expect(mark.textContent).toContain('A shared catalog failed to refresh');
    expect(mark.getAttribute('title')).toContain('HTTP 500');
  });

  it('shows no mark when every source is fine', async () => {
    serve({ 'sources.status': async () => ({ ok: true, sources: statuses().slice(1) }) });
    const { container } = render(<SourcesMark />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.innerHTML).toBe('');
  });

  it('asks for the origin at the click, then adds the source', async () => {
    const add = vi.fn<Handlers['sources.add']>(async () => ({ ok: true, id: 'x', settings }));
    serve({ 'sources.add': add });
    const request = vi.fn(async () => true);
    fakeBrowser.permissions.request = request as never;
    render(<SourcesSection />);
    fireEvent.input(await screen.findByTestId('source-url-input'), {
      target: { value: 'http://127.0.0.1:8080/catalog.json' },
    });
    fireEvent.change(screen.getByTestId('source-add-interval'), { target: { value: '15' } });
    fireEvent.submit(screen.getByTestId('source-form'));
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    await waitFor(() => expect(add).toHaveBeenCalled());
    expect(add.mock.calls[0]?.[0]).toEqual({
      type: 'sources.add',
      url: 'http://127.0.0.1:8080/catalog.json',
      kind: 'catalog',
      refreshMinutes: 15,
    });
  });

  it('refuses a plain-http URL off loopback without asking the browser', async () => {
    serve();
    const request = vi.fn(async () => true);
    fakeBrowser.permissions.request = request as never;
    render(<SourcesSection />);
    fireEvent.input(await screen.findByTestId('source-url-input'), {
      target: { value: 'http://catalog.acme.example/x.json' },
    });
    fireEvent.submit(screen.getByTestId('source-form'));
    expect((await screen.findByTestId('sources-message')).textContent).toContain('must be an https:// URL');
    expect(request).not.toHaveBeenCalled();
  });

  it('shows what policy sets as locked, and no way to add or reorder', async () => {
    serve({
      'settings.get': async () => ({ ok: true, settings: { ...settings, locked: ['sources'] } }),
      'sources.status': async () => ({
        ok: true,
        sources: statuses().map((source) => ({ ...source, locked: true })),
      }),
    });
    render(<SourcesSection />);
    expect((await screen.findByTestId('policy-locked')).textContent).toContain('shared catalog sources');
    expect(screen.getAllByTestId('source-locked')).toHaveLength(2);
    for (const id of ['source-remove', 'source-up', 'source-down', 'source-interval']) {
      for (const control of screen.getAllByTestId(id))
        expect((control as HTMLButtonElement).disabled).toBe(true);
    }
    expect(screen.queryByTestId('source-form')).toBeNull();
    // Refreshing stays possible.
    for (const control of screen.getAllByTestId('source-refresh'))
      expect((control as HTMLButtonElement).disabled).toBe(false);
  });
});
