/**
 * One refresh of one shared source, from request to stored result: fetch (guarded), validate,
 * compare with the layer it had, swap the layer in atomically when something changed, and record
 * the outcome (ok with counts, or the reason and time) with what changed. A failure never touches
 * the layer: the last good catalog stays.
 */
import type { TandemDb } from '@/utils/catalog/db';
import { countsOf, replaceLayer, type StoredLayer } from '@/utils/catalog/repo';
import { log } from '@/utils/log';
import type { Source } from '@/utils/settings/schema';
import { canonicalJson, diffCatalogs, isEmptyDiff } from '@/utils/sync/diff';
import { type FetchSourceOptions, fetchSource } from '@/utils/sync/fetch-source';
import { sourceLayer } from '@/utils/sync/source-id';
import type { SourceState } from '@/utils/sync/status';
import { readSourceState, writeSourceState } from '@/utils/sync/status-store';

export interface RefreshDeps {
  db: TandemDb;
  fetch: Omit<FetchSourceOptions, 'permission'>;
  permission: boolean;
  /** The layers stored now (the merged catalog's, already parsed). */
  storedLayers: () => Promise<StoredLayer[]>;
  /** The source as the settings list it once the answer is in: `undefined` if it was removed. */
  stillListed: () => Promise<Source | undefined>;
  /** Tells the catalog a layer was replaced. */
  changed: (revision: number) => void;
  now: () => Date;
}

const NO_COUNTS = { people: 0, teams: 0, needs: 0, links: 0 };

export async function refreshSource(source: Source, deps: RefreshDeps): Promise<void> {
  const { db } = deps;
  const layer = sourceLayer(source.id);
  const previous = await readSourceState(db, source.id);
  const base: SourceState =
    previous && previous.url === source.url && previous.kind === source.kind
      ? previous
      : { id: source.id, url: source.url, kind: source.kind };
  const at = deps.now().toISOString();
  try {
    await attempt();
  } catch (error) {
    // A refresh that throws (a damaged store, a bug) is a failure like any other: recorded, so it
    // waits its backoff instead of being downloaded again on every worker start.
    const reason = `the refresh failed: ${error instanceof Error ? error.message : String(error)}`;
    log.warn('sources', `${source.url}: ${reason}`);
    await writeSourceState(db, { ...base, lastAttemptAt: at, result: { ok: false, at, reason } });
  }

  async function attempt(): Promise<void> {
    // Without a stored layer there is nothing a 304 could stand for: ask for the whole file.
    const hasLayer = (await db.get('layers', layer)) !== undefined;
    const validators = hasLayer ? base : { ...base, etag: undefined, lastModified: undefined };
    const outcome = await fetchSource(source, validators, { ...deps.fetch, permission: deps.permission });

    // The source may have been removed or changed while the request ran: then this answer is stale.
    const still = await deps.stillListed();
    if (!still || still.url !== source.url || still.kind !== source.kind) return;

    if (outcome.kind === 'failed') {
      log.warn('sources', `${source.url}: ${outcome.reason}`);
      const errors = outcome.errors ? { errors: outcome.errors } : {};
      await writeSourceState(db, {
        ...base,
        lastAttemptAt: at,
        result: { ok: false, at, reason: outcome.reason, ...errors },
      });
      return;
    }
    const current = (await deps.storedLayers()).find((stored) => stored.meta.layer === layer);
    if (outcome.kind === 'not-modified') {
      const counts = current ? countsOf(current.catalog) : NO_COUNTS;
      await writeSourceState(db, {
        ...base,
        lastAttemptAt: at,
        lastSuccessAt: at,
        result: { ok: true, at, change: 'unchanged', counts },
      });
      return;
    }
    const diff = diffCatalogs(current?.catalog, outcome.catalog);
    const same =
      current !== undefined &&
      isEmptyDiff(diff) &&
      canonicalJson(current.catalog) === canonicalJson(outcome.catalog);
    if (!same) deps.changed(await replaceLayer(db, layer, outcome.catalog, deps.now()));
    const { notes: _notes, lastChange, ...rest } = base;
    await writeSourceState(db, {
      ...rest,
      etag: outcome.etag,
      lastModified: outcome.lastModified,
      lastAttemptAt: at,
      lastSuccessAt: at,
      result: { ok: true, at, change: same ? 'unchanged' : 'updated', counts: countsOf(outcome.catalog) },
      // "What changed" keeps the last refresh that changed something.
      ...(isEmptyDiff(diff) ? (lastChange ? { lastChange } : {}) : { lastChange: { at, diff } }),
      ...(outcome.notes && outcome.notes.length > 0 ? { notes: outcome.notes } : {}),
    });
  }
}
