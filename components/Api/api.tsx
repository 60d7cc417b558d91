/**
 * How the options page and the popup reach the background: `send` (one request, one validated
 * answer) and `onBroadcast`. Components take them from context rather than importing them, so a
 * test can render any widget against handlers of its own.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { type Broadcast, onBroadcast } from '@/utils/content-messages';
import { type AnyRequest, type ResponseOf, sendMessage } from '@/utils/messages';

export interface Api {
  send<R extends AnyRequest>(request: R): Promise<ResponseOf<R['type']>>;
  onBroadcast(callback: (message: Broadcast) => void): () => void;
}

export const browserApi: Api = { send: sendMessage, onBroadcast };

export const ApiContext = createContext<Api>(browserApi);

export function useApi(): Api {
  return useContext(ApiContext);
}

/** Calls the latest `callback` on every broadcast of `type`, for as long as the component lives. */
export function useBroadcast(type: Broadcast['type'], callback: () => void): void {
  const api = useApi();
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(
    () =>
      api.onBroadcast((message) => {
        if (message.type === type) latest.current();
      }),
    [api, type],
  );
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
