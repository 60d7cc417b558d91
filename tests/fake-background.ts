/**
 * The real background services (catalog, entities, queries, exports, CSV rows, settings) over a
 * fresh fake-indexeddb database, behind an `Api` a component test can render against: what the
 * options page and popup send is answered exactly as in the browser, minus runtime messaging.
 */
import type { Api } from '@/components/Api/api';
import { createCatalogService } from '@/utils/background/catalog-service';
import { createEntityService } from '@/utils/background/entity-service';
import { createExportService } from '@/utils/background/export-service';
import { createLocalRowsService } from '@/utils/background/local-rows-service';
import { createOutcomesService } from '@/utils/background/outcomes-service';
import { createPlacementService } from '@/utils/background/placement-service';
import { createPrivacyService } from '@/utils/background/privacy-service';
import { createQueryService } from '@/utils/background/query-service';
import { createSalvageService } from '@/utils/background/salvage-service';
import { createSettingsService } from '@/utils/background/settings-service';
import { openTandemDb } from '@/utils/catalog/db';
import { replaceLayer } from '@/utils/catalog/repo';
import type { Catalog } from '@/utils/catalog/schema';
import type { Broadcast } from '@/utils/content-messages';
import type { AnyRequest, Handlers } from '@/utils/messages';

let n = 0;

/** The settings service's browser API: every permission granted, scripting that does nothing. */
export const fakeBrowserApi = {
  permissions: { contains: async () => true, remove: async () => true },
  scripting: {
    getRegisteredContentScripts: async () => [],
    registerContentScripts: async () => undefined,
    unregisterContentScripts: async () => undefined,
  },
} as never;

export async function fakeBackground(layers: Record<string, Catalog> = {}) {
  const name = `fake-background-${++n}`;
  const openDb = () => openTandemDb({ name });
  const db = await openDb();
  for (const [layer, catalog] of Object.entries(layers)) await replaceLayer(db, layer, catalog);
  db.close();

  const listeners = new Set<(message: Broadcast) => void>();
  const emit = (message: Broadcast) => {
    for (const listener of listeners) listener(message);
  };
  const sent: AnyRequest[] = [];
  const catalog = createCatalogService({
    openDb,
    notifyChanged: (revision) => emit({ type: 'catalog.changed', revision }),
  });
  const settings = createSettingsService({
    db: openDb,
    api: fakeBrowserApi,
    notifyChanged: () => emit({ type: 'settings.changed' }),
  });
  const handlers: Partial<Handlers> = {
    ...catalog.handlers,
    ...createEntityService({
      openDb,
      loaded: catalog.loaded,
      changed: catalog.changed,
      inTurn: catalog.inLocalTurn,
    }).handlers,
    ...createQueryService({
      loaded: catalog.loaded,
      teamList: catalog.teamList,
      warm: catalog.warm,
      inMemory: catalog.inMemory,
      pinnedTeams: async () => (await settings.current()).pinnedTeams,
    }).handlers,
    ...createExportService({ loaded: catalog.loaded, now: () => new Date('2026-11-20T10:00:00Z') }).handlers,
    ...createLocalRowsService({
      openDb,
      loaded: catalog.loaded,
      changed: catalog.changed,
      inTurn: catalog.inLocalTurn,
    }).handlers,
    ...createPrivacyService({ openDb, loaded: catalog.loaded, settings: settings.current }).handlers,
    ...createSalvageService({ openDb, now: () => new Date('2026-11-20T10:00:00Z') }).handlers,
    ...createPlacementService({ openDb }).handlers,
    ...settings.handlers,
    ...createOutcomesService({
      loaded: catalog.loaded,
      settings: settings.current,
      now: () => new Date('2026-11-20T10:00:00Z'),
    }).handlers,
  };
  const api: Api = {
    async send(request) {
      sent.push(request);
      const handler = handlers[request.type] as ((request: AnyRequest) => Promise<never>) | undefined;
      if (!handler) throw new Error(`no handler for ${request.type} in this test`);
      return handler(request);
    },
    onBroadcast(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
  };
  return { api, handlers, sent, emit, catalog, settings, openDb };
}
