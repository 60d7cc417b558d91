import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOADING_DELAY_MS } from '@/components/Panel/Panel';
import { need, ready, show, team } from './panel-fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Panel: ready', () => {
  it('shows a need with status, customers by importance, adoption, owners and charter', () => {
    show(ready({ needs: [need()] }));
    const card = screen.getByTestId('tandem-need');
    expect(card.getAttribute('data-need-id')).toBe('n-reorder');
    expect(within(card).getByText('In delivery').textContent).toBe('Status: In delivery');
    const customers = within(within(card).getByRole('list', { name: 'Customers' }))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(customers[0]).toContain('Globex');
    expect(customers[0]).toContain('Critical');
    const adoption = screen.getByTestId('tandem-adoption').textContent;
    expect(adoption).toContain('Weekly reorders');
    expect(adoption).toContain('100 of 400 orders (25%)');
    expect(adoption).toContain('as of 2026-11-01');
    expect(screen.getByTestId('tandem-business-owner').textContent).toContain('Zoë Ångström');
    expect(screen.getByTestId('tandem-business-owner').textContent).not.toContain('from team');
    expect(screen.getByTestId('tandem-business-owner').hasAttribute('data-inherited')).toBe(false);
    expect(screen.getByTestId('tandem-it-owner').textContent).toContain('from team');
    expect(screen.getByTestId('tandem-it-owner').getAttribute('data-inherited')).toBe('true');
    const teamBlock = screen.getByTestId('tandem-team');
    expect(teamBlock.textContent).toContain('Approach: Clean slate');
    expect(teamBlock.textContent).toContain('Make buying again effortless');
    expect(teamBlock.textContent).toContain('Repeat orders online from 35% to 60%');
    expect(teamBlock.textContent).toContain('2026-09-01 to 2027-02-26');
    expect(screen.getByTestId('tandem-charter-link').getAttribute('href')).toBe(
      'https://wiki.acme.example/checkout',
    );
    expect(screen.queryAllByTestId('tandem-warning')).toHaveLength(0);
  });

  it('builds mail and chat links, and only from safe URLs', () => {
    show(
      ready({
        needs: [
          need({
            team: { ...team, charter: { url: 'javascript:alert(1)' } },
            itOwner: {
              person: { id: 'p-x', name: 'X', chat: 'data:text/html,<script>1</script>' },
              fromTeam: false,
            },
          }),
        ],
      }),
    );
    expect(screen.getByLabelText('Mail Zoë Ångström').getAttribute('href')).toBe('mailto:zoe@acme.example');
    expect(screen.queryByTestId('tandem-charter-link')).toBeNull();
    expect(within(screen.getByTestId('tandem-it-owner')).queryByRole('link')).toBeNull();
  });

  it('renders data as text, never as markup', () => {
    show(ready({ needs: [need({ title: '<img src=x onerror=alert(1)>' })] }));
    const card = screen.getByTestId('tandem-need');
    expect(card.querySelector('img')).toBeNull();
    expect(card.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('lets data text of any script choose its own direction', () => {
    show(ready({ needs: [need({ title: 'طلب إعادة الطلب', statement: '再注文を簡単に' })] }));
    expect(screen.getByText('طلب إعادة الطلب').getAttribute('dir')).toBe('auto');
    expect(screen.getByText('再注文を簡単に').getAttribute('dir')).toBe('auto');
    expect(screen.getByText('Zoë Ångström').getAttribute('dir')).toBe('auto');
  });

  it('lists IT work in flight on CRM records only', () => {
    show(ready({ needs: [need()] }), { host: 'salesforce' });
    const item = screen.getByTestId('tandem-work-item');
    expect(item.getAttribute('data-key')).toBe('SHOP-142');
    expect(within(item).getByRole('link').getAttribute('href')).toBe(
      'https://acme.atlassian.net/browse/SHOP-142',
    );
    cleanup();
    show(ready({ needs: [need()] }));
    expect(screen.queryByTestId('tandem-work-item')).toBeNull();
  });

  it('shows the team and its leads when only a team matched', () => {
    show(ready({ team, teamLevel: 'project' }));
    expect(screen.queryByTestId('tandem-need')).toBeNull();
    expect(screen.getByTestId('tandem-team').textContent).toContain('Checkout');
    expect(screen.getByTestId('tandem-business-owner').textContent).toContain('Maria Lopez');
    expect(screen.getByTestId('tandem-business-owner').getAttribute('data-inherited')).toBe('true');
    expect(screen.getByText(/through its project/)).toBeTruthy();
  });

  it('folds long lists after a few items, with the count of the rest', () => {
    const customers = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name }));
    show(ready({ needs: [need({ customers })] }));
    const list = screen.getByRole('list', { name: 'Customers' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    const more = screen.getByRole('button', { name: 'Show 4 more' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(within(list).getAllByRole('listitem')).toHaveLength(7);
    expect(screen.getByRole('button', { name: 'Show fewer' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('never folds away a single item', () => {
    const customers = ['A', 'B', 'C', 'D'].map((name) => ({ name }));
    show(ready({ needs: [need({ customers })] }));
    expect(within(screen.getByRole('list', { name: 'Customers' })).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
  });

  it('folds needs after three', () => {
    const needs = [1, 2, 3, 4, 5].map((n) => need({ id: `n-${n}`, title: `Need ${n}` }));
    show(ready({ needs }));
    expect(screen.getAllByTestId('tandem-need')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: 'Show 2 more needs' }));
    expect(screen.getAllByTestId('tandem-need')).toHaveLength(5);
  });
});

describe('Panel: freshness warnings', () => {
  const kinds = () => screen.queryAllByTestId('tandem-warning').map((w) => w.getAttribute('data-warning'));

  it('warns about a need verified more than 180 days ago, and says why', () => {
    show(ready({ needs: [need({ verifiedAt: '2026-04-01' })] }));
    const warning = screen.getByTestId('tandem-warning');
    expect(warning.getAttribute('data-warning')).toBe('stale');
    expect(warning.textContent).toContain('Last verified 2026-04-01');
    expect(warning.textContent).toContain('233 days ago, more than 180');
  });

  it('warns about a stale team and a stale person where they are shown', () => {
    show(
      ready({
        needs: [
          need({
            team: { ...team, verifiedAt: '2025-01-01' },
            itOwner: { person: { id: 'p-raj', name: 'Raj', verifiedAt: '2025-02-01' }, fromTeam: false },
          }),
        ],
      }),
    );
    expect(within(screen.getByTestId('tandem-team')).getByTestId('tandem-warning').textContent).toContain(
      '2025-01-01',
    );
    expect(within(screen.getByTestId('tandem-it-owner')).getByTestId('tandem-warning').textContent).toContain(
      '2025-02-01',
    );
  });

  it('warns about a need with no owners even through its team', () => {
    show(ready({ needs: [need({ team: null, businessOwner: null, itOwner: null })] }));
    expect(kinds()).toEqual(['no-owners']);
    expect(screen.getByTestId('tandem-warning').textContent).toContain('No owners');
    expect(screen.getByTestId('tandem-business-owner').textContent).toContain('Not named');
  });

  it('warns about a firewall team whose time box has ended', () => {
    show(
      ready({
        needs: [need({ team: { ...team, approach: 'firewall', charter: { endsOn: '2026-10-31' } } })],
      }),
    );
    expect(kinds()).toEqual(['timebox-ended']);
    expect(screen.getByTestId('tandem-warning').textContent).toContain('Time box ended 2026-10-31');
  });

  it('warns about a released need with no adoption figure', () => {
    show(ready({ needs: [need({ status: 'released', adoption: undefined })] }));
    expect(kinds()).toEqual(['no-adoption']);
    expect(screen.getByTestId('tandem-warning').textContent).toContain('no adoption figure');
  });
});

describe('Panel: states', () => {
  it('says what was detected in the empty state and offers the link action', async () => {
    show({ state: 'empty', context: { needs: [], team: null } });
    expect(screen.getByText('Jira Cloud')).toBeTruthy();
    expect(screen.getByText(/No customer need or team is linked to SHOP-142/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('tandem-link-action'));
    expect(await screen.findByTestId('tandem-link-picker')).toBeTruthy();
  });

  it('names the customer a CRM page gave in the empty state', () => {
    show(
      { state: 'empty', context: { needs: [], team: null } },
      {
        host: 'salesforce',
        recordLabel: 'Account/001Dn00000AbCdEIAV',
        record: {
          kind: 'crm',
          host: 'salesforce',
          object: 'Account',
          id: '001Dn00000AbCdEIAV',
          names: ['Globex'],
        },
      },
    );
    expect(screen.getByText('Salesforce')).toBeTruthy();
    expect(screen.getByText('Globex')).toBeTruthy();
  });

  it('points to the options page when no catalog is loaded', () => {
    const { props } = show({ state: 'empty', context: { needs: [], team: null, noCatalog: true } });
    expect(screen.getByText(/No catalog is loaded yet/)).toBeTruthy();
    expect(screen.getByTestId('tandem-link-action').textContent).toBe('Open Tandem options');
    fireEvent.click(screen.getByTestId('tandem-link-action'));
    expect(props.actions.openOptions).toHaveBeenCalledOnce();
  });

  it('explains errors in words, says how to fix them, and can try again', () => {
    const { props } = show({
      state: 'error',
      message: 'The stored catalog is damaged (local: x); import it again.',
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(
      'The catalog stored in this browser is damaged. Nothing stored was changed.',
    );
    expect(alert.textContent).toContain(
      'How to fix it: Open Tandem’s options to save what can still be read, then import the catalog again.',
    );
    expect(alert.textContent).toContain('Details: The stored catalog is damaged');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(props.actions.retry).toHaveBeenCalledOnce();
    fireEvent.click(within(alert).getByRole('button', { name: 'Open Tandem options' }));
    expect(props.actions.openOptions).toHaveBeenCalledOnce();
  });

  it('tells a reload from a lost background', () => {
    show({ state: 'error', message: 'Extension context invalidated.' });
    expect(screen.getByRole('alert').textContent).toContain('Reload this page');
    cleanup();
    show({ state: 'error', message: 'Could not establish connection. Receiving end does not exist.' });
    expect(screen.getByRole('alert').textContent).toContain('background did not answer');
  });

  it('shows nothing but the record while a lookup is quick, then says it is looking', async () => {
    vi.useFakeTimers();
    show({ state: 'loading' });
    const status = screen.getByTestId('tandem-loading');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('');
    expect(screen.queryByTestId('tandem-need')).toBeNull();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(LOADING_DELAY_MS + 10);
    });
    expect(status.textContent).toContain('Looking up SHOP-142');
  });

  it('never flashes the loading text when the answer comes first', async () => {
    vi.useFakeTimers();
    const { rerender } = show({ state: 'loading' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50);
    });
    rerender({ view: ready({ needs: [need()] }) });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(LOADING_DELAY_MS);
    });
    expect(screen.queryByText(/Looking up/)).toBeNull();
    expect(screen.getByTestId('tandem-need')).toBeTruthy();
  });
});

describe('Panel: layout controls', () => {
  it('collapses to a small tab and expands again, keeping focus on the control', () => {
    const { props, rerender } = show(ready({ needs: [need()] }));
    const collapse = screen.getByRole('button', { name: 'Collapse the panel' });
    expect(collapse.getAttribute('aria-expanded')).toBe('true');
    collapse.focus();
    fireEvent.click(collapse);
    expect(props.actions.setPrefs).toHaveBeenCalledWith({ collapsed: true });
    rerender({ prefs: { layout: 'docked', collapsed: true } });
    const tab = screen.getByRole('button', { name: /Tandem SHOP-142 · 1 need/ });
    expect(tab.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(tab);
    expect(screen.queryByTestId('tandem-need')).toBeNull();
    fireEvent.click(tab);
    expect(props.actions.setPrefs).toHaveBeenLastCalledWith({ collapsed: false });
  });

  it('switches between docked and floating', () => {
    const { props, rerender } = show(ready({ needs: [need()] }));
    fireEvent.click(screen.getByRole('button', { name: 'Float' }));
    expect(props.actions.setPrefs).toHaveBeenCalledWith({ layout: 'floating' });
    rerender({ prefs: { layout: 'floating', collapsed: false } });
    fireEvent.click(screen.getByRole('button', { name: 'Dock' }));
    expect(props.actions.setPrefs).toHaveBeenLastCalledWith({ layout: 'docked' });
  });
});
