/**
 * The shapes of a layer's version-5 records (utils/catalog/db.ts stores them). They live apart from
 * the database module so that the code that cuts a layer into records (layout.ts) needs no idb.
 */
import type { EntityKind } from '@/utils/catalog/kinds';

/**
 * Versions 5–6 (the first version-5 layout differed: first-v5.ts): part of one layer's entities of one kind, filed by a hash of the id (buckets.ts):
 * `values[i]` at document position `ordinals[i]`. Untrusted when read, like every record:
 * validated before use.
 */
export interface BucketRecord {
  layer: string;
  kind: EntityKind;
  n: number;
  ordinals: number[];
  values: unknown[];
}

/**
 * Versions 5–6 (the first version-5 layout differed: first-v5.ts): one bucket of a layer's resolve snapshot (lookups.ts). The links filed under
 * `keys[k]` are `values[i]` (at document position `ordinals[i]`) for i from `ends[k - 1]` (or 0)
 * up to `ends[k]`.
 */
export interface LookupRecord {
  layer: string;
  n: number;
  keys: string[];
  ends: number[];
  ordinals: number[];
  values: unknown[];
}

/** Version 5: how a layer's records are cut, and whether its resolve snapshot can be used. */
export interface LayoutRecord {
  layer: string;
  /** Buckets per kind, fixed when the layer is written whole. */
  buckets: Record<EntityKind, number>;
  /** The ordinal an entity added by an edit gets. */
  next: number;
  /** Two entities of one kind share an id: the snapshot cannot stand in for the merge then. */
  duplicates: boolean;
  /** The snapshot's format and bucket count; null when missing, to be rebuilt from the layer. */
  lookups: { version: number; buckets: number } | null;
}
