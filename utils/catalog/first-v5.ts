/**
 * The records of the first version-5 layout (as landed in 629a4ef, before the version number
 * guarded the format: docs/storage.md), converted to today's. That build kept a bucket's entries as
 * `entries: [ordinal, value][]` and a resolve-snapshot bucket as `entries: [key, [ordinal, link][]][]`;
 * today's keep parallel arrays (db.ts `BucketRecord`, `LookupRecord`). Upgrade step 6 runs these
 * over every record: records already in today's shape are left alone (null), and nothing is judged
 * beyond the shape: reads validate the values as they validate every stored record.
 */
import type { BucketRecord, LookupRecord } from '@/utils/catalog/records';

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first layout's record, or null when `record` is something else (today's shape included). */
function firstLayout(record: unknown): (Loose & { entries: unknown[] }) | null {
  if (!isObject(record) || !Array.isArray(record.entries) || 'ordinals' in record) return null;
  return record as Loose & { entries: unknown[] };
}

/**
 * `[ordinal, value]` pairs as parallel arrays. A pair that is not one becomes an ordinal of -1,
 * which no read accepts: a damaged record stays visibly damaged instead of losing entries quietly.
 */
function columns(entries: readonly unknown[]): { ordinals: number[]; values: unknown[] } {
  const ordinals: number[] = [];
  const values: unknown[] = [];
  for (const entry of entries) {
    const pair = Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'number';
    ordinals.push(pair ? (entry[0] as number) : -1);
    values.push(pair ? entry[1] : entry);
  }
  return { ordinals, values };
}

/** A bucket of the first version-5 layout in today's shape; null when it is not one. */
export function convertFirstBucket(record: unknown): BucketRecord | null {
  const old = firstLayout(record);
  if (!old) return null;
  const { entries, ...rest } = old;
  return { ...(rest as Omit<BucketRecord, 'ordinals' | 'values'>), ...columns(entries) };
}

/**
 * A resolve-snapshot bucket of the first version-5 layout in today's shape; null when it is not
 * one, `'drop'` when its entries are not `[key, pairs]` (the snapshot is then rebuilt from the layer).
 */
export function convertFirstLookup(record: unknown): LookupRecord | 'drop' | null {
  const old = firstLayout(record);
  if (!old) return null;
  const { entries, ...rest } = old;
  const converted: LookupRecord = {
    ...(rest as Omit<LookupRecord, 'keys' | 'ends' | 'ordinals' | 'values'>),
    keys: [],
    ends: [],
    ordinals: [],
    values: [],
  };
  for (const entry of entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return 'drop';
    const { ordinals, values } = columns(entry[1]);
    if (ordinals.includes(-1)) return 'drop';
    converted.keys.push(entry[0]);
    converted.ordinals.push(...ordinals);
    converted.values.push(...values);
    converted.ends.push(converted.ordinals.length);
  }
  return converted;
}
