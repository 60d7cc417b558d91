/**
 * A layer's resolve snapshot: its links filed under every key the resolver looks a link up by
 * (the target keys of resolve-index.ts, and `need` + id for a need's work in flight), spread over
 * hashed buckets. Written with the layer, in the same transaction; read on a cold start to answer
 * a page from a handful of records before the whole catalog is loaded (cold-resolve.ts). Pure.
 *
 * LOOKUPS_VERSION names what the keys mean. Bump it whenever a key would come out differently
 * for the same link (resolve-index.ts `linkTarget`, the normalisers in normalize.ts, the key
 * formats below): stored snapshots of another version are not trusted but rebuilt from the layer.
 */
import {
  bucketCountFor,
  bucketOf,
  type Columns,
  columnsOf,
  type Entry,
  entriesOf,
  PER_BUCKET,
} from '@/utils/catalog/buckets';
import { linkTarget, type Target, workKeyOf } from '@/utils/catalog/resolve-index';
import type { Link } from '@/utils/catalog/schema';

export const LOOKUPS_VERSION = 1;

export function targetLookupKey(target: Target): string {
  return `${target.map}\u0000${target.key}`;
}

export function needLookupKey(needId: string): string {
  return `need\u0000${needId}`;
}

/**
 * Every lookup key a (validated) link is filed under: its target, and its need when it puts work
 * on the need's list (`workKeyOf`). A need's other links matter to an answer only through their
 * targets, under which they are filed already.
 */
export function linkLookupKeys(link: Link): string[] {
  const keys: string[] = [];
  const target = linkTarget(link);
  if (target) keys.push(targetLookupKey(target));
  if (link.need !== undefined && workKeyOf(link)) keys.push(needLookupKey(link.need));
  return keys;
}

/** One bucket of the snapshot: lookup key -> its links with their ordinals, in document order. */
export type LookupBucket = Map<string, Columns>;

export function lookupBucketCount(links: number): number {
  // Every link is filed under its target, about half of them under their need too.
  return bucketCountFor(links * 1.5, PER_BUCKET.lookups);
}

/** The snapshot of a layer whose links (in document order) are `links`. */
export function buildLookups(links: readonly Link[], buckets: number): Map<number, LookupBucket> {
  const out = new Map<number, LookupBucket>();
  links.forEach((link, ordinal) => {
    for (const key of linkLookupKeys(link)) {
      const n = bucketOf(key, buckets);
      let bucket = out.get(n);
      if (!bucket) {
        bucket = new Map();
        out.set(n, bucket);
      }
      const columns = bucket.get(key);
      if (columns) {
        columns.ordinals.push(ordinal);
        columns.values.push(link);
      } else bucket.set(key, { ordinals: [ordinal], values: [link] });
    }
  });
  return out;
}

/**
 * The buckets an edit of one link touches, changed in place: the old value's entries removed, the
 * new one filed in ordinal order. `read` gives a bucket's current contents.
 */
export function editLookups(
  read: (n: number) => LookupBucket,
  buckets: number,
  ordinal: number,
  before: Link | undefined,
  after: Link | undefined,
): Map<number, LookupBucket> {
  const touched = new Map<number, LookupBucket>();
  const bucket = (key: string) => {
    const n = bucketOf(key, buckets);
    let found = touched.get(n);
    if (!found) {
      found = read(n);
      touched.set(n, found);
    }
    return found;
  };
  const without = (columns: Columns | undefined): Entry[] =>
    columns ? entriesOf(columns).filter((entry) => entry[0] !== ordinal) : [];
  for (const key of before ? linkLookupKeys(before) : []) {
    const map = bucket(key);
    const kept = without(map.get(key));
    if (kept.length > 0) map.set(key, columnsOf(kept));
    else map.delete(key);
  }
  for (const key of after ? linkLookupKeys(after) : []) {
    const map = bucket(key);
    const list = without(map.get(key));
    list.push([ordinal, after]);
    list.sort((a, b) => a[0] - b[0]);
    map.set(key, columnsOf(list));
  }
  return touched;
}
