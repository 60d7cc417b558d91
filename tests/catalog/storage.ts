/**
 * Test helpers that write the catalog's IndexedDB records directly: as versions 3 and 4 wrote them
 * (one record per entity), and damaged records in today's layout, which no writer of the product
 * would store.
 */

import { afterEach } from 'vitest';
import { bucketOf, type Entry } from '@/utils/catalog/buckets';
import { ENTITY_KINDS, type EntityKind, openTandemDb, type TandemDb } from '@/utils/catalog/db';
import type { Catalog } from '@/utils/catalog/schema';
import { parseCatalogShape } from '@/utils/catalog/validate';

/** Writes `catalog` as layer `layer` the way versions 3 and 4 stored it, and sets the revision. */
export async function putLegacyLayer(
  db: TandemDb,
  layer: string,
  catalog: Catalog,
  { revision, updatedAt = '2026-10-01T08:00:00.000Z' }: { revision: number; updatedAt?: string },
): Promise<void> {
  const {
    format: _f,
    version: _v,
    name,
    generatedAt,
    sites,
    people,
    teams,
    needs,
    links,
    ...extra
  } = catalog;
  const tx = db.transaction(['entities', 'layers', 'state'], 'readwrite');
  const lists = { people, teams, needs, links };
  for (const kind of ENTITY_KINDS) {
    lists[kind].forEach((value, ordinal) => {
      const id = (value as { id?: string }).id ?? `#${ordinal}`;
      void tx.objectStore('entities').put({ kind, layer, id, ordinal, value });
    });
  }
  void tx.objectStore('layers').put({ layer, updatedAt, name, generatedAt, sites, extra });
  void tx.objectStore('state').put({ key: 'revision', value: revision });
  await tx.done;
}

/** Adds a raw entry to the bucket of `kind` its key belongs in (as a damaged database might hold). */
export async function putRawEntry(
  db: TandemDb,
  layer: string,
  kind: EntityKind,
  entry: Entry,
): Promise<void> {
  const layout = await db.get('layouts', layer);
  if (!layout) throw new Error(`no layout for ${layer}`);
  const key = (entry[1] as { id?: string }).id ?? `#${entry[0]}`;
  const n = bucketOf(key, layout.buckets[kind]);
  const bucket = (await db.get('buckets', [layer, kind, n])) ?? { layer, kind, n, ordinals: [], values: [] };
  bucket.ordinals.push(entry[0]);
  bucket.values.push(entry[1]);
  await db.put('buckets', bucket);
}

/**
 * Fresh databases for one test file, each under a name of its own, all closed after each test:
 * call at the top level of the file.
 */
export function freshDatabases(prefix: string) {
  let count = 0;
  const opened: TandemDb[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  const keep = (db: TandemDb) => {
    opened.push(db);
    return db;
  };
  return Object.assign(
    async (version?: number) =>
      keep(await openTandemDb({ name: `${prefix}-${++count}`, ...(version ? { version } : {}) })),
    /** Opens `name` again at the current version (an upgrade), closed like the others. */
    { reopen: async (name: string) => keep(await openTandemDb({ name })) },
  );
}

/** A catalog document parsed with the catalog's own rules; throws with the first errors otherwise. */
export function parsedCatalog(document: unknown): Catalog {
  const result = parseCatalogShape(document);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result.catalog;
}
