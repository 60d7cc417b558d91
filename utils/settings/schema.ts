/**
 * The user's settings, stored in IndexedDB by the background. Versioned: a stored value of an older
 * `schemaVersion` is migrated step by step (migrate.ts) before it is parsed with this schema.
 */
import { z } from 'zod';
import { HOST_IDS } from '@/utils/catalog/view';
import { siteOrigin } from '@/utils/settings/origin';

export const SETTINGS_VERSION = 2;

/** A Jira Data Center site: an origin, `https:` or (on an intranet) `http:`. */
export const JiraDcOrigin = z
  .string()
  .refine((value) => siteOrigin(value) !== null, {
    error: 'must be a site address such as https://jira.example.com',
  })
  .transform((value) => siteOrigin(value) ?? value);

export const PanelLayout = z.enum(['docked', 'floating']);

export const PanelPrefs = z.object({
  layout: PanelLayout.optional(),
  collapsed: z.boolean().optional(),
});

/** A shared catalog the background keeps fresh (docs/admin.md, docs/backstage.md). */
export const Source = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'must be 1 to 40 characters from a-z 0-9 -' }),
  url: z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
        return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
      } catch {
        return false;
      }
    },
    { error: 'must be an https:// URL (http:// only for localhost or 127.0.0.1)' },
  ),
  kind: z.enum(['catalog', 'backstage']).default('catalog'),
  refreshMinutes: z
    .number()
    .int()
    .min(5, { error: 'must be 5 minutes or more' })
    .max(7 * 24 * 60)
    .default(60),
});
export type Source = z.infer<typeof Source>;

export const Settings = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  /** Hosts switched off by the user; everything else is on. */
  disabledHosts: z.array(z.enum(HOST_IDS)).default([]),
  jiraDcOrigins: z.array(JiraDcOrigin).default([]),
  /** How the panel starts on a host the user has not changed it on. */
  panel: z
    .object({ layout: PanelLayout.default('docked'), collapsed: z.boolean().default(false) })
    .default({ layout: 'docked', collapsed: false }),
  /** What the user chose on each host (docked/floating, collapsed), remembered per host. */
  panelByHost: z.partialRecord(z.enum(HOST_IDS), PanelPrefs).default({}),
  /** Team ids pinned to the top of the popup's charter links. */
  pinnedTeams: z.array(z.string().max(64)).default([]),
  /** Shared catalogs, in priority order: the first wins on an id conflict. */
  sources: z.array(Source).default([]),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({ schemaVersion: SETTINGS_VERSION });
