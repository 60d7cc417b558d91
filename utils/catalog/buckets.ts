/**
 * How a layer's entities are laid out in IndexedDB (db.ts, version 5): per kind, spread over a
 * fixed number of records ("buckets") by a hash of the entity's id, each entry `[ordinal, value]`
 * where the ordinal is the entity's position in the layer's document. A whole layer is a few
 * hundred records instead of one per entity; one entity is found by reading one record; the
 * document is the entries sorted by ordinal. Pure: no storage, no browser.
 *
 * The hash and the way a key is derived are part of the stored format: changing either needs a
 * new database version that rewrites the buckets.
 */
import type { EntityKind } from './kinds';

/** `[ordinal, value]`: the value as validated when it was written, still untrusted when read. */
export type Entry = [number, unknown];

/**
 * Entries per record a layer aims at when written whole, by what they hold: records of a few tens
 * of kilobytes, under the size at which Chromium moves a value into a separate blob, and few
 * enough that an import does not pay the per-request cost of IndexedDB thousands of times.
 */
export const PER_BUCKET = { people: 200, teams: 40, needs: 40, links: 400, lookups: 600 } as const;
export const MAX_BUCKETS = 1024;

/** FNV-1a over UTF-16 code units: stable across builds and browsers. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function bucketOf(key: string, buckets: number): number {
  return hashKey(key) % buckets;
}

/** The least power of two holding `count` entries at `perBucket` a bucket, at most MAX_BUCKETS. */
export function bucketCountFor(count: number, perBucket: number): number {
  let buckets = 1;
  while (buckets < MAX_BUCKETS && buckets * perBucket < count) buckets *= 2;
  return buckets;
}

/** The id an entry is found by: the entity's id, or `#<ordinal>` for a link without one. */
export function entryKey(entry: Entry): string {
  const value = entry[1];
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : `#${entry[0]}`;
}

/** Spreads a list (in document order) over `buckets` buckets; empty buckets are left out. */
export function spread(items: readonly unknown[], buckets: number): Map<number, Entry[]> {
  const out = new Map<number, Entry[]>();
  items.forEach((value, ordinal) => {
    const entry: Entry = [ordinal, value];
    const n = bucketOf(entryKey(entry), buckets);
    const list = out.get(n);
    if (list) list.push(entry);
    else out.set(n, [entry]);
  });
  return out;
}

/** The document's list back from its buckets' entries, in ordinal order. */
export function gather(entries: readonly Entry[]): unknown[] {
  // Written whole, the ordinals are 0..n-1 and each entry goes straight to its place; edits append
  // larger ordinals and deletions leave gaps, which a sort handles.
  const dense = new Array<unknown>(entries.length);
  let isDense = true;
  for (const [ordinal, value] of entries) {
    if (ordinal >= 0 && ordinal < entries.length && Number.isInteger(ordinal) && !(ordinal in dense))
      dense[ordinal] = value;
    else {
      isDense = false;
      break;
    }
  }
  if (isDense) return dense;
  return [...entries].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
}

/** Whether any two entries of one kind share an id (never through a validated write). */
export function hasDuplicateKeys(lists: Record<EntityKind, readonly unknown[]>): boolean {
  for (const list of Object.values(lists)) {
    const seen = new Set<string>();
    for (let ordinal = 0; ordinal < list.length; ordinal++) {
      const key = entryKey([ordinal, list[ordinal]]);
      if (seen.has(key)) return true;
      seen.add(key);
    }
  }
  return false;
}
