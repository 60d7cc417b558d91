/**
 * The storage format guard (docs/storage.md): what the code stores must match, version for version,
 * the committed description (schema/storage-formats.json), and a fixture database of every version
 * that ever landed, the current one included, must be there and read. A record shape changed under
 * the same DB_VERSION or SETTINGS_VERSION fails here, before it can reach a user's database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_VERSION } from '@/utils/catalog/db';
import { migrateSettings } from '@/utils/settings/migrate';
import { SETTINGS_VERSION, Settings } from '@/utils/settings/schema';
import {
  currentFormats,
  STORAGE_FORMATS_PATH,
  STORED_RECORDS,
  type StorageFormats,
} from '@/utils/storage-format';

const FIXTURES = path.resolve(__dirname, '../fixtures/idb');
const committed = JSON.parse(readFileSync(STORAGE_FORMATS_PATH, 'utf8')) as StorageFormats;

const HOW =
  'A stored record shape may change only with a new version: raise DB_VERSION (utils/catalog/db.ts) ' +
  'and add an upgrade step, or SETTINGS_VERSION (utils/settings/schema.ts) and a migration; then ' +
  'write the fixture and run `npm run storage:describe` (docs/storage.md).';

interface FixtureStore {
  name: string;
  keyPath?: string | string[];
  autoIncrement?: boolean;
  indexes?: { name: string; keyPath: string | string[] }[];
  records: unknown[];
}

const fixtures = readdirSync(FIXTURES)
  .map((file) => ({ file, match: /^v(\d+)(?:-[\w]+)?\.json$/.exec(file) }))
  .filter((entry) => entry.match !== null)
  .map(({ file, match }) => ({
    file,
    version: Number(match?.[1]),
    dump: JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as {
      version: number;
      stores: FixtureStore[];
    },
  }));

describe('the storage format guard', () => {
  it(`describes the database as committed for version ${DB_VERSION}`, async () => {
    const now = await currentFormats();
    const described = committed.database[String(DB_VERSION)];
    expect(described, `${STORAGE_FORMATS_PATH} has no database version ${DB_VERSION}. ${HOW}`).toBeDefined();
    for (const [store, format] of Object.entries(now.database.stores)) {
      expect(
        format,
        `store "${store}" is not what database version ${DB_VERSION} stores (${STORAGE_FORMATS_PATH}). ${HOW}`,
      ).toEqual(described?.stores[store]);
    }
    expect(Object.keys(now.database.stores), `the stores of database version ${DB_VERSION}. ${HOW}`).toEqual(
      Object.keys(described?.stores ?? {}),
    );
  });

  it('has a record schema for every store', async () => {
    const { database } = await currentFormats();
    expect(Object.keys(database.stores).sort()).toEqual(Object.keys(STORED_RECORDS).sort());
  });

  it(`describes the settings as committed for settings version ${SETTINGS_VERSION}`, async () => {
    const now = await currentFormats();
    const described = committed.settings[String(SETTINGS_VERSION)];
    expect(
      described,
      `${STORAGE_FORMATS_PATH} has no settings version ${SETTINGS_VERSION}. ${HOW}`,
    ).toBeDefined();
    expect(
      now.settings,
      `the settings are not what settings version ${SETTINGS_VERSION} stores. ${HOW}`,
    ).toEqual(described);
  });

  it('describes no version newer than the code', () => {
    for (const version of Object.keys(committed.database))
      expect(Number(version)).toBeLessThanOrEqual(DB_VERSION);
    for (const version of Object.keys(committed.settings))
      expect(Number(version)).toBeLessThanOrEqual(SETTINGS_VERSION);
  });

  it('has a fixture database of every version that landed, the current one included', () => {
    const versions = [...new Set(fixtures.map((fixture) => fixture.version))].sort((a, b) => a - b);
    expect(versions, `tests/fixtures/idb needs v${DB_VERSION}.json (docs/storage.md)`).toEqual(
      Array.from({ length: DB_VERSION }, (_, i) => i + 1),
    );
    for (const { file, version, dump } of fixtures) expect(dump.version, file).toBe(version);
    // The first version-5 layout (629a4ef) landed with the same number as the one after it.
    expect(fixtures.map((fixture) => fixture.file)).toContain('v5-629a4ef.json');
  });

  for (const { file, version, dump } of fixtures) {
    const described = committed.database[String(version)];
    if (!described) continue;
    it(`${file}: has the stores of database version ${version}, and every record reads with today's schemas`, () => {
      expect(dump.stores.map((store) => store.name).sort()).toEqual(Object.keys(described.stores).sort());
      for (const store of dump.stores) {
        const format = described.stores[store.name];
        expect(store.keyPath ?? null, `${file} ${store.name} keyPath`).toEqual(format?.keyPath);
        expect(Boolean(store.autoIncrement), `${file} ${store.name} autoIncrement`).toBe(
          format?.autoIncrement,
        );
        expect(
          Object.fromEntries((store.indexes ?? []).map((index) => [index.name, index.keyPath])),
          `${file} ${store.name} indexes`,
        ).toEqual(
          Object.fromEntries(
            Object.entries(format?.indexes ?? {}).map(([name, index]) => [name, index.keyPath]),
          ),
        );
        if (version !== DB_VERSION) continue;
        const schema = STORED_RECORDS[store.name];
        if (!schema) throw new Error(`no schema for ${store.name}`);
        for (const [i, record] of store.records.entries()) {
          const parsed = (
            schema as unknown as { safeParse(value: unknown): { success: boolean; error?: unknown } }
          ).safeParse(record);
          expect(parsed.success, `${file} ${store.name}[${i}]: ${JSON.stringify(parsed.error)}`).toBe(true);
        }
      }
    });
  }

  it("reads the settings of every fixture with today's settings schema, after migration", () => {
    const seen = new Set<number>();
    for (const { file, dump } of fixtures) {
      for (const record of dump.stores.find((store) => store.name === 'settings')?.records ?? []) {
        const { key, schemaVersion, value } = record as {
          key: string;
          schemaVersion: number;
          value: unknown;
        };
        if (key !== 'settings') continue; // the records kept beside it (policy, charter-head) have their own shapes
        seen.add(schemaVersion);
        const parsed = Settings.safeParse(migrateSettings(value));
        expect(parsed.success, `${file}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      }
    }
    expect([...seen].sort(), 'a fixture holds settings of every settings version').toEqual(
      Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1),
    );
  });
});
