/**
 * The popup: what the current tab shows, one search across needs, teams and people, and quick
 * links to team charters (pinned first). Everything is asked of the background; the popup never
 * holds the catalog.
 */
import { browser } from 'wxt/browser';
import { type Api, ApiContext, browserApi } from '@/components/Api/api';
import { PopupSearch } from '@/components/Popup/PopupSearch';
import { browserTabs, type TabApi, TabStatus } from '@/components/Popup/TabStatus';
import { TeamLinks } from '@/components/Popup/TeamLinks';
import { SourcesMark } from '@/components/Sources/SourcesMark';
import type { SearchHitView } from '@/utils/messages';

export interface PopupEnv {
  api: Api;
  tabs: TabApi;
  /** Opens a URL in a new tab and closes the popup. */
  openUrl(url: string): void;
}

/** `#needs/n-1` (an options page entry) becomes the extension's own URL; everything else is already a link. */
export function hitUrl(hit: SearchHitView, optionsUrl: string): string {
  return hit.open.startsWith('#') ? `${optionsUrl}${hit.open}` : hit.open;
}

export const browserEnv: PopupEnv = {
  api: browserApi,
  tabs: browserTabs,
  openUrl(url) {
    void browser.tabs.create({ url }).finally(() => window.close());
  },
};

export function App({ env = browserEnv }: { env?: PopupEnv }) {
  const optionsUrl = browser.runtime.getURL('/options.html');
  return (
    <ApiContext.Provider value={env.api}>
      <main class="popup">
        <header class="popup__head">
          <h1>Tandem</h1>
          <SourcesMark />
          <a href={optionsUrl} target="_blank" rel="noopener" class="small" data-testid="open-options">
            Options
          </a>
          <a
            href={`${optionsUrl}#outcomes`}
            target="_blank"
            rel="noopener"
            class="small"
            data-testid="open-outcomes"
          >
            Outcomes
          </a>
        </header>
        <TabStatus tabs={env.tabs} onFocused={() => window.close()} />
        <PopupSearch open={(hit) => env.openUrl(hitUrl(hit, optionsUrl))} />
        <TeamLinks />
      </main>
    </ApiContext.Provider>
  );
}
