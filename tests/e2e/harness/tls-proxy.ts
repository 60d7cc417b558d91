/**
 * A forward proxy on 127.0.0.1 that answers HTTPS for the test sites itself, for the requests that
 * page-level interception never sees: in Firefox those are the extension's background page's
 * (BiDi intercepts a tab's requests, not the hidden background's). Firefox is pointed at it with
 * the `network.proxy.*` prefs; a `CONNECT` to a served origin is answered with TLS under the
 * test-only certificate (tests/fixtures/tls, accepted because the browser runs with
 * `acceptInsecureCerts`), and the request inside goes to that origin's handler with the headers
 * exactly as the browser sent them, cookies included. Anything else is refused and recorded, so
 * nothing leaves the machine.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { projectRoot } from './browser';
import type { HostHandler } from './hosts';

const TLS_DIR = path.join(projectRoot, 'tests/fixtures/tls');

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface TlsProxy {
  port: number;
  /** Every request answered through the proxy, in order. */
  requests: ProxiedRequest[];
  /** Targets refused (no handler), in order. */
  refused: string[];
  serve(origin: string, handler: HostHandler): void;
  /** Firefox prefs that send every request interception does not answer to this proxy. */
  firefoxPrefs(): Record<string, unknown>;
  close(): Promise<void>;
}

/** `acme.atlassian.net:443` → `https://acme.atlassian.net`; other ports are kept. */
function originOfTarget(target: string): string {
  const [host, port] = target.split(':');
  return port && port !== '443' ? `https://${host}:${port}` : `https://${host}`;
}

export async function startTlsProxy(): Promise<TlsProxy> {
  const handlers = new Map<string, HostHandler>();
  const requests: ProxiedRequest[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const secureContext = tls.createSecureContext({
    key: readFileSync(path.join(TLS_DIR, 'test-only-key.pem')),
    cert: readFileSync(path.join(TLS_DIR, 'test-only-cert.pem')),
  });

  // The server the decrypted requests reach; the proxy hands it each TLS socket.
  const sites = http.createServer(async (request, response) => {
    const origin = originOfTarget(request.headers.host ?? '');
    const url = new URL(request.url ?? '/', origin);
    requests.push({ method: request.method ?? 'GET', url: url.href, headers: request.headers });
    const handler = handlers.get(url.origin);
    // The fake APIs read headers the way Playwright's Request offers them.
    const shim = {
      allHeaders: async () => request.headers as Record<string, string>,
      serviceWorker: () => null,
    };
    try {
      const answer = handler ? await handler(url, shim as never) : undefined;
      const status = answer?.status ?? (answer ? 200 : 404);
      response.writeHead(status, {
        'content-type': answer?.contentType ?? 'text/plain',
        'cache-control': 'no-store',
        ...answer?.headers,
      });
      response.end(answer?.body ?? `no fixture for ${url.pathname}`);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`fixture handler failed: ${String(error)}`);
    }
  });

  const proxy = http.createServer((request, response) => {
    // A plain-http request through the proxy: no test site is served over http.
    refused.push(request.url ?? '');
    response.writeHead(403, { 'content-type': 'text/plain' });
    response.end('refused by the test proxy');
  });
  proxy.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  proxy.on('connect', (request, socket: Socket) => {
    const target = request.url ?? '';
    if (!handlers.has(originOfTarget(target))) {
      refused.push(target);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const secure = new tls.TLSSocket(socket, { isServer: true, secureContext, ALPNProtocols: ['http/1.1'] });
    secure.on('error', () => socket.destroy());
    sites.emit('connection', secure);
  });

  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    port,
    requests,
    refused,
    serve(origin, handler) {
      handlers.set(new URL(origin).origin, handler);
    },
    firefoxPrefs: () => ({
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.share_proxy_settings': false,
      // Loopback stays direct; Firefox would otherwise also send it to the proxy.
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
    }),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      sites.close();
    },
  };
}
