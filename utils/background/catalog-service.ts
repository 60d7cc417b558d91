/**
 * The background's catalog: IndexedDB as the durable copy (in layers), the merged catalog and its
 * resolve index in memory, rebuilt whenever the stored revision changes, and the message handlers
 * that read and write them.
 */
import { LOCAL_LAYER, type TandemDb } from '../catalog/db';
import { type Conflict, mergeLayers } from '../catalog/merge';
import { countsOf, readLayers, replaceLayer, type StoredLayer } from '../catalog/repo';
import { resolveRecord } from '../catalog/resolve';
import { buildResolveIndex, type ResolveIndex } from '../catalog/resolve-index';
import type { Catalog } from '../catalog/schema';
import { type CatalogError, crossReferenceIssues, formatError, parseCatalogText } from '../catalog/validate';
import type { RecordRef, ResolvedContext } from '../catalog/view';
import type { CatalogSummary, Handlers } from '../messages';

export interface LoadedCatalog {
  revision: number;
  layers: StoredLayer[];
  catalog: Catalog;
  index: ResolveIndex;
  layerOf: ReturnType<typeof mergeLayers>['layerOf'];
  conflicts: Conflict[];
  /** References that do not resolve across layers (a source dropped a team a local need names). */
  warnings: CatalogError[];
  summary: CatalogSummary;
}

export interface CatalogServiceOptions {
  openDb: () => Promise<TandemDb>;
  /** Tells open tabs and pages that what they show may have changed. */
  notifyChanged?: (revision: number) => void;
  /** Shared source layers in the order the user listed them; the local layer always comes last. */
  sourceOrder?: () => Promise<string[]>;
  now?: () => Date;
}

export class DamagedCatalogError extends Error {
  override name = 'DamagedCatalogError';
}

export function orderLayers(layers: StoredLayer[], sourceOrder: readonly string[]): StoredLayer[] {
  const rank = (layer: string) => {
    if (layer === LOCAL_LAYER) return Number.MAX_SAFE_INTEGER;
    const index = sourceOrder.indexOf(layer);
    return index === -1 ? Number.MAX_SAFE_INTEGER - 1 : index;
  };
  return [...layers].sort((a, b) => rank(a.meta.layer) - rank(b.meta.layer));
}

export function createCatalogService(options: CatalogServiceOptions) {
  // One load at a time: concurrent resolves during start-up share it.
  let loading: Promise<LoadedCatalog | null> | undefined;

  async function load(): Promise<LoadedCatalog | null> {
    const result = await readLayers(await options.openDb());
    if (!result.ok) {
      throw new DamagedCatalogError(
        `The stored catalog is damaged (${result.layer}: ${result.errors.slice(0, 3).map(formatError).join('; ')}); import it again.`,
      );
    }
    if (result.layers.length === 0) return null;
    const layers = orderLayers(result.layers, (await options.sourceOrder?.()) ?? []);
    const merged = mergeLayers(layers.map(({ meta, catalog }) => ({ layer: meta.layer, catalog })));
    const { catalog } = merged;
    const local = layers.find((layer) => layer.meta.layer === LOCAL_LAYER);
    return {
      revision: result.revision,
      layers,
      catalog,
      index: buildResolveIndex(catalog),
      layerOf: merged.layerOf,
      conflicts: merged.conflicts,
      warnings: crossReferenceIssues(catalog),
      summary: {
        revision: result.revision,
        importedAt: local?.meta.updatedAt ?? layers[0]?.meta.updatedAt ?? '',
        name: catalog.name,
        generatedAt: catalog.generatedAt,
        counts: countsOf(catalog),
        people: catalog.people.map(({ id, name, title }) => ({ id, name, title })),
        teams: catalog.teams.map(({ id, name, approach }) => ({ id, name, approach })),
        needs: catalog.needs.map(({ id, title, status }) => ({ id, title, status })),
      },
    };
  }

  function loaded(): Promise<LoadedCatalog | null> {
    loading ??= load().catch((error: unknown) => {
      loading = undefined; // try again on the next request rather than caching a failure
      throw error;
    });
    return loading;
  }

  /** Forget the in-memory copy after a write; the next request rebuilds it. */
  function changed(revision: number): void {
    loading = undefined;
    options.notifyChanged?.(revision);
  }

  async function resolve(record: RecordRef): Promise<{ revision: number; context: ResolvedContext }> {
    const current = await loaded();
    if (!current) return { revision: 0, context: { needs: [], team: null, noCatalog: true } };
    return { revision: current.revision, context: resolveRecord(current.index, record) };
  }

  /** Validates a file for the local layer: its own rules, its references against the other layers. */
  async function validateLocal(
    text: string,
  ): Promise<{ ok: true; catalog: Catalog } | { ok: false; errors: CatalogError[] }> {
    const parsed = parseCatalogText(text, { crossReferences: false });
    if (!parsed.ok) return parsed;
    const others = ((await loaded())?.layers ?? []).filter((layer) => layer.meta.layer !== LOCAL_LAYER);
    const ids = (pick: (catalog: Catalog) => { id: string }[]) =>
      new Set(others.flatMap((layer) => pick(layer.catalog).map((item) => item.id)));
    const errors = crossReferenceIssues(parsed.catalog, {
      people: ids((catalog) => catalog.people),
      teams: ids((catalog) => catalog.teams),
      needs: ids((catalog) => catalog.needs),
    });
    return errors.length > 0 ? { ok: false, errors } : parsed;
  }

  const handlers: Pick<Handlers, 'resolve' | 'catalog.import' | 'catalog.summary'> = {
    async resolve(request) {
      return { ok: true, ...(await resolve(request.record)) };
    },
    async 'catalog.import'(request) {
      const parsed = await validateLocal(request.text);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const revision = await replaceLayer(
        await options.openDb(),
        LOCAL_LAYER,
        parsed.catalog,
        options.now?.(),
      );
      changed(revision);
      return { ok: true, counts: countsOf(parsed.catalog), name: parsed.catalog.name };
    },
    async 'catalog.summary'() {
      try {
        return { ok: true, summary: (await loaded())?.summary ?? null };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };

  return { handlers, resolve, loaded, changed };
}
