/**
 * The user's settings, stored in IndexedDB by the background. Versioned: a stored value of an older
 * `schemaVersion` is migrated step by step (migrate.ts) before it is used.
 */
import { z } from 'zod';
import { HOST_IDS } from '../catalog/view';
import { siteOrigin } from './origin';

export const SETTINGS_VERSION = 1;

/** A Jira Data Center site: an origin, `https:` or (on an intranet) `http:`. */
export const JiraDcOrigin = z
  .string()
  .refine((value) => siteOrigin(value) !== null, {
    error: 'must be a site address such as https://jira.example.com',
  })
  .transform((value) => siteOrigin(value) ?? value);

export const Settings = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  /** Hosts switched off by the user; everything else is on. */
  disabledHosts: z.array(z.enum(HOST_IDS)).default([]),
  jiraDcOrigins: z.array(JiraDcOrigin).default([]),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: SETTINGS_VERSION,
  disabledHosts: [],
  jiraDcOrigins: [],
};
