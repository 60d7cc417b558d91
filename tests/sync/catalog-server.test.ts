// @vitest-environment node
/**
 * The refresh pipeline against a real HTTP server (the e2e harness's catalog server) with Node's
 * own fetch: every failure mode gives its reason, a repeat costs one 304, Backstage pages are
 * followed. Small size limits keep the oversize modes quick.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '@/utils/settings/schema';
import { type FetchSourceOptions, fetchSource } from '@/utils/sync/fetch-source';
import { HTML_REASON } from '@/utils/sync/fetch-text';
import { catalogInput } from '../catalog/build';
import {
  type BackstageEntity,
  type CatalogServer,
  type FailureMode,
  startCatalogServer,
} from '../e2e/harness/catalog-server';

const LIMIT = 256 * 1024;
let server: CatalogServer;
const options = (): FetchSourceOptions => ({
  fetch: globalThis.fetch,
  permission: true,
  idleTimeoutMs: 300,
  totalTimeoutMs: 10_000,
  maxBytes: LIMIT,
});
const source = (path: string, kind: Source['kind'] = 'catalog'): Source => ({
  id: 'test',
  url: server.url(path),
  kind,
  refreshMinutes: 60,
});

beforeAll(async () => {
  server = await startCatalogServer({ oversizeBytes: LIMIT * 2, slowMs: 5_000 });
});
afterAll(async () => {
  await server.close();
});

describe('a catalog file over HTTP', () => {
  it('fetches and validates it, then costs one 304 while it is unchanged', async () => {
    server.set('/catalog.json', catalogInput());
    const first = await fetchSource(source('/catalog.json'), null, options());
    if (first.kind !== 'catalog') throw new Error(JSON.stringify(first));
    expect(first.catalog.teams).toHaveLength(2);
    expect(first.etag).toMatch(/^"[0-9a-f]+"$/);
    const state = {
      id: 'test',
      url: server.url('/catalog.json'),
      kind: 'catalog' as const,
      etag: first.etag,
      lastModified: first.lastModified,
    };
    expect(await fetchSource(source('/catalog.json'), state, options())).toEqual({ kind: 'not-modified' });
    const last = server.requests.at(-1);
    expect(last?.status).toBe(304);
    expect(last?.headers['if-none-match']).toBe(first.etag);
    expect(last?.headers['if-modified-since']).toBe(first.lastModified);
    // Only If-Modified-Since (a host without ETags) works too.
    expect(await fetchSource(source('/catalog.json'), { ...state, etag: undefined }, options())).toEqual({
      kind: 'not-modified',
    });
    server.set('/catalog.json', catalogInput({ name: 'Changed' }));
    expect(await fetchSource(source('/catalog.json'), state, options())).toMatchObject({ kind: 'catalog' });
  });

  const reasons: Record<FailureMode, string | RegExp> = {
    drop: /^could not reach the server \(/,
    'not-found': 'no file at this URL (HTTP 404 Not Found)',
    'server-error': 'the server failed (HTTP 500 Internal Server Error)',
    html: HTML_REASON,
    'oversize-length': 'the file is 0.5 MB (by its Content-Length); the limit is 0.3 MB',
    'oversize-stream': /^the file is larger than the 0\.3 MB limit \(stopped reading after 0\.\d MB\)$/,
    'invalid-json': /^the file is not valid JSON \(/,
    'invalid-catalog': 'the catalog breaks 1 rule, first needs[0].itOwner: no person "p-ghost"',
    slow: 'no answer within 0.3 s',
  };

  it.each(Object.entries(reasons))(
    'fails with a reason when the server answers "%s"',
    async (mode, reason) => {
      server.set('/flaky.json', catalogInput());
      server.failWith(mode as FailureMode, '/flaky.json');
      try {
        const outcome = await fetchSource(source('/flaky.json'), null, options());
        expect(outcome.kind).toBe('failed');
        const text = outcome.kind === 'failed' ? outcome.reason : '';
        if (typeof reason === 'string') expect(text).toBe(reason);
        else expect(text).toMatch(reason);
      } finally {
        server.failWith(null, '/flaky.json');
      }
    },
  );

  it('says a missing permission is the likely cause when it cannot connect without one', async () => {
    server.failWith('drop', '/flaky.json');
    try {
      const outcome = await fetchSource(source('/flaky.json'), null, { ...options(), permission: false });
      expect(outcome).toMatchObject({
        kind: 'failed',
        reason: expect.stringMatching(
          /Tandem is not allowed to read http:\/\/127\.0\.0\.1:\d+: allow it in Tandem's options$/,
        ),
      });
    } finally {
      server.failWith(null, '/flaky.json');
    }
  });
});

describe('a Backstage catalog over HTTP', () => {
  const entities: BackstageEntity[] = JSON.parse(
    readFileSync(resolve(process.cwd(), 'tests/fixtures/backstage/entities.json'), 'utf8'),
  );

  it('follows every page and maps the whole catalog', async () => {
    server.setBackstage(entities, 4);
    const before = server.requests.length;
    const outcome = await fetchSource(source('/', 'backstage'), null, options());
    if (outcome.kind !== 'catalog') throw new Error(JSON.stringify(outcome));
    expect(outcome.catalog.teams).toHaveLength(4);
    expect(outcome.catalog.people).toHaveLength(8);
    expect(outcome.catalog.links).toHaveLength(5);
    const pages = server.requests.slice(before);
    expect(pages).toHaveLength(Math.ceil(entities.length / 4));
    expect(pages[1]?.path).toMatch(/^\/api\/catalog\/entities\?.*after=/);
    // Several pages: validators of the first alone would not prove the rest unchanged.
    expect(outcome.etag).toBeUndefined();
  });

  it('keeps validators for a one-page catalog and then costs one 304', async () => {
    server.setBackstage(entities, 500);
    const first = await fetchSource(source('/', 'backstage'), null, options());
    if (first.kind !== 'catalog') throw new Error(JSON.stringify(first));
    expect(first.etag).toBeDefined();
    const state = { id: 'test', url: server.url('/'), kind: 'backstage' as const, etag: first.etag };
    expect(await fetchSource(source('/', 'backstage'), state, options())).toEqual({ kind: 'not-modified' });
  });

  it('refuses an answer that is not a list of entities, and a missing API', async () => {
    server.set('/portal/api/catalog/entities', { error: { message: 'Unauthorized' } });
    expect(await fetchSource(source('/portal', 'backstage'), null, options())).toEqual({
      kind: 'failed',
      reason: 'Backstage answered with something other than a list of entities',
    });
    expect(await fetchSource(source('/nowhere', 'backstage'), null, options())).toEqual({
      kind: 'failed',
      reason: 'no file at this URL (HTTP 404 Not Found)',
    });
  });
});
