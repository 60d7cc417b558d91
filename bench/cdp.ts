/**
 * A minimal Chrome DevTools Protocol client over the browser's own WebSocket endpoint. Playwright
 * gives CDP sessions to pages only; the extension's service worker (its heap, its start time) needs
 * a browser-level connection, which Chromium opens when launched with `--remote-debugging-port=0`
 * (it writes the port to `DevToolsActivePort` in the profile). Node 20 needs
 * `--experimental-websocket` for the global WebSocket (the bench scripts pass it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Listener = (params: Record<string, unknown>, sessionId?: string) => void;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  method: string;
}

export class CdpConnection {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener>>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
        sessionId?: string;
      };
      if (message.id !== undefined) {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
        else pending.resolve(message.result);
      } else if (message.method) {
        for (const listener of this.listeners.get(message.method) ?? [])
          listener(message.params ?? {}, message.sessionId);
      }
    });
    socket.addEventListener('close', () => {
      for (const pending of this.pending.values())
        pending.reject(new Error(`${pending.method}: connection closed`));
      this.pending.clear();
    });
  }

  /** Connects to the browser that runs with `userDataDir` and `--remote-debugging-port=0`. */
  static async forProfile(userDataDir: string, timeoutMs = 10_000): Promise<CdpConnection> {
    if (typeof WebSocket !== 'function') {
      throw new Error('No global WebSocket: run with node --experimental-websocket (Node 20) or Node 22+');
    }
    const file = path.join(userDataDir, 'DevToolsActivePort');
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(file)) {
      if (Date.now() > deadline)
        throw new Error(`${file} did not appear: was --remote-debugging-port=0 passed?`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [port, browserPath] = readFileSync(file, 'utf8').split('\n');
    const socket = new WebSocket(`ws://127.0.0.1:${port}${browserPath}`);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error('cannot open the DevTools WebSocket')), {
        once: true,
      });
    });
    return new CdpConnection(socket);
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  on(method: string, listener: Listener): () => void {
    let set = this.listeners.get(method);
    if (!set) {
      set = new Set();
      this.listeners.set(method, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  close(): void {
    this.socket.close();
  }
}

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  attached: boolean;
}

export async function targets(cdp: CdpConnection): Promise<TargetInfo[]> {
  const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
  return targetInfos;
}

/** A flat session to one target (commands carry its sessionId on the browser connection). */
export class TargetSession {
  constructor(
    readonly cdp: CdpConnection,
    readonly sessionId: string,
    readonly target: TargetInfo,
  ) {}

  static async attach(cdp: CdpConnection, target: TargetInfo): Promise<TargetSession> {
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: true,
    });
    return new TargetSession(cdp, sessionId, target);
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.cdp.send<T>(method, params, this.sessionId);
  }

  async evaluate<T>(expression: string): Promise<T> {
    const answer = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
    );
    if (answer.exceptionDetails) throw new Error(`evaluate failed: ${answer.exceptionDetails.text}`);
    return answer.result.value;
  }

  async detach(): Promise<void> {
    await this.cdp.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
  }
}

/** The extension's service worker target, waiting for it to be listed. */
export async function serviceWorkerTarget(
  cdp: CdpConnection,
  extensionId: string,
  timeoutMs = 10_000,
): Promise<TargetInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await targets(cdp)).find(
      (target) =>
        target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the extension service worker is not running');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
