/**
 * What can still be read of a damaged layer (docs/storage.md): every entity that passes its own
 * schema, from every bucket that can be read, in document order, as a catalog document the user
 * can save and import again. Read-only: nothing stored is changed, whatever is found; only an
 * import (the user's choice) replaces the layer.
 */
import { type Columns, gather } from '@/utils/catalog/buckets';
import { ENTITY_KINDS, type EntityKind, type LayerMeta, type TandemDb } from '@/utils/catalog/db';
import { convertFirstBucket } from '@/utils/catalog/first-v5';
import { ENTITY_SCHEMAS, layerDocument, layerRange } from '@/utils/catalog/repo';
import { parseBucket, StoredLayerMeta } from '@/utils/catalog/stored';
import { parseCatalogShape } from '@/utils/catalog/validate';

export interface Salvaged {
  /** The readable part as a catalog document (`format`, `version`, the lists, the readable fields). */
  document: Record<string, unknown>;
  kept: Record<EntityKind, number>;
  /** Entities that failed their schema, and bucket records that could not be read at all. */
  droppedEntities: number;
  droppedRecords: number;
}

export async function salvageLayer(db: TandemDb, layer: string): Promise<Salvaged> {
  const tx = db.transaction(['buckets', 'layers'], 'readonly');
  const [rawMeta, records] = await Promise.all([
    tx.objectStore('layers').get(layer),
    tx.objectStore('buckets').getAll(layerRange(layer)),
  ]);
  await tx.done;
  const parsedMeta = StoredLayerMeta.safeParse(rawMeta);
  const meta: LayerMeta = parsedMeta.success
    ? (parsedMeta.data as LayerMeta)
    : { layer, updatedAt: new Date(0).toISOString(), extra: {} };

  const buckets: Record<EntityKind, Columns[]> = { people: [], teams: [], needs: [], links: [] };
  let droppedRecords = 0;
  for (const record of records as unknown[]) {
    const kind = (record as { kind?: unknown } | null)?.kind as EntityKind;
    const columns = parseBucket(record) ?? parseBucket(convertFirstBucket(record));
    if (!columns || !ENTITY_KINDS.includes(kind)) droppedRecords += 1;
    else buckets[kind].push(columns);
  }
  const lists = {} as Record<EntityKind, unknown[]>;
  const kept = {} as Record<EntityKind, number>;
  let droppedEntities = 0;
  for (const kind of ENTITY_KINDS) {
    lists[kind] = gather(buckets[kind]).filter((value) => {
      const ok = ENTITY_SCHEMAS[kind].safeParse(value).success;
      if (!ok) droppedEntities += 1;
      return ok;
    });
    kept[kind] = lists[kind].length;
  }
  // The document's own fields (name, sites, unknown top-level fields) only when they still read.
  const empty = { people: [], teams: [], needs: [], links: [] };
  const head = parseCatalogShape(layerDocument(meta, empty));
  const document = head.ok
    ? layerDocument(meta, lists)
    : layerDocument({ layer, updatedAt: meta.updatedAt, extra: {} }, lists);
  return { document, kept, droppedEntities, droppedRecords };
}
