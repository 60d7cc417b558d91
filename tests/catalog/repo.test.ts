import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { bucketCountFor, PER_BUCKET } from '@/utils/catalog/buckets';
import { coldResolve } from '@/utils/catalog/cold-resolve';
import { DB_VERSION, LOCAL_LAYER, openTandemDb, type TandemDb, UPGRADE_STEPS } from '@/utils/catalog/db';
import { LOOKUPS_VERSION } from '@/utils/catalog/lookups';
import {
  deleteEntity,
  deleteLayer,
  putEntity,
  readLayers,
  replaceLayer,
  rewriteLayers,
  staleLayers,
} from '@/utils/catalog/repo';
import type { Catalog } from '@/utils/catalog/schema';
import { parseLookup } from '@/utils/catalog/stored';
import { validCatalog } from './build';
import { putLegacyLayer, putRawEntry } from './storage';

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
    await putRawEntry(db, LOCAL_LAYER, 'needs', [9, { id: 'n-x' }]);
    const read = await readLayers(db);
    expect(read).toEqual({
      ok: false,
      layer: 'local',
      errors: [{ path: 'needs[2].title', rule: 'required' }],
    });
  });
});

/** A catalog large enough to spread over many buckets: `needs` needs, a link per need. */
function bigCatalog(needs: number): Catalog {
  return validCatalog({
    needs: Array.from({ length: needs }, (_, i) => ({
      id: `n-${i}`,
      title: `Need ${i}`,
      team: 't-checkout',
    })),
    links: Array.from({ length: needs }, (_, i) =>
      i % 10 === 0
        ? { need: `n-${i}`, jira: { epic: `SHOP-${i + 1}` } }
        : { id: `l-${i}`, need: `n-${i}`, jira: { issue: `SHOP-${i + 1}` } },
    ),
  });
}

/** Every record of the catalog's stores, as JSON per key, to see what a write changed. */
async function snapshotOf(db: TandemDb): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const store of ['buckets', 'lookups', 'layouts'] as const) {
    const keys = await db.getAllKeys(store);
    const values = await db.getAll(store);
    keys.forEach((key, i) => {
      out.set(`${store} ${JSON.stringify(key)}`, JSON.stringify(values[i]));
    });
  }
  return out;
}

function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).map((key) => key.split(' ')[0] ?? key);
}

describe('layout in storage', () => {
  it('stores a layer in a few hashed buckets per kind, with its snapshot and layout', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, bigCatalog(2_500));
    const layout = await db.get('layouts', LOCAL_LAYER);
    expect(layout).toEqual({
      layer: LOCAL_LAYER,
      buckets: { people: 1, teams: 1, needs: 256, links: 8 },
      next: 2_500,
      duplicates: false,
      lookups: { version: LOOKUPS_VERSION, buckets: bucketCountFor(2_500 * 1.5, PER_BUCKET.lookups) },
    });
    // 5,006 entities in at most 1 + 1 + 256 + 8 records; the snapshot in at most 64.
    expect(await db.count('buckets')).toBeLessThanOrEqual(266);
    expect(await db.count('lookups')).toBeLessThanOrEqual(64);
    const { layer } = await onlyLayer(db);
    expect(layer?.catalog).toEqual(bigCatalog(2_500));
  });

  it('rewrites only the bucket holding an edited entity (and, for a link, the snapshot buckets filing it)', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, bigCatalog(2_500));
    let before = await snapshotOf(db);
    await putEntity(db, LOCAL_LAYER, 'needs', 'n-7', { id: 'n-7', title: 'Renamed', status: 'committed' });
    let after = await snapshotOf(db);
    expect(changedKeys(before, after)).toEqual(['buckets']);

    before = after;
    await putEntity(db, LOCAL_LAYER, 'links', 'l-7', { id: 'l-7', need: 'n-8', jira: { issue: 'OPS-1' } });
    after = await snapshotOf(db);
    const changed = changedKeys(before, after);
    expect(changed.filter((store) => store === 'buckets')).toHaveLength(1);
    // Out of SHOP-8 and n-7, into OPS-1 and n-8: at most four snapshot buckets.
    expect(changed.filter((store) => store === 'lookups').length).toBeGreaterThan(0);
    expect(changed.filter((store) => store === 'lookups').length).toBeLessThanOrEqual(4);

    before = after;
    await deleteEntity(db, LOCAL_LAYER, 'people', 'p-zoe');
    expect(changedKeys(before, await snapshotOf(db))).toEqual(['buckets']);
    const { layer } = await onlyLayer(db);
    expect(layer?.catalog.links[7]).toEqual({ id: 'l-7', need: 'n-8', jira: { issue: 'OPS-1' } });
    expect(layer?.catalog.needs[7]?.title).toBe('Renamed');
    expect(layer?.catalog.people.map((person) => person.id)).not.toContain('p-zoe');
  });

  it('adds an entity to a layer that has none yet, creating the layer', async () => {
    const db = await freshDb();
    const revision = await putEntity(db, LOCAL_LAYER, 'people', 'p-new', { id: 'p-new', name: 'New' });
    expect(revision).toBe(1);
    const { layer } = await onlyLayer(db);
    expect(layer?.catalog.people).toEqual([{ id: 'p-new', name: 'New' }]);
    expect((await db.get('layouts', LOCAL_LAYER))?.lookups).toEqual({
      version: LOOKUPS_VERSION,
      buckets: 16,
    });
  });

  it("removes a deleted layer's buckets, snapshot and layout", async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog());
    await replaceLayer(db, 'source:acme', bigCatalog(300));
    await deleteLayer(db, 'source:acme');
    for (const store of ['buckets', 'lookups'] as const)
      expect((await db.getAllKeys(store)).every(([layer]) => layer === LOCAL_LAYER)).toBe(true);
    expect(await db.getAllKeys('layouts')).toEqual([LOCAL_LAYER]);
  });

  it('refuses an edit of a layer whose layout cannot be read, rather than filing it wrongly', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog());
    await db.put('layouts', { layer: LOCAL_LAYER, buckets: 'many' } as never);
    await expect(
      putEntity(db, LOCAL_LAYER, 'needs', 'n-z', { id: 'n-z', title: 'Z', status: 'committed' }),
    ).rejects.toThrow(/damaged/);
    expect((await onlyLayer(db)).revision).toBe(1);
  });

  it('keeps the snapshot of a failed write as it was: the old layer still resolves', async () => {
    const db = await freshDb();
    await replaceLayer(db, LOCAL_LAYER, catalog());
    const broken = bigCatalog(200);
    broken.links.push({ need: 'n-1', jira: { issue: 'SHOP-999' }, fn: () => 1 } as never);
    await expect(replaceLayer(db, LOCAL_LAYER, broken)).rejects.toThrow();
    const answer = await coldResolve(db, { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' }, async () => []);
    expect(answer?.context.needs.map((need) => need.id)).toEqual(['n-a']);
    expect(answer?.revision).toBe(1);
  });
});

const STORES = ['buckets', 'layers', 'layouts', 'lookups', 'settings', 'sources', 'state'];

describe('database upgrades', () => {
  it('names its steps in order, one per version', () => {
    expect(UPGRADE_STEPS.map((step) => step.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
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
      expect([...db.objectStoreNames].sort()).toEqual(STORES);
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

  it.each([3, 4] as const)(
    'upgrades a populated version-%i database: every layer moved into buckets in order, the snapshot rebuilt from the validated read',
    async (version) => {
      const dbName = `layered-${version}-${++name}`;
      const old = await openTandemDb({ name: dbName, version });
      const local = catalog();
      const shared = bigCatalog(400);
      await putLegacyLayer(old, 'source:acme', shared, { revision: 4 });
      await putLegacyLayer(old, LOCAL_LAYER, local, { revision: 9, updatedAt: '2026-10-02T08:00:00.000Z' });
      // An edit made in version 3 or 4 got Date.now() as its ordinal: it stays last.
      await old.put('entities', {
        kind: 'needs',
        layer: LOCAL_LAYER,
        id: 'n-edited',
        ordinal: 1_760_000_000_000,
        value: { id: 'n-edited', title: 'Edited in the browser', status: 'committed' },
      });
      old.close();

      const db = await freshDb(undefined, dbName);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(STORES);
      const read = await readLayers(db);
      if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.errors)}`);
      expect(read.revision).toBe(9);
      const byName = new Map(read.layers.map((layer) => [layer.meta.layer, layer]));
      expect(byName.get('source:acme')?.catalog).toEqual(shared);
      expect(byName.get(LOCAL_LAYER)?.catalog).toEqual({
        ...local,
        needs: [...local.needs, { id: 'n-edited', title: 'Edited in the browser', status: 'committed' }],
      });
      expect(byName.get(LOCAL_LAYER)?.meta).toMatchObject({
        updatedAt: '2026-10-02T08:00:00.000Z',
        name: 'Test catalog',
      });

      // Moved without being judged, so no snapshot is trusted until a validated read rebuilds it.
      expect((await db.getAll('layouts')).map((layout) => layout.lookups)).toEqual([null, null]);
      expect(await db.count('lookups')).toBe(0);
      const record = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' } as const;
      expect(await coldResolve(db, record, async () => [])).toBeNull();
      expect((await staleLayers(db, [LOCAL_LAYER, 'source:acme'])).sort()).toEqual([
        LOCAL_LAYER,
        'source:acme',
      ]);
      expect(await rewriteLayers(db, read.layers, read.revision)).toBe(true);
      expect(await staleLayers(db, [LOCAL_LAYER, 'source:acme'])).toEqual([]);
      expect((await readLayers(db)).ok && (await readLayers(db))).toEqual(read);
      // SHOP-1: the local issue link, then the shared layer's epic link.
      expect((await coldResolve(db, record, async () => []))?.context.needs.map((need) => need.id)).toEqual([
        'n-a',
        'n-0',
      ]);
    },
  );

  it('upgrades a version-5 database in the first layout (629a4ef): every bucket and snapshot converted', async () => {
    const dbName = `first-v5-${++name}`;
    const old = await openTandemDb({ name: dbName, version: 5 });
    const local = catalog();
    const shared = bigCatalog(400);
    await replaceLayer(old, 'source:acme', shared);
    await replaceLayer(old, LOCAL_LAYER, local);
    // Rewritten as 629a4ef stored them: `entries` of [ordinal, value] and of [key, entries].
    const pairs = (ordinals: number[], values: unknown[]) =>
      ordinals.map((ordinal, i) => [ordinal, values[i]]);
    for (const { ordinals, values, ...rest } of await old.getAll('buckets'))
      await old.put('buckets', { ...rest, entries: pairs(ordinals, values) } as never);
    for (const { keys, ends, ordinals, values, ...rest } of await old.getAll('lookups')) {
      const entries = keys.map((key, k) => [
        key,
        pairs(ordinals.slice(ends[k - 1] ?? 0, ends[k]), values.slice(ends[k - 1] ?? 0, ends[k])),
      ]);
      await old.put('lookups', { ...rest, entries } as never);
    }
    // One snapshot bucket of the shared layer is beyond conversion.
    const [firstShared] = await old.getAll(
      'lookups',
      IDBKeyRange.bound(['source:acme'], ['source:acme', []]),
    );
    await old.put('lookups', {
      layer: 'source:acme',
      n: firstShared?.n ?? 0,
      entries: [['k', 'junk']],
    } as never);
    const before = await old.count('buckets');
    old.close();

    const db = await freshDb(undefined, dbName);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.count('buckets')).toBe(before);
    const read = await readLayers(db);
    if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.errors)}`);
    expect(read.revision).toBe(2);
    const byName = new Map(read.layers.map((layer) => [layer.meta.layer, layer.catalog]));
    expect(byName.get('source:acme')).toEqual(shared);
    expect(byName.get(LOCAL_LAYER)).toEqual(local);
    // The local snapshot was converted and is trusted; the shared one is rebuilt from the layer.
    expect(await staleLayers(db, [LOCAL_LAYER, 'source:acme'])).toEqual(['source:acme']);
    const localLookups = await db.getAll('lookups', IDBKeyRange.bound([LOCAL_LAYER], [LOCAL_LAYER, []]));
    expect(localLookups.length).toBeGreaterThan(0);
    for (const lookup of localLookups) expect(parseLookup(lookup)).not.toBeNull();
    expect(await rewriteLayers(db, read.layers, read.revision)).toBe(true);
    const record = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' } as const;
    expect((await coldResolve(db, record, async () => []))?.context.needs.map((need) => need.id)).toEqual([
      'n-a',
      'n-0',
    ]);
  });

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
