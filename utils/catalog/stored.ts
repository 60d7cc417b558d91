/**
 * zod schemas for the records the catalog keeps in IndexedDB (db.ts, version 5). What comes out of
 * the database is untrusted like any input: a record is parsed here before anything of it is used,
 * and the entities inside are parsed with the catalog's own schemas (schema.ts) before they are.
 */
import { z } from 'zod';
import { ENTITY_KINDS } from './kinds';

const Ordinal = z.number().int().nonnegative();
const Entry = z.tuple([Ordinal, z.unknown()]);

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

export const StoredBucket = z.object({
  layer: z.string(),
  kind: z.enum(ENTITY_KINDS),
  n: z.number().int().nonnegative(),
  entries: z.array(Entry),
});

const StoredLookup = z.object({
  layer: z.string(),
  n: z.number().int().nonnegative(),
  entries: z.array(z.tuple([z.string(), z.array(Entry)])),
});

/** A snapshot bucket's lookup key -> `[ordinal, link]` entries (the links still to be parsed), or null. */
export function parseLookup(record: unknown): Map<string, [number, unknown][]> | null {
  const parsed = StoredLookup.safeParse(record);
  return parsed.success ? new Map(parsed.data.entries) : null;
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
