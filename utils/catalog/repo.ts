/**
 * The catalog in IndexedDB, layer by layer (db.ts). Replacing a layer happens in one transaction,
 * so an import or a refresh lands completely or not at all; reads are validated like any other
 * input, because a database written by an older or damaged build is still untrusted.
 */
import { ENTITY_KINDS, type EntityKind, type EntityRecord, type LayerMeta, type TandemDb } from './db';
import type { Catalog } from './schema';
import { type CatalogError, parseCatalogShape } from './validate';

export interface CatalogCounts {
  people: number;
  teams: number;
  needs: number;
  links: number;
}

export interface StoredLayer {
  meta: LayerMeta;
  catalog: Catalog;
}

export function countsOf(catalog: Pick<Catalog, EntityKind>): CatalogCounts {
  return {
    people: catalog.people.length,
    teams: catalog.teams.length,
    needs: catalog.needs.length,
    links: catalog.links.length,
  };
}

const layerRange = (kind: EntityKind, layer: string) =>
  IDBKeyRange.bound([kind, layer, ''], [kind, layer, '\uffff']);

async function bumpRevision(tx: {
  objectStore(name: 'state'): {
    get(key: string): Promise<{ value: number } | undefined>;
    put(value: { key: 'revision'; value: number }): Promise<unknown>;
  };
}): Promise<number> {
  const current = await tx.objectStore('state').get('revision');
  const revision = (current?.value ?? 0) + 1;
  await tx.objectStore('state').put({ key: 'revision', value: revision });
  return revision;
}

/** Replaces one layer with `catalog` (already validated) atomically; returns the new revision. */
export async function replaceLayer(
  db: TandemDb,
  layer: string,
  catalog: Catalog,
  now = new Date(),
): Promise<number> {
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
  const tx = db.transaction(['entities', 'layers', 'state'], 'readwrite');
  const entities = tx.objectStore('entities');
  // Requests are queued without awaiting each one: the transaction stays alive and the writes are
  // pipelined, which matters for 100,000 links.
  const writes: Promise<unknown>[] = [];
  try {
    for (const kind of ENTITY_KINDS) writes.push(entities.delete(layerRange(kind, layer)));
    const lists = { people, teams, needs, links };
    for (const kind of ENTITY_KINDS) {
      lists[kind].forEach((value, ordinal) => {
        const id = (value as { id?: string }).id ?? `#${ordinal}`;
        writes.push(entities.put({ kind, layer, id, ordinal, value }));
      });
    }
    const meta: LayerMeta = { layer, updatedAt: now.toISOString(), name, generatedAt, sites, extra };
    writes.push(tx.objectStore('layers').put(meta));
    const revision = bumpRevision(tx);
    writes.push(revision);
    await Promise.all([...writes, tx.done]);
    return await revision;
  } catch (error) {
    // A put can also throw synchronously (a value that cannot be cloned). Either way the deletes
    // already queued must not commit: abort, and let every queued request settle quietly.
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request
    }
    await Promise.allSettled([...writes, tx.done]);
    throw error;
  }
}

/** Adds or replaces one entity in a layer (an edit made in the browser); returns the new revision. */
export async function putEntity(
  db: TandemDb,
  layer: string,
  kind: EntityKind,
  id: string,
  value: EntityRecord['value'],
): Promise<number> {
  const tx = db.transaction(['entities', 'layers', 'state'], 'readwrite');
  const existing = await tx.objectStore('entities').get([kind, layer, id]);
  await tx.objectStore('entities').put({ kind, layer, id, ordinal: existing?.ordinal ?? Date.now(), value });
  if (!(await tx.objectStore('layers').get(layer))) {
    await tx.objectStore('layers').put({ layer, updatedAt: new Date().toISOString(), extra: {} });
  }
  const revision = await bumpRevision(tx);
  await tx.done;
  return revision;
}

export async function deleteEntity(
  db: TandemDb,
  layer: string,
  kind: EntityKind,
  id: string,
): Promise<number> {
  const tx = db.transaction(['entities', 'state'], 'readwrite');
  await tx.objectStore('entities').delete([kind, layer, id]);
  const revision = await bumpRevision(tx);
  await tx.done;
  return revision;
}

export async function deleteLayer(db: TandemDb, layer: string): Promise<number> {
  const tx = db.transaction(['entities', 'layers', 'state'], 'readwrite');
  await Promise.all(ENTITY_KINDS.map((kind) => tx.objectStore('entities').delete(layerRange(kind, layer))));
  await tx.objectStore('layers').delete(layer);
  const revision = await bumpRevision(tx);
  await tx.done;
  return revision;
}

export type ReadResult =
  | { ok: true; revision: number; layers: StoredLayer[] }
  | { ok: false; layer: string; errors: CatalogError[] };

/** Reads and validates every layer, each in its document order. */
export async function readLayers(db: TandemDb): Promise<ReadResult> {
  const tx = db.transaction(['entities', 'layers', 'state'], 'readonly');
  const [metas, records, state] = await Promise.all([
    tx.objectStore('layers').getAll(),
    tx.objectStore('entities').getAll(),
    tx.objectStore('state').get('revision'),
  ]);
  await tx.done;
  const byLayer = new Map<string, Record<EntityKind, EntityRecord[]>>();
  for (const record of records) {
    let lists = byLayer.get(record.layer);
    if (!lists) {
      lists = { people: [], teams: [], needs: [], links: [] };
      byLayer.set(record.layer, lists);
    }
    lists[record.kind].push(record);
  }
  const layers: StoredLayer[] = [];
  for (const meta of metas) {
    const lists = byLayer.get(meta.layer) ?? { people: [], teams: [], needs: [], links: [] };
    const ordered = (kind: EntityKind) =>
      lists[kind].sort((a, b) => a.ordinal - b.ordinal).map((record) => record.value);
    const parsed = parseCatalogShape({
      ...meta.extra,
      format: 'tandem.catalog',
      version: 1,
      ...(meta.name !== undefined ? { name: meta.name } : {}),
      ...(meta.generatedAt !== undefined ? { generatedAt: meta.generatedAt } : {}),
      ...(meta.sites !== undefined ? { sites: meta.sites } : {}),
      people: ordered('people'),
      teams: ordered('teams'),
      needs: ordered('needs'),
      links: ordered('links'),
    });
    if (!parsed.ok) return { ok: false, layer: meta.layer, errors: parsed.errors };
    layers.push({ meta, catalog: parsed.catalog });
  }
  return { ok: true, revision: state?.value ?? 0, layers };
}
