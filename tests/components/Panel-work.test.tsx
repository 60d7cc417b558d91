import { cleanup, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PanelView } from '@/components/Panel/Panel';
import type { WorkView } from '@/components/Panel/types';
import { need, ready, show } from './panel-fixtures';

const withWork = (view: PanelView, work: WorkView): PanelView =>
  view.state === 'ready' ? { ...view, work } : view;

afterEach(cleanup);

const work = [
  { key: 'SHOP-142', url: 'https://acme.atlassian.net/browse/SHOP-142' },
  { key: 'SHOP-100', url: 'https://acme.atlassian.net/browse/SHOP-100' },
  { key: 'SHOP-7', url: 'https://acme.atlassian.net/browse/SHOP-7' },
];

describe('Panel: delivery status on a CRM record', () => {
  it('shows each item’s status, assignee and plan, with done items folded below the open ones', () => {
    show(
      withWork(ready({ needs: [need({ workItems: work })] }), {
        items: [
          {
            key: 'SHOP-142',
            category: 'indeterminate',
            status: 'In Progress',
            assignee: 'Raj Patel',
            plan: 'Fix version 4.2',
          },
          { key: 'SHOP-100', category: 'done', status: 'Done' },
        ],
        shipped: [],
      }),
      { host: 'salesforce' },
    );
    const items = () => screen.getAllByTestId('tandem-work-item');
    expect(items().map((item) => item.getAttribute('data-key'))).toEqual(['SHOP-142', 'SHOP-7', 'SHOP-100']);
    const first = items()[0] as HTMLElement;
    expect(first.getAttribute('data-status-category')).toBe('indeterminate');
    expect(first.getAttribute('data-status')).toBe('In Progress');
    expect(first.textContent).toContain('Raj Patel · Fix version 4.2');
    // Jira has not answered for SHOP-7: the key shows, without status attributes.
    expect(items()[1]?.hasAttribute('data-status-category')).toBe(false);
    // Done work is folded below, yet in the page with its attributes.
    const folded = document.querySelector('details');
    expect(folded?.open).toBe(false);
    expect(folded?.querySelector('summary')?.textContent).toBe('Done (1)');
    const done = folded?.querySelector('[data-testid="tandem-work-item"]');
    expect(done?.getAttribute('data-key')).toBe('SHOP-100');
    expect(done?.getAttribute('data-status-category')).toBe('done');
  });

  it('says what to do in one line when Jira could not be read, and still lists the keys', () => {
    show(
      withWork(ready({ needs: [need()] }), {
        items: [],
        problem: 'Sign in to Jira at acme.atlassian.net to see status.',
        shipped: [],
      }),
      { host: 'hubspot' },
    );
    expect(screen.getByTestId('tandem-work-problem').textContent).toBe(
      'Sign in to Jira at acme.atlassian.net to see status.',
    );
    expect(screen.getByTestId('tandem-work-item').getAttribute('data-key')).toBe('SHOP-142');
  });

  it('warns on both sides when every work item of an in-delivery need is done', () => {
    for (const host of ['salesforce', 'jira-cloud'] as const) {
      show(
        withWork(ready({ needs: [need()] }), {
          items: [{ key: 'SHOP-142', category: 'done', status: 'Done' }],
          shipped: ['n-reorder'],
        }),
        { host },
      );
      const kinds = screen
        .getAllByTestId('tandem-warning')
        .map((warning) => warning.getAttribute('data-warning'));
      expect(kinds).toContain('shipped');
      cleanup();
    }
  });
});

describe('Panel: customer impact on a Jira issue', () => {
  it('shows the figures above the needs, with record links from safe URLs only', () => {
    show(
      ready({
        needs: [need()],
        impact: {
          customers: 3,
          critical: 1,
          revenue: '600k–3.5M',
          list: [
            {
              name: 'Globex',
              importance: 'critical',
              recordUrl: 'https://acme.my.salesforce.com/lightning/r/Account/001/view',
            },
            { name: 'Initech', importance: 'important', recordUrl: 'javascript:alert(1)' },
            { name: 'Umbrella' },
          ],
        },
      }),
    );
    const impact = screen.getByTestId('tandem-impact');
    expect(impact.getAttribute('data-customers')).toBe('3');
    expect(impact.getAttribute('data-critical')).toBe('1');
    expect(impact.textContent).toContain('3 customers, 1 critical · revenue 600k–3.5M');
    const links = within(impact).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Globex']);
    expect(links[0]?.getAttribute('href')).toBe(
      'https://acme.my.salesforce.com/lightning/r/Account/001/view',
    );
    // Above the needs.
    const need0 = screen.getByTestId('tandem-need');
    expect(impact.compareDocumentPosition(need0) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
