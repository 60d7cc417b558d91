import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '@/components/Api/api';
import { timeBoxText } from '@/components/Outcomes/OutcomeParts';
import { appendGroups, OUTCOMES_PAGE_ITEMS, OutcomesPage } from '@/components/Outcomes/OutcomesPage';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import type { CatalogInput } from '@/utils/catalog/schema';
import { parseCatalogShape } from '@/utils/catalog/validate';
import type { OutcomeGroup, OutcomeNeed, OutcomeTeam } from '@/utils/outcomes/view';
import { catalogInput } from '../catalog/build';
import { fakeBackground } from '../fake-background';

afterEach(cleanup);

function layer(overrides: Partial<CatalogInput>) {
  const parsed = parseCatalogShape(catalogInput(overrides));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.catalog;
}

/** A shared catalog with a firewall team past its time box; local needs, 70 of them teamless. */
async function show() {
  const background = await fakeBackground({
    'source:acme': layer({
      name: 'Acme shared',
      teams: [
        {
          id: 't-fw',
          name: 'Firewall',
          approach: 'firewall',
          businessLead: 'p-maria',
          itLead: 'p-raj',
          charter: { endsOn: '2026-11-01', mission: 'Get it done' },
        },
      ],
    }),
    [LOCAL_LAYER]: layer({
      teams: [],
      needs: [
        {
          id: 'n-adopted',
          title: 'Adopted one',
          status: 'released',
          team: 't-fw',
          adoption: {
            metric: 'Orders',
            target: 8,
            current: 2,
            asOf: '2026-11-01',
            history: [{ asOf: '2026-10-01', value: 1 }],
          },
        },
        { id: 'n-none', title: 'Released, no figure', status: 'released', team: 't-fw' },
        ...Array.from({ length: 70 }, (_, i) => ({
          id: `n-${String(i).padStart(2, '0')}`,
          title: `Loose ${String(i).padStart(2, '0')}`,
        })),
      ],
    }),
  });
  render(
    <ApiContext.Provider value={background.api}>
      <OutcomesPage />
    </ApiContext.Provider>,
  );
  await waitFor(() => expect(screen.getAllByTestId('outcomes-team')).toHaveLength(1));
  return background;
}

const needIds = () =>
  screen.queryAllByTestId('outcomes-need').map((need) => need.getAttribute('data-need-id'));

describe('outcomes page', () => {
  it('shows a team, its needs with their adoption ratio, and flags with where to fix them', async () => {
    await show();
    const team = screen.getByTestId('outcomes-team');
    expect(team.getAttribute('data-team-id')).toBe('t-fw');
    expect(team.textContent).toContain('ended 19 days ago');
    const adopted = within(team)
      .getAllByTestId('outcomes-need')
      .find((need) => need.getAttribute('data-need-id') === 'n-adopted');
    expect(adopted?.getAttribute('data-adoption')).toBe('0.25');
    expect(
      within(adopted as HTMLElement)
        .getByRole('img')
        .getAttribute('aria-label'),
    ).toBe('History of Orders: 2026-10-01: 1, 2026-11-01: 2; target 8');
    // The team comes from a shared catalog: the flag names it. The need is local: a link to its form.
    const teamFlag = within(team).getAllByTestId('outcomes-flag')[0] as HTMLElement;
    expect(teamFlag.getAttribute('data-kind')).toBe('time-box-ended');
    expect(teamFlag.textContent).toContain('From the shared catalog “Acme shared”');
    const needFlag = within(team)
      .getAllByTestId('outcomes-flag')
      .find((flag) => flag.getAttribute('data-kind') === 'no-adoption');
    expect(
      within(needFlag as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('#needs/n-none');
    expect(
      screen
        .getAllByTestId('outcomes-count')
        .map((count) => [count.getAttribute('data-kind'), count.dataset.count]),
    ).toEqual([
      ['time-box-ended', '1'],
      ['no-owners', '70'],
      ['stale', '0'],
      ['no-adoption', '1'],
      ['work-done', '0'],
      ['leads-too-many-teams', '0'],
    ]);
  });

  it('asks the background for a page at a time and appends the next one', async () => {
    const { sent } = await show();
    // A page is OUTCOMES_PAGE_ITEMS items: the team, its 2 needs, the teamless header, then needs.
    const first = OUTCOMES_PAGE_ITEMS - 2;
    await waitFor(() => expect(needIds()).toHaveLength(first));
    const offsets = [0];
    while (screen.queryByTestId('outcomes-more')) {
      const shown = needIds().length;
      offsets.push(offsets.length * OUTCOMES_PAGE_ITEMS);
      fireEvent.click(screen.getByTestId('outcomes-more'));
      await waitFor(() => expect(needIds().length).toBeGreaterThan(shown));
    }
    expect(needIds()).toHaveLength(72);
    expect(screen.getAllByTestId('outcomes-teamless')).toHaveLength(1);
    const queries = sent.filter((request) => request.type === 'outcomes.query');
    expect(queries.map((request) => request.type === 'outcomes.query' && request.offset)).toEqual(offsets);
    expect(offsets.length).toBeGreaterThan(1);
  });

  it('filters by a flag from its count, and by status', async () => {
    await show();
    const count = () =>
      screen
        .getAllByTestId('outcomes-count')
        .find((button) => button.dataset.kind === 'no-adoption') as HTMLElement;
    fireEvent.click(count());
    await waitFor(() => expect(needIds()).toEqual(['n-none']));
    expect(count().getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(count());
    fireEvent.change(screen.getByTestId('outcomes-filter-status'), { target: { value: 'discovery' } });
    // The teamless header and the first of its 70 needs: the first page.
    await waitFor(() => expect(needIds()).toHaveLength(OUTCOMES_PAGE_ITEMS - 1));
    expect(screen.queryByTestId('outcomes-team')).toBeNull();
  });
});

describe('outcomes page helpers', () => {
  it('joins a team cut across pages back into one group', () => {
    const team: OutcomeTeam = {
      id: 't',
      name: 'T',
      approach: 'standard',
      businessLead: null,
      itLead: null,
      daysLeft: null,
      flags: [],
    };
    const need = (id: string): OutcomeNeed => ({
      id,
      title: id,
      status: 'discovery',
      teamId: 't',
      customers: [],
      flags: [],
    });
    const first: OutcomeGroup[] = [{ team, needs: [need('a')], continued: false }];
    const next: OutcomeGroup[] = [
      { team, needs: [need('b')], continued: true },
      { team: null, needs: [need('c')], continued: false },
    ];
    expect(appendGroups(first, next).map((group) => group.needs.map((n) => n.id))).toEqual([
      ['a', 'b'],
      ['c'],
    ]);
  });

  it('says a time box in words', () => {
    expect(timeBoxText(null)).toBeNull();
    expect(timeBoxText(1)).toBe('1 day left');
    expect(timeBoxText(0)).toBe('ends today');
    expect(timeBoxText(-3)).toBe('ended 3 days ago');
  });
});
