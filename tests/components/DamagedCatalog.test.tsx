/**
 * A damaged database (not an old layout) on the options page: it says so in words, saves what can
 * still be read as a catalog file, changes no stored record, and an import the user chooses
 * replaces the damaged records.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiContext } from '@/components/Api/api';
import { OverviewPage } from '@/entrypoints/options/pages/OverviewPage';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import { parseCatalogText } from '@/utils/catalog/validate';
import { validCatalog } from '../catalog/build';
import { putRawEntry } from '../catalog/storage';
import { fakeBackground } from '../fake-background';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function damagedBackground() {
  const background = await fakeBackground({ [LOCAL_LAYER]: validCatalog() });
  const db = await background.openDb();
  // A person whose name is a number: no build of Tandem writes that, so the layer is damaged.
  await putRawEntry(db, LOCAL_LAYER, 'people', [99, { id: 'p-broken', name: 42 }]);
  db.close();
  const stored = async () => {
    const opened = await background.openDb();
    try {
      return {
        buckets: await opened.getAll('buckets'),
        layers: await opened.getAll('layers'),
        layouts: await opened.getAll('layouts'),
        lookups: await opened.getAll('lookups'),
        state: await opened.getAll('state'),
      };
    } finally {
      opened.close();
    }
  };
  return { ...background, stored };
}

/** Captures what a download would save. */
function captureDownloads(): Blob[] {
  const saved: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    saved.push(blob as Blob);
    return 'blob:test';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  return saved;
}

describe('a damaged catalog on the options page', () => {
  it('says so in words, saves what can still be read, and changes nothing stored', async () => {
    const background = await damagedBackground();
    const before = await background.stored();
    const saved = captureDownloads();
    render(
      <ApiContext.Provider value={background.api}>
        <OverviewPage />
      </ApiContext.Provider>,
    );
    const notice = await screen.findByTestId('catalog-damaged');
    expect(notice.textContent).toContain('The catalog stored in this browser is damaged');
    expect(notice.textContent).toContain('Nothing stored has been changed');
    expect(notice.textContent).toContain('people[');

    fireEvent.click(screen.getByTestId('catalog-salvage'));
    const result = await screen.findByTestId('catalog-salvage-result');
    const expected = validCatalog();
    expect(result.textContent).toBe(
      `Saved tandem-local-readable-2026-11-20.json: ${expected.people.length} people, ${expected.teams.length} teams, ${expected.needs.length} needs, ${expected.links.length} links. 1 entry could not be read.`,
    );
    expect(saved).toHaveLength(1);
    const file = parseCatalogText(await (saved[0] as Blob).text());
    if (!file.ok) throw new Error(JSON.stringify(file.errors));
    expect(file.catalog).toEqual(expected);
    expect(await background.stored(), 'no stored record changed').toEqual(before);
  });

  it('refuses edits while damaged, and an import the user chooses replaces the damaged records', async () => {
    const background = await damagedBackground();
    const before = await background.stored();
    // The router answers a thrown error as { ok: false, error }; this fake passes the throw on.
    const refused = (answer: Promise<{ ok: boolean }>) =>
      answer.then(
        (value) => value.ok,
        () => false,
      );
    expect(
      await refused(
        background.api.send({ type: 'entity.save', kind: 'people', value: { id: 'p-new', name: 'New' } }),
      ),
    ).toBe(false);
    expect(
      await refused(
        background.api.send({
          type: 'catalog.importRows',
          kind: 'people',
          rows: [{ id: 'p-csv', name: 'CSV' }],
          mode: 'merge',
        }),
      ),
    ).toBe(false);
    expect(await background.stored(), 'a refused edit changes nothing').toEqual(before);

    render(
      <ApiContext.Provider value={background.api}>
        <OverviewPage />
      </ApiContext.Provider>,
    );
    await screen.findByTestId('catalog-damaged');
    // The import control sends through runtime messaging; the same request, to the same services.
    const imported = await background.api.send({
      type: 'catalog.import',
      text: JSON.stringify(validCatalog()),
    });
    expect(imported.ok).toBe(true);
    await waitFor(() => expect(screen.queryByTestId('catalog-damaged')).toBeNull());
    const counts = await screen.findByTestId('catalog-counts');
    expect(counts.textContent).toContain(`${validCatalog().people.length} people`);
  });
});
