import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel, type PanelView } from '@/components/Panel/Panel';
import type { NeedView, ResolvedContext, TeamView } from '@/utils/catalog/view';

afterEach(cleanup);

const team: TeamView = {
  id: 't-checkout',
  name: 'Checkout',
  approach: 'clean-slate',
  businessLead: { id: 'p-maria', name: 'Maria Lopez', title: 'Head of Commerce' },
  itLead: { id: 'p-raj', name: 'Raj Patel' },
  charter: { url: 'https://wiki.acme.example/checkout', mission: 'Make buying again effortless' },
  channels: [],
};

const need = (overrides: Partial<NeedView> = {}): NeedView => ({
  id: 'n-reorder',
  title: 'One-click reorder',
  status: 'in-delivery',
  level: 'issue',
  customers: [
    { name: 'Initech', importance: 'important' },
    { name: 'Globex', importance: 'critical' },
  ],
  adoption: { metric: 'Weekly reorders', unit: 'orders', target: 400, current: 100, asOf: '2026-11-01' },
  evidence: [],
  team,
  businessOwner: {
    person: { id: 'p-zoe', name: 'Zoë Ångström', email: 'zoe@acme.example' },
    fromTeam: false,
  },
  itOwner: {
    person: { id: 'p-raj', name: 'Raj Patel', chat: 'https://chat.acme.example/raj' },
    fromTeam: true,
  },
  workItems: [{ key: 'SHOP-142', url: 'https://acme.atlassian.net/browse/SHOP-142' }],
  ...overrides,
});

function show(view: PanelView, host: 'jira-cloud' | 'salesforce' = 'jira-cloud') {
  const onLinkAction = vi.fn();
  render(<Panel host={host} recordLabel="SHOP-142" view={view} onLinkAction={onLinkAction} />);
  return { onLinkAction };
}

const ready = (context: Partial<ResolvedContext>): PanelView => ({
  state: 'ready',
  context: { needs: [], team: null, ...context },
});

describe('Panel', () => {
  it('shows a need with status, customers by importance, adoption, owners and charter', () => {
    show(ready({ needs: [need()] }));
    const card = screen.getByTestId('tandem-need');
    expect(card.getAttribute('data-need-id')).toBe('n-reorder');
    expect(within(card).getByText('In delivery')).toBeTruthy();
    const customers = within(card)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(customers[0]).toContain('Globex');
    expect(screen.getByTestId('tandem-adoption').textContent).toContain('100 orders of 400 orders');
    expect(screen.getByTestId('tandem-business-owner').textContent).toContain('Zoë Ångström');
    expect(screen.getByTestId('tandem-business-owner').textContent).not.toContain('from team');
    expect(screen.getByTestId('tandem-it-owner').textContent).toContain('from team');
    expect(screen.getByTestId('tandem-team').textContent).toContain('Clean slate');
    expect(screen.getByTestId('tandem-charter-link').getAttribute('href')).toBe(
      'https://wiki.acme.example/checkout',
    );
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
    expect(screen.getByLabelText('E-mail Zoë Ångström').getAttribute('href')).toBe('mailto:zoe@acme.example');
    expect(screen.queryByTestId('tandem-charter-link')).toBeNull();
    expect(within(screen.getByTestId('tandem-it-owner')).queryByRole('link')).toBeNull();
  });

  it('renders data as text, never as markup', () => {
    show(ready({ needs: [need({ title: '<img src=x onerror=alert(1)>' })] }));
    const card = screen.getByTestId('tandem-need');
    expect(card.querySelector('img')).toBeNull();
    expect(card.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('lists IT work in flight on CRM records only', () => {
    show(ready({ needs: [need()] }), 'salesforce');
    const item = screen.getByTestId('tandem-work-item');
    expect(item.getAttribute('data-key')).toBe('SHOP-142');
    expect(within(item).getByRole('link').getAttribute('href')).toBe(
      'https://acme.atlassian.net/browse/SHOP-142',
    );
    cleanup();
    show(ready({ needs: [need()] }), 'jira-cloud');
    expect(screen.queryByTestId('tandem-work-item')).toBeNull();
  });

  it('shows the team and its leads when only a team matched', () => {
    show(ready({ team, teamLevel: 'project' }));
    expect(screen.queryByTestId('tandem-need')).toBeNull();
    expect(screen.getByTestId('tandem-team').textContent).toContain('Checkout');
    expect(screen.getByTestId('tandem-business-owner').textContent).toContain('Maria Lopez');
    expect(screen.getByText(/through its project/)).toBeTruthy();
  });

  it('says what was detected in the empty state and offers the link action', () => {
    const { onLinkAction } = show({ state: 'empty', context: { needs: [], team: null } });
    expect(screen.getByText('Jira Cloud')).toBeTruthy();
    fireEvent.click(screen.getByTestId('tandem-link-action'));
    expect(onLinkAction).toHaveBeenCalledOnce();
  });

  it('points to the options page when no catalog is loaded', () => {
    show({ state: 'empty', context: { needs: [], team: null, noCatalog: true } });
    expect(screen.getByText(/No catalog is loaded yet/)).toBeTruthy();
    expect(screen.getByTestId('tandem-link-action').textContent).toBe('Open Tandem options');
  });

  it('explains errors in words', () => {
    show({ state: 'error', message: 'The stored catalog is damaged; import it again.' });
    expect(screen.getByRole('alert').textContent).toContain('import it again');
  });

  it('announces loading without showing stale content', () => {
    show({ state: 'loading' });
    expect(screen.getByRole('status').textContent).toContain('Looking up SHOP-142');
    expect(screen.queryByTestId('tandem-need')).toBeNull();
  });
});
