/**
 * Records every request a browser context makes, wherever it comes from, so a test can prove
 * that nothing left the machine.
 *
 * What Playwright shows (playwright-core 1.65, Chromium 156):
 * - `context.on('request')` sees requests of every page, including extension pages, and of
 *   content scripts (Chromium attributes those to the page they run in).
 * - Requests of a Chromium service worker, including an MV3 extension's background, also reach
 *   `context.on('request')`, with `request.serviceWorker()` set. `Worker` itself has no request
 *   event, so `context.on('serviceworker')` is only used to log which workers ran.
 * - Dedicated workers of a page: their requests reach the context too; the workers are logged.
 * - WebSockets bypass routing entirely, so they are logged from `page.on('websocket')`.
 * - Chromium's own traffic (updates, sync, Google accounts) is invisible here; the launcher's
 *   `--host-resolver-rules` makes it fail before it leaves the machine.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';

export type RequestSource = 'page' | 'service-worker' | 'websocket' | 'worker-script';

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  source: RequestSource;
  /** The page (or worker) that made the request, when Playwright knows it. */
  initiator?: string;
  /** Set when the request failed, e.g. `net::ERR_BLOCKED_BY_CLIENT` for a blocked route. */
  failure?: string;
}

export interface NetworkLog {
  readonly entries: readonly RecordedRequest[];
  /** Every URL seen, in order, with duplicates. */
  urls(): string[];
  /** URLs of service workers and dedicated workers that ran in the context. */
  readonly workers: readonly string[];
  /** Forget what was recorded so far (recording goes on). */
  clear(): void;
  /** Stop listening. */
  stop(): void;
}

/** Schemes that never touch the network. */
export const LOCAL_SCHEMES = ['chrome-extension:', 'data:', 'blob:', 'about:'] as const;

function initiatorOf(request: Request): { source: RequestSource; initiator?: string } {
  const worker = request.serviceWorker();
  if (worker) return { source: 'service-worker', initiator: worker.url() };
  try {
    return { source: 'page', initiator: request.frame().url() };
  } catch {
    // A navigation request before its frame exists.
    return { source: 'page' };
  }
}

export function recordNetwork(context: BrowserContext): NetworkLog {
  const entries: RecordedRequest[] = [];
  const workers: string[] = [];
  const byRequest = new WeakMap<Request, RecordedRequest>();

  const onRequest = (request: Request) => {
    const entry: RecordedRequest = {
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      ...initiatorOf(request),
    };
    byRequest.set(request, entry);
    entries.push(entry);
  };
  const onRequestFailed = (request: Request) => {
    const entry = byRequest.get(request);
    if (entry) entry.failure = request.failure()?.errorText ?? 'failed';
  };
  const watchPage = (page: Page) => {
    page.on('websocket', (socket) => {
      entries.push({
        url: socket.url(),
        method: 'GET',
        resourceType: 'websocket',
        source: 'websocket',
        initiator: page.url(),
      });
    });
    page.on('worker', (worker) => {
      workers.push(worker.url());
      entries.push({
        url: worker.url(),
        method: 'GET',
        resourceType: 'script',
        source: 'worker-script',
        initiator: page.url(),
      });
    });
  };
  const onServiceWorker = (worker: { url(): string }) => {
    workers.push(worker.url());
  };

  context.on('request', onRequest);
  context.on('requestfailed', onRequestFailed);
  context.on('page', watchPage);
  context.on('serviceworker', onServiceWorker);
  for (const page of context.pages()) watchPage(page);
  for (const worker of context.serviceWorkers()) onServiceWorker(worker);

  return {
    entries,
    workers,
    urls: () => entries.map((entry) => entry.url),
    clear: () => {
      entries.length = 0;
    },
    stop: () => {
      context.off('request', onRequest);
      context.off('requestfailed', onRequestFailed);
      context.off('page', watchPage);
      context.off('serviceworker', onServiceWorker);
    },
  };
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // A WebSocket to an allowed site counts as that site.
    if (parsed.protocol === 'ws:') parsed.protocol = 'http:';
    if (parsed.protocol === 'wss:') parsed.protocol = 'https:';
    return parsed.origin;
  } catch {
    return undefined;
  }
}

function isNetworkLog(log: NetworkLog | readonly RecordedRequest[]): log is NetworkLog {
  // Not `'entries' in log`: arrays have an entries() method.
  return !Array.isArray(log);
}

/** The demo catalog's Jira site: the one the background reads work-item status from. */
export const DEMO_CATALOG_JIRA = 'https://acme.atlassian.net';

/**
 * The background's work-item status reads from the catalog's own Jira site (docs/jira-status.md):
 * the one request beside the pages' own that the network rule allows. Its details are checked in
 * tests/e2e/work-status.e2e.ts.
 */
export function isCatalogStatusRead(entry: RecordedRequest): boolean {
  if (entry.source !== 'service-worker' || entry.method !== 'GET') return false;
  return (
    /^\/rest\/api\/(3\/search\/jql|2\/search)$/.test(new URL(entry.url).pathname) &&
    originOf(entry.url) === DEMO_CATALOG_JIRA
  );
}

/** URLs in the log that are neither local schemes nor on one of the allowed origins. */
export function disallowedRequests(
  log: NetworkLog | readonly RecordedRequest[],
  allowedOrigins: readonly string[],
): RecordedRequest[] {
  const entries: readonly RecordedRequest[] = isNetworkLog(log) ? log.entries : log;
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return entries.filter((entry) => {
    if (LOCAL_SCHEMES.some((scheme) => entry.url.startsWith(scheme))) return false;
    if (isCatalogStatusRead(entry)) return false;
    const origin = originOf(entry.url);
    return origin === undefined || !allowed.has(origin);
  });
}

/** Throws, listing each offending request, unless every request stayed on an allowed origin. */
export function expectOnlyAllowedRequests(
  log: NetworkLog | readonly RecordedRequest[],
  allowedOrigins: readonly string[],
): void {
  const offenders = disallowedRequests(log, allowedOrigins);
  if (offenders.length === 0) return;
  const lines = offenders.map(
    (entry) =>
      `  ${entry.method} ${entry.url} (${entry.source}, ${entry.resourceType}` +
      `${entry.initiator ? `, from ${entry.initiator}` : ''}${entry.failure ? `, ${entry.failure}` : ''})`,
  );
  throw new Error(
    `${offenders.length} request(s) outside ${[...allowedOrigins, ...LOCAL_SCHEMES].join(', ')}:\n${lines.join('\n')}`,
  );
}
