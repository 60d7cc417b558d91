import { describe, expect, it } from 'vitest';
import { type FetchTextOptions, fetchText, HTML_REASON, REDIRECT_REASON } from '@/utils/sync/fetch-text';
import { fakeFetch, jsonResponse, stall, streamOf } from './fake-fetch';

const URL_ = 'https://catalog.acme.example/tandem.json';

function options(fetchFn: typeof fetch, overrides: Partial<FetchTextOptions> = {}): FetchTextOptions {
  return {
    fetch: fetchFn,
    conditional: true,
    credentials: 'include',
    idleTimeoutMs: 1000,
    totalTimeoutMs: 5000,
    maxBytes: 1024,
    accept: 'application/json',
    ...overrides,
  };
}

describe('fetchText: a guarded GET', () => {
  it('returns the body with its validators, never from the HTTP cache', async () => {
    const { fetch, calls } = fakeFetch(() =>
      jsonResponse('{"a":1}', { etag: '"v1"', 'last-modified': 'Sun, 01 Nov 2026 08:00:00 GMT' }),
    );
    const answer = await fetchText(URL_, options(fetch));
    expect(answer).toEqual({
      kind: 'body',
      text: '{"a":1}',
      bytes: 7,
      etag: '"v1"',
      lastModified: 'Sun, 01 Nov 2026 08:00:00 GMT',
      link: undefined,
    });
    expect(calls[0]).toMatchObject({ cache: 'no-store', credentials: 'include' });
    expect(calls[0]?.headers).toEqual({ accept: 'application/json' });
  });

  it('sends the last validators and reads a 304 as "not modified"', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 304 }));
    const answer = await fetchText(
      URL_,
      options(fetch, { etag: '"v1"', lastModified: 'Sun, 01 Nov 2026 08:00:00 GMT' }),
    );
    expect(answer).toEqual({ kind: 'not-modified' });
    expect(calls[0]?.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Sun, 01 Nov 2026 08:00:00 GMT',
    });
  });

  it('sends no validators when conditional requests are off (no host permission)', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse('{}'));
    await fetchText(URL_, options(fetch, { etag: '"v1"', conditional: false, credentials: 'omit' }));
    expect(calls[0]?.headers).toEqual({ accept: 'application/json' });
    expect(calls[0]?.credentials).toBe('omit');
  });

  it.each([
    [404, 'no file at this URL (HTTP 404 Not Found)'],
    [403, 'the server refused access (HTTP 403 Forbidden)'],
    [500, 'the server failed (HTTP 500 Internal Server Error)'],
    [503, 'the server failed (HTTP 503 Service Unavailable)'],
  ])('turns HTTP %i into a reason', async (status, reason) => {
    const { fetch } = fakeFetch(() => new Response('nope', { status }));
    expect(await fetchText(URL_, options(fetch))).toEqual({ kind: 'failed', reason });
  });

  it('refuses HTML by its content type without reading it', async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode('<html>'));
      },
    });
    const { fetch } = fakeFetch(
      () => new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
    );
    expect(await fetchText(URL_, options(fetch))).toEqual({ kind: 'failed', reason: HTML_REASON });
    expect(pulled).toBeLessThanOrEqual(1); // a stream pulls its first chunk eagerly, no more
  });

  it('refuses HTML served as JSON or text by its first character', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response('\n  <!doctype html><title>Login</title>', {
          headers: { 'content-type': 'text/plain' },
        }),
    );
    expect(await fetchText(URL_, options(fetch))).toEqual({ kind: 'failed', reason: HTML_REASON });
  });

  it('refuses a body whose Content-Length is over the limit before reading it', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(streamOf(['{'], { hang: true }), {
          headers: { 'content-length': String(5 * 1024 * 1024) },
        }),
    );
    expect(await fetchText(URL_, options(fetch, { maxBytes: 1024 * 1024 }))).toEqual({
      kind: 'failed',
      reason: 'the file is 5.0 MB (by its Content-Length); the limit is 1.0 MB',
    });
  });

  it('gives the bytes when the size is just over the limit', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(streamOf(['{'], { hang: true }), {
          headers: { 'content-length': String(1024 * 1024 + 1) },
        }),
    );
    expect(await fetchText(URL_, options(fetch, { maxBytes: 1024 * 1024 }))).toEqual({
      kind: 'failed',
      reason: 'the file is 1,048,577 bytes (by its Content-Length); the limit is 1.0 MB',
    });
  });

  it('stops reading a body without Content-Length once it passes the limit', async () => {
    const piece = 'x'.repeat(400 * 1024);
    let served = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        served += 1;
        controller.enqueue(new TextEncoder().encode(piece));
      },
    });
    const { fetch } = fakeFetch(
      () => new Response(body, { headers: { 'content-type': 'application/json' } }),
    );
    const answer = await fetchText(URL_, options(fetch, { maxBytes: 1024 * 1024 }));
    expect(answer).toEqual({
      kind: 'failed',
      reason: 'the file is larger than the 1.0 MB limit (stopped reading after 1.2 MB)',
    });
    expect(served).toBeLessThanOrEqual(4); // an endless body: only what it took to pass the limit
  });

  it('counts bytes of earlier pages against the limit', async () => {
    const { fetch } = fakeFetch(() => jsonResponse('x'.repeat(600)));
    const answer = await fetchText(URL_, options(fetch, { maxBytes: 1000, alreadyRead: 500 }));
    expect(answer).toMatchObject({ kind: 'failed', reason: expect.stringContaining('larger than') });
  });

  it('gives up when the server does not answer in time', async () => {
    const { fetch } = fakeFetch(stall);
    const started = Date.now();
    expect(await fetchText(URL_, options(fetch, { idleTimeoutMs: 50 }))).toEqual({
      kind: 'failed',
      reason: 'no answer within 0.1 s',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up when the body stalls halfway', async () => {
    const { fetch } = fakeFetch(
      (_call, signal) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"format":'));
              signal?.addEventListener('abort', () =>
                controller.error(new DOMException('aborted', 'AbortError')),
              );
            },
          }),
        ),
    );
    expect(await fetchText(URL_, options(fetch, { idleTimeoutMs: 50 }))).toEqual({
      kind: 'failed',
      reason: 'no answer within 0.1 s',
    });
  });

  it('reports a network failure in words', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await fetchText(URL_, options(fetch))).toEqual({
      kind: 'failed',
      reason: 'could not reach the server (Failed to fetch)',
    });
  });

  it('decodes UTF-8 split across chunks and drops a byte-order mark', async () => {
    const bytes = new TextEncoder().encode('\uFEFF{"name":"Zoë Ångström 山田"}');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const { fetch } = fakeFetch(() => new Response(body));
    expect(await fetchText(URL_, options(fetch))).toMatchObject({ text: '{"name":"Zoë Ångström 山田"}' });
  });
});

describe('fetchText: redirects', () => {
  it('follows none: a redirect, to http, another origin or the same, fails with the reason', async () => {
    for (const location of [
      'http://catalog.acme.example/tandem.json',
      'https://evil.example/c.json',
      '/moved.json',
    ]) {
      const { fetch, calls } = fakeFetch(() => new Response(null, { status: 302, headers: { location } }));
      expect(await fetchText(URL_, options(fetch))).toEqual({ kind: 'failed', reason: REDIRECT_REASON });
      expect(calls.map((call) => call.url)).toEqual([URL_]);
    }
    // What Chromium gives for `redirect: 'manual'`: an opaque redirect, status 0.
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      ok: false,
      headers: new Headers(),
      body: null,
    } as Response;
    const { fetch } = fakeFetch(() => opaque);
    expect(await fetchText(URL_, options(fetch))).toEqual({ kind: 'failed', reason: REDIRECT_REASON });
  });
});
