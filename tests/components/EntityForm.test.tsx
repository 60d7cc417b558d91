import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiContext } from '@/components/Api/api';
import { EntityForm } from '@/components/EntityForm/EntityForm';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import type { TableRowView } from '@/utils/messages';
import { validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

afterEach(cleanup);

async function show(kind: 'people' | 'teams' | 'needs' | 'links', row: TableRowView | null = null) {
  const background = await fakeBackground({
    'source:acme': validCatalog({ name: 'Shared' }),
    [LOCAL_LAYER]: validCatalog({ people: [{ id: 'p-local', name: 'Local Person' }], teams: [] }),
  });
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  render(
    <ApiContext.Provider value={background.api}>
      <EntityForm kind={kind} row={row} onSaved={onSaved} onCancel={onCancel} />
    </ApiContext.Provider>,
  );
  return { ...background, onSaved, onCancel };
}

const type = (label: string | RegExp, value: string) => {
  const input = screen.getByLabelText(label);
  fireEvent.input(input, { target: { value } });
  fireEvent.blur(input);
  return input;
};

/** The error shown beside a field: tied to it by aria-describedby. */
function errorBeside(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim();
}

describe('entity forms', () => {
  it('proposes an id from the name and saves a new person through entity.save', async () => {
    const { onSaved, sent } = await show('people');
    type('Name *', 'Zoë Nouvelle');
    expect((screen.getByLabelText('Id *') as HTMLInputElement).value).toBe('p-zoe-nouvelle');
    type('E-mail', 'zoe@acme.example');
    fireEvent.click(screen.getByTestId('entity-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('p-zoe-nouvelle'));
    expect(sent.find((request) => request.type === 'entity.save')).toEqual({
      type: 'entity.save',
      kind: 'people',
      value: { id: 'p-zoe-nouvelle', name: 'Zoë Nouvelle', email: 'zoe@acme.example' },
    });
  });

  it('shows the schema error beside each field as soon as the field is left, and does not send', async () => {
    const { onSaved, sent } = await show('people');
    const email = type('E-mail', 'not-an-address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(errorBeside(email)).toBe('must be an e-mail address');
    const chat = type('Chat profile or channel', 'http://chat.example/me');
    expect(errorBeside(chat)).toBe('must be an https:// URL');
    fireEvent.click(screen.getByTestId('entity-save'));
    // An empty field is a missing one, as in an import.
    expect(errorBeside(screen.getByLabelText('Name *'))).toBe('required');
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').textContent).toContain('Not saved');
    expect(sent.some((request) => request.type === 'entity.save')).toBe(false);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('says why the background could not save at all (a full disk)', async () => {
    const { handlers, onSaved } = await show('people');
    handlers['entity.save'] = async () => ({ ok: false, error: 'no space left on disk: free some space' });
    type('Name *', 'Zoë Nouvelle');
    fireEvent.click(screen.getByTestId('entity-save'));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Not saved: no space left on disk: free some space'),
    );
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("puts the background's answer beside the field it is about (references)", async () => {
    const { onSaved } = await show('needs');
    type('Title *', 'A need');
    type('IT owner', 'p-ghost');
    fireEvent.click(screen.getByTestId('entity-save'));
    await waitFor(() =>
      expect(errorBeside(screen.getByLabelText('IT owner'))).toContain('no person "p-ghost"'),
    );
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('validates list rows and nested fields where they are shown', async () => {
    await show('needs');
    type('Title *', 'With customers');
    fireEvent.click(screen.getByText('Add customer'));
    type('Target', 'forty');
    fireEvent.click(screen.getByTestId('entity-save'));
    const rows = screen.getByRole('group', { name: 'Customers' });
    expect(errorBeside(within(rows).getByLabelText('Customer'))).toBe('required');
    expect(errorBeside(screen.getByLabelText('Target'))).toBe('must be a number');
    expect(errorBeside(screen.getByLabelText('Metric'))).toBe('required');
  });

  it('builds a CRM link from its choices and sends it without an id', async () => {
    const { onSaved, sent } = await show('links');
    type('Need *', 'n-any');
    fireEvent.click(screen.getByLabelText('A CRM record or customer'));
    fireEvent.click(screen.getByLabelText('A customer name'));
    type('Customer name *', 'Globex');
    fireEvent.click(screen.getByTestId('entity-save'));
    await waitFor(() =>
      expect(sent.find((request) => request.type === 'entity.save')).toEqual({
        type: 'entity.save',
        kind: 'links',
        value: { need: 'n-any', crm: { system: 'salesforce', name: 'Globex' } },
      }),
    );
    // The need does not exist: the background says so beside the need field.
    await waitFor(() => expect(errorBeside(screen.getByLabelText('Need *'))).toContain('no need "n-any"'));
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('opens a shared entity read-only and says which shared catalog it came from', async () => {
    await show('people', {
      id: 'p-maria',
      layer: 'source:acme',
      editable: false,
      value: { id: 'p-maria', name: 'Maria Lopez' },
      cells: { name: 'Maria Lopez' },
    });
    expect(screen.getByTestId('read-only-notice').textContent).toContain('Shared: acme');
    expect((screen.getByLabelText('Name *') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId('entity-save')).toBeNull();
    expect(screen.getByTestId('entity-cancel').textContent).toBe('Close');
  });

  it('edits a local entity in place, keeping fields the form does not know', async () => {
    const { onSaved, sent } = await show('people', {
      id: 'p-local',
      layer: 'local',
      editable: true,
      value: { id: 'p-local', name: 'Local Person', futureField: 'kept' },
      cells: {},
    });
    type('Name *', 'Renamed');
    fireEvent.click(screen.getByTestId('entity-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('p-local'));
    expect(sent.find((request) => request.type === 'entity.save')).toEqual({
      type: 'entity.save',
      kind: 'people',
      value: { id: 'p-local', name: 'Renamed', futureField: 'kept' },
      replaces: 'p-local',
    });
  });
});

describe('link form', () => {
  it('names a missing need and a missing key beside their fields', async () => {
    await show('links');
    fireEvent.click(screen.getByLabelText('A project'));
    fireEvent.click(screen.getByTestId('entity-save'));
    expect(errorBeside(screen.getByLabelText('Need *'))).toBe('required');
    expect(errorBeside(screen.getByLabelText('Project key *'))).toBe('required');
    expect(screen.queryByText('needs exactly one of need or team')).toBeNull();
  });
});
