import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Api, ApiContext } from '@/components/Api/api';
import { PopupSearch } from '@/components/Popup/PopupSearch';
import { type TabApi, TabStatus } from '@/components/Popup/TabStatus';
import { askTeamLinksEarly, TeamLinks } from '@/components/Popup/TeamLinks';
import { hitUrl } from '@/entrypoints/popup/App';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import { POPUP_TEAMS_SHOWN } from '@/utils/popup-early';
import { validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

afterEach(cleanup);

async function backgroundWithCatalog() {
  return fakeBackground({
    [LOCAL_LAYER]: validCatalog({
      teams: [
        {
          id: 't-checkout',
          name: 'Checkout',
          businessLead: 'p-maria',
          itLead: 'p-raj',
          charter: { url: 'https://wiki.acme.example/checkout' },
        },
        { id: 't-billing', name: 'Billing', businessLead: 'p-zoe', itLead: 'p-kenji' },
        {
          id: 't-zeta',
          name: 'Zeta',
          businessLead: 'p-zoe',
          itLead: 'p-raj',
          charter: { url: 'https://wiki.acme.example/zeta' },
        },
      ],
      needs: [
        { id: 'n-1', title: 'Checkout for zoe' },
        { id: 'n-2', title: 'Faster checkout', team: 't-checkout' },
        { id: 'n-3', title: 'Prechecked boxes' },
      ],
      links: [{ need: 'n-2', jira: { issue: 'SHOP-142' } }],
    }),
  });
}

describe('popup search', () => {
  async function show() {
    const background = await backgroundWithCatalog();
    const open = vi.fn();
    render(
      <ApiContext.Provider value={background.api}>
        <PopupSearch open={open} />
      </ApiContext.Provider>,
    );
    const input = screen.getByTestId('popup-search');
    return { ...background, open, input };
  }
  const results = () => screen.queryAllByTestId('search-result').map((item) => item.getAttribute('data-id'));

  it('answers as one types: exact, then prefix, then word, then substring', async () => {
    const { input } = await show();
    fireEvent.input(input, { target: { value: 'CHECKOUT' } });
    await waitFor(() => expect(results()).toEqual(['t-checkout', 'n-1', 'n-2']));
    expect(screen.getAllByTestId('search-result').map((item) => item.getAttribute('data-rank'))).toEqual([
      'exact',
      'prefix',
      'word',
    ]);
    fireEvent.input(input, { target: { value: 'check' } });
    await waitFor(() => expect(results()).toEqual(['t-checkout', 'n-1', 'n-2', 'n-3']));
  });

  it('tolerates accents and case', async () => {
    const { input } = await show();
    fireEvent.input(input, { target: { value: 'zoë ÅNG' } });
    await waitFor(() => expect(results()).toEqual(['p-zoe']));
  });

  it('moves with the arrows, opens with Enter and clears with Escape', async () => {
    const { input, open } = await show();
    fireEvent.input(input, { target: { value: 'checkout' } });
    await waitFor(() => expect(results()).toHaveLength(3));
    expect(input.getAttribute('aria-activedescendant')).toBe('popup-result-0');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe('popup-result-2');
    expect(screen.getAllByRole('option')[2]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(open).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'n-2', open: 'https://acme.atlassian.net/browse/SHOP-142' }),
    );
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.getAttribute('aria-activedescendant')).toBe('popup-result-2');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect((input as HTMLInputElement).value).toBe('');
    expect(results()).toEqual([]);
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('says it is searching, never "nothing matches", until the background has answered', async () => {
    const background = await backgroundWithCatalog();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const asked: string[] = [];
    const api = {
      ...background.api,
      send: (async (request: { type: string; text?: string }) => {
        if (request.type === 'catalog.search') {
          asked.push(request.text ?? '');
          await gate; // a background still loading the catalog after a browser start
        }
        return background.api.send(request as never);
      }) as typeof background.api.send,
    };
    render(
      <ApiContext.Provider value={api}>
        <PopupSearch open={vi.fn()} />
      </ApiContext.Provider>,
    );
    // Opening the popup warms the index with an empty search.
    expect(asked).toEqual(['']);
    fireEvent.input(screen.getByTestId('popup-search'), { target: { value: 'prechecked' } });
    const status = () => screen.getByTestId('popup-search-status');
    await waitFor(() => expect(status().textContent).toBe('Searching…'));
    expect(status().getAttribute('data-answered')).toBe('false');
    release();
    await waitFor(() => expect(results()).toEqual(['n-3']));
    expect(status().getAttribute('data-answered')).toBe('true');
    fireEvent.input(screen.getByTestId('popup-search'), { target: { value: 'no such thing' } });
    await waitFor(() => expect(status().textContent).toContain('Nothing matches'));
  });

  it('opens the top result with Enter, and an options entry inside the extension', async () => {
    const { input, open } = await show();
    fireEvent.input(input, { target: { value: 'prechecked' } });
    await waitFor(() => expect(results()).toEqual(['n-3']));
    fireEvent.keyDown(input, { key: 'Enter' });
    const hit = open.mock.calls[0]?.[0];
    expect(hitUrl(hit, 'chrome-extension://id/options.html')).toBe(
      'chrome-extension://id/options.html#needs/n-3',
    );
  });
});

describe('popup team charters', () => {
  it('lists pinned teams first, each with its leads, charter links https only', async () => {
    const background = await backgroundWithCatalog();
    await background.handlers['settings.update']?.({
      type: 'settings.update',
      patch: { pinnedTeams: ['t-zeta'] },
    });
    render(
      <ApiContext.Provider value={background.api}>
        <TeamLinks />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('team-entry')).toHaveLength(3));
    const entries = screen.getAllByTestId('team-entry');
    expect(entries.map((entry) => entry.getAttribute('data-team-id'))).toEqual([
      't-zeta',
      't-billing',
      't-checkout',
    ]);
    expect(entries[1]?.textContent).toContain('Zoë Ångström & 山田 健二');
    expect(screen.getAllByTestId('charter-link').map((link) => link.getAttribute('href'))).toEqual([
      'https://wiki.acme.example/zeta',
      'https://wiki.acme.example/checkout',
    ]);
    fireEvent.click(within(entries[2] as HTMLElement).getByTestId('pin-toggle'));
    await waitFor(() =>
      expect(screen.getAllByTestId('team-entry').map((entry) => entry.getAttribute('data-team-id'))).toEqual([
        't-zeta',
        't-checkout',
        't-billing',
      ]),
    );
  });
});

describe('popup team charters, many teams', () => {
  it('lists the pinned teams and the first 40 by name at once, then every team', async () => {
    const teams = Array.from({ length: 45 }, (_, i) => ({
      id: `t-${i}`,
      name: `Team ${String(i).padStart(2, '0')}`,
      businessLead: 'p-maria',
      itLead: 'p-raj',
    }));
    const background = await fakeBackground({
      [LOCAL_LAYER]: validCatalog({ teams, needs: [], links: [] }),
    });
    await background.handlers['settings.update']?.({
      type: 'settings.update',
      patch: { pinnedTeams: ['t-44'] },
    });
    render(
      <ApiContext.Provider value={background.api}>
        <TeamLinks />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('team-entry')).toHaveLength(POPUP_TEAMS_SHOWN + 1));
    const ids = () => screen.getAllByTestId('team-entry').map((entry) => entry.getAttribute('data-team-id'));
    expect(ids()[0]).toBe('t-44');
    expect(ids().at(-1)).toBe('t-39');
    await waitFor(() => expect(screen.getAllByTestId('team-entry')).toHaveLength(45));
    expect(background.sent.filter((request) => request.type === 'teams.list')).toEqual([
      { type: 'teams.list', limit: POPUP_TEAMS_SHOWN },
      { type: 'teams.list' },
    ]);
  });
});

describe('popup team charters, asked before the popup loaded', () => {
  const never = {
    send: (() => new Promise(() => undefined)) as Api['send'],
    onBroadcast: () => () => undefined,
  };

  it("draws the early requests' answers, validated, without asking again", async () => {
    const team = { id: 't-alpha', name: 'Alpha', businessLead: 'Maria', itLead: 'Raj' };
    // A real settings answer, as the background gives it.
    const settings = await (await fakeBackground({})).api.send({ type: 'settings.get' });
    askTeamLinksEarly(never, {
      teams: Promise.resolve({ ok: true, total: 1, teams: [team] }),
      settings: Promise.resolve(settings),
    });
    render(
      <ApiContext.Provider value={never}>
        <TeamLinks />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('team-entry')).toHaveLength(1));
  });

  it('says so when an early answer does not validate', async () => {
    askTeamLinksEarly(never, {
      teams: Promise.resolve({ ok: true, total: 1, teams: [{ id: 't-alpha' }] }),
      settings: Promise.resolve({ ok: true, settings: { pinnedTeams: [] } }),
    });
    render(
      <ApiContext.Provider value={never}>
        <TeamLinks />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('bad answer to teams.list'));
  });
});

describe('popup: this tab', () => {
  const tabs = (answer: Awaited<ReturnType<TabApi['ask']>>, focused = true): TabApi & { asked: string[] } => {
    const asked: string[] = [];
    return {
      asked,
      activeTabId: async () => 7,
      ask: (async (_tab: number, query: { type: string }) => {
        asked.push(query.type);
        return query.type === 'panel.focus' ? { ok: true, focused } : answer;
      }) as TabApi['ask'],
    };
  };

  it('shows the host, record and needs the panel there shows, and focuses it', async () => {
    const fake = tabs({
      ok: true,
      status: { host: 'jira-cloud', record: 'SHOP-142', needs: 2, state: 'ready' },
    });
    const onFocused = vi.fn();
    render(<TabStatus tabs={fake} onFocused={onFocused} />);
    await waitFor(() => expect(screen.getByTestId('tab-status').getAttribute('data-state')).toBe('detected'));
    expect(screen.getByTestId('tab-host').textContent).toBe('Jira Cloud');
    expect(screen.getByTestId('tab-record').textContent).toBe('SHOP-142');
    expect(screen.getByTestId('tab-needs').textContent).toBe('2 needs linked');
    fireEvent.click(screen.getByTestId('tab-focus'));
    await waitFor(() => expect(onFocused).toHaveBeenCalled());
    expect(fake.asked).toEqual(['panel.status', 'panel.focus']);
  });

  it('says so when Tandem does not run in the tab, or the page shows no record', async () => {
    render(<TabStatus tabs={tabs(null)} />);
    await waitFor(() =>
      expect(screen.getByTestId('tab-status').getAttribute('data-state')).toBe('unavailable'),
    );
    cleanup();
    render(<TabStatus tabs={tabs({ ok: true, status: null })} />);
    await waitFor(() =>
      expect(screen.getByTestId('tab-status').getAttribute('data-state')).toBe('no-record'),
    );
  });
});
