/**
 * What the background stores, described from the code: for the database version, each store's key
 * path, indexes and the JSON Schema of its records (from the zod schemas reads validate with), and
 * for the settings version, the settings value. schema/storage-formats.json keeps the description
 * of every version; tests/storage/format.test.ts fails when the code's differs from it under the
 * same version number, so a record shape cannot change without a new version and an upgrade step
 * (docs/storage.md). Used by tests and `npm run storage:describe` only, never by a page.
 */
import { z } from 'zod';
import { DB_VERSION, openTandemDb } from '@/utils/catalog/db';
import {
  StoredBucket,
  StoredLayerMeta,
  StoredLayout,
  StoredLookup,
  StoredRevision,
} from '@/utils/catalog/stored';
import { SETTINGS_VERSION, Settings } from '@/utils/settings/schema';
import { SourceState } from '@/utils/sync/status';

export const STORAGE_FORMATS_PATH = 'schema/storage-formats.json';

/**
 * The schema each store's records are read with. A new store needs its line here (the test fails
 * without one); a new record type in a store is a new branch of its schema.
 */
export const STORED_RECORDS: Record<string, z.core.$ZodType> = {
  buckets: StoredBucket,
  lookups: StoredLookup,
  layouts: StoredLayout,
  layers: StoredLayerMeta,
  state: StoredRevision,
  sources: z.object({ id: z.string(), state: SourceState }),
  // The settings value has its own version and migrations (utils/settings/migrate.ts): described apart.
  // Beside it: the last browser policy seen (utils/sync/policy-snapshot.ts), the local record
  // of views where the panel found no anchor (utils/background/placement-service.ts) and the
  // popup's charter links.
  settings: z.union([
    z.object({ key: z.literal('settings'), schemaVersion: z.number().int(), value: z.unknown() }),
    z.object({ key: z.literal('policy'), seenAt: z.string(), value: z.unknown() }),
    z.object({ key: z.literal('placement-misses'), schemaVersion: z.number().int(), value: z.unknown() }),
    // The popup's charter links, kept for one catalog revision (utils/background/charter-list.ts).
    z.object({ key: z.literal('charter-head'), schemaVersion: z.number().int(), value: z.unknown() }),
  ]),
};

export interface StoreFormat {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: Record<string, { keyPath: string | string[]; unique: boolean; multiEntry: boolean }>;
  record: unknown;
}

export interface DatabaseFormat {
  stores: Record<string, StoreFormat>;
}

export interface StorageFormats {
  database: Record<string, DatabaseFormat>;
  settings: Record<string, { value: unknown }>;
}

function jsonSchema(schema: z.core.$ZodType): unknown {
  // Refinements have no JSON Schema form; transforms become `{}` rather than throwing.
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
  return rest;
}

/** The current database version's stores as a fresh database at DB_VERSION has them. */
export async function describeDatabase(): Promise<DatabaseFormat> {
  const name = `tandem-format-${Math.random().toString(36).slice(2)}`;
  const db = await openTandemDb({ name });
  try {
    const names = [...db.objectStoreNames].sort();
    const tx = db.transaction(names, 'readonly');
    const stores: Record<string, StoreFormat> = {};
    for (const store of names) {
      const opened = tx.objectStore(store);
      const indexes: StoreFormat['indexes'] = {};
      for (const index of [...opened.indexNames].sort()) {
        const { keyPath, unique, multiEntry } = opened.index(index);
        indexes[index] = { keyPath, unique, multiEntry };
      }
      const schema = STORED_RECORDS[store];
      stores[store] = {
        keyPath: opened.keyPath,
        autoIncrement: opened.autoIncrement,
        indexes,
        record: schema ? jsonSchema(schema) : 'no schema in utils/storage-format.ts STORED_RECORDS',
      };
    }
    await tx.done;
    return { stores };
  } finally {
    db.close();
    indexedDB.deleteDatabase(name);
  }
}

export function describeSettings(): { value: unknown } {
  return { value: jsonSchema(Settings) };
}

/** The description of the current versions, keyed as in schema/storage-formats.json. */
export async function currentFormats(): Promise<{
  dbVersion: number;
  settingsVersion: number;
  database: DatabaseFormat;
  settings: { value: unknown };
}> {
  return {
    dbVersion: DB_VERSION,
    settingsVersion: SETTINGS_VERSION,
    database: await describeDatabase(),
    settings: describeSettings(),
  };
}

/** Stable text for the committed file: keys in code order, two-space indent, final newline. */
export function formatsText(formats: StorageFormats): string {
  return `${JSON.stringify(formats, null, 2)}\n`;
}
