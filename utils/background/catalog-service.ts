/**
 * The background's catalog: IndexedDB as the durable copy, an in-memory resolve index rebuilt
 * whenever the stored revision changes, and the message handlers that read and write them.
 */
import type { TandemDb } from '../catalog/db';
import { countsOf, readCatalog, replaceCatalog } from '../catalog/repo';
import { resolveRecord } from '../catalog/resolve';
import { buildResolveIndex, type ResolveIndex } from '../catalog/resolve-index';
import { formatError, parseCatalogText } from '../catalog/validate';
import type { RecordRef, ResolvedContext } from '../catalog/view';
import type { CatalogSummary, Handlers } from '../messages';

interface Loaded {
  revision: number;
  index: ResolveIndex;
  summary: CatalogSummary;
}

export interface CatalogServiceOptions {
  openDb: () => Promise<TandemDb>;
  /** Tells open tabs and pages that what they show may have changed. */
  notifyChanged?: (revision: number) => void;
  now?: () => Date;
}

export class DamagedCatalogError extends Error {
  override name = 'DamagedCatalogError';
}

export function createCatalogService(options: CatalogServiceOptions) {
  let db: Promise<TandemDb> | undefined;
  // One load at a time: concurrent resolves during start-up share it.
  let loading: Promise<Loaded | null> | undefined;

  const database = () => {
    db ??= options.openDb();
    return db;
  };

  async function load(): Promise<Loaded | null> {
    const result = await readCatalog(await database());
    if (!result.ok) {
      throw new DamagedCatalogError(
        `The stored catalog is damaged (${result.errors.slice(0, 3).map(formatError).join('; ')}); import it again.`,
      );
    }
    if (!result.stored) return null;
    const { catalog, meta } = result.stored;
    return {
      revision: meta.revision,
      index: buildResolveIndex(catalog),
      summary: {
        revision: meta.revision,
        importedAt: meta.importedAt,
        name: meta.name,
        generatedAt: meta.generatedAt,
        counts: countsOf(catalog),
        people: catalog.people.map(({ id, name, title }) => ({ id, name, title })),
        teams: catalog.teams.map(({ id, name, approach }) => ({ id, name, approach })),
        needs: catalog.needs.map(({ id, title, status }) => ({ id, title, status })),
      },
    };
  }

  function loaded(): Promise<Loaded | null> {
    loading ??= load().catch((error: unknown) => {
      loading = undefined; // try again on the next request rather than caching a failure
      throw error;
    });
    return loading;
  }

  async function resolve(record: RecordRef): Promise<{ revision: number; context: ResolvedContext }> {
    const current = await loaded();
    if (!current) return { revision: 0, context: { needs: [], team: null, noCatalog: true } };
    return { revision: current.revision, context: resolveRecord(current.index, record) };
  }

  const handlers: Pick<Handlers, 'resolve' | 'catalog.import' | 'catalog.summary'> = {
    async resolve(request) {
      return { ok: true, ...(await resolve(request.record)) };
    },
    async 'catalog.import'(request) {
      const parsed = parseCatalogText(request.text);
      if (!parsed.ok) return { ok: false, errors: parsed.errors };
      const meta = await replaceCatalog(await database(), parsed.catalog, options.now?.());
      loading = undefined;
      options.notifyChanged?.(meta.revision);
      return { ok: true, counts: countsOf(parsed.catalog), name: meta.name };
    },
    async 'catalog.summary'() {
      try {
        return { ok: true, summary: (await loaded())?.summary ?? null };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };

  return { handlers, resolve };
}
