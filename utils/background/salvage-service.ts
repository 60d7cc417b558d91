/**
 * `catalog.salvage`: when the stored catalog is damaged, the options page offers to save what can
 * still be read of the local layer (the edits made in this browser, which no shared source can give
 * back) as a catalog file. Reads only (utils/catalog/salvage.ts).
 */
import { LOCAL_LAYER, type TandemDb } from '@/utils/catalog/db';
import { salvageLayer } from '@/utils/catalog/salvage';
import type { Handlers } from '@/utils/messages';

export interface SalvageServiceOptions {
  openDb: () => Promise<TandemDb>;
  now?: () => Date;
}

export function createSalvageService({ openDb, now = () => new Date() }: SalvageServiceOptions) {
  const handlers: Pick<Handlers, 'catalog.salvage'> = {
    async 'catalog.salvage'() {
      const salvaged = await salvageLayer(await openDb(), LOCAL_LAYER);
      return {
        ok: true,
        fileName: `tandem-local-readable-${now().toISOString().slice(0, 10)}.json`,
        mime: 'application/json',
        text: `${JSON.stringify(salvaged.document, null, 2)}\n`,
        kept: salvaged.kept,
        dropped: salvaged.droppedEntities + salvaged.droppedRecords,
      };
    },
  };
  return { handlers };
}
