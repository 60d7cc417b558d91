/**
 * zod schemas for the records the catalog keeps in IndexedDB (db.ts, version 7). What comes out of
 * the database is untrusted like any input: a record is parsed here before anything of it is used,
 * and the entities inside are parsed with the catalog's own schemas (schema.ts) before they are.
 */
import { z } from 'zod';
import type { Columns } from '@/utils/catalog/buckets';
import { ENTITY_KINDS } from '@/utils/catalog/kinds';

const Ordinal = z.number().int().nonnegative();

export const StoredLayout = z.object({
  layer: z.string(),
  buckets: z.object({
    people: z.number().int().positive(),
    teams: z.number().int().positive(),
    needs: z.number().int().positive(),
    links: z.number().int().positive(),
  }),
  next: Ordinal,
  duplicates: z.boolean(),
  lookups: z.object({ version: z.number().int(), buckets: z.number().int().positive() }).nullable(),
});

export const StoredBucket = z
  .object({
    layer: z.string(),
    kind: z.enum(ENTITY_KINDS),
    n: z.number().int().nonnegative(),
    ordinals: z.array(Ordinal),
    values: z.array(z.unknown()),
  })
  .refine((bucket) => bucket.ordinals.length === bucket.values.length);

/** A bucket's entries (the values still to be parsed), or null when the record is not one. */
export function parseBucket(record: unknown): Columns | null {
  const parsed = StoredBucket.safeParse(record);
  return parsed.success ? { ordinals: parsed.data.ordinals, values: parsed.data.values } : null;
}

export const StoredLookup = z
  .object({
    layer: z.string(),
    n: z.number().int().nonnegative(),
    keys: z.array(z.string()),
    ends: z.array(Ordinal),
    ordinals: z.array(Ordinal),
    values: z.array(z.unknown()),
  })
  .refine(
    ({ keys, ends, ordinals, values }) =>
      keys.length === ends.length &&
      ordinals.length === values.length &&
      ends.every((end, k) => end >= (ends[k - 1] ?? 0)) &&
      (ends.at(-1) ?? 0) === ordinals.length,
  );

/** A snapshot bucket's lookup key -> entries (the links still to be parsed), or null. */
export function parseLookup(record: unknown): Map<string, Columns> | null {
  const parsed = StoredLookup.safeParse(record);
  if (!parsed.success) return null;
  const { keys, ends, ordinals, values } = parsed.data;
  return new Map(
    keys.map((key, k) => {
      const from = ends[k - 1] ?? 0;
      const to = ends[k] ?? from;
      return [key, { ordinals: ordinals.slice(from, to), values: values.slice(from, to) }];
    }),
  );
}

/** A layer's document fields; `name`, `generatedAt`, `sites` and `extra` are checked again as a document. */
export const StoredLayerMeta = z.object({
  layer: z.string(),
  updatedAt: z.string(),
  name: z.unknown().optional(),
  generatedAt: z.unknown().optional(),
  sites: z.unknown().optional(),
  extra: z.record(z.string(), z.unknown()),
});

export const StoredRevision = z.object({ key: z.literal('revision'), value: Ordinal });

/** The stored revision, 0 when there is none (or none this build can read). */
export function revisionOf(record: unknown): number {
  const parsed = StoredRevision.safeParse(record);
  return parsed.success ? parsed.data.value : 0;
}
