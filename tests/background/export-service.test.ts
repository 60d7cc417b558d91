import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import { parseCatalogText } from '@/utils/catalog/validate';
import { validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

describe('exports', () => {
  it('exports the merged catalog, or only the local layer as a catalog of its own', async () => {
    const { handlers } = await fakeBackground({
      'source:acme': validCatalog({ name: 'Shared', extraField: 'kept' } as never),
      [LOCAL_LAYER]: validCatalog({ name: 'Local', people: [{ id: 'p-local', name: '=cmd' }], teams: [] }),
    });
    const merged = await handlers['catalog.export']?.({
      type: 'catalog.export',
      scope: 'merged',
      format: 'json',
    });
    expect(merged).toMatchObject({
      ok: true,
      fileName: 'tandem-catalog-2026-11-20.json',
      mime: 'application/json',
    });
    const mergedCatalog = merged?.ok ? parseCatalogText(merged.text) : null;
    expect(mergedCatalog?.ok && mergedCatalog.catalog.people.map((p) => p.id)).toEqual([
      'p-maria',
      'p-raj',
      'p-zoe',
      'p-kenji',
      'p-local',
    ]);
    const local = await handlers['catalog.export']?.({
      type: 'catalog.export',
      scope: 'local',
      format: 'json',
    });
    expect(local).toMatchObject({ ok: true, fileName: 'tandem-local-edits-2026-11-20.json' });
    const localCatalog = local?.ok ? parseCatalogText(local.text, { crossReferences: false }) : null;
    expect(localCatalog?.ok && localCatalog.catalog).toMatchObject({
      name: 'Local',
      generatedAt: '2026-11-20T10:00:00.000Z',
      people: [{ id: 'p-local', name: '=cmd' }],
    });
  });

  it('exports CSV with formula cells neutralised', async () => {
    const { handlers } = await fakeBackground({
      [LOCAL_LAYER]: validCatalog({ people: [{ id: 'p-local', name: '=cmd' }], teams: [] }),
    });
    const csv = await handlers['catalog.export']?.({
      type: 'catalog.export',
      scope: 'local',
      format: 'csv',
      kind: 'people',
    });
    expect(csv).toMatchObject({
      ok: true,
      fileName: 'tandem-local-edits-people-2026-11-20.csv',
      mime: 'text/csv',
    });
    const rows = csv?.ok ? Papa.parse<string[]>(csv.text).data : [];
    expect(rows[1]?.slice(0, 2)).toEqual(['p-local', "'=cmd"]);
    expect(
      await handlers['catalog.export']?.({ type: 'catalog.export', scope: 'local', format: 'csv' }),
    ).toMatchObject({ ok: false });
  });
});
