/**
 * A shared-catalog host for tests, on 127.0.0.1 with Node's http module: serves catalog files with
 * ETag and Last-Modified, answers 304 to conditional requests, serves a paged Backstage
 * `/api/catalog/entities`, and can be told to fail in each way a real host fails. Records every
 * request so a test can prove what the extension sent (and that no CORS preflight was needed).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_CATALOG_BYTES } from '../../../utils/catalog/validate';

export const FAILURE_MODES = [
  'drop',
  'not-found',
  'server-error',
  'html',
  'oversize-length',
  'oversize-stream',
  'invalid-json',
  'invalid-catalog',
  'slow',
] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

export interface ServedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The status sent, or what happened instead. */
  status: number | 'dropped' | 'stalled';
}

export interface CatalogServerOptions {
  /** Bytes the oversize modes announce or stream; default one more than the catalog limit. */
  oversizeBytes?: number;
  /** How long `slow` waits before it answers; default a minute (longer than any test timeout). */
  slowMs?: number;
}

interface File {
  body: Buffer;
  etag: string;
  lastModified: string;
  contentType: string;
  headers: Record<string, string>;
}

export interface CatalogServer {
  origin: string;
  url(path: string): string;
  /**
   * Serves `body` (JSON-encoded unless a string) at `path` with a new ETag and Last-Modified;
   * `headers` go along (e.g. `access-control-allow-origin` for a host open to any origin).
   */
  set(
    path: string,
    body: unknown,
    options?: { contentType?: string; headers?: Record<string, string> },
  ): void;
  /** Serves Backstage entities at `/api/catalog/entities`, `pageSize` per page. */
  setBackstage(entities: readonly BackstageEntity[], pageSize?: number): void;
  /** Makes `path` (or every path) fail in `mode`; `null` heals it. */
  failWith(mode: FailureMode | null, path?: string): void;
  readonly requests: ServedRequest[];
  close(): Promise<void>;
}

export interface BackstageEntity {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> } & Record<string, unknown>;
  [key: string]: unknown;
}

export const LOGIN_PAGE =
  '<!doctype html><html><head><title>Sign in</title></head><body><form>Sign in to continue</form></body></html>';

/** Valid JSON, but a need names a person nobody defines. */
export const INVALID_CATALOG = {
  format: 'tandem.catalog',
  version: 1,
  people: [],
  teams: [],
  needs: [{ id: 'n-broken', title: 'Broken', itOwner: 'p-ghost' }],
  links: [],
};

const etagOf = (body: Buffer) => `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;

/** Backstage's filter syntax, as much as tests use: `key=value` and `key` (exists), case-insensitive. */
function matchesFilter(entity: BackstageEntity, filter: string): boolean {
  return filter.split(',').every((condition) => {
    const eq = condition.indexOf('=');
    const key = (eq >= 0 ? condition.slice(0, eq) : condition).toLowerCase();
    const want = eq >= 0 ? condition.slice(eq + 1).toLowerCase() : undefined;
    if (key === 'kind') return entity.kind.toLowerCase() === want;
    if (key.startsWith('metadata.annotations.')) {
      const name = key.slice('metadata.annotations.'.length);
      const found = Object.entries(entity.metadata.annotations ?? {}).find(([k]) => k.toLowerCase() === name);
      return found !== undefined && (want === undefined || found[1].toLowerCase() === want);
    }
    return false;
  });
}

export async function startCatalogServer(options: CatalogServerOptions = {}): Promise<CatalogServer> {
  const oversize = options.oversizeBytes ?? MAX_CATALOG_BYTES + 1;
  const slowMs = options.slowMs ?? 60_000;
  const files = new Map<string, File>();
  const failures = new Map<string, FailureMode>();
  const requests: ServedRequest[] = [];
  let backstage: { entities: readonly BackstageEntity[]; pageSize: number } | undefined;
  let clock = Date.parse('2026-11-01T08:00:00Z');

  const json = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

  function sendBody(
    res: ServerResponse,
    record: ServedRequest,
    body: Buffer,
    headers: Record<string, string>,
  ) {
    record.status = 200;
    res.writeHead(200, { 'content-length': String(body.length), 'cache-control': 'no-cache', ...headers });
    res.end(body);
  }

  /** 304 when the request's validators match, as a static host or Express would answer. */
  function notModified(headers: IncomingHttpHeaders, etag: string, lastModified?: string): boolean {
    const match = headers['if-none-match'];
    if (match !== undefined) return match.split(',').some((tag) => tag.trim() === etag);
    const since = headers['if-modified-since'];
    return since !== undefined && lastModified !== undefined && Date.parse(since) >= Date.parse(lastModified);
  }

  function fail(mode: FailureMode, res: ServerResponse, record: ServedRequest): void {
    switch (mode) {
      case 'drop':
        record.status = 'dropped';
        res.socket?.destroy();
        return;
      case 'not-found':
        record.status = 404;
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      case 'server-error':
        record.status = 500;
        res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
        return;
      case 'html':
        sendBody(res, record, json(LOGIN_PAGE), { 'content-type': 'text/html; charset=utf-8' });
        return;
      case 'invalid-json':
        sendBody(res, record, json('{"format": "tandem.catalog", "people": [ oops'), {
          'content-type': 'application/json',
        });
        return;
      case 'invalid-catalog':
        sendBody(res, record, json(INVALID_CATALOG), { 'content-type': 'application/json' });
        return;
      case 'oversize-length':
        // Announces more than the limit, sends a little, and waits for the client to give up.
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(oversize) });
        res.write('{"format":"tandem.catalog",');
        return;
      case 'oversize-stream':
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length to check
        void streamPadding(res, oversize);
        return;
      case 'slow': {
        record.status = 'stalled';
        const timer = setTimeout(() => {
          if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        }, slowMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
    }
  }

  function serveBackstage(
    url: URL,
    headers: IncomingHttpHeaders,
    res: ServerResponse,
    record: ServedRequest,
  ) {
    if (!backstage) {
      record.status = 404;
      res.writeHead(404).end();
      return;
    }
    const filters = url.searchParams.getAll('filter');
    const matching = backstage.entities.filter(
      (entity) => filters.length === 0 || filters.some((filter) => matchesFilter(entity, filter)),
    );
    const limit = Number(url.searchParams.get('limit') ?? backstage.pageSize) || backstage.pageSize;
    const size = Math.min(limit, backstage.pageSize);
    const after = url.searchParams.get('after');
    const offset = after ? Number(Buffer.from(after, 'base64').toString('utf8')) : 0;
    const page = matching.slice(offset, offset + size);
    const body = json(page);
    const extra: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      etag: etagOf(body),
    };
    if (offset + size < matching.length) {
      // As Backstage writes it: relative to the catalog router, `after` replacing `offset`.
      const next = new URLSearchParams(url.searchParams);
      next.set('after', Buffer.from(String(offset + size)).toString('base64'));
      extra.link = `</entities?${next.toString()}>; rel="next"`;
    }
    if (notModified(headers, extra.etag as string)) {
      record.status = 304;
      res.writeHead(304, { etag: extra.etag as string }).end();
      return;
    }
    sendBody(res, record, body, extra);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: ServedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: req.headers,
      status: 0,
    };
    requests.push(record);
    const mode = failures.get(url.pathname) ?? failures.get('*');
    if (mode) return fail(mode, res, record);
    if (url.pathname === '/api/catalog/entities') return serveBackstage(url, req.headers, res, record);
    const file = files.get(url.pathname);
    if (!file || req.method !== 'GET') {
      record.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (notModified(req.headers, file.etag, file.lastModified)) {
      record.status = 304;
      res.writeHead(304, { etag: file.etag, 'last-modified': file.lastModified }).end();
      return;
    }
    sendBody(res, record, file.body, {
      ...file.headers,
      'content-type': file.contentType,
      etag: file.etag,
      'last-modified': file.lastModified,
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    set(path, body, { contentType = 'application/json; charset=utf-8', headers = {} } = {}) {
      clock += 60_000; // every version a minute newer: Last-Modified has one-second resolution
      const buffer = json(body);
      const lastModified = new Date(clock).toUTCString();
      files.set(path, { body: buffer, etag: etagOf(buffer), lastModified, contentType, headers });
    },
    setBackstage(entities, pageSize = 500) {
      backstage = { entities, pageSize };
    },
    failWith(mode, path = '*') {
      if (mode) failures.set(path, mode);
      else failures.delete(path);
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes JSON-looking padding until `total` bytes are out or the client hangs up. */
async function streamPadding(res: ServerResponse, total: number): Promise<void> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const closed = new Promise<void>((resolve) => res.once('close', resolve));
  res.write('{"format":"tandem.catalog","padding":"');
  let sent = 0;
  while (sent < total && !res.destroyed) {
    sent += chunk.length;
    if (!res.write(chunk)) await Promise.race([once(res, 'drain'), closed]);
  }
  if (!res.destroyed) res.end('"}');
}
