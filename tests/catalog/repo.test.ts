import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, LOCAL_LAYER, openTandemDb, type TandemDb, UPGRADE_STEPS } from '@/utils/catalog/db';
import { deleteEntity, deleteLayer, putEntity, readLayers, replaceLayer } from '@/utils/catalog/repo';
import { validCatalog } from './build';

let name = 0;
const opened: TandemDb[] = [];
async function freshDb(version?: number, dbName = `test-${++name}`) {
  const db = await openTandemDb({ name: dbName, ...(version ? { version } : {}) });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const catalog = () =>
  validCatalog({
    future: { kept: true },
    needs: [
      { id: 'n-b', title: 'B', team: 't-checkout' },
      { id: 'n-a', title: 'A' },
    ],
    links: [
      { need: 'n-a', jira: { issue: 'SHOP-1' } },
      { id: 'l-2', team: 't-billing', jira: { project: 'OPS' } },
    ],
  });

async function onlyLayer(db: TandemDb) {
  const read = await readLayers(db);
  if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.errors)}`);
  return { revision: read.revision, layer: read.layers[0] };
}

describe('catalog store', () => {
  it('reads no layers before the first import', async () => {
    expect(await readLayers(await freshDb())).toEqual({ ok: true, revision: 0, layers: [] });
  });

  it('round-trips a layer in document order, keeping unknown top-level fields', async () => {
    const db = await freshDb();
    const revision = await replaceLayer(db, LOCAL_LAYER, catalog(), new Date('2026-11-01T10:00:00Z'));
    expect(revision).toBe(1);
    const { layer } = await onlyLayer(db);
    expect(layer?.meta).toMatchObject({
      layer: 'local',
      updatedAt: '2026-11-01T10:00:00.000Z',
      name: 'Test catalog',
    });
    expect(layer?.catalog).toEqual(catalog());
    expect(layer?.catalog.future).toEqual({ kept: true });
  });

  it('replaces a layer wholly on the next import and counts revisions', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog());
    expect(await replaceLayer(db, LOCAL_LAYER, validCatalog({ name: 'Second' }))).toBe(2);
    const { layer } = await onlyLayer(db);
    expect(layer?.catalog.needs).toEqual([]);
    expect(layer?.catalog.name).toBe('Second');
  });

  it('keeps layers apart: replacing one leaves the other as it was', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog());
    await replaceLayer(
      db,
      'source:acme',
      validCatalog({ name: 'Shared', people: [{ id: 'p-x', name: 'X' }], teams: [] }),
    );
    await replaceLayer(db, 'source:acme', validCatalog({ name: 'Shared 2', people: [], teams: [] }));
    const read = await readLayers(db);
    if (!read.ok) throw new Error('unreadable');
    const local = read.layers.find((layer) => layer.meta.layer === LOCAL_LAYER);
    expect(local?.catalog).toEqual(catalog());
    expect(read.layers.find((layer) => layer.meta.layer === 'source:acme')?.catalog.people).toEqual([]);
  });

  it('is all or nothing: a write that fails midway leaves the previous layer intact', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog());
    const broken = validCatalog({ name: 'Broken' });
    // A value IndexedDB cannot clone makes one put fail after the deletes were already queued.
    broken.people.push({
      id: 'p-bad',
      name: 'Bad',
      fn: () => 1,
    } as unknown as (typeof broken.people)[number]);
    await expect(replaceLayer(db, LOCAL_LAYER, broken)).rejects.toThrow();
    const { revision, layer } = await onlyLayer(db);
    expect(layer?.catalog.name).toBe('Test catalog');
    expect(layer?.catalog.needs.map((n) => n.id)).toEqual(['n-b', 'n-a']);
    expect(revision).toBe(1);
  });

  it('adds, replaces and deletes single entities, each a new revision', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog());
    await putEntity(db, LOCAL_LAYER, 'needs', 'n-c', { id: 'n-c', title: 'C', status: 'discovery' });
    await putEntity(db, LOCAL_LAYER, 'needs', 'n-b', { id: 'n-b', title: 'B2', status: 'committed' });
    const revision = await deleteEntity(db, LOCAL_LAYER, 'needs', 'n-a');
    const { layer } = await onlyLayer(db);
    expect(layer?.catalog.needs.map((n) => [n.id, n.title])).toEqual([
      ['n-b', 'B2'],
      ['n-c', 'C'],
    ]);
    expect(revision).toBe(4);
  });

  it('deletes a whole layer', async () => {
    const db = await freshDb();
    await replaceLayer(db, 'source:acme', catalog());
    await deleteLayer(db, 'source:acme');
    expect((await readLayers(db)).ok && (await onlyLayer(db)).layer).toBeUndefined();
  });

  it('validates what it reads: a damaged record is reported with its layer and path', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog());
    await db.put('entities', {
      kind: 'needs',
      layer: LOCAL_LAYER,
      id: 'n-x',
      ordinal: 9,
      value: { id: 'n-x' } as never,
    });
    const read = await readLayers(db);
    expect(read).toEqual({
      ok: false,
      layer: 'local',
      errors: [{ path: 'needs[2].title', rule: 'required' }],
    });
  });
});

describe('database upgrades', () => {
  it('names its steps in order, one per version', () => {
    expect(UPGRADE_STEPS.map((step) => step.version)).toEqual([1, 2, 3]);
    expect(UPGRADE_STEPS.at(-1)?.version).toBe(DB_VERSION);
  });

  /** A database as versions 1 and 2 wrote it: one catalog in one store per kind. */
  async function legacyDb(version: 1 | 2) {
    const dbName = `legacy-${version}-${++name}`;
    const old = await openTandemDb({ name: dbName, version });
    const value = catalog();
    await old.put('meta', {
      key: 'catalog',
      revision: 7,
      importedAt: '2026-10-01T08:00:00.000Z',
      name: value.name,
      sites: value.sites,
      extra: { future: { kept: true } },
    });
    for (const person of value.people) await old.put('people', person);
    for (const team of value.teams) await old.put('teams', team);
    for (const need of value.needs) await old.put('needs', need);
    for (const link of value.links) await old.add('links', link);
    old.close();
    return dbName;
  }

  it.each([1, 2] as const)(
    'upgrades a populated version-%i database without losing a record',
    async (version) => {
      const dbName = await legacyDb(version);
      const db = await freshDb(undefined, dbName);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(['entities', 'layers', 'settings', 'state']);
      const { revision, layer } = await onlyLayer(db);
      expect(revision).toBe(7);
      expect(layer?.meta).toMatchObject({ layer: 'local', updatedAt: '2026-10-01T08:00:00.000Z' });
      const sortById = <T extends { id: string }>(list: T[]) =>
        [...list].sort((a, b) => a.id.localeCompare(b.id));
      const expected = catalog();
      expect(sortById(layer?.catalog.people ?? [])).toEqual(sortById(expected.people));
      expect(sortById(layer?.catalog.needs ?? [])).toEqual(sortById(expected.needs));
      expect(layer?.catalog.links).toEqual(expected.links);
      expect(layer?.catalog.future).toEqual({ kept: true });
    },
  );

  it('upgrades an empty version-2 database to an empty catalog', async () => {
    const dbName = `empty-${++name}`;
    (await openTandemDb({ name: dbName, version: 2 })).close();
    expect(await readLayers(await freshDb(undefined, dbName))).toEqual({ ok: true, revision: 0, layers: [] });
  });

  it('tells the caller when an older connection blocks the upgrade', async () => {
    const dbName = `blocked-${++name}`;
    // An old page that ignores versionchange keeps the upgrade waiting.
    const old = await openDB(dbName, 1, {
      upgrade: (db) => db.createObjectStore('meta', { keyPath: 'key' }),
    });
    let blocked = false;
    const pending = openTandemDb({ name: dbName, onBlocked: () => (blocked = true) }).catch(() => undefined);
    await expect.poll(() => blocked).toBe(true);
    old.close();
    const db = await pending;
    db?.close();
  });
});
