/**
 * The schema Chrome reads browser policy with (public/managed_schema.json, `storage.managed`),
 * written from the code: the keys policy.ts reads, the host ids of the host list, the source kinds
 * and refresh bounds of the settings schema. `npm run schema` writes the file;
 * tests/sync/policy.test.ts fails while it differs from what this gives.
 *
 * Chrome's rules shape it: every node has exactly one `type`, and the top level has no
 * `additionalProperties`. Firefox reads the same keys from `policies.json` without a schema.
 */
import { HOST_IDS } from '@/utils/hosts/host-ids';
import { REFRESH_MINUTES, SOURCE_KINDS } from '@/utils/settings/schema';
import { MANAGED_KEYS, type ManagedKey } from '@/utils/sync/policy';

export const MANAGED_SCHEMA_PATH = 'public/managed_schema.json';

const PROPERTIES: Record<ManagedKey, Record<string, unknown>> = {
  sources: {
    title: 'Shared catalog sources',
    description:
      "Catalogs every browser follows, in priority order (the first listed wins when two define the same id). Replaces the user's own list, which then shows as set by the administrator. See docs/admin.md.",
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: {
          title: 'Source id',
          description: "1 to 40 characters from a-z 0-9 -. Optional: made from the URL's host when left out.",
          type: 'string',
        },
        url: {
          title: 'Catalog URL',
          description:
            'An https:// URL of a Tandem catalog file, or of a Backstage instance when kind is backstage (http:// only for localhost or 127.0.0.1).',
          type: 'string',
        },
        kind: {
          title: 'Kind',
          description:
            'catalog (a Tandem catalog file, the default) or backstage (a Backstage software catalog).',
          type: 'string',
          enum: [...SOURCE_KINDS],
        },
        refreshMinutes: {
          title: 'Refresh interval in minutes',
          description: `How often the catalog is checked; an unchanged file costs one 304. Default ${REFRESH_MINUTES.default}.`,
          type: 'integer',
          minimum: REFRESH_MINUTES.min,
          maximum: REFRESH_MINUTES.max,
        },
      },
    },
  },
  disabledHosts: {
    title: 'Hosts where Tandem stays off',
    description: "Host ids on which Tandem shows no panel. Replaces the user's choice.",
    type: 'array',
    items: { type: 'string', enum: [...HOST_IDS] },
  },
  jiraDcOrigins: {
    title: 'Jira Data Center sites',
    description:
      "Origins of Jira Data Center or Server sites, e.g. https://jira.example.com. Replaces the user's list; each user still allows each origin once in the options page.",
    type: 'array',
    items: { type: 'string' },
  },
};

export function managedSchema(): Record<string, unknown> {
  return {
    type: 'object',
    properties: Object.fromEntries(MANAGED_KEYS.map((key) => [key, PROPERTIES[key]])),
  };
}

/** The file's exact text: 2-space indent and a trailing newline, as committed. */
export function managedSchemaText(): string {
  return `${JSON.stringify(managedSchema(), null, 2)}\n`;
}
