/**
 * Work-item statuses the background knows, per site and key, each with when it was learnt and how:
 * from its own read of the site (`read`), or reported by a Jira tab of the user's (`tab`). In
 * memory only: statuses are cheap to read again and say nothing worth keeping across restarts.
 */
import type { WorkStatus } from '@/utils/jira-status/search';

export interface CachedStatus {
  /** null: the site answered, and this key was not among the issues the user may see. */
  status: WorkStatus | null;
  at: number;
  from: 'read' | 'tab';
}

/** A read older than this is refreshed when a panel opens ("a few minutes"). */
export const FRESH_MS = 3 * 60_000;
/** Entries kept per site; the oldest go first. */
const MAX_PER_SITE = 2000;

export function createStatusCache() {
  const sites = new Map<string, Map<string, CachedStatus>>();
  const siteOf = (origin: string) => {
    let site = sites.get(origin);
    if (!site) {
      site = new Map();
      sites.set(origin, site);
    }
    return site;
  };
  return {
    get: (origin: string, key: string): CachedStatus | undefined => sites.get(origin)?.get(key),
    put(origin: string, key: string, entry: CachedStatus): void {
      const site = siteOf(origin);
      // A tab's report never replaces a newer read of the site itself.
      const old = site.get(key);
      if (entry.from === 'tab' && old?.from === 'read' && old.at >= entry.at) return;
      site.delete(key);
      site.set(key, entry);
      if (site.size > MAX_PER_SITE) site.delete(site.keys().next().value as string);
    },
    /** Every key's status category known on `origin` (the outcomes page's work-done flag). */
    categories(origin: string): Map<string, string> {
      const known = new Map<string, string>();
      for (const [key, entry] of sites.get(origin) ?? [])
        if (entry.status) known.set(key, entry.status.category);
      return known;
    },
    /** Keys whose site read is missing or older than `FRESH_MS` at `now`. */
    stale(origin: string, keys: readonly string[], now: number): string[] {
      return keys.filter((key) => {
        const entry = sites.get(origin)?.get(key);
        return entry?.from !== 'read' || now - entry.at > FRESH_MS;
      });
    },
  };
}

export type StatusCache = ReturnType<typeof createStatusCache>;
