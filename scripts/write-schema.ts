/**
 * `npm run schema`: regenerates schema/catalog-v1.schema.json from the zod schema, and
 * public/managed_schema.json (the browser-policy schema) from the settings and the host list. Run
 * it after a change to utils/catalog/schema.ts, utils/settings/schema.ts, utils/sync/policy.ts or
 * the host ids; tests/catalog/json-schema.test.ts and tests/sync/policy.test.ts fail until you do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG_SCHEMA_PATH, catalogJsonSchemaText } from '../utils/catalog/json-schema';
import { MANAGED_SCHEMA_PATH, managedSchemaText } from '../utils/sync/managed-schema';

// Relative imports (not `@/`) and a root found from this file, so the script runs from any directory.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const [path, text] of [
  [CATALOG_SCHEMA_PATH, catalogJsonSchemaText()],
  [MANAGED_SCHEMA_PATH, managedSchemaText()],
] as const) {
  const target = resolve(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.info(`wrote ${path}`);
}
