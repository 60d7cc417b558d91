/**
 * Reading and writing the catalog in IndexedDB. An import replaces the whole catalog in one
 * transaction, so it lands completely or not at all; a read is validated like any other input,
 * because a database written by an older or damaged build is still untrusted.
 */
import type { CatalogMeta, TandemDb } from './db';
import type { Catalog } from './schema';
import { type CatalogError, parseCatalog } from './validate';

export interface CatalogCounts {
  people: number;
  teams: number;
  needs: number;
  links: number;
}

export interface StoredCatalog {
  catalog: Catalog;
  meta: CatalogMeta;
}

export function countsOf(catalog: Catalog): CatalogCounts {
  return {
    people: catalog.people.length,
    teams: catalog.teams.length,
    needs: catalog.needs.length,
    links: catalog.links.length,
  };
}

const ENTITY_STORES = ['people', 'teams', 'needs', 'links'] as const;

/** Replaces the stored catalog with `catalog` (already validated) atomically. */
export async function replaceCatalog(db: TandemDb, catalog: Catalog, now = new Date()): Promise<CatalogMeta> {
  const {
    format: _format,
    version: _version,
    name,
    generatedAt,
    sites,
    people,
    teams,
    needs,
    links,
    ...extra
  } = catalog;
  const tx = db.transaction(['meta', ...ENTITY_STORES], 'readwrite');
  const previous = await tx.objectStore('meta').get('catalog');
  const meta: CatalogMeta = {
    key: 'catalog',
    revision: (previous?.revision ?? 0) + 1,
    importedAt: now.toISOString(),
    name,
    generatedAt,
    sites,
    extra,
  };
  // Requests are queued without awaiting each one: the transaction stays alive and the writes
  // are pipelined, which matters for 100,000 links.
  const writes: Promise<unknown>[] = [];
  try {
    for (const store of ENTITY_STORES) writes.push(tx.objectStore(store).clear());
    for (const person of people) writes.push(tx.objectStore('people').put(person));
    for (const team of teams) writes.push(tx.objectStore('teams').put(team));
    for (const need of needs) writes.push(tx.objectStore('needs').put(need));
    for (const link of links) writes.push(tx.objectStore('links').add(link));
    writes.push(tx.objectStore('meta').put(meta));
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    // A put can also throw synchronously (a value that cannot be cloned). Either way the clears
    // already queued must not commit: abort, and let every queued request settle quietly.
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  }
  return meta;
}

export type ReadResult =
  | { ok: true; stored: StoredCatalog | null }
  | { ok: false; errors: CatalogError[]; meta: CatalogMeta | undefined };

/** Reads and validates the stored catalog; `stored: null` when nothing was ever imported. */
export async function readCatalog(db: TandemDb): Promise<ReadResult> {
  const tx = db.transaction(['meta', ...ENTITY_STORES], 'readonly');
  const [meta, people, teams, needs, links] = await Promise.all([
    tx.objectStore('meta').get('catalog'),
    tx.objectStore('people').getAll(),
    tx.objectStore('teams').getAll(),
    tx.objectStore('needs').getAll(),
    tx.objectStore('links').getAll(),
  ]);
  await tx.done;
  if (!meta) return { ok: true, stored: null };
  const parsed = parseCatalog({
    ...meta.extra,
    format: 'tandem.catalog',
    version: 1,
    ...(meta.name !== undefined ? { name: meta.name } : {}),
    ...(meta.generatedAt !== undefined ? { generatedAt: meta.generatedAt } : {}),
    ...(meta.sites !== undefined ? { sites: meta.sites } : {}),
    people,
    teams,
    needs,
    links,
  });
  if (!parsed.ok) return { ok: false, errors: parsed.errors, meta };
  return { ok: true, stored: { catalog: parsed.catalog, meta } };
}
