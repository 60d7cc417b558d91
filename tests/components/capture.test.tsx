/**
 * Capture in the panel: link this record to a need from a searchable list, or create a need from
 * it with owners from the catalog, then undo. Keyboard only, as a user without a mouse would.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UNDO_MS } from '@/components/Panel/Panel';
import type { NeedHit, PersonHit } from '@/utils/content-messages';
import { fakeActions, need, ready, show } from './panel-fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const EMPTY = { state: 'empty' as const, context: { needs: [], team: null } };
const HITS: NeedHit[] = [
  {
    id: 'n-reorder',
    title: 'One-click reorder',
    status: 'in-delivery',
    customers: ['Globex'],
    team: 'Checkout',
  },
  { id: 'n-invoices', title: 'Consolidated invoices', status: 'committed', customers: [] },
];
const PEOPLE: PersonHit[] = [
  { id: 'p-maria', name: 'María González', title: 'Head of B2B', side: 'business' },
  { id: 'p-raj', name: 'Raj Patel', side: 'it' },
];

const key = (element: Element, k: string) => fireEvent.keyDown(element, { key: k });
const options = () => screen.queryAllByRole('option');

async function typeInto(input: HTMLElement, text: string) {
  fireEvent.input(input, { target: { value: text } });
  await waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('true'));
}

describe('link this record to a need', () => {
  it('searches as one types, moves with the arrow keys, links on Enter and offers undo', async () => {
    const searchNeeds = vi.fn(async (query: string) =>
      HITS.filter((hit) => hit.title.toLowerCase().includes(query.toLowerCase())),
    );
    const save = vi.fn(async () => ({ ok: true as const, revision: 3, id: 'l-local-1' }));
    const remove = vi.fn(async () => undefined);
    show(EMPTY, { actions: fakeActions({ searchNeeds, save, remove }) });
    fireEvent.click(screen.getByTestId('tandem-link-action'));
    await screen.findByTestId('tandem-link-picker');

    const input = screen.getByRole('combobox', { name: 'Find a need' });
    await waitFor(() => expect(document.activeElement).toBe(input));
    await waitFor(() => expect(options()).toHaveLength(2));
    expect(searchNeeds).toHaveBeenLastCalledWith('');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0]?.id);

    key(input, 'ArrowDown');
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    key(input, 'ArrowDown'); // wraps around
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');

    await typeInto(input, 'invoic');
    await waitFor(() => expect(options()).toHaveLength(1));
    expect(screen.getByText('1 need found')).toBeTruthy();
    key(input, 'Enter');

    await waitFor(() => expect(save).toHaveBeenCalledOnce());
    expect(save).toHaveBeenCalledWith('links', { need: 'n-invoices', jira: { issue: 'SHOP-142' } });
    const notice = await screen.findByTestId('tandem-notice');
    await waitFor(() => expect(notice.textContent).toContain('Linked SHOP-142 to “Consolidated invoices”.'));
    expect(screen.queryByTestId('tandem-link-picker')).toBeNull();
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undo);
    fireEvent.click(undo);
    await waitFor(() => expect(notice.textContent).toContain('Undone.'));
    expect(remove).toHaveBeenCalledWith('links', 'l-local-1');
  });

  it('links a CRM record by system, object and id, leaves out needs linked already, and says no match', async () => {
    const save = vi.fn(async () => ({ ok: true as const, revision: 3, id: 'l-1' }));
    show(ready({ needs: [need({ id: 'n-reorder', level: 'record-id' })] }), {
      host: 'salesforce',
      recordLabel: 'Account/001Dn00000AbCdEIAV',
      record: { kind: 'crm', host: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' },
      actions: fakeActions({ searchNeeds: vi.fn(async () => HITS), save }),
    });
    fireEvent.click(screen.getByTestId('tandem-link-button'));
    await screen.findByTestId('tandem-link-picker');
    await waitFor(() => expect(options()).toHaveLength(1));
    expect(options()[0]?.textContent).toContain('Consolidated invoices');
    fireEvent.click(options()[0] as HTMLElement);
    await waitFor(() =>
      expect(save).toHaveBeenCalledWith('links', {
        need: 'n-invoices',
        crm: { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' },
      }),
    );
  });

  it('shows a refusal from the background and keeps the picker open', async () => {
    const save = vi.fn(async () => ({
      ok: false as const,
      errors: [{ path: 'links.need', rule: 'no need "x"' }],
    }));
    show(EMPTY, { actions: fakeActions({ searchNeeds: vi.fn(async () => HITS), save }) });
    fireEvent.click(screen.getByTestId('tandem-link-action'));
    await screen.findByTestId('tandem-link-picker');
    const input = screen.getByRole('combobox');
    await waitFor(() => expect(options()).toHaveLength(2));
    key(input, 'Enter');
    expect((await screen.findByRole('alert')).textContent).toBe('links.need: no need "x"');
    expect(screen.getByTestId('tandem-link-picker')).toBeTruthy();
  });

  it('closes on Escape and gives focus back to the button that opened it', async () => {
    show(EMPTY, { actions: fakeActions({ searchNeeds: vi.fn(async () => HITS) }) });
    const opener = screen.getByTestId('tandem-link-action');
    opener.focus();
    fireEvent.click(opener);
    await screen.findByTestId('tandem-link-picker');
    const input = screen.getByRole('combobox');
    await waitFor(() => expect(options()).toHaveLength(2));
    key(input, 'Escape'); // closes the list
    expect(input.getAttribute('aria-expanded')).toBe('false');
    key(input, 'Escape'); // closes the picker
    expect(screen.queryByTestId('tandem-link-picker')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('tandem-link-action'));
  });

  it('drops an answer that arrives after a newer one', async () => {
    let releaseOld: (hits: NeedHit[]) => void = () => undefined;
    const searchNeeds = vi.fn((query: string) =>
      query === 'o'
        ? new Promise<NeedHit[]>((done) => (releaseOld = done))
        : Promise.resolve([HITS[1] as NeedHit]),
    );
    show(EMPTY, { actions: fakeActions({ searchNeeds }) });
    fireEvent.click(screen.getByTestId('tandem-link-action'));
    await screen.findByTestId('tandem-link-picker');
    const input = screen.getByRole('combobox');
    fireEvent.input(input, { target: { value: 'o' } });
    await waitFor(() => expect(searchNeeds).toHaveBeenCalledWith('o'));
    fireEvent.input(input, { target: { value: 'co' } });
    await waitFor(() => expect(options()).toHaveLength(1));
    releaseOld(HITS);
    await act(() => Promise.resolve());
    expect(options()).toHaveLength(1);
    expect(options()[0]?.textContent).toContain('Consolidated invoices');
  });

  it('lets undo lapse after a few seconds, but not while Undo has focus', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    show(EMPTY, { actions: fakeActions({ searchNeeds: vi.fn(async () => HITS) }) });
    fireEvent.click(screen.getByTestId('tandem-link-action'));
    await screen.findByTestId('tandem-link-picker');
    await waitFor(() => expect(options()).toHaveLength(2));
    key(screen.getByRole('combobox'), 'Enter');
    const undo = await screen.findByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undo);
    fireEvent.focus(undo);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_MS * 2);
    });
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    fireEvent.blur(undo);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_MS + 10);
    });
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });
});

describe('new need from this record', () => {
  it('prefills the title, picks owners from the catalog, creates, links and undoes both', async () => {
    const save = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, revision: 3, id: 'n-local-1' })
      .mockResolvedValueOnce({ ok: true, revision: 4, id: 'l-local-2' });
    const remove = vi.fn(async () => undefined);
    const searchPeople = vi.fn(async (_query: string, prefer?: string) =>
      [...PEOPLE].sort((a) => (a.side === prefer ? -1 : 1)),
    );
    show(EMPTY, { actions: fakeActions({ save, remove, searchPeople }) });
    fireEvent.click(screen.getAllByTestId('tandem-new-need')[0] as HTMLElement);
    await screen.findByTestId('tandem-new-need-form');

    const title = screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement;
    expect(title.value).toBe('SHOP-142');
    await waitFor(() => expect(document.activeElement).toBe(title));
    fireEvent.input(title, { target: { value: 'Reorder from the mobile app' } });
    expect(screen.getByText(/This page \(Jira Cloud SHOP-142\) is added as evidence/)).toBeTruthy();

    const business = screen.getByRole('combobox', { name: 'Business owner' });
    business.focus();
    fireEvent.focus(business);
    await waitFor(() => expect(options()[0]?.textContent).toContain('María González'));
    expect(searchPeople).toHaveBeenLastCalledWith('', 'business');
    key(business, 'Enter');
    expect((business as HTMLInputElement).value).toBe('María González');

    const it_ = screen.getByRole('combobox', { name: 'IT owner' });
    fireEvent.focus(it_);
    await typeInto(it_, 'raj');
    await waitFor(() => expect(options()[0]?.textContent).toContain('Raj Patel'));
    key(it_, 'Enter');

    fireEvent.submit(screen.getByTestId('tandem-new-need-form'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    const [kind, value] = save.mock.calls[0] as [string, Record<string, unknown>];
    expect(kind).toBe('needs');
    expect(value).toMatchObject({
      title: 'Reorder from the mobile app',
      status: 'discovery',
      businessOwner: 'p-maria',
      itOwner: 'p-raj',
      evidence: [{ label: 'Jira Cloud SHOP-142', url: 'https://acme.atlassian.net/browse/SHOP-142' }],
    });
    expect(value.id).toMatch(/^n-local-/);
    expect(save.mock.calls[1]).toEqual(['links', { need: 'n-local-1', jira: { issue: 'SHOP-142' } }]);
    const notice = screen.getByTestId('tandem-notice');
    await waitFor(() =>
      expect(notice.textContent).toContain(
        'Created “Reorder from the mobile app” and linked it to SHOP-142.',
      ),
    );
    fireEvent.click(within(notice).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(notice.textContent).toContain('Undone.'));
    expect(remove.mock.calls).toEqual([
      ['links', 'l-local-2'],
      ['needs', 'n-local-1'],
    ]);
  });

  it('uses the customer name a CRM page gave, and adds no evidence from a page that is not https', async () => {
    const save = vi.fn(async () => ({ ok: true as const, revision: 3, id: 'n-1' }));
    show(EMPTY, {
      host: 'hubspot',
      recordLabel: 'company/18273645012',
      record: {
        kind: 'crm',
        host: 'hubspot',
        object: 'company',
        id: '18273645012',
        names: ['Globex Corporation'],
      },
      pageUrl: 'http://app.hubspot.com/contacts/1/company/18273645012',
      actions: fakeActions({ save }),
    });
    fireEvent.click(screen.getAllByTestId('tandem-new-need')[0] as HTMLElement);
    await screen.findByTestId('tandem-new-need-form');
    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe(
      'Globex Corporation',
    );
    expect(screen.getByText(/not an https address/)).toBeTruthy();
    fireEvent.submit(screen.getByTestId('tandem-new-need-form'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    const value = (save.mock.calls[0] as unknown as [string, Record<string, unknown>])[1];
    expect(value).not.toHaveProperty('evidence');
    expect(value.customers).toEqual([{ name: 'Globex Corporation' }]);
  });

  it('asks for a title, and shows the background’s refusals next to their fields', async () => {
    const save = vi.fn(async () => ({
      ok: false as const,
      errors: [
        { path: 'needs.itOwner', rule: 'no person "p-gone"' },
        { path: 'needs.statement', rule: 'too long' },
      ],
    }));
    show(EMPTY, { actions: fakeActions({ save }) });
    fireEvent.click(screen.getAllByTestId('tandem-new-need')[0] as HTMLElement);
    await screen.findByTestId('tandem-new-need-form');
    const title = screen.getByRole('textbox', { name: 'Title' });
    fireEvent.input(title, { target: { value: '  ' } });
    fireEvent.submit(screen.getByTestId('tandem-new-need-form'));
    expect(await screen.findByText('Give the need a title')).toBeTruthy();
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(save).not.toHaveBeenCalled();

    fireEvent.input(title, { target: { value: 'Something' } });
    fireEvent.submit(screen.getByTestId('tandem-new-need-form'));
    const itError = await screen.findByText('no person "p-gone"');
    expect(screen.getByRole('combobox', { name: 'IT owner' }).getAttribute('aria-describedby')).toBe(
      itError.id,
    );
    expect(screen.getByRole('alert').textContent).toBe('needs.statement: too long');
  });

  it('says in words when the background cannot be reached', async () => {
    const save = vi.fn(async () => Promise.reject(new Error('Extension context invalidated.')));
    show(EMPTY, { actions: fakeActions({ save }) });
    fireEvent.click(screen.getAllByTestId('tandem-new-need')[0] as HTMLElement);
    await screen.findByTestId('tandem-new-need-form');
    fireEvent.submit(screen.getByTestId('tandem-new-need-form'));
    expect((await screen.findByRole('alert')).textContent).toBe('Extension context invalidated.');
  });

  it('takes back the need when its link is refused', async () => {
    const save = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, revision: 3, id: 'n-local-1' })
      .mockResolvedValueOnce({ ok: false, errors: [{ path: 'links', rule: 'read-only' }] });
    const remove = vi.fn(async () => undefined);
    show(EMPTY, { actions: fakeActions({ save, remove }) });
    fireEvent.click(screen.getAllByTestId('tandem-new-need')[0] as HTMLElement);
    await screen.findByTestId('tandem-new-need-form');
    fireEvent.submit(screen.getByTestId('tandem-new-need-form'));
    await waitFor(() => expect(remove).toHaveBeenCalledWith('needs', 'n-local-1'));
    expect((await screen.findByRole('alert')).textContent).toBe('links: read-only');
  });
});
