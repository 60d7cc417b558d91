/** A fetch for tests: answers from handlers by URL, records what was asked, honours abort signals. */
export interface FetchCall {
  url: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  cache: RequestCache | undefined;
}

export type Handler = (call: FetchCall, signal: AbortSignal | undefined) => Response | Promise<Response>;

export function fakeFetch(handler: Handler): { fetch: typeof fetch; calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const call = { url: String(input), headers, credentials: init?.credentials, cache: init?.cache };
    calls.push(call);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return handler(call, signal);
  }) as typeof fetch;
  return { fetch: fetchFn, calls };
}

/** A body that arrives in `chunks`, then ends (or never ends, with `hang`). */
export function streamOf(chunks: readonly string[], { hang = false } = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk !== undefined) controller.enqueue(encoder.encode(chunk));
      else if (!hang) controller.close();
      else return new Promise(() => undefined);
    },
  });
}

/** Never answers until the request is aborted, like a server that stalls. */
export const stall: Handler = (_call, signal) =>
  new Promise<Response>((_resolve, reject) => {
    signal?.addEventListener('abort', () =>
      reject(new DOMException('The operation was aborted.', 'AbortError')),
    );
  });

export const jsonResponse = (value: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof value === 'string' ? value : JSON.stringify(value), {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });
