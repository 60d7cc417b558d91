/**
 * The background's shared sources end to end in memory: settings (with policy), the catalog and
 * entity services and the sources service wired as start.ts wires them, IndexedDB from
 * fake-indexeddb, alarms and storage.managed from wxt's fakeBrowser, and a fake HTTP host.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createCatalogService } from '@/utils/background/catalog-service';
import { createEntityService } from '@/utils/background/entity-service';
import { createSettingsService, LOCKED_RULE } from '@/utils/background/settings-service';
import { createSourcesService } from '@/utils/background/sources-service';
import { LOCAL_LAYER, openTandemDb, type TandemDb } from '@/utils/catalog/db';
import type { CatalogInput } from '@/utils/catalog/schema';
import { sourceLayer } from '@/utils/sync/source-id';
import { catalogInput } from '../catalog/build';
import { fakeFetch } from '../sync/fake-fetch';

const URL_A = 'https://catalog.acme.example/tandem.json';
const URL_B = 'https://other.acme.example/tandem.json';

/** A catalog host: one file per URL with an ETag, 304 on a match, or a forced failure. */
function fakeHost() {
  const files = new Map<string, { body: string; etag: string }>();
  const failures = new Map<string, Response>();
  const held = new Map<string, Promise<void>>();
  let version = 0;
  const { fetch, calls } = fakeFetch(async (call) => {
    await held.get(call.url);
    const failure = failures.get(call.url);
    if (failure) return failure.clone();
    const file = files.get(call.url);
    if (!file) return new Response('not found', { status: 404 });
    if (call.headers['if-none-match'] === file.etag) return new Response(null, { status: 304 });
    return new Response(file.body, { headers: { 'content-type': 'application/json', etag: file.etag } });
  });
  return {
    fetch,
    calls,
    serve: (url: string, catalog: CatalogInput) =>
      files.set(url, { body: JSON.stringify(catalog), etag: `"v${++version}"` }),
    fail: (url: string, response: Response | null) =>
      response ? failures.set(url, response) : failures.delete(url),
    /** Holds answers for `url` until the returned function is called. */
    hold(url: string): () => void {
      let release: () => void = () => undefined;
      held.set(
        url,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return () => {
        held.delete(url);
        release();
      };
    },
  };
}

/** Settings' scripting API is not under test here. */
const scripting = {
  getRegisteredContentScripts: async () => [],
  registerContentScripts: async () => undefined,
  unregisterContentScripts: async () => undefined,
};

const shared = (overrides: Partial<CatalogInput> = {}) =>
  catalogInput({
    name: 'Acme shared',
    needs: [{ id: 'n-reorder', title: 'Reorder in one click', team: 't-checkout', status: 'in-delivery' }],
    links: [{ need: 'n-reorder', jira: { issue: 'SHOP-142' } }],
    ...overrides,
  });

let n = 0;
function setup({
  granted = [URL_A, URL_B],
  whenFree,
}: {
  granted?: string[];
  whenFree?: () => Promise<void>;
} = {}) {
  const name = `sources-${++n}`;
  let db: Promise<TandemDb> | undefined;
  const openDb = () => {
    db ??= openTandemDb({ name });
    return db;
  };
  const grants = new Set(granted.map((url) => `${new URL(url).origin}/*`));
  const permissions = {
    contains: async ({ origins = [] }: { origins?: string[] }) =>
      origins.every((origin) => grants.has(origin)),
    remove: async ({ origins = [] }: { origins?: string[] }) => {
      for (const origin of origins) grants.delete(origin);
      return true;
    },
  };
  const host = fakeHost();
  let clock = Date.parse('2026-11-27T10:00:00Z');
  const now = () => new Date(clock);
  const settings = createSettingsService({
    db: openDb,
    api: { permissions, scripting } as never,
    managed: () => fakeBrowser.storage.managed.get(),
    notifyChanged: () => void sources.reconcile(),
  });
  const catalog = createCatalogService({
    openDb,
    sourceOrder: async () => (await settings.current()).sources.map((source) => sourceLayer(source.id)),
  });
  const sources = createSourcesService({
    openDb,
    settings,
    catalog,
    api: { alarms: fakeBrowser.alarms, permissions },
    fetch: host.fetch,
    now,
    ...(whenFree ? { whenFree } : {}),
  });
  const entities = createEntityService({
    openDb,
    loaded: catalog.loaded,
    changed: catalog.changed,
    inTurn: catalog.inLocalTurn,
  });
  const handlers = { ...settings.handlers, ...sources.handlers, ...entities.handlers, ...catalog.handlers };
  const resolve = async (key: string) =>
    (await catalog.resolve({ kind: 'jira', host: 'jira-cloud', key })).context;
  const status = async () => {
    await sources.settled();
    const answer = await handlers['sources.status']({ type: 'sources.status' });
    if (!answer.ok) throw new Error(answer.error);
    return answer.sources;
  };
  const add = async (url: string) => {
    const answer = await handlers['sources.add']({
      type: 'sources.add',
      url,
      kind: 'catalog',
      refreshMinutes: 60,
    });
    if (!answer.ok) throw new Error(answer.error);
    await sources.settled();
    return answer.id;
  };
  const refresh = (id: string) => handlers['sources.refresh']({ type: 'sources.refresh', id });
  return {
    handlers,
    settings,
    sources,
    catalog,
    host,
    grants,
    openDb,
    resolve,
    status,
    add,
    refresh,
    tick: (minutes: number) => {
      clock += minutes * 60_000;
    },
  };
}

describe('adding a shared source', () => {
  it('refuses a source whose origin the browser did not grant, and stores nothing', async () => {
    const { handlers, status } = setup({ granted: [] });
    const answer = await handlers['sources.add']({
      type: 'sources.add',
      url: URL_A,
      kind: 'catalog',
      refreshMinutes: 60,
    });
    expect(answer).toEqual({
      ok: false,
      error: 'https://catalog.acme.example: permission was not granted, so Tandem cannot read it',
    });
    expect(await status()).toEqual([]);
  });

  it('refuses plain http off loopback before asking anything', async () => {
    const { handlers } = setup({ granted: ['http://catalog.acme.example/x'] });
    const answer = await handlers['sources.add']({
      type: 'sources.add',
      url: 'http://catalog.acme.example/tandem.json',
      kind: 'catalog',
      refreshMinutes: 60,
    });
    expect(answer).toEqual({
      ok: false,
      error:
        'url: must be an https:// URL (http:// only for localhost or 127.0.0.1), with no * wildcard or user name',
    });
  });

  it("tells the popup's mark each source's state without loading the catalog for what it stored", async () => {
    const { host, add, catalog, handlers } = setup();
    host.serve(URL_A, shared());
    await add(URL_A);
    const loaded = vi.spyOn(catalog, 'loaded');
    const brief = await handlers['sources.status']({ type: 'sources.status', stored: false });
    expect(loaded).not.toHaveBeenCalled();
    expect(brief.ok && brief.sources[0]?.state?.result?.ok).toBe(true);
    expect(brief.ok && brief.sources[0]?.stored).toBeUndefined();
    const whole = await handlers['sources.status']({ type: 'sources.status' });
    expect(loaded).toHaveBeenCalled();
    expect(whole.ok && whole.sources[0]?.stored?.counts).toBeDefined();
  });

  it('fetches it at once, schedules it, and pages resolve against it', async () => {
    const { host, add, status, resolve } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    expect(id).toBe('catalog-acme-example');
    const [source] = await status();
    expect(source).toMatchObject({
      id,
      url: URL_A,
      locked: false,
      permission: true,
      refreshing: false,
      stored: { counts: { people: 4, teams: 2, needs: 1, links: 1 }, name: 'Acme shared' },
      state: {
        etag: '"v1"',
        lastAttemptAt: '2026-11-27T10:00:00.000Z',
        result: { ok: true, change: 'updated', counts: { people: 4, teams: 2, needs: 1, links: 1 } },
        lastChange: { diff: { initial: true } },
      },
    });
    expect(await fakeBrowser.alarms.getAll()).toEqual([
      expect.objectContaining({ name: `tandem-source:${id}`, periodInMinutes: 60 }),
    ]);
    expect((await resolve('SHOP-142')).needs.map((need) => need.id)).toEqual(['n-reorder']);
    // With the permission granted, cookies go along (an intranet host behind a login).
    expect(host.calls[0]?.credentials).toBe('include');
  });
});

describe('refreshing', () => {
  it('costs one 304 while the file is unchanged, and changes nothing', async () => {
    const { host, add, refresh, status, openDb, tick } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    const revision = (await (await openDb()).get('state', 'revision'))?.value;
    tick(5);
    await refresh(id);
    expect(host.calls.at(-1)?.headers['if-none-match']).toBe('"v1"');
    const [source] = await status();
    expect(source?.state?.result).toEqual({
      ok: true,
      at: '2026-11-27T10:05:00.000Z',
      change: 'unchanged',
      counts: { people: 4, teams: 2, needs: 1, links: 1 },
    });
    expect((await (await openDb()).get('state', 'revision'))?.value).toBe(revision);
  });

  it('stores a changed file and says what changed', async () => {
    const { host, add, refresh, status, resolve, tick } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    host.serve(
      URL_A,
      shared({
        needs: [
          { id: 'n-reorder', title: 'Reorder, reworded', team: 't-checkout', status: 'in-delivery' },
          { id: 'n-invoices', title: 'Invoices by mail', team: 't-billing' },
        ],
        links: [
          { need: 'n-reorder', jira: { issue: 'SHOP-142' } },
          { need: 'n-invoices', jira: { issue: 'SHOP-143' } },
        ],
      }),
    );
    tick(61);
    await refresh(id);
    const [source] = await status();
    expect(source?.state?.result).toMatchObject({ ok: true, change: 'updated' });
    expect(source?.state?.lastChange).toEqual({
      at: '2026-11-27T11:01:00.000Z',
      diff: expect.objectContaining({
        initial: false,
        needs: expect.objectContaining({
          added: [{ id: 'n-invoices', label: 'Invoices by mail' }],
          changed: [{ id: 'n-reorder', label: 'Reorder, reworded' }],
          removed: [],
        }),
        links: { added: 1, removed: 0 },
      }),
    });
    expect((await resolve('SHOP-143')).needs.map((need) => need.title)).toEqual(['Invoices by mail']);
  });

  it.each([
    [
      'a server error',
      new Response('boom', { status: 500 }),
      'the server failed (HTTP 500 Internal Server Error)',
    ],
    [
      'an HTML login page',
      new Response('<html>Sign in</html>', { headers: { 'content-type': 'text/html' } }),
      'the server answered with an HTML page instead of JSON (a login page, an error page or a wrong URL?)',
    ],
    [
      'an invalid catalog',
      new Response(JSON.stringify(catalogInput({ needs: [{ id: 'n-x', title: 'X', itOwner: 'p-ghost' }] }))),
      'the catalog breaks 1 rule, first needs[0].itOwner: no person "p-ghost"',
    ],
  ])('keeps the last good catalog after %s, and records why and when', async (_what, response, reason) => {
    const { host, add, refresh, status, resolve, tick } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    host.fail(URL_A, response);
    tick(10);
    await refresh(id);
    const [source] = await status();
    expect(source?.state?.result).toMatchObject({ ok: false, at: '2026-11-27T10:10:00.000Z', reason });
    expect(source?.state?.lastSuccessAt).toBe('2026-11-27T10:00:00.000Z');
    expect(source?.stored?.counts.needs).toBe(1);
    expect((await resolve('SHOP-142')).needs.map((need) => need.id)).toEqual(['n-reorder']);
    // Healed: the next refresh is good again (and the validators still work).
    host.fail(URL_A, null);
    await refresh(id);
    expect((await status())[0]?.state?.result).toMatchObject({ ok: true, change: 'unchanged' });
  });

  it('keeps local needs and links through every refresh of a shared source', async () => {
    const { host, add, refresh, handlers, resolve, tick } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    // Made in the browser ("link this record"): a local need on the shared team, and its link.
    await handlers['entity.save']({
      type: 'entity.save',
      kind: 'needs',
      value: { id: 'n-local', title: 'Noted from a call', team: 't-checkout' },
    });
    await handlers['entity.save']({
      type: 'entity.save',
      kind: 'links',
      value: { need: 'n-local', jira: { issue: 'SHOP-200' } },
    });
    for (const title of ['Second version', 'Third version']) {
      host.serve(
        URL_A,
        shared({ needs: [{ id: 'n-reorder', title, team: 't-checkout', status: 'committed' }] }),
      );
      tick(61);
      await refresh(id);
      expect((await resolve('SHOP-142')).needs.map((need) => need.title)).toEqual([title]);
      expect((await resolve('SHOP-200')).needs.map((need) => need.id)).toEqual(['n-local']);
    }
    const exported = await handlers['catalog.summary']({ type: 'catalog.summary' });
    expect(exported.ok && exported.summary?.needs.map((need) => need.id).sort()).toEqual([
      'n-local',
      'n-reorder',
    ]);
  });

  it('drops the answer of a refresh whose source was removed meanwhile', async () => {
    const { host, add, handlers, status, openDb } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    host.serve(URL_A, shared({ name: 'Changed meanwhile' }));
    const release = host.hold(URL_A);
    const running = handlers['sources.refresh']({ type: 'sources.refresh', id });
    await handlers['sources.remove']({ type: 'sources.remove', id });
    release();
    await running;
    expect(await status()).toEqual([]);
    const db = await openDb();
    expect(await db.get('layers', sourceLayer(id))).toBeUndefined();
    expect(await db.get('sources', id)).toBeUndefined();
  });

  it('asks for the whole file again when the stored layer is gone', async () => {
    const { host, add, refresh, openDb, tick } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    const db = await openDb();
    await db.delete('layers', sourceLayer(id));
    tick(61);
    await refresh(id);
    expect(host.calls.at(-1)?.headers['if-none-match']).toBeUndefined();
  });
});

describe('several sources', () => {
  it('lets the first source listed win on an id conflict, lists the conflict, and follows a reorder', async () => {
    const { host, add, handlers, resolve } = setup();
    host.serve(URL_A, shared());
    host.serve(
      URL_B,
      catalogInput({
        name: 'Other',
        needs: [{ id: 'n-reorder', title: 'The other reorder', team: 't-checkout' }],
        links: [{ need: 'n-reorder', jira: { issue: 'SHOP-142' } }],
      }),
    );
    const a = await add(URL_A);
    const b = await add(URL_B);
    expect((await resolve('SHOP-142')).needs.map((need) => need.title)).toEqual(['Reorder in one click']);
    const conflicts = await handlers['catalog.conflicts']({ type: 'catalog.conflicts' });
    expect(conflicts.ok && conflicts.conflicts).toContainEqual({
      kind: 'needs',
      id: 'n-reorder',
      kept: sourceLayer(a),
      dropped: sourceLayer(b),
    });
    await handlers['sources.move']({ type: 'sources.move', id: b, by: -1 });
    expect((await resolve('SHOP-142')).needs.map((need) => need.title)).toEqual(['The other reorder']);
  });

  it('removes a source with its layer, state and alarm', async () => {
    const { host, add, handlers, status, resolve, openDb } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    const answer = await handlers['sources.remove']({ type: 'sources.remove', id });
    expect(answer).toMatchObject({ ok: true, settings: { sources: [] } });
    expect(await status()).toEqual([]);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    const db = await openDb();
    expect(await db.get('layers', sourceLayer(id))).toBeUndefined();
    expect(await db.get('sources', id)).toBeUndefined();
    expect(await db.get('layers', LOCAL_LAYER)).toBeUndefined();
    expect((await resolve('SHOP-142')).needs).toEqual([]);
  });

  it("gives a removed source's origin back, unless another source still reads from it", async () => {
    const { host, add, handlers, grants } = setup({ granted: [URL_A, URL_B] });
    const sameHost = 'https://catalog.acme.example/second.json';
    host.serve(URL_A, shared());
    host.serve(sameHost, catalogInput({ name: 'Second' }));
    const first = await add(URL_A);
    const second = await add(sameHost);
    await handlers['sources.remove']({ type: 'sources.remove', id: second });
    expect(grants.has('https://catalog.acme.example/*')).toBe(true);
    await handlers['sources.remove']({ type: 'sources.remove', id: first });
    expect(grants.has('https://catalog.acme.example/*')).toBe(false);
    expect(grants.has('https://other.acme.example/*')).toBe(true);
  });

  it('changes the interval of a source and its alarm', async () => {
    const { host, add, handlers } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    await handlers['sources.update']({ type: 'sources.update', id, refreshMinutes: 240 });
    expect(await fakeBrowser.alarms.getAll()).toEqual([
      expect.objectContaining({ name: `tandem-source:${id}`, periodInMinutes: 240 }),
    ]);
    expect(await handlers['sources.update']({ type: 'sources.update', id, refreshMinutes: 1 })).toEqual({
      ok: false,
      error: 'refreshMinutes: must be 5 minutes or more',
    });
  });
});

describe('the schedule', () => {
  it('refreshes on its alarm only when due', async () => {
    const { host, add, sources, tick } = setup();
    host.serve(URL_A, shared());
    const id = await add(URL_A);
    const calls = host.calls.length;
    tick(10);
    await sources.onAlarm(`tandem-source:${id}`);
    expect(host.calls.length).toBe(calls);
    tick(55);
    await sources.onAlarm(`tandem-source:${id}`);
    expect(host.calls.length).toBe(calls + 1);
    await sources.onAlarm('someone-elses-alarm');
    expect(host.calls.length).toBe(calls + 1);
  });

  it('holds a refresh that is merely due until pages are answered; one asked for, never', async () => {
    let free: () => void = () => undefined;
    const close = () =>
      new Promise<void>((resolve) => {
        free = resolve;
      });
    let gate = close();
    const { host, sources, tick, handlers } = setup({ whenFree: () => gate });
    host.serve(URL_A, shared());
    const added = await handlers['sources.add']({
      type: 'sources.add',
      url: URL_A,
      kind: 'catalog',
      refreshMinutes: 60,
    });
    if (!added.ok) throw new Error(added.error);
    // Due (never fetched), and held until the pages are answered.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(host.calls).toHaveLength(0);
    free();
    await sources.settled();
    expect(host.calls).toHaveLength(1);

    gate = close();
    tick(65);
    const alarm = sources.onAlarm(`tandem-source:${added.id}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(host.calls).toHaveLength(1);
    // The refresh button does not wait.
    await handlers['sources.refresh']({ type: 'sources.refresh', id: added.id });
    expect(host.calls).toHaveLength(2);
    tick(65);
    free();
    await alarm;
    expect(host.calls).toHaveLength(3);
  });

  it('retries a failed refresh after 1, 2, 4… minutes, never later than the interval, and stops once it works', async () => {
    const { host, add, sources, status } = setup();
    const created = vi.spyOn(fakeBrowser.alarms, 'create');
    host.fail(URL_A, new Response('down', { status: 503 }));
    const id = await add(URL_A);
    const retry = `tandem-source-retry:${id}`;
    const retries = () =>
      (created.mock.calls as unknown as [string, { delayInMinutes?: number }][]).flatMap(([name, info]) =>
        name === retry ? [info.delayInMinutes] : [],
      );
    expect((await status())[0]?.state?.result?.ok).toBe(false);
    for (let i = 0; i < 6; i++) {
      const calls = host.calls.length;
      await sources.onAlarm(retry);
      await sources.settled();
      expect(host.calls.length, 'a retry refreshes whether or not the interval has passed').toBe(calls + 1);
    }
    // 1, 2, 4, 8, 16, 32 minutes; then none below the 60-minute interval: the periodic alarm takes over.
    expect(retries()).toEqual([1, 2, 4, 8, 16, 32]);
    host.fail(URL_A, null);
    host.serve(URL_A, shared());
    await sources.onAlarm(retry);
    await sources.settled();
    expect((await status())[0]?.state?.result?.ok).toBe(true);
    expect(await fakeBrowser.alarms.get(retry)).toBeUndefined();
  });

  it('refreshes what is overdue when the background starts again', async () => {
    const { host, add, sources, tick } = setup();
    host.serve(URL_A, shared());
    await add(URL_A);
    const calls = host.calls.length;
    await sources.reconcile();
    await sources.settled();
    expect(host.calls.length).toBe(calls);
    tick(120);
    await sources.reconcile();
    await sources.settled();
    expect(host.calls.length).toBe(calls + 1);
  });
});

describe('browser policy', () => {
  it('applies managed sources, locks them, and refuses changes to them', async () => {
    const { host, handlers, settings: service, sources, status, resolve } = setup();
    host.serve(URL_A, shared());
    await fakeBrowser.storage.managed.set({
      sources: [{ url: URL_A, refreshMinutes: 30 }],
      disabledHosts: ['zendesk'],
    });
    // What the background does on storage.onChanged for the `managed` area.
    await service.refreshPolicy();
    await sources.reconcile();
    const settings = await handlers['settings.get']({ type: 'settings.get' });
    expect(settings).toMatchObject({
      ok: true,
      settings: {
        sources: [{ id: 'catalog-acme-example', url: URL_A, kind: 'catalog', refreshMinutes: 30 }],
        disabledHosts: ['zendesk'],
        locked: ['sources', 'disabledHosts'],
      },
    });
    const [source] = await status();
    expect(source).toMatchObject({ locked: true, state: { result: { ok: true } } });
    expect((await resolve('SHOP-142')).needs.map((need) => need.id)).toEqual(['n-reorder']);

    expect(
      await handlers['sources.add']({ type: 'sources.add', url: URL_B, kind: 'catalog', refreshMinutes: 60 }),
    ).toEqual({ ok: false, error: `Shared catalogs ${LOCKED_RULE}` });
    expect(await handlers['sources.remove']({ type: 'sources.remove', id: 'catalog-acme-example' })).toEqual({
      ok: false,
      error: `Shared catalogs ${LOCKED_RULE}`,
    });
    expect(
      await handlers['settings.update']({
        type: 'settings.update',
        patch: { disabledHosts: [], pinnedTeams: [] },
      }),
    ).toEqual({ ok: false, errors: [{ path: 'disabledHosts', rule: LOCKED_RULE }] });
    // Sent back unchanged (a page saving everything at once), a locked key is accepted and not saved.
    expect(
      await handlers['settings.update']({
        type: 'settings.update',
        patch: { disabledHosts: ['zendesk'], pinnedTeams: ['t-billing'] },
      }),
    ).toMatchObject({ ok: true, settings: { pinnedTeams: ['t-billing'], disabledHosts: ['zendesk'] } });
    // What is not locked stays the user's.
    expect(
      await handlers['settings.update']({ type: 'settings.update', patch: { pinnedTeams: ['t-checkout'] } }),
    ).toMatchObject({ ok: true, settings: { pinnedTeams: ['t-checkout'], disabledHosts: ['zendesk'] } });
    // Refreshing a locked source is still allowed.
    expect(await handlers['sources.refresh']({ type: 'sources.refresh' })).toMatchObject({ ok: true });
  });

  it('never writes policy values into the user settings, so lifting the policy gives them back', async () => {
    const { host, add, handlers, settings, sources } = setup();
    host.serve(URL_B, shared());
    await add(URL_B);
    await fakeBrowser.storage.managed.set({ sources: [{ url: URL_A }] });
    await settings.refreshPolicy();
    expect(await handlers['settings.get']({ type: 'settings.get' })).toMatchObject({
      settings: { sources: [{ url: URL_A }] },
    });
    await fakeBrowser.storage.managed.clear();
    await settings.refreshPolicy();
    await sources.reconcile();
    expect(await handlers['settings.get']({ type: 'settings.get' })).toMatchObject({
      settings: { sources: [{ url: URL_B }] },
    });
  });

  it('ignores an invalid policy value, keeps the user value, and reports it', async () => {
    const { handlers, settings } = setup();
    await fakeBrowser.storage.managed.set({ disabledHosts: ['myspace'] });
    await settings.refreshPolicy();
    const answer = await handlers['settings.get']({ type: 'settings.get' });
    expect(answer).toMatchObject({ ok: true, settings: { disabledHosts: [] } });
    expect(answer.ok && answer.settings.locked).toBeUndefined();
    expect(answer.ok && answer.settings.policyErrors).toEqual([
      { path: 'disabledHosts[0]', rule: expect.stringContaining('(this policy value is ignored)') },
    ]);
  });
});
