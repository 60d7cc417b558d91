/**
 * The IndexedDB database, owned by the background. Schema changes are cumulative, named steps:
 * a database at any earlier version runs every later step in order, so no user's data is reset.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import { convertFirstBucket, convertFirstLookup } from '@/utils/catalog/first-v5';
import { ENTITY_KINDS, type EntityKind } from '@/utils/catalog/kinds';
import { LOCAL_LAYER } from '@/utils/catalog/layers';
import { layerRecords } from '@/utils/catalog/layout';
import type { BucketRecord, LayoutRecord, LookupRecord } from '@/utils/catalog/records';
import type { Link, Need, Person, Sites, Team } from '@/utils/catalog/schema';

export const DB_NAME = 'tandem';
export const DB_VERSION = 7;

/** Version 1–2: one catalog, its document fields under `meta` key 'catalog'. */
export interface LegacyCatalogMeta {
  key: 'catalog';
  revision: number;
  importedAt: string;
  name?: string | undefined;
  generatedAt?: string | undefined;
  sites?: Sites | undefined;
  extra: Record<string, unknown>;
}

export type { BucketRecord, LayoutRecord, LookupRecord };
export { ENTITY_KINDS, type EntityKind, LOCAL_LAYER };

/** Everything of one layer's document that is not an entity list. */
export interface LayerMeta {
  layer: string;
  updatedAt: string;
  name?: string | undefined;
  generatedAt?: string | undefined;
  sites?: Sites | undefined;
  /** Unknown top-level fields, kept so an export gives back what was imported. */
  extra: Record<string, unknown>;
}

/** Versions 3–4: one person, team, need or link of one layer; `ordinal` keeps the document's order. */
export interface EntityRecord {
  kind: EntityKind;
  layer: string;
  /** The entity's id; links without one get `#<ordinal>`. */
  id: string;
  ordinal: number;
  value: Person | Team | Need | Link;
}

/** Counters kept across layers: `revision` goes up on every change, so indexes know when to rebuild. */
export interface StateRecord {
  key: 'revision';
  value: number;
}

/** One shared source's refresh state (validators, last result, last change); parsed by utils/sync/status.ts. */
export interface SourceRecord {
  id: string;
  state: unknown;
}

export interface SettingsRecord {
  key: 'settings';
  schemaVersion: number;
  value: unknown;
}

/**
 * The last browser policy seen (`storage.managed`, as read), kept beside the settings so a start
 * answers from it without waiting for the browser's policy service (utils/sync/policy-snapshot.ts).
 * No store of its own, so no version step: the settings store is keyed by `key`.
 */
export interface PolicySnapshotRecord {
  key: 'policy';
  seenAt: string;
  value: unknown;
}

/**
 * Kept in the `settings` store beside the settings (no new store, no version step): the local
 * record of views where no anchor matched (utils/background/placement-service.ts). Untrusted when
 * read, like every record: validated before use.
 */
export interface PlacementMissesRecord {
  key: 'placement-misses';
  schemaVersion: number;
  value: unknown;
}

/**
 * Kept in the `settings` store beside the settings since version 7 (no new store): the popup's
 * charter links for one catalog revision (utils/background/charter-list.ts). Untrusted when
 * read, like every record: validated before use.
 */
export interface CharterHeadRecord {
  key: 'charter-head';
  schemaVersion: number;
  value: unknown;
}

export interface TandemDbSchema extends DBSchema {
  /** Versions 1–2 only; step 3 moves their contents into `entities` and `layers`. */
  meta: { key: string; value: LegacyCatalogMeta };
  people: { key: string; value: Person };
  teams: { key: string; value: Team };
  needs: { key: string; value: Need };
  links: { key: number; value: Link };
  settings: {
    key: string;
    value: SettingsRecord | PolicySnapshotRecord | PlacementMissesRecord | CharterHeadRecord;
  };
  /** Versions 3–4 only; step 5 moves its contents into `buckets` and `layouts`. */
  entities: { key: [EntityKind, string, string]; value: EntityRecord; indexes: { layer: string } };
  layers: { key: string; value: LayerMeta };
  buckets: { key: [string, EntityKind, number]; value: BucketRecord };
  lookups: { key: [string, number]; value: LookupRecord };
  layouts: { key: string; value: LayoutRecord };
  state: { key: string; value: StateRecord };
  sources: { key: string; value: SourceRecord };
}

export type TandemDb = IDBPDatabase<TandemDbSchema>;
type UpgradeTransaction = IDBPTransaction<TandemDbSchema, StoreNames<TandemDbSchema>[], 'versionchange'>;

interface UpgradeStep {
  version: number;
  name: string;
  /** May await requests on `tx` (and nothing else: the upgrade transaction must stay alive). */
  run(db: TandemDb, tx: UpgradeTransaction): void | Promise<void>;
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
  {
    version: 3,
    name: 'move the catalog into layers',
    async run(db, tx) {
      const entities = db.createObjectStore('entities', { keyPath: ['kind', 'layer', 'id'] });
      entities.createIndex('layer', 'layer');
      db.createObjectStore('layers', { keyPath: 'layer' });
      db.createObjectStore('state', { keyPath: 'key' });
      // A database written by something else under our name may lack any of the old stores.
      const has = (store: 'meta' | EntityKind) => db.objectStoreNames.contains(store);
      const all = <K extends EntityKind>(kind: K) =>
        has(kind) ? tx.objectStore(kind).getAll() : Promise.resolve([] as TandemDbSchema[K]['value'][]);
      const [meta, people, teams, needs, links] = await Promise.all([
        has('meta') ? tx.objectStore('meta').get('catalog') : Promise.resolve(undefined),
        all('people'),
        all('teams'),
        all('needs'),
        all('links'),
      ]);
      if (meta) {
        // What a version-2 user imported becomes the local layer, unchanged.
        const { key: _key, revision, importedAt, ...document } = meta;
        const target = tx.objectStore('entities');
        const lists = { people, teams, needs, links } as const;
        for (const kind of ENTITY_KINDS) {
          lists[kind].forEach((value, ordinal) => {
            const id = ('id' in value && typeof value.id === 'string' && value.id) || `#${ordinal}`;
            void target.put({ kind, layer: LOCAL_LAYER, id, ordinal, value });
          });
        }
        void tx.objectStore('layers').put({ layer: LOCAL_LAYER, updatedAt: importedAt, ...document });
        void tx.objectStore('state').put({ key: 'revision', value: revision });
      }
      for (const old of ['meta', ...ENTITY_KINDS] as const) if (has(old)) db.deleteObjectStore(old);
    },
  },
  {
    version: 4,
    name: 'create shared-source state store',
    run(db) {
      db.createObjectStore('sources', { keyPath: 'id' });
    },
  },
  {
    version: 5,
    name: 'store each layer in hashed buckets with a resolve snapshot',
    async run(db, tx) {
      db.createObjectStore('buckets', { keyPath: ['layer', 'kind', 'n'] });
      db.createObjectStore('lookups', { keyPath: ['layer', 'n'] });
      db.createObjectStore('layouts', { keyPath: 'layer' });
      if (!db.objectStoreNames.contains('entities')) return;
      const [records, layers] = await Promise.all([
        tx.objectStore('entities').getAll(),
        db.objectStoreNames.contains('layers') ? tx.objectStore('layers').getAllKeys() : Promise.resolve([]),
      ]);
      // Moved as they are, in their order, without judging them: reads validate. The resolve
      // snapshot is left to be built from the first validated read (its layout says it is missing).
      const byLayer = new Map<string, Record<EntityKind, EntityRecord[]>>();
      for (const layer of layers) byLayer.set(layer, { people: [], teams: [], needs: [], links: [] });
      for (const record of records) {
        if (!(ENTITY_KINDS as readonly string[]).includes(record.kind) || typeof record.layer !== 'string')
          continue;
        let lists = byLayer.get(record.layer);
        if (!lists) {
          lists = { people: [], teams: [], needs: [], links: [] };
          byLayer.set(record.layer, lists);
        }
        lists[record.kind].push(record);
      }
      for (const [layer, lists] of byLayer) {
        const ordered = (kind: EntityKind) =>
          lists[kind].sort((a, b) => Number(a.ordinal) - Number(b.ordinal)).map((record) => record.value);
        const cut = layerRecords(layer, {
          people: ordered('people'),
          teams: ordered('teams'),
          needs: ordered('needs'),
          links: ordered('links'),
        });
        for (const bucket of cut.buckets) void tx.objectStore('buckets').put(bucket);
        void tx.objectStore('layouts').put(cut.layout);
      }
      db.deleteObjectStore('entities');
    },
  },
  {
    version: 6,
    name: 'convert the records of the first version-5 layout',
    async run(_db, tx) {
      // 629a4ef stored buckets and snapshot buckets in another shape under the same version 5, so
      // a version-5 database may hold either; records already in today's shape are left as they are.
      for (
        let cursor = await tx.objectStore('buckets').openCursor();
        cursor;
        cursor = await cursor.continue()
      ) {
        const converted = convertFirstBucket(cursor.value);
        if (converted) void cursor.update(converted);
      }
      const unsnapshotted = new Set<string>();
      for (
        let cursor = await tx.objectStore('lookups').openCursor();
        cursor;
        cursor = await cursor.continue()
      ) {
        const converted = convertFirstLookup(cursor.value);
        if (converted === 'drop') {
          unsnapshotted.add(String((cursor.value as { layer?: unknown }).layer));
          void cursor.delete();
        } else if (converted) void cursor.update(converted);
      }
      // A layer whose snapshot could not be converted gets it rebuilt after its first validated read.
      for (const layer of unsnapshotted) {
        const layout = await tx.objectStore('layouts').get(layer);
        if (layout) void tx.objectStore('layouts').put({ ...layout, lookups: null });
      }
    },
  },
  {
    version: 7,
    // A new record type in the settings store (CharterHeadRecord): nothing to convert. The record
    // is written after the catalog's next load and read only when it is for the current revision.
    name: "keep the popup's first charter links beside the settings",
    run() {},
  },
];

export interface OpenOptions {
  name?: string;
  version?: number;
  /** Another context holds an older version open; the caller tells the user to close it. */
  onBlocked?: () => void;
  /** The connection is gone (closed for a newer version, or by the browser): open again next time. */
  onClosed?: () => void;
}

export async function openTandemDb(options: OpenOptions = {}): Promise<TandemDb> {
  const version = options.version ?? DB_VERSION;
  const db: TandemDb = await openDB<TandemDbSchema>(options.name ?? DB_NAME, version, {
    async upgrade(upgrading, oldVersion, newVersion, tx) {
      for (const step of UPGRADE_STEPS) {
        if (step.version > oldVersion && step.version <= (newVersion ?? version))
          await step.run(upgrading, tx);
      }
    },
    blocked: () => options.onBlocked?.(),
    // A newer version elsewhere (an extension update in another context) waits for this one to go.
    blocking: () => {
      db.close();
      options.onClosed?.();
    },
    // The browser closed the connection (storage cleared, disk error): the next request opens again.
    terminated: () => options.onClosed?.(),
  });
  return db;
}
