/**
 * Serves pages under their real host names (https://acme.atlassian.net/…) from this process
 * through Playwright routing, so content-script match patterns, `location` and `history.pushState`
 * behave as on the real site, and nothing is fetched from the network.
 *
 * Playwright tries the most recently registered route first. The first route registered on a
 * context is therefore a catch-all that runs only when no host route took the request: it aborts
 * every other http(s) request and records it as blocked.
 */

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import { DEMO_CATALOG_JIRA } from './network';

export interface HostResponse {
  status?: number;
  contentType?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** Answers one request on a served origin; `undefined` means 404. */
export type HostHandler = (
  url: URL,
  request: Request,
) => HostResponse | undefined | Promise<HostResponse | undefined>;

export interface BlockedRequest {
  url: string;
  method: string;
  resourceType: string;
}

interface Guard {
  blocked: BlockedRequest[];
  served: string[];
  origins: Set<string>;
}

const guards = new WeakMap<BrowserContext, Guard>();

/**
 * Installs the catch-all that aborts any http(s) request no served origin answers. Called by
 * `serveHost`; call it yourself first if the context makes requests before any host is served.
 */
export async function installNetworkGuard(context: BrowserContext): Promise<Guard> {
  const existing = guards.get(context);
  if (existing) return existing;
  const guard: Guard = { blocked: [], served: [], origins: new Set() };
  guards.set(context, guard);
  await context.route(
    (url) => url.protocol === 'http:' || url.protocol === 'https:',
    async (route: Route) => {
      const request = route.request();
      guard.blocked.push({
        url: request.url(),
        method: request.method(),
        resourceType: request.resourceType(),
      });
      await route.abort('blockedbyclient').catch(() => undefined);
    },
  );
  return guard;
}

/** Requests the catch-all aborted, in order. */
export function blockedRequests(context: BrowserContext): readonly BlockedRequest[] {
  // The background's status reads from the catalog's Jira site, which most tests do not serve, are
  // blocked as they should be; they are not a page reaching out (tests/e2e/work-status.e2e.ts).
  return (guards.get(context)?.blocked ?? []).filter(
    (request) =>
      !(
        request.method === 'GET' &&
        request.url.startsWith(`${DEMO_CATALOG_JIRA}/rest/api/`) &&
        /\/rest\/api\/(3\/search\/jql|2\/search)\?/.test(request.url)
      ),
  );
}

/** URLs answered by `serveHost` handlers, in order. */
export function servedRequests(context: BrowserContext): readonly string[] {
  return guards.get(context)?.served ?? [];
}

/** Origins served on this context. */
export function servedOrigins(context: BrowserContext): string[] {
  return [...(guards.get(context)?.origins ?? [])];
}

/** Answers every request to `origin` (e.g. `https://acme.atlassian.net`) with `handler`. */
export async function serveHost(
  context: BrowserContext,
  origin: string,
  handler: HostHandler,
): Promise<void> {
  const guard = await installNetworkGuard(context);
  const normalized = new URL(origin).origin;
  guard.origins.add(normalized);
  // Same as `context.route(origin + '/**')`, without glob escaping questions for `?` and `.`.
  await context.route(
    (url) => url.origin === normalized,
    async (route: Route) => {
      const request = route.request();
      const url = new URL(request.url());
      let response: HostResponse | undefined;
      try {
        response = await handler(url, request);
      } catch (error) {
        response = {
          status: 500,
          contentType: 'text/plain',
          body: `fixture handler failed: ${String(error)}`,
        };
      }
      guard.served.push(request.url());
      response ??= { status: 404, contentType: 'text/plain', body: `no fixture for ${url.pathname}` };
      await route
        .fulfill({
          status: response.status ?? 200,
          contentType: response.contentType ?? 'text/html; charset=utf-8',
          headers: { 'cache-control': 'no-store', ...response.headers },
          body: response.body,
        })
        .catch(() => undefined); // the page went away meanwhile
    },
  );
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Fixture assets live under this path on the served origin, e.g. `/__fixture/app.js`. */
export const FIXTURE_ASSET_PREFIX = '/__fixture/';

function json(status: number, value: unknown): HostResponse {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

/** What a fixture folder's optional `rest.mjs` exports as `rest`. */
type RestFake = (url: URL, method: string) => { status: number; body: unknown } | undefined;

async function loadRestFake(dir: string): Promise<RestFake | undefined> {
  const file = path.join(dir, 'rest.mjs');
  if (!existsSync(file)) return undefined;
  const module: { rest?: unknown } = await import(pathToFileURL(file).href);
  if (typeof module.rest !== 'function') throw new Error(`${file} must export a function named rest`);
  return module.rest as RestFake;
}

/** Paths that are APIs on the hosts we imitate: unknown ones answer 404 JSON, never the app page. */
const API_PATH = /^\/(rest|api|services\/data|services\/apexrest)\//;

/**
 * A single-page-app site from a fixture folder (`tests/fixtures/<host>/`):
 * - `/__fixture/<file>` serves `<dir>/<file>` (scripts, styles, data);
 * - any path that `rest(url, method)` exported by `<dir>/rest.mjs` answers gets that JSON;
 * - other API paths (`/rest/`, `/api/`, `/services/data/`) get a 404 JSON;
 * - every other path serves `<dir>/app.html`, whose script renders the route from `location`.
 */
export function fixtureSite(dir: string): HostHandler {
  const root = path.resolve(dir);
  let restFake: Promise<RestFake | undefined> | undefined;
  return async (url, request) => {
    if (url.pathname.startsWith(FIXTURE_ASSET_PREFIX)) {
      const file = path.resolve(root, decodeURIComponent(url.pathname.slice(FIXTURE_ASSET_PREFIX.length)));
      if (!file.startsWith(root + path.sep) || !existsSync(file)) return undefined;
      const contentType = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      return { contentType, body: await readFile(file) };
    }
    restFake ??= loadRestFake(root);
    const answer = (await restFake)?.(url, request.method());
    if (answer) return json(answer.status, answer.body);
    if (API_PATH.test(url.pathname)) {
      return json(404, { errorMessages: [`No fixture for ${request.method()} ${url.pathname}`], errors: {} });
    }
    if (url.pathname === '/favicon.ico') return { status: 204, contentType: 'image/x-icon', body: '' };
    return { contentType: 'text/html; charset=utf-8', body: await readFile(path.join(root, 'app.html')) };
  };
}

// ---------------------------------------------------------------------------------------------
// Driving a fixture page (tests/fixtures/<host>/app.js exposes window.__fixture).

export interface FixtureRendered {
  key: string | null;
  view: string;
  path: string;
  count: number;
}

interface FixtureWindow {
  __fixture?: { navigate(path: string): void; rendered: FixtureRendered | null };
}

/** Client-side navigation inside the fixture app (history.pushState, as the real app does). */
export async function fixtureNavigate(page: Page, pathname: string): Promise<void> {
  await page.evaluate((target) => {
    const fixture = (window as FixtureWindow).__fixture;
    if (!fixture) throw new Error('not a fixture page: window.__fixture is missing');
    fixture.navigate(target);
  }, pathname);
}

/**
 * Waits until the fixture has completely rendered the view for the current URL, and, when `key`
 * is given, that this view shows that record (`null`: a page without a record).
 */
export async function waitForFixture(
  page: Page,
  key?: string | null,
  timeout = 10_000,
): Promise<FixtureRendered> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const rendered = (window as FixtureWindow).__fixture?.rendered;
      if (!rendered || rendered.path !== location.pathname + location.search) return false;
      if (wanted !== undefined && rendered.key !== wanted) return false;
      return rendered;
    },
    key,
    { timeout },
  );
  return (await handle.jsonValue()) as FixtureRendered;
}
