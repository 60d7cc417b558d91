/**
 * `npm run storage:describe`: adds the description of the current database and settings versions
 * (utils/storage-format.ts) to schema/storage-formats.json. A version already described is never
 * changed: a new shape needs a new version number and an upgrade step (docs/storage.md). Only for a
 * version that has not landed on main yet, `-- --replace` rewrites its description.
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import {
  currentFormats,
  formatsText,
  STORAGE_FORMATS_PATH,
  type StorageFormats,
} from '../utils/storage-format';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, STORAGE_FORMATS_PATH);
const replace = process.argv.includes('--replace');

const committed: StorageFormats = existsSync(target)
  ? (JSON.parse(readFileSync(target, 'utf8')) as StorageFormats)
  : { database: {}, settings: {} };
const now = await currentFormats();
const refused: string[] = [];

function put<T>(section: Record<string, T>, version: number, value: T, what: string): void {
  const key = String(version);
  const old = section[key];
  if (old !== undefined && !isDeepStrictEqual(old, value) && !replace) {
    refused.push(`${what} ${version} is already described with another shape`);
    return;
  }
  section[key] = value;
}

put(committed.database, now.dbVersion, now.database, 'database version');
put(committed.settings, now.settingsVersion, now.settings, 'settings version');
if (refused.length > 0) {
  console.error(
    `${refused.join('; ')}. Raise the version (DB_VERSION in utils/catalog/db.ts with an upgrade step, ` +
      'or SETTINGS_VERSION in utils/settings/schema.ts with a migration) and run this again; ' +
      'see docs/storage.md. `-- --replace` is only for a version that never landed on main.',
  );
  process.exit(1);
}
writeFileSync(target, formatsText(committed));
console.info(`wrote ${STORAGE_FORMATS_PATH} (database ${now.dbVersion}, settings ${now.settingsVersion})`);
