/**
 * Wires the background: the catalog and settings services behind the message router. Everything
 * the other surfaces know comes through here.
 */
import type { browser as Browser } from 'wxt/browser';
import { openTandemDb, type TandemDb } from '../catalog/db';
import { log } from '../log';
import { broadcast, handleMessages } from '../messages';
import { createCatalogService } from './catalog-service';
import { createEntityService } from './entity-service';
import { createSettingsService } from './settings-service';

export function startBackground(browser: typeof Browser) {
  let db: Promise<TandemDb> | undefined;
  const openDb = () => {
    db ??= openTandemDb({
      onBlocked: () => log.warn('background', 'database upgrade waits for another Tandem page to close'),
    });
    return db;
  };
  const catalog = createCatalogService({
    openDb,
    notifyChanged: (revision) => void broadcast({ type: 'catalog.changed', revision }),
  });
  const settings = createSettingsService({
    db: openDb,
    api: browser,
    notifyChanged: () => void broadcast({ type: 'settings.changed' }),
  });
  const entities = createEntityService({ openDb, loaded: catalog.loaded, changed: catalog.changed });
  handleMessages(
    {
      ...catalog.handlers,
      ...entities.handlers,
      ...settings.handlers,
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
  return { catalog, settings };
}
