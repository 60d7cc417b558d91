/**
 * The content-script shell shared by every host: connects the panel loop to the background
 * (over messages) and to the WXT context (whose invalidation ends everything it started).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { HostAdapter } from '../hosts/types';
import { log } from '../log';
import { onBroadcast, sendMessage } from '../messages';
import { type PanelLoop, startPanelLoop } from './panel-loop';

export function runHost(ctx: ContentScriptContext, adapter: HostAdapter, css: string): PanelLoop {
  return startPanelLoop({
    adapter,
    doc: document,
    win: window,
    css,
    signal: ctx.signal,
    async resolve(record) {
      const answer = await sendMessage({ type: 'resolve', record });
      if (!answer.ok) throw new Error(answer.error);
      return answer.context;
    },
    openOptions() {
      sendMessage({ type: 'options.open' }).catch((error: unknown) => log.failure(adapter.id, error));
    },
    onCatalogChanged(callback) {
      return onBroadcast((message) => {
        if (message.type === 'catalog.changed') callback();
      });
    },
    onLocationChange(callback) {
      // WXT's own signal: the Navigation API where present, a poll otherwise. Removed with ctx.
      ctx.addEventListener(window, 'wxt:locationchange', callback);
      return () => undefined;
    },
    onError: (error) => log.failure(adapter.id, error),
    fetch: pageFetch(),
  });
}

/**
 * Same-origin REST reads with the user's session. Chromium's content-script fetch already acts for
 * the page's origin; Firefox's `content.fetch` is the page-like one (HOSTS.md §0.4). Either way it is
 * the isolated world's function, which a page that overrides `window.fetch` cannot replace.
 */
function pageFetch(): typeof fetch {
  const firefoxContent = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  const chosen = firefoxContent?.fetch ?? globalThis.fetch;
  return chosen.bind(firefoxContent?.fetch ? firefoxContent : globalThis);
}
