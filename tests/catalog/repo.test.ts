import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, openTandemDb, type TandemDb, UPGRADE_STEPS } from '@/utils/catalog/db';
import { readCatalog, replaceCatalog } from '@/utils/catalog/repo';
import { validCatalog } from './build';

let name = 0;
const opened: TandemDb[] = [];
async function freshDb(version?: number) {
  const db = await openTandemDb({ name: `test-${++name}`, ...(version ? { version } : {}) });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const catalog = () =>
  validCatalog({
    future: { kept: true },
    needs: [{ id: 'n-a', title: 'A', team: 't-checkout' }],
    links: [
      { need: 'n-a', jira: { issue: 'SHOP-1' } },
      { id: 'l-2', team: 't-billing', jira: { project: 'OPS' } },
    ],
  });

/** People, teams and needs come back in id order (their store's key order); links keep theirs. */
function byIds(value: ReturnType<typeof catalog>) {
  const sort = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { ...value, people: sort(value.people), teams: sort(value.teams), needs: sort(value.needs) };
}

describe('catalog store', () => {
  it('reads nothing before the first import', async () => {
    expect(await readCatalog(await freshDb())).toEqual({ ok: true, stored: null });
  });

  it('round-trips a catalog, keeping unknown top-level fields and link order', async () => {
    const db = await freshDb();
    const meta = await replaceCatalog(db, catalog(), new Date('2026-11-01T10:00:00Z'));
    expect(meta).toMatchObject({ revision: 1, importedAt: '2026-11-01T10:00:00.000Z', name: 'Test catalog' });
    const read = await readCatalog(db);
    if (!read.ok || !read.stored) throw new Error('expected a stored catalog');
    expect(read.stored.catalog).toEqual(byIds(catalog()));
    expect(read.stored.catalog.future).toEqual({ kept: true });
    expect(read.stored.catalog.links.map((link) => link.need ?? link.team)).toEqual(['n-a', 't-billing']);
  });

  it('replaces everything on the next import and counts revisions', async () => {
    const db = await freshDb();
    await replaceCatalog(db, catalog());
    const meta = await replaceCatalog(db, validCatalog({ name: 'Second' }));
    expect(meta.revision).toBe(2);
    const read = await readCatalog(db);
    expect(read.ok && read.stored?.catalog.needs).toEqual([]);
    expect(read.ok && read.stored?.catalog.name).toBe('Second');
  });

  it('is all or nothing: a write that fails midway leaves the previous catalog intact', async () => {
    const db = await freshDb();
    await replaceCatalog(db, catalog());
    const broken = validCatalog({ name: 'Broken' });
    // A value IndexedDB cannot clone makes one put fail after the stores were already cleared.
    broken.people.push({
      id: 'p-bad',
      name: 'Bad',
      fn: () => 1,
    } as unknown as (typeof broken.people)[number]);
    await expect(replaceCatalog(db, broken)).rejects.toThrow();
    const read = await readCatalog(db);
    if (!read.ok || !read.stored) throw new Error('expected the old catalog');
    expect(read.stored.catalog.name).toBe('Test catalog');
    expect(read.stored.catalog.needs.map((n) => n.id)).toEqual(['n-a']);
    expect(read.stored.meta.revision).toBe(1);
  });

  it('validates what it reads: a damaged store is reported with paths, not passed on', async () => {
    const db = await freshDb();
    await replaceCatalog(db, catalog());
    await db.put('needs', { id: 'n-b', title: 'B', status: 'discovery', itOwner: 'p-ghost' });
    const read = await readCatalog(db);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.errors).toContainEqual({ path: 'needs[1].itOwner', rule: 'no person "p-ghost"' });
  });
});

describe('database upgrades', () => {
  it('names its steps in order, one per version', () => {
    expect(UPGRADE_STEPS.map((step) => step.version)).toEqual([1, 2]);
    expect(UPGRADE_STEPS.at(-1)?.version).toBe(DB_VERSION);
  });

  it('upgrades a populated version-1 database to the current version without losing records', async () => {
    const dbName = `upgrade-${++name}`;
    const v1 = await openTandemDb({ name: dbName, version: 1 });
    await replaceCatalog(v1, catalog());
    expect([...v1.objectStoreNames]).not.toContain('settings');
    v1.close();

    const current = await openTandemDb({ name: dbName });
    opened.push(current);
    expect(current.version).toBe(DB_VERSION);
    expect([...current.objectStoreNames].sort()).toEqual([
      'links',
      'meta',
      'needs',
      'people',
      'settings',
      'teams',
    ]);
    const read = await readCatalog(current);
    expect(read.ok && read.stored?.catalog).toEqual(byIds(catalog()));
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
