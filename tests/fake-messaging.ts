/**
 * The fake browser's `runtime.sendMessage` passes an empty sender; Chromium passes our extension's
 * id, which the router checks. This one helper makes the fake behave like the browser, so a change
 * in the fake's semantics touches one place.
 */
import { fakeBrowser } from 'wxt/testing';

export function installFakeMessaging(sender: { id?: string } = { id: fakeBrowser.runtime.id }): void {
  fakeBrowser.runtime.sendMessage = (async (message: unknown) => {
    const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender);
    return answers.find((answer: unknown) => answer !== undefined);
  }) as typeof fakeBrowser.runtime.sendMessage;
  installFakePorts();
}

/** A port from `runtime.connect()`; `close()` is the browser closing it (worker stopped, extension gone). */
export interface FakePort {
  disconnected: boolean;
  close(): void;
}

/** Ports content scripts opened since `installFakeMessaging`, in order. */
export const fakePorts: FakePort[] = [];

function installFakePorts(): void {
  fakePorts.length = 0;
  fakeBrowser.runtime.connect = (() => {
    const listeners: (() => void)[] = [];
    const port: FakePort = {
      disconnected: false,
      close() {
        port.disconnected = true;
        for (const listener of listeners) listener();
      },
    };
    fakePorts.push(port);
    return {
      disconnect: () => {
        port.disconnected = true;
      },
      onDisconnect: { addListener: (listener: () => void) => listeners.push(listener) },
    };
  }) as never;
}
