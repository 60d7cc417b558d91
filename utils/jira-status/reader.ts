/**
 * Reads statuses from one Jira site with the user's own session (docs/jira-status.md): one batched
 * JQL search per request, never more than one in flight per site (a request that finds one running
 * waits for it, then reads only what it left stale), and a pause after a failure so that a site
 * that refuses is not asked again by every panel that opens.
 */
import type { StatusCache } from '@/utils/jira-status/cache';
import {
  MAX_KEYS_PER_READ,
  parseSearchAnswer,
  problemOfStatus,
  type ReadProblem,
  searchUrl,
} from '@/utils/jira-status/search';

/** A read that has not answered by then is given up; the keys still show without status. */
export const READ_TIMEOUT_MS = 8000;
/**
 * A site that asks Tandem to slow down (429) is left alone this long, or as long as its
 * `Retry-After` says (up to ten minutes). Other failures are tried again a few seconds later, when
 * a panel opens: the user may just have signed in.
 */
const BUSY_PAUSE_MS = 60_000;
/**
 * Any other failure stands this long: a panel that resolves again in the meantime (the host
 * redrawing) shows the same line without asking a failing site again.
 */
export const FAILURE_PAUSE_MS = 5000;
const MAX_PAUSE_MS = 10 * 60_000;

function pauseAfter(response: Response): number {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, MAX_PAUSE_MS) : BUSY_PAUSE_MS;
}

export interface StatusReaderOptions {
  cache: StatusCache;
  fetch: typeof fetch;
  now?: () => number;
}

export function createStatusReader({ cache, fetch, now = Date.now }: StatusReaderOptions) {
  const inFlight = new Map<string, Promise<void>>();
  const failures = new Map<string, { problem: ReadProblem; until: number }>();

  async function readOnce(origin: string, keys: readonly string[]): Promise<void> {
    const started = now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), READ_TIMEOUT_MS);
    const fail = (problem: ReadProblem, pauseMs = 0) => {
      failures.set(origin, { problem, until: now() + pauseMs });
    };
    try {
      let pending = [...keys];
      // A Jira that refuses the whole JQL for a key it does not know (400 naming it) is asked
      // once more without that key.
      for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
        const response = await fetch(searchUrl(origin, pending), {
          credentials: 'include',
          headers: { Accept: 'application/json' },
          signal: controller.signal,
        });
        const body: unknown = await response.json().catch(() => undefined);
        if (response.status === 400 && attempt === 0) {
          const unknown = unknownKeysIn(body, pending);
          if (unknown.length > 0) {
            for (const key of unknown) cache.put(origin, key, { status: null, at: started, from: 'read' });
            pending = pending.filter((key) => !unknown.includes(key));
            continue;
          }
        }
        if (!response.ok) {
          const problem = problemOfStatus(response.status);
          return fail(problem, problem === 'busy' ? pauseAfter(response) : FAILURE_PAUSE_MS);
        }
        const found = parseSearchAnswer(body);
        if (!(found instanceof Map)) return fail('answer', FAILURE_PAUSE_MS);
        for (const key of pending)
          cache.put(origin, key, { status: found.get(key) ?? null, at: started, from: 'read' });
        failures.delete(origin);
        return;
      }
    } catch {
      // Our own timeout: the site is there but slow; anything else: no connection.
      fail(controller.signal.aborted ? 'server' : 'offline', FAILURE_PAUSE_MS);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Brings `keys` up to date on `origin` (reads what is stale; at most one read at a time per
   * site). Resolves once done; the caller reads the cache, and `problem(origin)` for a failure.
   */
  async function refresh(origin: string, keys: readonly string[]): Promise<void> {
    for (;;) {
      const running = inFlight.get(origin);
      if (running) {
        await running;
        continue;
      }
      const failure = failures.get(origin);
      if (failure && failure.until > now()) return;
      const stale = cache.stale(origin, keys, now()).slice(0, MAX_KEYS_PER_READ);
      if (stale.length === 0) return;
      const read = readOnce(origin, stale).finally(() => inFlight.delete(origin));
      inFlight.set(origin, read);
      await read;
      return;
    }
  }

  return {
    refresh,
    /** The last read's failure on `origin`, while it stands. */
    problem: (origin: string): ReadProblem | undefined => failures.get(origin)?.problem,
    /** Whether a read of `origin` is running (tests). */
    busy: (origin: string) => inFlight.has(origin),
  };
}

/** Keys a 400 answer's messages name as unknown (`An issue with key 'SHOP-9' does not exist…`). */
function unknownKeysIn(body: unknown, keys: readonly string[]): string[] {
  const messages =
    typeof body === 'object' &&
    body !== null &&
    Array.isArray((body as { errorMessages?: unknown }).errorMessages)
      ? ((body as { errorMessages: unknown[] }).errorMessages.filter(
          (m) => typeof m === 'string',
        ) as string[])
      : [];
  const text = messages.join(' ').toUpperCase();
  return keys.filter((key) => new RegExp(`['"\\s]${key}['"\\s.,]`).test(` ${text} `));
}
