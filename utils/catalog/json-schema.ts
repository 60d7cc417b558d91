/**
 * The catalog's JSON Schema, generated from the zod schema so the two cannot drift apart. The
 * committed copy (schema/catalog-v1.schema.json) is what editors and other producers use; a test
 * fails when it is stale.
 *
 * The JSON Schema describes what a producer writes (`io: 'input'`: defaults are optional, keys are
 * taken before upper-casing). It is looser than `parseCatalog`: refinements (https-only URLs,
 * calendar dates, Jira key syntax, "exactly one of" rules) and the cross-reference checks have no
 * JSON Schema form and are left out rather than approximated.
 */
import { z } from 'zod';
import { CATALOG_FORMAT, CATALOG_VERSION, CatalogShape } from '@/utils/catalog/schema';

export const CATALOG_SCHEMA_PATH = 'schema/catalog-v1.schema.json';
/** No public host serves the schema yet; `.invalid` says so instead of pointing at a guess. */
export const CATALOG_SCHEMA_ID = 'https://tandem.invalid/schema/catalog-v1.schema.json';

export function catalogJsonSchema(): Record<string, unknown> {
  // `unrepresentable: 'any'` turns anything without a JSON Schema form into `{}` instead of throwing,
  // so a future transform in schema.ts cannot break `npm run schema`.
  const { $schema, ...rest } = z.toJSONSchema(CatalogShape, { io: 'input', unrepresentable: 'any' });
  return {
    $schema,
    $id: CATALOG_SCHEMA_ID,
    title: `Tandem catalog, format "${CATALOG_FORMAT}" version ${CATALOG_VERSION}`,
    description:
      'People, cross-functional teams, customer needs and the links that tie them to Jira issues and CRM records. ' +
      'Validate with `npm run catalog:check -- FILE` for the rules this schema cannot express.',
    ...rest,
  };
}

/** The file's exact text: 2-space indent and a trailing newline, as committed. */
export function catalogJsonSchemaText(): string {
  return `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
}
