/**
 * The IndexedDB database, owned by the background. Schema changes are cumulative, named steps:
 * a database at any earlier version runs every later step in order, so no user's data is reset.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { Link, Need, Person, Sites, Team } from './schema';

export const DB_NAME = 'tandem';
export const DB_VERSION = 2;

/** About the stored catalog: everything of the document that is not an entity list. */
export interface CatalogMeta {
  key: 'catalog';
  /** Goes up by one on every successful import; the resolve index is rebuilt when it changes. */
  revision: number;
  importedAt: string;
  name?: string | undefined;
  generatedAt?: string | undefined;
  sites?: Sites | undefined;
  /** Unknown top-level fields, kept so an export gives back what was imported. */
  extra: Record<string, unknown>;
}

export interface SettingsRecord {
  key: 'settings';
  schemaVersion: number;
  value: unknown;
}

export interface TandemDbSchema extends DBSchema {
  meta: { key: string; value: CatalogMeta };
  people: { key: string; value: Person };
  teams: { key: string; value: Team };
  needs: { key: string; value: Need };
  /** Links may have no id, so they get generated keys; order of insertion is catalog order. */
  links: { key: number; value: Link };
  settings: { key: string; value: SettingsRecord };
}

export type TandemDb = IDBPDatabase<TandemDbSchema>;
type UpgradeTransaction = IDBPTransaction<TandemDbSchema, StoreNames<TandemDbSchema>[], 'versionchange'>;

interface UpgradeStep {
  version: number;
  name: string;
  run(db: TandemDb, tx: UpgradeTransaction): void;
}

export const UPGRADE_STEPS: readonly UpgradeStep[] = [
  {
    version: 1,
    name: 'create catalog stores',
    run(db) {
      db.createObjectStore('meta', { keyPath: 'key' });
      db.createObjectStore('people', { keyPath: 'id' });
      db.createObjectStore('teams', { keyPath: 'id' });
      db.createObjectStore('needs', { keyPath: 'id' });
      db.createObjectStore('links', { autoIncrement: true });
    },
  },
  {
    version: 2,
    name: 'create settings store',
    run(db) {
      db.createObjectStore('settings', { keyPath: 'key' });
    },
  },
];

export interface OpenOptions {
  name?: string;
  version?: number;
  /** Another context holds an older version open; the caller tells the user to close it. */
  onBlocked?: () => void;
}

export async function openTandemDb(options: OpenOptions = {}): Promise<TandemDb> {
  const version = options.version ?? DB_VERSION;
  const db: TandemDb = await openDB<TandemDbSchema>(options.name ?? DB_NAME, version, {
    upgrade(upgrading, oldVersion, newVersion, tx) {
      for (const step of UPGRADE_STEPS) {
        if (step.version > oldVersion && step.version <= (newVersion ?? version)) step.run(upgrading, tx);
      }
    },
    blocked: () => options.onBlocked?.(),
    // A newer version elsewhere (an extension update in another context) waits for this one to go.
    blocking: () => db.close(),
  });
  return db;
}
