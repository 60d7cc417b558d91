/**
 * The facts behind the options page's privacy page, read from the live database and settings
 * rather than written by hand: every IndexedDB store with its record count, every catalog layer
 * with its counts, the Jira Data Center sites and the shared catalogs requests go to.
 */

import type { LoadedCatalog } from '@/utils/background/catalog-service';
import type { TandemDb } from '@/utils/catalog/db';
import { countsOf } from '@/utils/catalog/repo';
import type { Handlers } from '@/utils/messages';
import type { Settings } from '@/utils/settings/schema';

export interface PrivacyServiceOptions {
  openDb: () => Promise<TandemDb>;
  loaded: () => Promise<LoadedCatalog | null>;
  settings: () => Promise<Settings>;
}

export function createPrivacyService({ openDb, loaded, settings }: PrivacyServiceOptions) {
  const handlers: Pick<Handlers, 'privacy.report'> = {
    async 'privacy.report'() {
      const db = await openDb();
      const names = [...db.objectStoreNames];
      const counts = await Promise.all(names.map((name) => db.count(name)));
      const current = await loaded().catch(() => null);
      const { jiraDcOrigins, sources } = await settings();
      return {
        ok: true,
        report: {
          database: {
            name: db.name,
            version: db.version,
            stores: names.map((name, i) => ({ name, records: counts[i] ?? 0 })),
          },
          layers: (current?.layers ?? []).map(({ meta, catalog }) => ({
            layer: meta.layer,
            updatedAt: meta.updatedAt,
            counts: countsOf(catalog),
          })),
          jiraDcOrigins,
          // Status reads go to the first `sites.jira` origin only (work-status-service.ts).
          jiraStatusSites: current?.catalog.sites?.jira?.slice(0, 1) ?? [],
          sources: sources.map(({ id, url, kind, refreshMinutes }) => ({ id, url, kind, refreshMinutes })),
        },
      };
    },
  };
  return { handlers };
}
