/**
 * One guarded HTTP GET for a shared catalog: a timeout, a size limit checked from Content-Length and
 * again while the body streams in (so an oversized answer is never held whole, let alone parsed),
 * HTML refused before it is read, and conditional requests so an unchanged file costs one 304.
 * `fetch` is injected: tests drive it with fakes and with a real server.
 */

export interface FetchTextOptions {
  fetch: typeof fetch;
  /** Validators from the last good answer; sent only when `conditional`. */
  etag?: string | undefined;
  lastModified?: string | undefined;
  conditional: boolean;
  /** `include` sends the browser's cookies for the host (an intranet behind a login). */
  credentials: RequestCredentials;
  /** Longest wait for the answer to start, and between two pieces of the body. */
  idleTimeoutMs: number;
  /** Longest a whole download may take. */
  totalTimeoutMs: number;
  maxBytes: number;
  /** Bytes already read for the same catalog (earlier pages): they count against `maxBytes`. */
  alreadyRead?: number;
  accept: string;
}

export type FetchTextResult =
  | { kind: 'not-modified' }
  | {
      kind: 'body';
      text: string;
      bytes: number;
      etag?: string | undefined;
      lastModified?: string | undefined;
      /** The `Link` header, for paged APIs (Backstage). */
      link?: string | undefined;
    }
  | { kind: 'failed'; reason: string };

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function tooLargeReason(bytes: number, maxBytes: number, whileReading: boolean): string {
  if (whileReading)
    return `the file is larger than the ${megabytes(maxBytes)} limit (stopped reading after ${megabytes(bytes)})`;
  // Just over the limit, megabytes round to the same figure: then bytes say it.
  const size =
    megabytes(bytes) === megabytes(maxBytes) ? `${bytes.toLocaleString('en')} bytes` : megabytes(bytes);
  return `the file is ${size} (by its Content-Length); the limit is ${megabytes(maxBytes)}`;
}

export const REDIRECT_REASON =
  'the server answered with a redirect, which Tandem does not follow (it could lead off https or to another site): use the final address';

export const HTML_REASON =
  'the server answered with an HTML page instead of JSON (a login page, an error page or a wrong URL?)';

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function httpReason(response: Response): string {
  const text = response.statusText || STATUS_TEXT[response.status] || '';
  const status = `HTTP ${response.status}${text ? ` ${text}` : ''}`;
  if (response.status === 401 || response.status === 403) return `the server refused access (${status})`;
  if (response.status === 404 || response.status === 410) return `no file at this URL (${status})`;
  if (response.status >= 500) return `the server failed (${status})`;
  return status;
}

const isHtmlType = (type: string) => /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(type);

/** Why a fetch that threw failed, in words. */
function failureReason(error: unknown, timedOut: string | null): string {
  if (timedOut) return timedOut;
  const message = error instanceof Error ? error.message : String(error);
  return `could not reach the server (${message || 'network error'})`;
}

export async function fetchText(url: string, options: FetchTextOptions): Promise<FetchTextResult> {
  const controller = new AbortController();
  let timedOut: string | null = null;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const kick = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      timedOut = `no answer within ${seconds(options.idleTimeoutMs)}`;
      controller.abort();
    }, options.idleTimeoutMs);
  };
  const total = setTimeout(() => {
    timedOut = `the download took longer than ${seconds(options.totalTimeoutMs)}`;
    controller.abort();
  }, options.totalTimeoutMs);
  kick();

  const headers: Record<string, string> = { accept: options.accept };
  if (options.conditional && options.etag) headers['if-none-match'] = options.etag;
  if (options.conditional && options.lastModified) headers['if-modified-since'] = options.lastModified;

  try {
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: 'GET',
        headers,
        // Validators are ours: the HTTP cache must neither answer for the server nor store the file.
        cache: 'no-store',
        credentials: options.credentials,
        // A redirect is not followed: it could leave https or the source's origin (docs/security.md).
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch (error) {
      return { kind: 'failed', reason: failureReason(error, timedOut) };
    }
    kick();
    if (
      response.type === 'opaqueredirect' ||
      (response.status >= 300 && response.status < 400 && response.status !== 304)
    ) {
      void response.body?.cancel().catch(() => undefined);
      controller.abort();
      return { kind: 'failed', reason: REDIRECT_REASON };
    }
    const stop = () => {
      void response.body?.cancel().catch(() => undefined);
      controller.abort();
    };

    if (response.status === 304) {
      stop();
      return options.conditional
        ? { kind: 'not-modified' }
        : { kind: 'failed', reason: 'HTTP 304 Not Modified to a request that asked for the whole file' };
    }
    if (!response.ok) {
      stop();
      return { kind: 'failed', reason: httpReason(response) };
    }
    if (isHtmlType(response.headers.get('content-type') ?? '')) {
      stop();
      return { kind: 'failed', reason: HTML_REASON };
    }
    const before = options.alreadyRead ?? 0;
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && before + declared > options.maxBytes) {
      stop();
      return { kind: 'failed', reason: tooLargeReason(before + declared, options.maxBytes, false) };
    }

    const read = await readCapped(response, before, options.maxBytes, kick);
    if (read.kind === 'too-large') {
      stop();
      return { kind: 'failed', reason: tooLargeReason(read.bytes, options.maxBytes, true) };
    }
    if (read.kind === 'broken') {
      return {
        kind: 'failed',
        reason: timedOut ?? `the connection broke while reading the file (${read.message})`,
      };
    }
    if (/^\s*</.test(read.text.slice(0, 1024))) return { kind: 'failed', reason: HTML_REASON };
    return {
      kind: 'body',
      text: read.text,
      bytes: read.bytes - before,
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
      link: response.headers.get('link') ?? undefined,
    };
  } finally {
    clearTimeout(idle);
    clearTimeout(total);
  }
}

type ReadResult =
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'broken'; message: string };

/** Reads the body piece by piece, counting bytes, and gives up as soon as it passes `maxBytes`. */
async function readCapped(
  response: Response,
  before: number,
  maxBytes: number,
  onChunk: () => void,
): Promise<ReadResult> {
  if (!response.body) return { kind: 'text', text: '', bytes: before };
  const reader = response.body.getReader();
  // fatal: false turns broken UTF-8 into U+FFFD; the JSON parser or the schema then says what is wrong.
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let bytes = before;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk();
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { kind: 'too-large', bytes };
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
  } catch (error) {
    return { kind: 'broken', message: error instanceof Error ? error.message : String(error) };
  }
  parts.push(decoder.decode());
  return { kind: 'text', text: parts.join(''), bytes };
}
