/**
 * The background's catalog: IndexedDB as the durable copy (in layers), the merged catalog and its
 * resolve index in memory, and the message handlers that read and write them.
 *
 * Start-up: a page's resolve is answered at once from the stored resolve snapshot (cold-resolve.ts:
 * a few records read and validated), and the whole catalog is then loaded, validated and indexed
 * in the background; once ready, every answer comes from memory. An import keeps what it parsed
 * and validated as the new in-memory catalog instead of reading it back.
 */

import { takingTurns } from '@/utils/background/turns';
import {
  type ChooseTeams,
  type ColdTeam,
  coldResolve,
  coldTeams,
  newColdCache,
  primeColdCache,
} from '@/utils/catalog/cold-resolve';
import { LOCAL_LAYER, type TandemDb } from '@/utils/catalog/db';
import { type Conflict, inMergeOrder, mergeLayers } from '@/utils/catalog/merge';
import {
  countsOf,
  layerMeta,
  readLayers,
  replaceLayer,
  rewriteLayers,
  type StoredLayer,
  staleLayers,
} from '@/utils/catalog/repo';
import { resolveRecord } from '@/utils/catalog/resolve';
import { buildResolveIndexInSlices, type ResolveIndex } from '@/utils/catalog/resolve-index';
import { type Catalog, Sites } from '@/utils/catalog/schema';
import {
  type CatalogError,
  crossReferenceIssues,
  formatError,
  parseCatalogText,
} from '@/utils/catalog/validate';
import type { RecordRef, ResolvedContext } from '@/utils/catalog/view';
import { log } from '@/utils/log';
import type { CatalogSummary, Handlers } from '@/utils/messages';

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
  /** The whole catalog is in memory (after a load or a change): work kept ahead of need may start. */
  onLoaded?: () => void;
}

type Answer = { revision: number; context: ResolvedContext };

export class DamagedCatalogError extends Error {
  override name = 'DamagedCatalogError';
}

export function orderLayers(layers: StoredLayer[], sourceOrder: readonly string[]): StoredLayer[] {
  return inMergeOrder(layers, (layer) => layer.meta.layer, sourceOrder);
}

/**
 * The merged catalog and everything derived from it, from layers already validated and ordered.
 * `pause` is offered between the steps, each a few hundred milliseconds on the largest catalogs.
 */
export async function buildLoaded(
  revision: number,
  layers: StoredLayer[],
  pause: () => Promise<void> | undefined = () => undefined,
): Promise<LoadedCatalog> {
  const merged = mergeLayers(layers.map(({ meta, catalog }) => ({ layer: meta.layer, catalog })));
  const { catalog } = merged;
  await pause();
  const index = await buildResolveIndexInSlices(catalog, pause);
  await pause();
  const warnings = crossReferenceIssues(catalog);
  await pause();
  const local = layers.find((layer) => layer.meta.layer === LOCAL_LAYER);
  return {
    revision,
    layers,
    catalog,
    index,
    layerOf: merged.layerOf,
    conflicts: merged.conflicts,
    warnings,
    summary: {
      revision,
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

/** A `pause` for long work: gives way to other tasks (pages' requests) about every `sliceMs`. */
export function timeSlicer(sliceMs = 30): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        since = performance.now();
        resolve();
      }, 0),
    );
  };
}

/** How long pages must have been quiet before the whole catalog is loaded after a cold answer. */
export const QUIET_MS = 300;
/** The longest a steady stream of pages can put that load off. */
export const MAX_LOAD_DELAY_MS = 3_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What is in memory for one revision: the loaded catalog, or null when there is none. */
interface Loaded {
  revision: number;
  current: LoadedCatalog | null;
}

export function createCatalogService(options: CatalogServiceOptions) {
  /**
   * Every writer of the local layer (an import here, edits and CSV rows in their services) reads
   * the catalog, checks against it and writes: they take turns, so none writes over what another
   * saved after it read.
   */
  const inLocalTurn = takingTurns();
  /** Goes up on every change, so a load that started before one is not kept after it. */
  let generation = 0;
  // One load at a time: concurrent requests share it.
  let loading: Promise<Loaded> | undefined;
  /** The settled load of this generation: what resolves are answered from once it is there. */
  let ready: Loaded | undefined;
  /** A background load failed in this generation (a damaged store): not retried on every resolve. */
  let failedGeneration = -1;
  /** What cold answers share until the catalog is in memory. */
  let coldCache = newColdCache();
  /** Cold answers being worked out: a background load gives way to them at each pause. */
  let coldInFlight = 0;
  /** When the last cold answer was done (performance.now()), for `quiet`. */
  let lastColdAt = Number.NEGATIVE_INFINITY;
  let coldDone: (() => void) | undefined;
  let coldSettled: Promise<void> = Promise.resolve();

  /** A pause for the background load: a time slice, then no further while a page waits for an answer. */
  function backgroundPause(): () => Promise<void> | undefined {
    const slice = timeSlicer();
    return () => {
      const sliced = slice();
      if (coldInFlight === 0) return sliced;
      return (sliced ?? Promise.resolve()).then(async () => {
        while (coldInFlight > 0) await coldSettled;
      });
    };
  }

  const sourceOrder = async () => (await options.sourceOrder?.()) ?? [];

  function track(work: Promise<Loaded>): Promise<Loaded> {
    const at = generation;
    const promise: Promise<Loaded> = work.then(
      (value) => {
        if (at === generation) {
          ready = value;
          coldCache = newColdCache(); // answers come from memory now
          options.onLoaded?.();
        }
        return value;
      },
      (error: unknown) => {
        if (loading === promise) loading = undefined; // try again on the next request rather than caching a failure
        throw error;
      },
    );
    loading = promise;
    return promise;
  }

  function damaged(layer: string, errors: CatalogError[]): DamagedCatalogError {
    return new DamagedCatalogError(
      `The stored catalog is damaged (${layer}: ${errors.slice(0, 3).map(formatError).join('; ')}); import it again.`,
    );
  }

  async function load(): Promise<Loaded> {
    const db = await options.openDb();
    const pause = backgroundPause();
    const result = await readLayers(db, { pause });
    if (!result.ok) throw damaged(result.layer, result.errors);
    if (result.layers.length === 0) return { revision: result.revision, current: null };
    const layers = orderLayers(result.layers, await sourceOrder());
    const loadedCatalog = await buildLoaded(result.revision, layers, pause);
    void repairSnapshots(db, result.layers, result.revision);
    return { revision: result.revision, current: loadedCatalog };
  }

  /** Rebuilds the stored records of layers an upgraded or older database left without a current snapshot. */
  async function repairSnapshots(db: TandemDb, layers: StoredLayer[], revision: number): Promise<void> {
    try {
      const stale = new Set(
        await staleLayers(
          db,
          layers.map((layer) => layer.meta.layer),
        ),
      );
      if (stale.size === 0) return;
      await nextTask();
      if (
        await rewriteLayers(
          db,
          layers.filter((layer) => stale.has(layer.meta.layer)),
          revision,
        )
      )
        log.info('catalog', `rebuilt the stored resolve snapshot of ${[...stale].join(', ')}`);
    } catch (error) {
      log.failure('catalog', error);
    }
  }

  /**
   * After a cold answer: load everything once pages have gone quiet (other tabs restored with the
   * browser ask at about the same time, and are answered cold meanwhile), or after a while anyway.
   */
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let firstColdAt: number | undefined;
  /** Requests that asked for the catalog ahead of need (warm), answered once the load has run. */
  let warmers: ((catalog: Promise<LoadedCatalog | null>) => void)[] = [];
  function scheduleLoad(): void {
    const now = performance.now();
    firstColdAt ??= now;
    clearTimeout(quietTimer);
    const wait = Math.max(0, Math.min(QUIET_MS, firstColdAt + MAX_LOAD_DELAY_MS - now));
    quietTimer = setTimeout(() => {
      quietTimer = undefined;
      firstColdAt = undefined;
      if (!ready && !loading) loadInBackground();
      const waiting = warmers;
      warmers = [];
      for (const settle of waiting) settle(loaded());
    }, wait);
  }

  /**
   * The catalog for a request made ahead of need (the popup's search index, as the popup opens):
   * from memory, or loaded once pages have gone quiet, as after a cold answer. A browser start's
   * first panels and the popup's charter links are answered cold first; a load started at once
   * would take the worker from them for seconds on a large catalog.
   */
  function warm(): Promise<LoadedCatalog | null> {
    if (ready || loading || failedGeneration === generation) return loaded();
    return new Promise((resolve) => {
      warmers.push(resolve);
      scheduleLoad();
    });
  }

  function loadInBackground(): void {
    const at = generation;
    loaded().catch((error: unknown) => {
      failedGeneration = at;
      log.failure('catalog', error);
    });
  }

  function loaded(): Promise<LoadedCatalog | null> {
    return (loading ?? track(load())).then((value) => value.current);
  }

  /**
   * Forget the in-memory copy after a write; the next request rebuilds it. A writer that holds
   * the new layers, validated, as they now stand in storage at `revision` gives them, and they
   * become the in-memory catalog without a read.
   */
  function changed(revision: number, layers?: StoredLayer[]): void {
    generation += 1;
    loading = undefined;
    ready = undefined;
    coldCache = newColdCache();
    if (layers) {
      void track(
        (async () => {
          await nextTask(); // after the writer's answer is on its way
          const ordered = orderLayers(layers, await sourceOrder());
          return { revision, current: await buildLoaded(revision, ordered, backgroundPause()) };
        })(),
      ).catch((error: unknown) => log.failure('catalog', error));
    }
    options.notifyChanged?.(revision);
  }

  function answerFrom(value: Loaded, record: RecordRef): Answer {
    const { current } = value;
    if (!current) return { revision: 0, context: { needs: [], team: null, noCatalog: true } };
    return { revision: current.revision, context: resolveRecord(current.index, record) };
  }

  async function resolve(record: RecordRef): Promise<Answer> {
    if (ready) return answerFrom(ready, record);
    // Not in memory yet: answer from the stored snapshot, and load everything once that is sent.
    const cold = await answerCold(record);
    if (cold) {
      if (!loading && failedGeneration !== generation) scheduleLoad();
      return cold;
    }
    return answerFrom(await (loading ?? track(load())), record);
  }

  function answerCold(record: RecordRef): Promise<Answer | null> {
    return cold((db) => coldResolve(db, record, sourceOrder, coldCache));
  }

  /** A cold read while the catalog is not in memory; the background load gives way to it meanwhile. */
  async function cold<T>(read: (db: TandemDb) => Promise<T | null>): Promise<T | null> {
    if (coldInFlight++ === 0) {
      coldSettled = new Promise((resolve) => {
        coldDone = resolve;
      });
    }
    try {
      return await read(await options.openDb());
    } catch (error) {
      log.failure('catalog', error);
      return null;
    } finally {
      lastColdAt = performance.now();
      if (--coldInFlight === 0) coldDone?.();
    }
  }

  /**
   * Settles once no cold answer has been worked out for `QUIET_MS`: the pages restored with the
   * browser have theirs. Work that writes the catalog waits for it after a start (sources-service.ts).
   */
  async function quiet(): Promise<void> {
    for (;;) {
      const since = performance.now() - lastColdAt;
      if (coldInFlight === 0 && since >= QUIET_MS) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(QUIET_MS - since, 50)));
    }
  }

  /**
   * The merged catalog's teams with their leads (the popup's charter links): from memory once the
   * catalog is loaded; before that (right after a browser start, when the whole load of a large
   * catalog takes seconds) read cold from the teams' buckets and the leads', then loaded once
   * pages go quiet, as for a cold resolve.
   */
  async function teamList(
    choose?: ChooseTeams,
  ): Promise<{ revision: number; teams: ColdTeam[]; total: number }> {
    if (!ready) {
      const answer = await cold((db) => coldTeams(db, sourceOrder, coldCache, choose));
      if (answer) {
        if (!loading && failedGeneration !== generation) scheduleLoad();
        return answer;
      }
    }
    const current = await loaded();
    if (!current) return { revision: 0, teams: [], total: 0 };
    const { teams } = current.catalog;
    const chosen = choose?.(teams);
    const person = (id: string) => current.index.people.get(id);
    return {
      revision: current.revision,
      total: teams.length,
      teams: teams
        .filter((team) => !chosen || chosen.has(team.id))
        .map((team) => ({ team, businessLead: person(team.businessLead), itLead: person(team.itLead) })),
    };
  }

  /** The layers other than the local one, validated, and the revision they are of. */
  async function otherLayers(): Promise<{ revision: number; layers: StoredLayer[] }> {
    if (ready) {
      const { revision, current } = ready;
      return {
        revision,
        layers: (current?.layers ?? []).filter((layer) => layer.meta.layer !== LOCAL_LAYER),
      };
    }
    const read = await readLayers(await options.openDb(), { skip: (layer) => layer === LOCAL_LAYER });
    if (!read.ok) throw damaged(read.layer, read.errors);
    return read;
  }

  /** Validates a file for the local layer: its own rules, its references against the other layers. */
  function validateLocal(
    text: string,
    others: readonly StoredLayer[],
  ): { ok: true; catalog: Catalog } | { ok: false; errors: CatalogError[] } {
    const parsed = parseCatalogText(text, { crossReferences: false });
    if (!parsed.ok) return parsed;
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
    'catalog.import': (request) =>
      inLocalTurn(async () => {
        const at = generation;
        const others = await otherLayers();
        const parsed = validateLocal(request.text, others.layers);
        if (!parsed.ok) return { ok: false, errors: parsed.errors };
        const now = options.now?.() ?? new Date();
        const revision = await replaceLayer(await options.openDb(), LOCAL_LAYER, parsed.catalog, now);
        // Nothing else changed in between: what was validated is what is stored, so it is the catalog.
        const unchanged = at === generation && revision === others.revision + 1;
        const local = { meta: layerMeta(LOCAL_LAYER, parsed.catalog, now), catalog: parsed.catalog };
        changed(revision, unchanged ? [...others.layers, local] : undefined);
        return { ok: true, counts: countsOf(parsed.catalog), name: parsed.catalog.name };
      }),
    async 'catalog.summary'() {
      try {
        return { ok: true, summary: (await loaded())?.summary ?? null };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };

  /**
   * The merged catalog's `sites`, each host's origins from every layer: from memory once loaded,
   * else from the layers' stored document fields (a few small records), validated as they are read.
   */
  async function sites(): Promise<Sites | undefined> {
    if (ready) return ready.current?.catalog.sites;
    const metas: unknown[] = await (await options.openDb()).getAll('layers');
    const merged: Record<string, string[]> = {};
    for (const meta of metas) {
      const raw = (meta as { sites?: unknown } | null)?.sites;
      if (raw === undefined) continue;
      const parsed = Sites.safeParse(raw);
      if (!parsed.success) return (await loaded())?.catalog.sites;
      for (const [key, origins] of Object.entries(parsed.data)) {
        if (!Array.isArray(origins)) continue;
        merged[key] = [...new Set([...(merged[key] ?? []), ...(origins as string[])])];
      }
    }
    return Object.keys(merged).length > 0 ? (merged as Sites) : undefined;
  }

  /**
   * A browser start: opens the database and reads what every cold answer starts from, before the
   * first page asks (its answer then pays only for its own records). A cold read like any other.
   */
  async function prime(): Promise<void> {
    if (ready || loading) return;
    await cold(async (db) => {
      await primeColdCache(db, sourceOrder, coldCache);
      return null;
    });
  }

  /** Whether answers come from memory (the whole catalog is loaded for the current revision). */
  const inMemory = () => ready !== undefined;

  return {
    handlers,
    resolve,
    loaded,
    warm,
    prime,
    quiet,
    teamList,
    changed,
    inMemory,
    inLocalTurn,
    sites,
  };
}
