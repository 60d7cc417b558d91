/**
 * The user's settings, stored in IndexedDB by the background. Versioned: a stored value of an older
 * `schemaVersion` is migrated step by step (migrate.ts) before it is parsed with this schema.
 */
import { z } from 'zod';
import { HOST_IDS } from '@/utils/catalog/view';
import { exactOrigin } from '@/utils/exact-origin';

export const SETTINGS_VERSION = 2;

/** A Jira Data Center site: an origin, `https:` or (on an intranet) `http:`. */
export const JiraDcOrigin = z.string().transform((value, context) => {
  // An address typed with a path (`https://jira.example.com/jira/`) keeps its origin; the port stays.
  const exact = exactOrigin(value, { allowHttp: true, allowPath: true });
  if (exact.ok) return exact.origin;
  context.issues.push({
    code: 'custom',
    input: value,
    message: `must be a site address such as https://jira.example.com: it ${exact.reason}`,
  });
  return z.NEVER;
});

/** How many teams one person may lead before the outcomes page flags it, unless changed. */
export const DEFAULT_MAX_TEAMS_PER_LEAD = 3;

export const PanelLayout = z.enum(['docked', 'floating']);

export const PanelPrefs = z.object({
  layout: PanelLayout.optional(),
  collapsed: z.boolean().optional(),
});

/** What a shared source holds: a Tandem catalog file, or a Backstage software catalog. */
export const SOURCE_KINDS = ['catalog', 'backstage'] as const;
/** How often a shared source is checked, in minutes: at least, at most (a week) and by default. */
export const REFRESH_MINUTES = { min: 5, max: 7 * 24 * 60, default: 60 } as const;

/** A shared catalog the background keeps fresh (docs/admin.md, docs/backstage.md). */
export const Source = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'must be 1 to 40 characters from a-z 0-9 -' }),
  url: z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
        // One exact origin: no wildcard, no user info (docs/security.md).
        if (!exactOrigin(value, { allowPath: true, allowHttp: loopback }).ok) return false;
        return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
      } catch {
        return false;
      }
    },
    {
      error:
        'must be an https:// URL (http:// only for localhost or 127.0.0.1), with no * wildcard or user name',
    },
  ),
  kind: z.enum(SOURCE_KINDS).default('catalog'),
  refreshMinutes: z
    .number()
    .int()
    .min(REFRESH_MINUTES.min, { error: `must be ${REFRESH_MINUTES.min} minutes or more` })
    .max(REFRESH_MINUTES.max)
    .default(REFRESH_MINUTES.default),
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
  /** The outcomes page flags a person who leads more teams than this. */
  maxTeamsPerLead: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be 1 or more' })
    .max(1000, { error: 'must be at most 1000' })
    .default(DEFAULT_MAX_TEAMS_PER_LEAD),
  /** Shared catalogs, in priority order: the first wins on an id conflict. */
  sources: z.array(Source).default([]),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({ schemaVersion: SETTINGS_VERSION });
