/**
 * The real background (utils/background/start.ts: every service behind the message router) over a
 * fresh fake-indexeddb factory and WXT's fake browser, with the browser APIs the fake does not
 * implement stubbed. Messages go through the router exactly as Chromium delivers them (with our
 * extension's id as sender, or another's), so what a test sees is what a page would get.
 * `fetch` is replaced by one that records and refuses: no unit test reaches the network.
 */
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startBackground } from '@/utils/background/start';
import { DB_NAME } from '@/utils/catalog/db';
import { type AnyRequest, Protocol, type RequestType, type ResponseOf } from '@/utils/messages';

const listener = { addListener() {}, removeListener() {}, hasListener: () => false };

export interface TestBackground {
  /** Sends as one of our pages would; returns the raw answer (undefined when the router ignores it). */
  raw(message: unknown, sender?: { id?: string; url?: string; tab?: { id: number } }): Promise<unknown>;
  /** Sends a typed request and returns the raw answer. */
  send<R extends AnyRequest>(request: R): Promise<ResponseOf<R['type']>>;
  /** Every record of every store, keyed by store name, in key order. */
  dump(): Promise<Record<string, unknown[]>>;
  /**
   * What the user has: every store but `settings`, and the settings in effect (a refused change may
   * write the unchanged settings back; that is not a change).
   */
  snapshot(): Promise<Record<string, unknown>>;
  /**
   * Waits until work the background started on its own is done (shared-source refreshes and
   * reconciles, the rebuild of stale resolve snapshots), so a snapshot shows only what a request did.
   */
  settle(): Promise<void>;
  /** The catalog revision counter as stored (0 before the first write). */
  revision(): Promise<number>;
  fetched: string[];
  /** Lines the background logged (console.info/warn/error), for "a clear message" checks. */
  logged: string[];
  started: ReturnType<typeof startBackground>;
}

/** Starts the background on a fresh database; `factory` lets a test prepare one first. */
export function startTestBackground(factory: IDBFactory = new IDBFactory()): TestBackground {
  globalThis.indexedDB = factory;
  const fetched: string[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    fetched.push(String(input instanceof Request ? input.url : input));
    throw new TypeError('Failed to fetch (unit tests never reach the network)');
  }) as typeof fetch;
  const logged: string[] = [];
  for (const level of ['info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
  }
  const api = {
    ...fakeBrowser,
    runtime: { ...fakeBrowser.runtime, openOptionsPage: async () => undefined, onConnect: listener },
    commands: { onCommand: listener },
    permissions: {
      contains: async () => true,
      remove: async () => true,
      request: async () => true,
      onAdded: listener,
      onRemoved: listener,
    },
    scripting: {
      getRegisteredContentScripts: async () => [],
      registerContentScripts: async () => undefined,
      unregisterContentScripts: async () => undefined,
    },
    storage: { ...fakeBrowser.storage, managed: { get: async () => ({}) }, onChanged: listener },
    // Broadcasts go to no tab and to no page.
    tabs: { query: async () => [], sendMessage: async () => undefined },
  };
  // utils/messages.ts broadcasts through the module's own `browser` (the fake): no tab, no page.
  fakeBrowser.runtime.sendMessage = (async () => undefined) as typeof fakeBrowser.runtime.sendMessage;
  fakeBrowser.tabs.query = (async () => []) as typeof fakeBrowser.tabs.query;
  fakeBrowser.tabs.sendMessage = (async () => undefined) as typeof fakeBrowser.tabs.sendMessage;
  // Refreshes due at start run at once: snapshots settle on the background's own work.
  const started = startBackground(api as never, { refreshGraceMs: 0 });

  // Chromium's sender for one of our pages: our id, and a URL of our own origin.
  const pageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
  async function raw(message: unknown, sender: { id?: string; url?: string } = pageSender) {
    const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender);
    return answers.find((answer: unknown) => answer !== undefined);
  }

  async function dump(): Promise<Record<string, unknown[]>> {
    const db = await openDB(DB_NAME);
    try {
      const out: Record<string, unknown[]> = {};
      for (const store of [...db.objectStoreNames].sort()) out[store] = await db.getAll(store);
      return out;
    } finally {
      db.close();
    }
  }

  return {
    raw,
    send: (request) => raw(request) as never,
    dump,
    async settle() {
      for (let round = 0; round < 2; round++) {
        await started.sources.settled();
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
    async snapshot() {
      await this.settle();
      const { settings: _stored, ...stores } = await dump();
      return { ...stores, settings: await raw({ type: 'settings.get' }) };
    },
    async revision() {
      const db = await openDB(DB_NAME);
      try {
        if (!db.objectStoreNames.contains('state')) return 0;
        const state = (await db.get('state', 'revision')) as { value?: number } | undefined;
        return state?.value ?? 0;
      } finally {
        db.close();
      }
    },
    fetched,
    logged,
    started,
  };
}

/** Whether `answer` is a well-formed answer to a `type` request, and why not. */
export function answerProblem(type: RequestType, answer: unknown): string | null {
  const parsed = Protocol[type].response.safeParse(answer);
  if (parsed.success) return null;
  return `${type} answered ${JSON.stringify(answer)?.slice(0, 300)}: ${parsed.error.issues
    .slice(0, 2)
    .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    .join('; ')}`;
}
