/**
 * `npm run schema`: regenerates schema/catalog-v1.schema.json from the zod schema. Run it after any
 * change to utils/catalog/schema.ts; tests/catalog/json-schema.test.ts fails until you do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOG_SCHEMA_PATH, catalogJsonSchemaText } from '../utils/catalog/json-schema';

// Relative imports (not `@/`) and a root found from this file, so the script runs from any directory.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, CATALOG_SCHEMA_PATH);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, catalogJsonSchemaText());
console.info(`wrote ${CATALOG_SCHEMA_PATH}`);
