/**
 * The records one layer is stored as (db.ts, version 5): its entities in hashed buckets per kind,
 * optionally its resolve snapshot, and the layout record that says how they were cut. Pure: the
 * writers in repo.ts and the version-5 upgrade step both use it.
 */
import { bucketCountFor, hasDuplicateKeys, PER_BUCKET, spread } from '@/utils/catalog/buckets';
import { ENTITY_KINDS, type EntityKind } from '@/utils/catalog/kinds';
import { buildLookups, LOOKUPS_VERSION, type LookupBucket, lookupBucketCount } from '@/utils/catalog/lookups';
import type { BucketRecord, LayoutRecord, LookupRecord } from '@/utils/catalog/records';
import type { Link } from '@/utils/catalog/schema';

export interface LayerRecords {
  layout: LayoutRecord;
  buckets: BucketRecord[];
  lookups: LookupRecord[];
}

/** A new layer's buckets when it starts empty and grows by edits. */
export const EDIT_BUCKETS = 16;

export function lookupRecord(layer: string, n: number, bucket: LookupBucket): LookupRecord {
  const record: LookupRecord = { layer, n, keys: [], ends: [], ordinals: [], values: [] };
  for (const [key, columns] of bucket) {
    record.keys.push(key);
    for (const ordinal of columns.ordinals) record.ordinals.push(ordinal);
    for (const value of columns.values) record.values.push(value);
    record.ends.push(record.ordinals.length);
  }
  return record;
}

/**
 * Cuts a layer's lists (document order) into records. `links` given (validated): the resolve
 * snapshot too; left out (the upgrade step, which moves data it has not validated): none, and the
 * layout says so, so the snapshot is rebuilt after the first validated read.
 */
export function layerRecords(
  layer: string,
  lists: Record<EntityKind, readonly unknown[]>,
  validatedLinks?: readonly Link[],
): LayerRecords {
  const counts = {} as Record<EntityKind, number>;
  const buckets: BucketRecord[] = [];
  for (const kind of ENTITY_KINDS) {
    const count = bucketCountFor(lists[kind].length, PER_BUCKET[kind]);
    counts[kind] = count;
    for (const [n, columns] of spread(lists[kind], count)) buckets.push({ layer, kind, n, ...columns });
  }
  const lookups: LookupRecord[] = [];
  let snapshot: LayoutRecord['lookups'] = null;
  if (validatedLinks) {
    const count = lookupBucketCount(validatedLinks.length);
    for (const [n, bucket] of buildLookups(validatedLinks, count))
      lookups.push(lookupRecord(layer, n, bucket));
    snapshot = { version: LOOKUPS_VERSION, buckets: count };
  }
  const longest = Math.max(...ENTITY_KINDS.map((kind) => lists[kind].length));
  return {
    layout: { layer, buckets: counts, next: longest, duplicates: hasDuplicateKeys(lists), lookups: snapshot },
    buckets,
    lookups,
  };
}

/** The layout of a layer that starts empty (an edit made before any import). */
export function emptyLayout(layer: string): LayoutRecord {
  return {
    layer,
    buckets: { people: EDIT_BUCKETS, teams: EDIT_BUCKETS, needs: EDIT_BUCKETS, links: EDIT_BUCKETS },
    next: 0,
    duplicates: false,
    lookups: { version: LOOKUPS_VERSION, buckets: EDIT_BUCKETS },
  };
}
