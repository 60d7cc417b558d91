/**
 * Delivery status on CRM records (docs/jira-status.md). `workStatus.get` resolves the
 * record itself and reads only the work keys of the needs it resolves to, from the catalog's first
 * `sites.jira` origin, with the user's own Jira session; `workStatus.seen` takes what a Jira tab's
 * same-origin read saw, for when the background's own read gets no session. Answers are ready to
 * draw; a failure is one line beside the keys, never a failed answer.
 */
import type { browser as Browser } from 'wxt/browser';
import type { LoadedCatalog } from '@/utils/background/catalog-service';
import { resolveRecord } from '@/utils/catalog/resolve';
import type { WorkStatusAnswer } from '@/utils/content-messages';
import { createStatusCache } from '@/utils/jira-status/cache';
import { createStatusReader } from '@/utils/jira-status/reader';
import { parseSearchAnswer, problemLine } from '@/utils/jira-status/search';
import { shippedNeeds, workItemStatus, workKeysOf } from '@/utils/jira-status/view';
import type { Handlers, MessageSender } from '@/utils/messages';
import { originPattern } from '@/utils/settings/origin';

export interface WorkStatusServiceOptions {
  loaded: () => Promise<LoadedCatalog | null>;
  api: Pick<typeof Browser, 'permissions'>;
  fetch: typeof fetch;
  now?: () => number;
}

/** The page a message came from, when a tab's content script sent it. */
function senderOrigin(sender: MessageSender | undefined): string | undefined {
  const url = sender?.tab ? (sender.url ?? sender.tab.url) : undefined;
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

export function createWorkStatusService({ loaded, api, fetch, now = Date.now }: WorkStatusServiceOptions) {
  const cache = createStatusCache();
  const reader = createStatusReader({ cache, fetch, now });

  const granted = (origin: string) =>
    api.permissions.contains({ origins: [originPattern(origin)] }).catch(() => false);

  const handlers: Pick<Handlers, 'workStatus.get' | 'workStatus.seen'> = {
    async 'workStatus.get'(request): Promise<WorkStatusAnswer> {
      const current = await loaded();
      if (!current) return { ok: true, items: [], shipped: [] };
      const { needs } = resolveRecord(current.index, request.record);
      const keys = workKeysOf(needs);
      if (keys.length === 0) return { ok: true, items: [], shipped: [] };
      const origin = current.catalog.sites?.jira?.[0];
      if (!origin) {
        return {
          ok: true,
          items: [],
          problem: 'The catalog names no Jira site (sites.jira), so Tandem cannot read status.',
          shipped: [],
        };
      }
      const allowed = await granted(origin);
      if (allowed) await reader.refresh(origin, keys);
      const at = now();
      const items = keys
        .map((key) => workItemStatus(key, cache.get(origin, key), at))
        .filter((item) => item !== undefined);
      const failure = reader.problem(origin);
      const problem = !allowed
        ? `Allow Tandem on ${new URL(origin).host} (options, Sites) to see status.`
        : failure && problemLine(failure, origin);
      return { ok: true, items, ...(problem ? { problem } : {}), shipped: shippedNeeds(needs, items) };
    },
    async 'workStatus.seen'(request, sender) {
      // Only a Jira tab on that very site may speak for it, and only for one of the catalog's sites.
      const origin = senderOrigin(sender);
      if (origin !== request.origin) return { ok: false, error: 'a tab may only report its own site' };
      const current = await loaded();
      if (!current?.catalog.sites?.jira?.includes(origin)) return { ok: true };
      const found = parseSearchAnswer({ issues: request.issues });
      if (!(found instanceof Map)) return { ok: true };
      const at = now();
      for (const status of found.values()) cache.put(origin, status.key, { status, at, from: 'tab' });
      return { ok: true };
    },
  };

  /** The status categories known on the catalog's Jira site; undefined when it names none. */
  async function categories(): Promise<Map<string, string> | undefined> {
    const origin = (await loaded())?.catalog.sites?.jira?.[0];
    return origin ? cache.categories(origin) : undefined;
  }

  return { handlers, reader, categories };
}
