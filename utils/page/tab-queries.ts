/**
 * The content-script side of the popup's "what does this tab show" (utils/messages.ts `TabQuery`):
 * answers `panel.status` with what the panel shows and `panel.focus` by bringing the panel into
 * view. Only this extension's own pages may ask. Other messages (broadcasts) are left to their
 * listeners. Returns a function that stops answering; call it when the page's context ends.
 */
import { browser } from 'wxt/browser';
import { contentSchemas, type PanelStatus } from '@/utils/content-messages';

type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];

export function answerTabQueries(
  getState: () => {
    host: PanelStatus['host'];
    record: string;
    needs: number;
    state?: PanelStatus['state'];
  } | null,
  focus: () => void,
): () => void {
  const listener: Listener = (message, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = contentSchemas().TabQuery.safeParse(message);
    if (!parsed.success) return undefined;
    if (parsed.data.type === 'panel.status') {
      const state = getState();
      const status = state === null ? null : contentSchemas().PanelStatus.safeParse(state);
      return Promise.resolve({ ok: true, status: status?.success ? status.data : null });
    }
    const focused = getState() !== null;
    if (focused) focus();
    return Promise.resolve({ ok: true, focused });
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
