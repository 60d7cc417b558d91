import { describe, expect, it } from 'vitest';
import { DB_VERSION, LOCAL_LAYER, openTandemDb } from '@/utils/catalog/db';
import { readLayers } from '@/utils/catalog/repo';
import { readSourceState, readSourceStates, writeSourceState } from '@/utils/sync/status-store';
import { validCatalog } from '../catalog/build';
import { putLegacyLayer } from '../catalog/storage';

let n = 0;

describe('shared-source state in IndexedDB', () => {
  it('upgrades a populated version-3 database to the current version without touching its layers', async () => {
    const name = `v3-${++n}`;
    const v3 = await openTandemDb({ name, version: 3 });
    await putLegacyLayer(v3, LOCAL_LAYER, validCatalog({ name: 'Kept' }), { revision: 1 });
    await putLegacyLayer(v3, 'source:acme', validCatalog({ name: 'Shared' }), { revision: 2 });
    v3.close();
    const db = await openTandemDb({ name });
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('sources');
    expect(await db.count('sources')).toBe(0);
    const read = await readLayers(db);
    expect(read.ok && read.layers.map((layer) => layer.catalog.name).sort()).toEqual(['Kept', 'Shared']);
    db.close();
  });

  it('round-trips a state and ignores a record this build cannot read', async () => {
    const db = await openTandemDb({ name: `state-${++n}` });
    const state = {
      id: 'acme',
      url: 'https://catalog.acme.example/tandem.json',
      kind: 'catalog' as const,
      etag: '"v1"',
      result: { ok: false as const, at: '2026-11-27T10:00:00.000Z', reason: 'HTTP 404' },
    };
    await writeSourceState(db, state);
    await db.put('sources', { id: 'broken', state: { id: 'broken', kind: 'ftp' } });
    expect(await readSourceState(db, 'acme')).toEqual(state);
    expect(await readSourceState(db, 'broken')).toBeNull();
    expect([...(await readSourceStates(db)).keys()]).toEqual(['acme']);
    db.close();
  });
});
