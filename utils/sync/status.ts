/**
 * What Tandem remembers about each shared source between refreshes: the validators for the next
 * conditional request, the last result (ok, or the reason it failed) and the last change. Written
 * with `zod/mini` because the message protocol (which content scripts bundle) reuses these shapes.
 * Stored in IndexedDB (`sources` store) and parsed on every read like any other input.
 */
import * as z from 'zod/mini';

/** One person, team or need named in a "what changed" list. */
const DiffItem = z.object({ id: z.string(), label: z.string() });

/** Added, removed and changed entities of one kind; lists are capped, counts are not. */
const KindDiff = z.object({
  added: z.array(DiffItem),
  removed: z.array(DiffItem),
  changed: z.array(DiffItem),
  addedCount: z.number(),
  removedCount: z.number(),
  changedCount: z.number(),
});
export type KindDiff = z.infer<typeof KindDiff>;

export const CatalogDiff = z.object({
  /** The first catalog this source delivered: everything is "added". */
  initial: z.boolean(),
  people: KindDiff,
  teams: KindDiff,
  needs: KindDiff,
  /** Links have no required id: counted by content, not listed. */
  links: z.object({ added: z.number(), removed: z.number() }),
});
export type CatalogDiff = z.infer<typeof CatalogDiff>;

const Counts = z.object({ people: z.number(), teams: z.number(), needs: z.number(), links: z.number() });

export const RefreshResult = z.union([
  z.object({
    ok: z.literal(true),
    at: z.string(),
    /** `updated`: a new catalog was stored; `unchanged`: a 304, or the same content again. */
    change: z.enum(['updated', 'unchanged']),
    counts: Counts,
  }),
  z.object({
    ok: z.literal(false),
    at: z.string(),
    /** One sentence a person can act on, e.g. "HTTP 404 Not Found". */
    reason: z.string(),
    /** The first catalog rules broken, as `path: rule`, when the file was invalid. */
    errors: z.optional(z.array(z.string())),
  }),
]);
export type RefreshResult = z.infer<typeof RefreshResult>;

export const SourceState = z.object({
  id: z.string(),
  /** The URL and kind these validators belong to: a changed URL starts afresh. */
  url: z.string(),
  kind: z.enum(['catalog', 'backstage']),
  etag: z.optional(z.string()),
  lastModified: z.optional(z.string()),
  lastAttemptAt: z.optional(z.string()),
  /** The last refresh that got a good answer (a catalog or a 304). */
  lastSuccessAt: z.optional(z.string()),
  result: z.optional(RefreshResult),
  /** The last refresh that changed something, and what it changed. */
  lastChange: z.optional(z.object({ at: z.string(), diff: CatalogDiff })),
  /** What a Backstage source could not map (groups without leads, bad project keys). */
  notes: z.optional(z.array(z.string())),
});
export type SourceState = z.infer<typeof SourceState>;

/** What the options page and popup see of one source. */
export const SourceStatus = z.object({
  id: z.string(),
  url: z.string(),
  kind: z.enum(['catalog', 'backstage']),
  refreshMinutes: z.number(),
  /** Set by browser policy: shown, not editable. */
  locked: z.boolean(),
  /** The browser lets Tandem read the source's origin. */
  permission: z.boolean(),
  refreshing: z.boolean(),
  /** The catalog kept for this source (the last good one), if any. */
  stored: z.optional(z.object({ updatedAt: z.string(), counts: Counts, name: z.optional(z.string()) })),
  state: z.optional(SourceState),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export function parseSourceState(value: unknown): SourceState | null {
  const parsed = SourceState.safeParse(value);
  return parsed.success ? parsed.data : null;
}
