/**
 * Shared catalog sources in the background: refreshed on a schedule (one alarm per source) and on
 * demand; each refresh is a guarded fetch (utils/sync), validated, then swapped in atomically as the
 * layer `source:<id>`. A failed refresh keeps the last good layer and records why, when. Removing a
 * source removes its layer and state; reordering sources changes which one wins an id conflict.
 */
import type { browser as Browser } from 'wxt/browser';
import type { LoadedCatalog } from '@/utils/background/catalog-service';
import { LOCKED_RULE } from '@/utils/background/settings-service';
import type { TandemDb } from '@/utils/catalog/db';
import { countsOf, deleteLayer, type StoredLayer } from '@/utils/catalog/repo';
import { MAX_CATALOG_BYTES } from '@/utils/catalog/validate';
import { log } from '@/utils/log';
import type { Handlers, SettingsView } from '@/utils/messages';
import { originPattern } from '@/utils/settings/origin';
import { type Settings, Source } from '@/utils/settings/schema';
import type { ManagedPolicy } from '@/utils/sync/policy';
import { refreshSource } from '@/utils/sync/refresh';
import {
  type AlarmLike,
  isDue,
  nextRetryMinutes,
  planAlarms,
  retryAlarmName,
  sourceOfAlarm,
  sourceOfRetryAlarm,
} from '@/utils/sync/schedule';
import { newSourceId, SOURCE_LAYER_PREFIX, sourceLayer, sourcePermission } from '@/utils/sync/source-id';
import type { SourceStatus } from '@/utils/sync/status';
import { deleteSourceState, readSourceState, readSourceStates } from '@/utils/sync/status-store';

/** A test build (scripts/build-for-tests.mjs) shortens the wait so a stalled server fails fast. */
const TEST_TIMEOUT_MS = Number(import.meta.env.WXT_TANDEM_TEST_SOURCE_TIMEOUT_MS ?? '');
export const SOURCE_IDLE_TIMEOUT_MS = TEST_TIMEOUT_MS > 0 ? TEST_TIMEOUT_MS : 30_000;
export const SOURCE_TOTAL_TIMEOUT_MS = 10 * 60_000;

/** What the service asks of the browser: alarms, and whether an origin is granted. */
interface Api {
  alarms: {
    create(name: string, info: { periodInMinutes?: number; delayInMinutes: number }): unknown;
    clear(name: string): Promise<boolean>;
    getAll(): Promise<AlarmLike[]>;
  };
  permissions: Pick<typeof Browser.permissions, 'contains' | 'remove'>;
}

export interface SourcesServiceOptions {
  openDb: () => Promise<TandemDb>;
  settings: {
    current(): Promise<Settings>;
    update(change: (settings: Settings) => Settings): Promise<Settings>;
    policy(): Promise<ManagedPolicy>;
    answer(settings: Settings): Promise<SettingsView>;
  };
  catalog: { loaded(): Promise<LoadedCatalog | null>; changed(revision: number): void };
  api: Api;
  fetch?: typeof fetch;
  now?: () => Date;
  idleTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBytes?: number;
  /** Tells open pages that a source's state changed. */
  notify?: () => void;
  /**
   * Settles when a refresh that is merely due may run: after a browser start, once the first
   * pages have their answers (a refresh writes the catalog, and cold answers would wait for that
   * write). Refreshes the user asks for do not wait.
   */
  whenFree?: () => Promise<void>;
}

type SourcesHandlers = Pick<
  Handlers,
  | 'sources.status'
  | 'sources.add'
  | 'sources.update'
  | 'sources.remove'
  | 'sources.move'
  | 'sources.refresh'
  | 'catalog.conflicts'
>;

export function createSourcesService(options: SourcesServiceOptions) {
  const { openDb, settings, catalog, api } = options;
  const now = () => options.now?.() ?? new Date();
  const whenFree = options.whenFree ?? (() => Promise.resolve());
  const refreshing = new Map<string, Promise<void>>();
  let lastOrder: string | undefined;
  let reconciling: Promise<void> = Promise.resolve();
  /** Refreshes started by a reconcile and not awaited by it. */
  const background = new Set<Promise<void>>();

  const hasPermission = (url: string) =>
    api.permissions.contains({ origins: [sourcePermission(url)] }).catch(() => false);

  async function storedLayers(): Promise<StoredLayer[]> {
    try {
      return (await catalog.loaded())?.layers ?? [];
    } catch (error) {
      log.failure('sources', error);
      return [];
    }
  }

  async function revision(db: TandemDb): Promise<number> {
    return (await db.get('state', 'revision'))?.value ?? 0;
  }

  async function runRefresh(source: Source): Promise<void> {
    await refreshSource(source, {
      db: await openDb(),
      fetch: {
        // Called as a plain function: a bare `fetch` stored on an object throws "Illegal invocation".
        fetch: options.fetch ?? ((input, init) => fetch(input, init)),
        idleTimeoutMs: options.idleTimeoutMs ?? SOURCE_IDLE_TIMEOUT_MS,
        totalTimeoutMs: options.totalTimeoutMs ?? SOURCE_TOTAL_TIMEOUT_MS,
        maxBytes: options.maxBytes ?? MAX_CATALOG_BYTES,
      },
      permission: await hasPermission(source.url),
      storedLayers,
      stillListed: async () => (await settings.current()).sources.find((item) => item.id === source.id),
      changed: catalog.changed,
      now,
    });
  }

  /** Per source, the delay of the retry last scheduled after a failure (minutes); gone after a success. */
  const retryDelays = new Map<string, number>();

  /** After a refresh: a failure brings a retry sooner than the interval; a success ends the retries. */
  async function scheduleRetry(source: Source): Promise<void> {
    const state = await readSourceState(await openDb(), source.id);
    const name = retryAlarmName(source.id);
    if (state?.result?.ok !== false) {
      retryDelays.delete(source.id);
      await api.alarms.clear(name);
      return;
    }
    const delay = nextRetryMinutes(retryDelays.get(source.id), source.refreshMinutes);
    if (delay === null) return;
    retryDelays.set(source.id, delay);
    await api.alarms.create(name, { delayInMinutes: delay });
  }

  /** Refreshes one source now; a refresh already running for it is joined, not repeated. */
  function refresh(source: Source): Promise<void> {
    const running = refreshing.get(source.id);
    if (running) return running;
    const failed = (error: unknown) => log.failure('sources', error);
    // A refresh that throws is a failure too: it is retried like one.
    const task = runRefresh(source)
      .catch(failed)
      .then(() => scheduleRetry(source))
      .catch(failed)
      .finally(() => {
        refreshing.delete(source.id);
        options.notify?.();
      });
    refreshing.set(source.id, task);
    options.notify?.();
    return task;
  }

  async function refreshDue(sources: readonly Source[]): Promise<void> {
    await whenFree();
    const states = await readSourceStates(await openDb());
    for (const source of sources) if (isDue(source, states.get(source.id), now())) await refresh(source);
  }

  /**
   * Brings alarms, stored layers and state in line with the listed sources, rebuilds the merged
   * catalog when their order changed, and refreshes what is due. Runs one at a time.
   */
  function reconcile(): Promise<void> {
    reconciling = reconciling.then(reconcileNow, reconcileNow);
    return reconciling;
  }

  async function reconcileNow(): Promise<void> {
    const { sources } = await settings.current();
    const plan = planAlarms(sources, await api.alarms.getAll());
    for (const name of plan.clear) await api.alarms.clear(name);
    for (const { name, periodInMinutes } of plan.create)
      await api.alarms.create(name, { periodInMinutes, delayInMinutes: periodInMinutes });

    const db = await openDb();
    const wanted = new Set(sources.map((source) => source.id));
    const layers = (await db.getAllKeys('layers')).filter((layer) => layer.startsWith(SOURCE_LAYER_PREFIX));
    let removed: number | undefined;
    for (const layer of layers) {
      if (!wanted.has(layer.slice(SOURCE_LAYER_PREFIX.length))) removed = await deleteLayer(db, layer);
    }
    for (const id of await db.getAllKeys('sources')) if (!wanted.has(id)) await deleteSourceState(db, id);
    const order = sources.map((source) => source.id).join('\n');
    if (removed !== undefined) catalog.changed(removed);
    else if (lastOrder !== undefined && lastOrder !== order) catalog.changed(await revision(db));
    lastOrder = order;
    // Not awaited: a slow source must not hold up the next reconcile (a removal, say).
    const due = refreshDue(sources).catch((error: unknown) => log.failure('sources', error));
    background.add(due);
    void due.finally(() => background.delete(due));
  }

  async function onAlarm(name: string): Promise<void> {
    const retry = sourceOfRetryAlarm(name);
    const id = retry ?? sourceOfAlarm(name);
    if (id === null) return;
    const source = (await settings.current()).sources.find((item) => item.id === id);
    if (!source) return void (await reconcile());
    await whenFree();
    // A retry is due by definition; the periodic alarm only when the interval has passed.
    if (retry !== null || isDue(source, await readSourceState(await openDb(), id), now()))
      await refresh(source);
  }

  /**
   * Each source with its state; with `withStored`, what it stored (name, counts), which needs the
   * whole catalog in memory: the popup's mark asks without it, so opening the popup right after a
   * browser start does not load a large catalog ahead of the answers it shows first.
   */
  async function statuses(withStored = true): Promise<SourceStatus[]> {
    const [{ sources }, policy, states, layers] = await Promise.all([
      settings.current(),
      settings.policy(),
      openDb().then(readSourceStates),
      withStored ? storedLayers() : [],
    ]);
    return Promise.all(
      sources.map(async (source) => {
        const stored = layers.find((layer) => layer.meta.layer === sourceLayer(source.id));
        const state = states.get(source.id);
        return {
          ...source,
          locked: policy.locked.includes('sources'),
          permission: await hasPermission(source.url),
          refreshing: refreshing.has(source.id),
          ...(stored
            ? {
                stored: {
                  updatedAt: stored.meta.updatedAt,
                  counts: countsOf(stored.catalog),
                  ...(stored.catalog.name ? { name: stored.catalog.name } : {}),
                },
              }
            : {}),
          ...(state ? { state } : {}),
        };
      }),
    );
  }

  /** Gives back the origin of a removed source, unless another source or a Jira site still uses it. */
  async function releasePermission(url: string): Promise<void> {
    const pattern = sourcePermission(url);
    const { sources, jiraDcOrigins } = await settings.current();
    const used = [
      ...sources.map((source) => sourcePermission(source.url)),
      ...jiraDcOrigins.map(originPattern),
    ];
    if (!used.includes(pattern)) await api.permissions.remove({ origins: [pattern] }).catch(() => false);
  }

  /** Applies a change to the user's list of sources, unless policy sets it. */
  async function change(
    edit: (sources: Source[]) => Source[] | string,
  ): Promise<{ ok: true; settings: SettingsView } | { ok: false; error: string }> {
    if ((await settings.policy()).locked.includes('sources'))
      return { ok: false, error: `Shared catalogs ${LOCKED_RULE}` };
    let refusal: string | undefined;
    const next = await settings.update((old) => {
      const edited = edit(old.sources);
      if (typeof edited === 'string') {
        refusal = edited;
        return old;
      }
      return { ...old, sources: edited };
    });
    if (refusal !== undefined) return { ok: false, error: refusal };
    await reconcile();
    return { ok: true, settings: await settings.answer(next) };
  }

  const handlers: SourcesHandlers = {
    async 'sources.status'({ stored }) {
      return { ok: true, sources: await statuses(stored ?? true) };
    },
    async 'sources.add'({ url, kind, refreshMinutes }) {
      const { sources } = await settings.current();
      const parsed = Source.safeParse({
        id: newSourceId(
          url,
          sources.map((source) => source.id),
        ),
        url: url.trim(),
        kind,
        refreshMinutes,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, error: `${issue?.path.join('.') || 'source'}: ${issue?.message ?? 'invalid'}` };
      }
      const source = parsed.data;
      if (sources.some((item) => item.url === source.url))
        return { ok: false, error: `${source.url} is already listed` };
      if (!(await hasPermission(source.url))) {
        return {
          ok: false,
          error: `${new URL(source.url).origin}: permission was not granted, so Tandem cannot read it`,
        };
      }
      const answer = await change((old) => [...old, source]);
      return answer.ok ? { ...answer, id: source.id } : answer;
    },
    async 'sources.update'({ id, refreshMinutes, kind }) {
      return change((old) => {
        const index = old.findIndex((source) => source.id === id);
        const target = old[index];
        if (!target) return `no source "${id}"`;
        const parsed = Source.safeParse({
          ...target,
          ...(refreshMinutes ? { refreshMinutes } : {}),
          ...(kind ? { kind } : {}),
        });
        if (!parsed.success) return `refreshMinutes: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
        return old.map((source, at) => (at === index ? parsed.data : source));
      });
    },
    async 'sources.remove'({ id }) {
      const removed = (await settings.current()).sources.find((source) => source.id === id);
      const answer = await change((old) => old.filter((source) => source.id !== id));
      if (answer.ok && removed) await releasePermission(removed.url);
      return answer;
    },
    async 'sources.move'({ id, by }) {
      return change((old) => {
        const index = old.findIndex((source) => source.id === id);
        const to = index + by;
        if (index < 0 || to < 0 || to >= old.length) return old;
        const moved = [...old];
        [moved[index], moved[to]] = [moved[to] as Source, moved[index] as Source];
        return moved;
      });
    },
    async 'sources.refresh'({ id }) {
      const { sources } = await settings.current();
      const chosen = id === undefined ? sources : sources.filter((source) => source.id === id);
      if (id !== undefined && chosen.length === 0) return { ok: false, error: `no source "${id}"` };
      for (const source of chosen) await refresh(source);
      return { ok: true, sources: await statuses() };
    },
    async 'catalog.conflicts'() {
      const current = await catalog.loaded();
      return {
        ok: true,
        conflicts: current?.conflicts ?? [],
        warnings: (current?.warnings ?? []).slice(0, 50),
      };
    },
  };

  /** Resolves once no refresh is running or queued (tests, and the end of a reconcile). */
  async function settled(): Promise<void> {
    await reconciling;
    while (refreshing.size > 0 || background.size > 0)
      await Promise.all([...refreshing.values(), ...background]);
  }

  return { handlers, reconcile, onAlarm, statuses, settled };
}
