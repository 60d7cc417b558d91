/**
 * What the current tab shows, asked of that tab's content script (`panel.status`): the host and
 * record detected and how many needs are linked, with a button that brings the panel into view
 * there (`panel.focus`). A tab where Tandem does not run says so.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { HOST_LABEL } from '@/utils/catalog/labels';
import type { PanelStatus, TabQuery } from '@/utils/content-messages';
import { sendTabQuery, type TabAnswer } from '@/utils/messages';

export interface TabApi {
  activeTabId(): Promise<number | undefined>;
  ask<Q extends TabQuery>(tabId: number, query: Q): Promise<TabAnswer<Q['type']> | null>;
}

export const browserTabs: TabApi = {
  async activeTabId() {
    // `?tab=<id>` shows another tab's status, for the popup opened as a page (and its tests).
    const fromUrl = Number(new URLSearchParams(location.search).get('tab'));
    if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  },
  ask: sendTabQuery,
};

type State =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'no-record'; tabId: number }
  | { kind: 'detected'; tabId: number; status: PanelStatus };

export function TabStatus({ tabs = browserTabs, onFocused }: { tabs?: TabApi; onFocused?: () => void }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [focusFailed, setFocusFailed] = useState(false);

  useEffect(() => {
    let live = true;
    (async () => {
      const tabId = await tabs.activeTabId();
      const answer = tabId === undefined ? null : await tabs.ask(tabId, { type: 'panel.status' });
      if (!live) return;
      if (tabId === undefined || answer === null) setState({ kind: 'unavailable' });
      else if (answer.status === null) setState({ kind: 'no-record', tabId });
      else setState({ kind: 'detected', tabId, status: answer.status });
    })().catch(() => live && setState({ kind: 'unavailable' }));
    return () => {
      live = false;
    };
  }, [tabs]);

  async function focus(tabId: number) {
    const answer = await tabs.ask(tabId, { type: 'panel.focus' });
    if (answer?.focused) onFocused?.();
    else setFocusFailed(true);
  }

  return (
    <section class="tab-status" aria-labelledby="tab-title" data-testid="tab-status" data-state={state.kind}>
      <h2 id="tab-title">This tab</h2>
      {state.kind === 'loading' && <p class="muted">Looking at this tab…</p>}
      {state.kind === 'unavailable' && <p class="muted">Tandem does not run on this page.</p>}
      {state.kind === 'no-record' && <p class="muted">Tandem runs here, but this page shows no record.</p>}
      {state.kind === 'detected' && (
        <>
          <p>
            <span data-testid="tab-host">{HOST_LABEL[state.status.host]}</span> ·{' '}
            <code data-testid="tab-record">{state.status.record}</code> ·{' '}
            <span data-testid="tab-needs" data-count={state.status.needs}>
              {state.status.state === 'loading'
                ? 'resolving…'
                : state.status.needs === 1
                  ? '1 need linked'
                  : `${state.status.needs} needs linked`}
            </span>
          </p>
          <button type="button" data-testid="tab-focus" onClick={() => void focus(state.tabId)}>
            Show the panel on this page
          </button>
          {focusFailed && (
            <p class="error" role="alert">
              The panel did not answer; reload the page.
            </p>
          )}
        </>
      )}
    </section>
  );
}
