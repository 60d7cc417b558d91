/**
 * Wires the background: the catalog service behind the message router. Everything the other
 * surfaces know comes through here.
 */
import type { browser as Browser } from 'wxt/browser';
import { openTandemDb } from '../catalog/db';
import { log } from '../log';
import { broadcast, handleMessages } from '../messages';
import { createCatalogService } from './catalog-service';

export function startBackground(browser: typeof Browser) {
  const service = createCatalogService({
    openDb: () =>
      openTandemDb({
        onBlocked: () => log.warn('background', 'database upgrade waits for another Tandem page to close'),
      }),
    notifyChanged: (revision) => void broadcast({ type: 'catalog.changed', revision }),
  });
  handleMessages(
    {
      ...service.handlers,
      async 'options.open'() {
        await browser.runtime.openOptionsPage();
        return { ok: true };
      },
    },
    (reason) => log.warn('background', `refused a message: ${reason}`),
  );
  return service;
}
