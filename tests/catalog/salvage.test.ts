import { describe, expect, it } from 'vitest';
import { LOCAL_LAYER, openTandemDb } from '@/utils/catalog/db';
import { replaceLayer } from '@/utils/catalog/repo';
import { salvageLayer } from '@/utils/catalog/salvage';
import { validCatalog } from './build';
import { putRawEntry } from './storage';

let n = 0;

describe('salvaging a damaged layer', () => {
  it('keeps every entity that reads, drops what does not, and writes nothing', async () => {
    const db = await openTandemDb({ name: `salvage-${++n}` });
    const catalog = validCatalog();
    await replaceLayer(db, LOCAL_LAYER, catalog);
    await putRawEntry(db, LOCAL_LAYER, 'needs', [50, { id: 'n-broken', title: ['not text'] }]);
    // A bucket record that is not one at all, and layer fields that no longer read.
    await db.put('buckets', { layer: LOCAL_LAYER, kind: 'teams', n: 999, junk: true } as never);
    const meta = await db.get('layers', LOCAL_LAYER);
    await db.put('layers', { ...meta, sites: 'not sites' } as never);
    const before = { buckets: await db.getAll('buckets'), layers: await db.getAll('layers') };

    const salvaged = await salvageLayer(db, LOCAL_LAYER);
    expect(salvaged.kept).toEqual({
      people: catalog.people.length,
      teams: catalog.teams.length,
      needs: catalog.needs.length,
      links: catalog.links.length,
    });
    expect(salvaged.droppedEntities).toBe(1);
    expect(salvaged.droppedRecords).toBe(1);
    expect(salvaged.document.needs).toEqual(catalog.needs);
    expect(salvaged.document.sites, 'unreadable document fields are left out').toBeUndefined();
    expect({ buckets: await db.getAll('buckets'), layers: await db.getAll('layers') }).toEqual(before);
    db.close();
  });

  it('reads buckets still in the first version-5 layout', async () => {
    const db = await openTandemDb({ name: `salvage-${++n}` });
    const catalog = validCatalog();
    await replaceLayer(db, LOCAL_LAYER, catalog);
    for (const { ordinals, values, ...rest } of await db.getAll('buckets'))
      await db.put('buckets', { ...rest, entries: ordinals.map((o, i) => [o, values[i]]) } as never);
    const salvaged = await salvageLayer(db, LOCAL_LAYER);
    expect(salvaged.document.people).toEqual(catalog.people);
    expect(salvaged.droppedRecords).toBe(0);
    db.close();
  });
});
