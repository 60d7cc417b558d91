/**
 * What a user types into an entity form stays there, whatever answers arrive after the form opened:
 * the first render of a view (its own start-up effects still pending), a deep link's late answer, a
 * `catalog.changed` broadcast, a new `row` handed to the open form. Events here are the DOM's own
 * (not testing-library's act-wrapped ones), so Preact's effects run when a browser would run them.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '@/components/Api/api';
import { EntityForm } from '@/components/EntityForm/EntityForm';
import { App } from '@/entrypoints/options/App';
import { CatalogPage } from '@/entrypoints/options/pages/CatalogPage';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import type { TableRowView } from '@/utils/messages';
import { validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

afterEach(() => {
  cleanup();
  location.hash = '';
});

const background = () =>
  fakeBackground({
    [LOCAL_LAYER]: validCatalog({ people: [{ id: 'p-local', name: 'Local Person' }], teams: [] }),
  });

/** Types as a browser does: the value, then an `input` event, with no act() around it. */
function typeInto(label: RegExp, value: string): void {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const nameField = () => screen.getByLabelText(/^Name/) as HTMLInputElement;
const settle = () => new Promise((resolve) => setTimeout(resolve, 120));

describe('an entity form keeps what was typed', () => {
  it('when "Add" is pressed the instant a view appears, before its start-up effects ran', async () => {
    const { api } = await background();
    render(<App api={api} />);
    location.hash = '#people';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(screen.getByTestId('entity-add')).toBeTruthy(), { interval: 1 });
    screen.getByTestId('entity-add').click();
    await waitFor(() => expect(screen.getByTestId('entity-form')).toBeTruthy(), { interval: 1 });
    typeInto(/^Name/, 'Zoë Quick');
    await settle();
    expect(screen.getByTestId('entity-form')).toBeTruthy();
    expect(nameField().value).toBe('Zoë Quick');
    expect((screen.getByLabelText(/^Id/) as HTMLInputElement).value).toBe('p-zoe-quick');
  });

  it('when a deep link answers after the user already opened a new form', async () => {
    const bg = await background();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = {
      ...bg.api,
      async send(request: Parameters<typeof bg.api.send>[0]) {
        if (request.type === 'catalog.query' && request.id) await gate;
        return bg.api.send(request);
      },
    } as typeof bg.api;
    render(
      <ApiContext.Provider value={slow}>
        <CatalogPage kind="people" openId="p-local" />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(screen.getByTestId('entity-add')).toBeTruthy());
    screen.getByTestId('entity-add').click();
    await waitFor(() => expect(screen.getByTestId('entity-form')).toBeTruthy());
    typeInto(/^Name/, 'Typed First');
    release();
    await settle();
    expect(nameField().value).toBe('Typed First');
    expect(screen.getByRole('heading', { name: 'New person' })).toBeTruthy();
  });

  it('when a catalog.changed broadcast arrives after typing', async () => {
    const bg = await background();
    render(
      <ApiContext.Provider value={bg.api}>
        <CatalogPage kind="people" />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(screen.getByTestId('entity-add')).toBeTruthy());
    screen.getByTestId('entity-add').click();
    await waitFor(() => expect(screen.getByTestId('entity-form')).toBeTruthy());
    typeInto(/^Name/, 'Still Here');
    await bg.api.send({
      type: 'entity.save',
      kind: 'people',
      value: { id: 'p-other', name: 'Someone Else' },
    });
    await settle();
    expect(nameField().value).toBe('Still Here');
  });

  it('when the open form is handed a new row for the same entity', async () => {
    const { api } = await background();
    const answer = await api.send({
      type: 'catalog.query',
      kind: 'people',
      text: '',
      offset: 0,
      limit: 1,
      id: 'p-local',
    });
    if (!answer.ok) throw new Error('no row');
    const row = answer.rows[0] as TableRowView;
    const form = (value: TableRowView) => (
      <ApiContext.Provider value={api}>
        <EntityForm kind="people" row={value} onSaved={() => undefined} onCancel={() => undefined} />
      </ApiContext.Provider>
    );
    const { rerender } = render(form(row));
    typeInto(/^Name/, 'Renamed By Hand');
    rerender(form({ ...row, value: { ...row.value, name: 'Renamed Elsewhere' } }));
    await settle();
    expect(nameField().value).toBe('Renamed By Hand');
  });
});
