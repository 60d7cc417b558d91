/**
 * The catalog in IndexedDB, layer by layer (db.ts): each layer's entities in hashed buckets
 * (buckets.ts), its resolve snapshot (lookups.ts) and its layout, written together. Replacing a
 * layer happens in one transaction with its snapshot and the revision, so an import or a refresh
 * lands completely or not at all; an edit rewrites the one bucket holding the entity (and, for a
 * link, the snapshot buckets filing it). Reads are validated like any other input, because a
 * database written by an older or damaged build is still untrusted.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import {
  bucketOf,
  type Columns,
  columnsOf,
  type Entry,
  entriesOf,
  entryKey,
  gather,
} from '@/utils/catalog/buckets';
import {
  ENTITY_KINDS,
  type EntityKind,
  type LayerMeta,
  type LayoutRecord,
  type LookupRecord,
  type TandemDb,
  type TandemDbSchema,
} from '@/utils/catalog/db';
import { emptyLayout, layerRecords, lookupRecord } from '@/utils/catalog/layout';
import { editLookups, LOOKUPS_VERSION, type LookupBucket, linkLookupKeys } from '@/utils/catalog/lookups';
import { type Catalog, Link, Need, Person, type Sites, Team } from '@/utils/catalog/schema';
import { parseBucket, parseLookup, revisionOf, StoredLayerMeta, StoredLayout } from '@/utils/catalog/stored';
import { type CatalogError, type CatalogResult, parseCatalogShape } from '@/utils/catalog/validate';

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

export const ENTITY_SCHEMAS = { people: Person, teams: Team, needs: Need, links: Link } as const;

/** Every record of one layer in `buckets` ([layer, kind, n]) or `lookups` ([layer, n]). */
export const layerRange = (layer: string) => IDBKeyRange.bound([layer], [layer, []]);
const kindRange = (layer: string, kind: EntityKind) => IDBKeyRange.bound([layer, kind], [layer, kind, []]);

type Stores = StoreNames<TandemDbSchema>;
type WriteTx = IDBPTransaction<TandemDbSchema, Stores[], 'readwrite'>;

async function bumpRevision(tx: WriteTx): Promise<number> {
  const revision = revisionOf(await tx.objectStore('state').get('revision')) + 1;
  await tx.objectStore('state').put({ key: 'revision', value: revision });
  return revision;
}

/** Queues a request of a write transaction without awaiting it (see `allOrNothing`). */
type Queue = (request: Promise<unknown>) => void;

/**
 * Runs `write`, which queues its requests without awaiting each one (so the transaction stays
 * alive and the writes are pipelined), then commits; or aborts on any failure, so nothing of it
 * lands.
 */
async function allOrNothing<T>(tx: WriteTx, write: (queue: Queue) => Promise<T>): Promise<T> {
  const requests: Promise<unknown>[] = [];
  tx.done.catch(() => undefined); // awaited below too
  const queue: Queue = (request) => {
    request.catch(() => undefined); // awaited below; a failure must not also go unhandled meanwhile
    requests.push(request);
  };
  try {
    const result = await write(queue);
    await Promise.all([...requests, tx.done]);
    return result;
  } catch (error) {
    // A put can also throw synchronously (a value that cannot be cloned). Either way the deletes
    // already queued must not commit: abort, and let every queued request settle quietly.
    try {
      tx.abort();
    } catch {
      // already aborted by the failed request, or finished
    }
    await Promise.allSettled([...requests, tx.done]);
    throw error;
  }
}

const WRITE_STORES: Stores[] = ['buckets', 'lookups', 'layouts', 'layers', 'state'];

/** The document fields `replaceLayer` stores for a layer: everything that is not an entity list. */
export function layerMeta(layer: string, catalog: Catalog, now: Date): LayerMeta {
  const {
    format: _format,
    version: _version,
    name,
    generatedAt,
    sites,
    people: _people,
    teams: _teams,
    needs: _needs,
    links: _links,
    ...extra
  } = catalog;
  return { layer, updatedAt: now.toISOString(), name, generatedAt, sites, extra };
}

/** Replaces one layer with `catalog` (already validated) and its snapshot atomically; returns the new revision. */
export async function replaceLayer(
  db: TandemDb,
  layer: string,
  catalog: Catalog,
  now = new Date(),
): Promise<number> {
  const { people, teams, needs, links } = catalog;
  const records = layerRecords(layer, { people, teams, needs, links }, links);
  const meta = layerMeta(layer, catalog, now);
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  return allOrNothing(tx, async (queue) => {
    queue(tx.objectStore('buckets').delete(layerRange(layer)));
    queue(tx.objectStore('lookups').delete(layerRange(layer)));
    // Queued without awaiting each one: the transaction stays alive and the writes are pipelined.
    for (const bucket of records.buckets) queue(tx.objectStore('buckets').put(bucket));
    for (const lookup of records.lookups) queue(tx.objectStore('lookups').put(lookup));
    queue(tx.objectStore('layouts').put(records.layout));
    queue(tx.objectStore('layers').put(meta));
    return bumpRevision(tx);
  });
}

/** The layer's layout, or a new one when the layer has no records yet; throws when it cannot be read. */
async function layoutFor(tx: WriteTx, layer: string): Promise<LayoutRecord> {
  const stored = await tx.objectStore('layouts').get(layer);
  if (stored !== undefined) {
    const parsed = StoredLayout.safeParse(stored);
    if (parsed.success) return parsed.data;
  } else if ((await tx.objectStore('buckets').count(layerRange(layer))) === 0) {
    return emptyLayout(layer);
  }
  throw new Error(`The stored catalog is damaged (${layer}: its layout cannot be read); import it again.`);
}

/** A link as stored, if it is one; a value that is not cannot be unfiled and makes the snapshot stale. */
function storedLink(value: unknown): Link | null {
  const parsed = Link.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Changes one entity of a layer: `value` replaces (or, `undefined`, removes) the entity `id` of
 * `kind`. A link's snapshot entries move with it; a snapshot that cannot follow (missing, from
 * another version, or holding what it cannot read) is marked missing, to be rebuilt on the next
 * full read. Returns the new revision.
 */
async function editEntity(
  db: TandemDb,
  layer: string,
  kind: EntityKind,
  id: string,
  value: unknown,
): Promise<number> {
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  return allOrNothing(tx, async (queue) => {
    const layout = await layoutFor(tx, layer);
    const n = bucketOf(id, layout.buckets[kind]);
    const stored = await tx.objectStore('buckets').get([layer, kind, n]);
    const parsed = stored === undefined ? { ordinals: [], values: [] } : parseBucket(stored);
    if (!parsed)
      throw new Error(`The stored catalog is damaged (${layer}: a bucket cannot be read); import it again.`);
    const entries: Entry[] = entriesOf(parsed);
    const at = entries.findIndex((entry) => entryKey(entry) === id);
    const before = at === -1 ? undefined : entries[at];
    if (before === undefined && value === undefined) return bumpRevision(tx);
    const ordinal = before?.[0] ?? layout.next++;
    if (value !== undefined && entryKey([ordinal, value]) !== id)
      throw new Error(`an entity stored as "${id}" must have that id`);
    if (value === undefined) entries.splice(at, 1);
    else if (before) entries[at] = [ordinal, value];
    else entries.push([ordinal, value]);
    if (entries.length > 0) queue(tx.objectStore('buckets').put({ layer, kind, n, ...columnsOf(entries) }));
    else queue(tx.objectStore('buckets').delete([layer, kind, n]));

    if (kind === 'links' && layout.lookups?.version === LOOKUPS_VERSION) {
      const oldLink = before ? storedLink(before[1]) : undefined;
      const newLink = value === undefined ? undefined : (value as Link);
      const touched =
        oldLink === null
          ? null
          : await editSnapshot(tx, layer, layout.lookups.buckets, ordinal, oldLink, newLink);
      if (touched === null) layout.lookups = null;
      else
        for (const [bucketNumber, bucket] of touched) {
          if (bucket.size > 0)
            queue(tx.objectStore('lookups').put(lookupRecord(layer, bucketNumber, bucket)));
          else queue(tx.objectStore('lookups').delete([layer, bucketNumber]));
        }
    }
    queue(tx.objectStore('layouts').put(layout));
    if (value !== undefined && !(await tx.objectStore('layers').get(layer))) {
      queue(tx.objectStore('layers').put({ layer, updatedAt: new Date().toISOString(), extra: {} }));
    }
    return bumpRevision(tx);
  });
}

/** The snapshot buckets an edit of one link changes, or null when one of them cannot be read. */
async function editSnapshot(
  tx: WriteTx,
  layer: string,
  buckets: number,
  ordinal: number,
  before: Link | undefined,
  after: Link | undefined,
): Promise<Map<number, LookupBucket> | null> {
  const numbers = new Set(
    [...(before ? linkLookupKeys(before) : []), ...(after ? linkLookupKeys(after) : [])].map((key) =>
      bucketOf(key, buckets),
    ),
  );
  const current = new Map<number, LookupBucket>();
  for (const n of numbers) {
    const stored = await tx.objectStore('lookups').get([layer, n]);
    if (stored === undefined) current.set(n, new Map());
    else {
      const parsed = parseLookup(stored);
      if (!parsed) return null;
      current.set(n, parsed);
    }
  }
  return editLookups((n) => current.get(n) ?? new Map(), buckets, ordinal, before, after);
}

/** Adds or replaces one entity (validated) in a layer (an edit made in the browser); returns the new revision. */
export function putEntity(
  db: TandemDb,
  layer: string,
  kind: EntityKind,
  id: string,
  value: Catalog[EntityKind][number],
): Promise<number> {
  return editEntity(db, layer, kind, id, value);
}

export function deleteEntity(db: TandemDb, layer: string, kind: EntityKind, id: string): Promise<number> {
  return editEntity(db, layer, kind, id, undefined);
}

export async function deleteLayer(db: TandemDb, layer: string): Promise<number> {
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  return allOrNothing(tx, async (queue) => {
    queue(tx.objectStore('buckets').delete(layerRange(layer)));
    queue(tx.objectStore('lookups').delete(layerRange(layer)));
    queue(tx.objectStore('layouts').delete(layer));
    queue(tx.objectStore('layers').delete(layer));
    return bumpRevision(tx);
  });
}

export type ReadResult =
  | { ok: true; revision: number; layers: StoredLayer[] }
  | { ok: false; layer: string; errors: CatalogError[] };

export interface ReadOptions {
  /** Layers not to read (their metas are still checked). */
  skip?: (layer: string) => boolean;
  /** Awaited between slices of validation, so a long read lets other work in (the background's pages). */
  pause?: () => Promise<void> | void;
}

/** How many entities one zod pass takes before `pause` is offered. */
const SLICE = 1000;
/** How many bucket records one read asks for. */
const READ_PAGE = 8;

/** Reads and validates every layer, each in its document order. */
export async function readLayers(db: TandemDb, options: ReadOptions = {}): Promise<ReadResult> {
  const tx = db.transaction(['buckets', 'layers', 'state'], 'readonly');
  const [rawMetas, state] = await Promise.all([
    tx.objectStore('layers').getAll(),
    tx.objectStore('state').get('revision'),
  ]);
  const metas: LayerMeta[] = [];
  for (const raw of rawMetas) {
    const parsed = StoredLayerMeta.safeParse(raw);
    if (!parsed.success) {
      const layer = String((raw as { layer?: unknown } | undefined)?.layer);
      return { ok: false, layer, errors: [{ path: '(layer)', rule: 'its stored fields cannot be read' }] };
    }
    if (!options.skip?.(parsed.data.layer)) metas.push(parsed.data as LayerMeta);
  }
  // A few dozen records a request, one request at a time: each answer is deserialised in one
  // block, and the database serves other readers (a page's resolve) between them.
  const records: unknown[][][] = [];
  for (const meta of metas) {
    const kinds: unknown[][] = [];
    for (const kind of ENTITY_KINDS) {
      const range = kindRange(meta.layer, kind);
      const read: unknown[] = [];
      for (let from: IDBValidKey | undefined; ; ) {
        const page = await tx
          .objectStore('buckets')
          .getAll(from === undefined ? range : IDBKeyRange.bound(from, range.upper, true), READ_PAGE);
        for (const record of page) read.push(record);
        if (page.length < READ_PAGE) break;
        from = [meta.layer, kind, (page.at(-1) as { n: number }).n];
      }
      kinds.push(read);
    }
    records.push(kinds);
  }
  await tx.done;

  const layers: StoredLayer[] = [];
  for (const [i, meta] of metas.entries()) {
    const lists = {} as Record<EntityKind, unknown[]>;
    for (const [k, kind] of ENTITY_KINDS.entries()) {
      const buckets: Columns[] = [];
      for (const [r, record] of (records[i]?.[k] ?? []).entries()) {
        if (r % READ_PAGE === 0) await options.pause?.();
        const bucket = parseBucket(record);
        if (!bucket)
          return {
            ok: false,
            layer: meta.layer,
            errors: [{ path: kind, rule: 'a stored bucket cannot be read' }],
          };
        buckets.push(bucket);
      }
      lists[kind] = gather(buckets);
    }
    const parsed = await validateLayer(layerDocument(meta, lists), options.pause);
    if (!parsed.ok) return { ok: false, layer: meta.layer, errors: parsed.errors };
    layers.push({ meta, catalog: parsed.catalog });
  }
  return { ok: true, revision: revisionOf(state), layers };
}

/** A layer as the document it was imported from. */
export function layerDocument(
  meta: LayerMeta,
  lists: Record<EntityKind, unknown[]>,
): Record<string, unknown> {
  return {
    ...meta.extra,
    format: 'tandem.catalog',
    version: 1,
    ...(meta.name !== undefined ? { name: meta.name } : {}),
    ...(meta.generatedAt !== undefined ? { generatedAt: meta.generatedAt } : {}),
    ...(meta.sites !== undefined ? { sites: meta.sites } : {}),
    ...lists,
  };
}

/**
 * `parseCatalogShape(document)`, a slice at a time so `pause` can let other work in. The result
 * is the same: on any error the whole document is parsed again for the errors as they are
 * reported everywhere else.
 */
async function validateLayer(
  document: Record<string, unknown>,
  pause: ReadOptions['pause'],
): Promise<CatalogResult> {
  const head = parseCatalogShape({ ...document, people: [], teams: [], needs: [], links: [] });
  if (!head.ok) return parseCatalogShape(document);
  const catalog: Record<string, unknown> = { ...head.catalog };
  for (const kind of ENTITY_KINDS) {
    const list = document[kind] as unknown[];
    const schema = ENTITY_SCHEMAS[kind].array();
    const out: unknown[] = [];
    for (let start = 0; start < list.length; start += SLICE) {
      const slice = schema.safeParse(list.slice(start, start + SLICE));
      if (!slice.success) return parseCatalogShape(document);
      for (const item of slice.data) out.push(item);
      await pause?.();
    }
    catalog[kind] = out;
  }
  return { ok: true, catalog: catalog as Catalog };
}

/** Layers whose layout or resolve snapshot is missing or from another version. */
export async function staleLayers(db: TandemDb, layers: readonly string[]): Promise<string[]> {
  const layouts = await db.getAll('layouts');
  const current = new Set(
    layouts.flatMap((layout) => {
      const parsed = StoredLayout.safeParse(layout);
      return parsed.success && parsed.data.lookups?.version === LOOKUPS_VERSION ? [parsed.data.layer] : [];
    }),
  );
  return layers.filter((layer) => !current.has(layer));
}

/**
 * Rewrites the records (buckets, snapshot, layout) of `layers`, as read and validated at
 * `revision`, unless the catalog changed since: what an upgraded or older database lacks is
 * rebuilt from the layers themselves. The revision stays: the catalog is the same. Returns
 * whether it wrote.
 */
export async function rewriteLayers(
  db: TandemDb,
  layers: readonly StoredLayer[],
  revision: number,
): Promise<boolean> {
  if (layers.length === 0) return false;
  const tx = db.transaction(['buckets', 'lookups', 'layouts', 'state'] as Stores[], 'readwrite');
  return allOrNothing(tx, async (queue) => {
    if (revisionOf(await tx.objectStore('state').get('revision')) !== revision) return false;
    for (const { meta, catalog } of layers) {
      const { people, teams, needs, links } = catalog;
      const records = layerRecords(meta.layer, { people, teams, needs, links }, links);
      queue(tx.objectStore('buckets').delete(layerRange(meta.layer)));
      queue(tx.objectStore('lookups').delete(layerRange(meta.layer)));
      for (const bucket of records.buckets) queue(tx.objectStore('buckets').put(bucket));
      for (const lookup of records.lookups) queue(tx.objectStore('lookups').put(lookup));
      queue(tx.objectStore('layouts').put(records.layout));
    }
    return true;
  });
}

export type { LookupRecord };

/**
 * Sets one layer's `sites` (the organisation's sites, which bind records: docs/catalog.md), leaving its
 * entities as they are; creates the layer's document fields when it has none yet. Returns the new
 * revision.
 */
export async function setLayerSites(db: TandemDb, layer: string, sites: Sites | undefined): Promise<number> {
  const tx = db.transaction(WRITE_STORES, 'readwrite');
  return allOrNothing(tx, async (queue) => {
    const stored = (await tx.objectStore('layers').get(layer)) ?? {
      layer,
      updatedAt: new Date().toISOString(),
      extra: {},
    };
    queue(tx.objectStore('layers').put({ ...stored, sites, updatedAt: new Date().toISOString() }));
    return bumpRevision(tx);
  });
}
