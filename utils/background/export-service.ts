/**
 * Exports, built where the catalog is: the whole merged catalog or only the local layer (the
 * edits made in this browser, as a catalog document of their own that a catalog owner can merge),
 * as JSON, or people, needs or links as CSV.
 */

import type { LoadedCatalog } from '@/utils/background/catalog-service';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import type { Catalog } from '@/utils/catalog/schema';
import { toCsv } from '@/utils/csv/export';
import type { Handlers } from '@/utils/messages';

const EMPTY: Catalog = { format: 'tandem.catalog', version: 1, people: [], teams: [], needs: [], links: [] };

export interface ExportServiceOptions {
  loaded: () => Promise<LoadedCatalog | null>;
  now?: () => Date;
}

export function createExportService({ loaded, now = () => new Date() }: ExportServiceOptions) {
  const handlers: Pick<Handlers, 'catalog.export'> = {
    async 'catalog.export'({ scope, format, kind }) {
      const current = await loaded();
      const local = current?.layers.find((layer) => layer.meta.layer === LOCAL_LAYER)?.catalog;
      const catalog: Catalog =
        scope === 'local'
          ? { ...(local ?? EMPTY), generatedAt: now().toISOString() }
          : (current?.catalog ?? EMPTY);
      const day = now().toISOString().slice(0, 10);
      const stem = scope === 'local' ? 'tandem-local-edits' : 'tandem-catalog';
      if (format === 'csv') {
        if (!kind) return { ok: false, error: 'a CSV export names people, needs or links' };
        return {
          ok: true,
          fileName: `${stem}-${kind}-${day}.csv`,
          mime: 'text/csv',
          text: toCsv(kind, catalog[kind] as unknown as Record<string, unknown>[]),
        };
      }
      return {
        ok: true,
        fileName: `${stem}-${day}.json`,
        mime: 'application/json',
        text: `${JSON.stringify(catalog, null, 2)}\n`,
      };
    },
  };
  return { handlers };
}
