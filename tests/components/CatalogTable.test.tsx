import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '@/components/Api/api';
import { CatalogPage } from '@/entrypoints/options/pages/CatalogPage';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import type { CatalogInput } from '@/utils/catalog/schema';
import { parseCatalogShape } from '@/utils/catalog/validate';
import { catalogInput, validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

afterEach(cleanup);

function layer(overrides: Partial<CatalogInput>) {
  const parsed = parseCatalogShape(catalogInput(overrides));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.catalog;
}

const manyPeople = Array.from({ length: 120 }, (_, i) => ({
  id: `p-${String(i).padStart(3, '0')}`,
  name: `Person ${String(i).padStart(3, '0')}`,
}));

async function show(kind: 'people' | 'teams' | 'needs' | 'links', openId?: string) {
  const background = await fakeBackground({
    'source:acme': validCatalog({ name: 'Shared' }),
    [LOCAL_LAYER]: layer({
      people: [{ id: 'p-local', name: 'Ångel Local' }, ...manyPeople],
      teams: [{ id: 't-local', name: 'Local team', businessLead: 'p-local', itLead: 'p-raj' }],
      needs: [{ id: 'n-local', title: 'Local need', team: 't-local' }],
      links: [],
    }),
  });
  render(
    <ApiContext.Provider value={background.api}>
      <CatalogPage kind={kind} openId={openId} />
    </ApiContext.Provider>,
  );
  return background;
}

const rows = () => screen.queryAllByTestId('catalog-row');
const ids = () => rows().map((row) => row.getAttribute('data-id'));

describe('catalog tables in the options page', () => {
  it('shows one page at a time, and pages through the rest', async () => {
    const { sent } = await show('people');
    await waitFor(() => expect(screen.getByTestId('table-count').textContent).toBe('1–50 of 125'));
    expect(rows()).toHaveLength(50);
    fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(screen.getByTestId('table-count').textContent).toBe('51–100 of 125'));
    const queries = sent.filter((request) => request.type === 'catalog.query');
    expect(queries.every((request) => request.type === 'catalog.query' && request.limit === 50)).toBe(true);
  });

  it('searches as one types, folding accents and case, and sorts by a column', async () => {
    await show('people');
    await waitFor(() => expect(rows()).toHaveLength(50));
    fireEvent.input(screen.getByTestId('table-search'), { target: { value: 'ANGEL' } });
    await waitFor(() => expect(ids()).toEqual(['p-local']));
    fireEvent.input(screen.getByTestId('table-search'), { target: { value: '' } });
    await waitFor(() => expect(rows()).toHaveLength(50));
    const header = screen.getByTestId('sort-name').closest('th') as HTMLElement;
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByTestId('sort-name'));
    await waitFor(() => expect(header.getAttribute('aria-sort')).toBe('descending'));
    await waitFor(() => expect(ids()[0]).toBe('p-kenji'));
  });

  it('marks shared rows read-only with their source, and local rows editable', async () => {
    await show('people');
    fireEvent.input(screen.getByTestId('table-search'), { target: { value: 'maria' } });
    await waitFor(() => expect(ids()).toEqual(['p-maria']));
    const shared = rows()[0] as HTMLElement;
    expect(shared.getAttribute('data-layer')).toBe('source:acme');
    expect(within(shared).getByText('Shared: acme')).toBeTruthy();
    expect(within(shared).queryByTestId('entity-delete')).toBeNull();
    expect(within(shared).getByTestId('entity-open').textContent).toContain('View');
  });

  it('asks before deleting, lists what uses the entity, then deletes with force', async () => {
    const { sent } = await show('teams');
    await waitFor(() => expect(ids()).toContain('t-local'));
    const row = rows().find((r) => r.getAttribute('data-id') === 't-local') as HTMLElement;
    fireEvent.click(within(row).getByTestId('entity-delete'));
    const dialog = await screen.findByTestId('delete-dialog');
    await waitFor(() =>
      expect(within(dialog).getByTestId('used-by').textContent).toContain('need “Local need” (team)'),
    );
    expect(sent.some((request) => request.type === 'entity.delete')).toBe(false);
    fireEvent.click(within(dialog).getByTestId('confirm-delete'));
    await waitFor(() => expect(screen.queryByTestId('delete-dialog')).toBeNull());
    expect(sent.find((request) => request.type === 'entity.delete')).toEqual({
      type: 'entity.delete',
      kind: 'teams',
      id: 't-local',
      force: true,
    });
    await waitFor(() => expect(ids()).not.toContain('t-local'));
    expect(screen.getByTestId('catalog-notice').textContent).toContain('Deleted team');
  });

  it('adds an entity through the form and shows it in the table', async () => {
    await show('needs');
    await waitFor(() => expect(ids()).toContain('n-local'));
    fireEvent.click(screen.getByTestId('entity-add'));
    fireEvent.input(screen.getByLabelText('Title *'), { target: { value: 'Brand new need' } });
    fireEvent.click(screen.getByTestId('entity-save'));
    await waitFor(() => expect(ids()).toContain('n-brand-new-need'));
  });

  it('opens an entity named by the address (a link from the popup), and pins teams', async () => {
    await show('teams', 't-checkout');
    const form = await screen.findByTestId('entity-form');
    expect(within(form).getByTestId('entity-id').textContent).toBe('t-checkout');
    fireEvent.click(within(form).getByTestId('entity-cancel'));
    await waitFor(() => expect(ids()).toContain('t-checkout'));
    const row = rows().find((r) => r.getAttribute('data-id') === 't-checkout') as HTMLElement;
    fireEvent.click(within(row).getByTestId('pin-team'));
    await waitFor(() =>
      expect(within(row).getByTestId('pin-team').getAttribute('aria-pressed')).toBe('true'),
    );
  });
});
