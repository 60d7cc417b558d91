/**
 * How a layer's entities are laid out in IndexedDB (db.ts, version 5): per kind, spread over a
 * fixed number of records ("buckets") by a hash of the entity's id, each entry an ordinal (the
 * entity's position in the layer's document) and a value, kept as two parallel arrays: an import
 * then clones two arrays per record into IndexedDB rather than one small array per entity. A whole layer is a few
 * hundred records instead of one per entity; one entity is found by reading one record; the
 * document is the entries sorted by ordinal. Pure: no storage, no browser.
 *
 * The hash and the way a key is derived are part of the stored format: changing either needs a
 * new database version that rewrites the buckets.
 */
import type { EntityKind } from '@/utils/catalog/kinds';

/** `[ordinal, value]`: the value as validated when it was written, still untrusted when read. */
export type Entry = [number, unknown];

/** Entries as parallel arrays, as they are stored: `values[i]` is at document position `ordinals[i]`. */
export interface Columns {
  ordinals: number[];
  values: unknown[];
}

/**
 * Entries per record a layer aims at when written whole, by what they hold: records of about ten
 * kilobytes. A cold answer after a browser start reads one record per entity it names, and there
 * IndexedDB delivers some 6 MB a second (records of 30 to 60 KB made one Jira issue's answer read
 * 2.6 MB, half a second, on the benchmark's catalog; these make it about 0.6 MB). The import pays
 * for it with a few thousand records instead of a thousand, well within its budget; the full load
 * reads them a page at a time either way. Only new writes use these: a layer's layout keeps its
 * own counts, so a layer written with other sizes reads as before.
 */
export const PER_BUCKET = { people: 25, teams: 10, needs: 10, links: 400, lookups: 100 } as const;
export const MAX_BUCKETS = 4096;

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
export function keyOf(ordinal: number, value: unknown): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : `#${ordinal}`;
}

export function entryKey(entry: Entry): string {
  return keyOf(entry[0], entry[1]);
}

export function entriesOf({ ordinals, values }: Columns): Entry[] {
  return ordinals.map((ordinal, i) => [ordinal, values[i]]);
}

export function columnsOf(entries: readonly Entry[]): Columns {
  return { ordinals: entries.map((entry) => entry[0]), values: entries.map((entry) => entry[1]) };
}

/** Spreads a list (in document order) over `buckets` buckets; empty buckets are left out. */
export function spread(items: readonly unknown[], buckets: number): Map<number, Columns> {
  const out = new Map<number, Columns>();
  items.forEach((value, ordinal) => {
    const n = bucketOf(keyOf(ordinal, value), buckets);
    let columns = out.get(n);
    if (!columns) {
      columns = { ordinals: [], values: [] };
      out.set(n, columns);
    }
    columns.ordinals.push(ordinal);
    columns.values.push(value);
  });
  return out;
}

/** The document's list back from its buckets, in ordinal order. */
export function gather(buckets: Iterable<Columns>): unknown[] {
  const ordinals: number[] = [];
  const values: unknown[] = [];
  for (const bucket of buckets) {
    for (const ordinal of bucket.ordinals) ordinals.push(ordinal);
    for (const value of bucket.values) values.push(value);
  }
  // Written whole, the ordinals are 0..n-1 and each value goes straight to its place; edits append
  // larger ordinals and deletions leave gaps, which a sort handles.
  const dense = new Array<unknown>(values.length);
  let isDense = true;
  for (let i = 0; i < ordinals.length; i++) {
    const ordinal = ordinals[i] as number;
    if (Number.isInteger(ordinal) && ordinal >= 0 && ordinal < values.length && !(ordinal in dense))
      dense[ordinal] = values[i];
    else {
      isDense = false;
      break;
    }
  }
  if (isDense) return dense;
  return ordinals
    .map((ordinal, i) => ({ ordinal, i }))
    .sort((a, b) => a.ordinal - b.ordinal)
    .map(({ i }) => values[i]);
}

/** Whether any two entries of one kind share an id (never through a validated write). */
export function hasDuplicateKeys(lists: Record<EntityKind, readonly unknown[]>): boolean {
  for (const list of Object.values(lists)) {
    const seen = new Set<string>();
    for (let ordinal = 0; ordinal < list.length; ordinal++) {
      const key = keyOf(ordinal, list[ordinal]);
      if (seen.has(key)) return true;
      seen.add(key);
    }
  }
  return false;
}
