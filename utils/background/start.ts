/**
 * Wires the background: the catalog and settings services behind the message router. Everything
 * the other surfaces know comes through here.
 */
import type { browser as Browser } from 'wxt/browser';
import { createCatalogService } from '@/utils/background/catalog-service';
import { installCommands } from '@/utils/background/commands';
import { createEntityService } from '@/utils/background/entity-service';
import { createExportService } from '@/utils/background/export-service';
import { createLocalRowsService } from '@/utils/background/local-rows-service';
import { createPrivacyService } from '@/utils/background/privacy-service';
import { createQueryService } from '@/utils/background/query-service';
import { createSearchService } from '@/utils/background/search-service';
import { createSettingsService } from '@/utils/background/settings-service';
import { createSourcesService } from '@/utils/background/sources-service';
import { openTandemDb, type TandemDb } from '@/utils/catalog/db';
import { log } from '@/utils/log';
import { broadcast, handleMessages } from '@/utils/messages';
import { sourceLayer } from '@/utils/sync/source-id';

/**
 * The longest a request waits for a database upgrade that another page holds up before it is
 * answered why: long enough for an older Tandem page to close on `versionchange` by itself, or
 * for the upgrade to finish once the holder has gone.
 */
export const BLOCKED_UPGRADE_GRACE_MS = 1000;

/** What a page is told while a database upgrade waits for another Tandem page to close. */
export const UPGRADE_BLOCKED =
  'Tandem is being updated: close other Tandem pages to finish the update (an older options page or popup is still open), then try again';

export function startBackground(browser: typeof Browser) {
  let db: Promise<TandemDb> | undefined;
  let isOpen = false;
  /** Settles once the open is blocked by a page holding the old version. */
  let blocked: Promise<void> = Promise.resolve();
  let refusedAny = false;
  /**
   * The database, opened (and upgraded) once. While another page holds the old version open, a
   * request waits up to `BLOCKED_UPGRADE_GRACE_MS`, then is refused with `UPGRADE_BLOCKED` (pages
   * see it as the answer's `error`). The open itself keeps waiting; once it goes through, every
   * request works as before, and what start-up could not do meanwhile runs again.
   */
  const openDb = (): Promise<TandemDb> => {
    if (!db) {
      let onBlocked: () => void = () => undefined;
      blocked = new Promise((resolve) => {
        onBlocked = resolve;
      });
      db = openTandemDb({
        onBlocked: () => {
          log.warn('background', 'database upgrade waits for another Tandem page to close');
          onBlocked();
        },
      });
      db.then(
        () => {
          isOpen = true;
          if (!refusedAny) return;
          void sync();
          void sources.reconcile().catch((error: unknown) => log.failure('sources', error));
        },
        () => undefined, // each caller sees the failure
      );
    }
    const opening = db;
    if (isOpen) return opening;
    return new Promise<TandemDb>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      void blocked.then(() => {
        if (settled) return;
        timer = setTimeout(() => {
          settled = true;
          refusedAny = true;
          reject(new Error(UPGRADE_BLOCKED));
        }, BLOCKED_UPGRADE_GRACE_MS);
      });
      opening.then(
        (value) => {
          settled = true;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          settled = true;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  };
  const catalog = createCatalogService({
    openDb,
    notifyChanged: (revision) => void broadcast({ type: 'catalog.changed', revision }),
    // Shared sources merge in the order the settings list them: the first wins on an id conflict.
    sourceOrder: async () => (await settings.current()).sources.map((source) => sourceLayer(source.id)),
  });
  const settings = createSettingsService({
    db: openDb,
    api: browser,
    // Browser policy (docs/admin.md); Firefox rejects when no policies.json names Tandem, which means none.
    managed: () => browser.storage.managed.get(),
    notifyChanged: () => {
      void broadcast({ type: 'settings.changed' });
      void sources.reconcile().catch((error: unknown) => log.failure('sources', error));
    },
  });
  const entities = createEntityService({
    openDb,
    loaded: catalog.loaded,
    changed: catalog.changed,
    inTurn: catalog.inLocalTurn,
  });
  // The options page and the popup: table pages, search, exports, CSV rows, the privacy report.
  const queries = createQueryService(catalog.loaded);
  const exports = createExportService({ loaded: catalog.loaded });
  const localRows = createLocalRowsService({
    openDb,
    loaded: catalog.loaded,
    changed: catalog.changed,
    inTurn: catalog.inLocalTurn,
  });
  const privacy = createPrivacyService({ openDb, loaded: catalog.loaded, settings: settings.current });
  const search = createSearchService(catalog.loaded);
  const sources = createSourcesService({
    openDb,
    settings,
    catalog,
    api: browser,
    notify: () => void broadcast({ type: 'sources.changed' }),
  });
  installCommands(browser);
  // Content scripts hold a port open to learn when the extension goes away (utils/page/run-host.ts).
  browser.runtime.onConnect.addListener(() => undefined);
  handleMessages(
    {
      ...catalog.handlers,
      ...entities.handlers,
      ...queries.handlers,
      ...exports.handlers,
      ...localRows.handlers,
      ...privacy.handlers,
      ...search.handlers,
      ...settings.handlers,
      ...sources.handlers,
      async 'options.open'() {
        await browser.runtime.openOptionsPage();
        return { ok: true };
      },
    },
    (reason) => log.warn('background', `refused a message: ${reason}`),
  );
  const sync = () => settings.syncScripts().catch((error: unknown) => log.failure('background', error));
  // A permission taken back in the browser's own settings must stop the script at once.
  browser.permissions.onRemoved.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  void sync();
  // Shared sources: one alarm each (alarms outlive the service worker), and policy changes at once.
  browser.alarms.onAlarm.addListener((alarm) => {
    void sources.onAlarm(alarm.name).catch((error: unknown) => log.failure('sources', error));
  });
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    void broadcast({ type: 'settings.changed' });
    void sync();
    void sources.reconcile().catch((error: unknown) => log.failure('sources', error));
  });
  void sources.reconcile().catch((error: unknown) => log.failure('sources', error));
  return { catalog, settings, sources };
}
