/**
 * The content-script shell shared by every host: connects the panel loop to the background
 * (over messages) and to the WXT context (whose invalidation ends everything it started).
 *
 * Settings decide whether the panel runs at all (`disabledHosts`) and how it starts (docked or
 * floating, collapsed or not: the host's own choice over the defaults). They are read once at
 * start and again on every `settings.changed`, so a change in the options page or in another tab
 * applies here without a reload.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type CaptureUi, captureUiKey } from '@/components/Capture/contract';
import type { PanelPrefs } from '@/components/Panel/types';
import { contentSchemas, onBroadcast, type PanelSettings, sendWith } from '@/utils/content-messages';
import type { HostAdapter } from '@/utils/hosts/types';
import { log } from '@/utils/log';
import { type CaptureActions, DEFAULT_PREFS, type PanelLoop, startPanelLoop } from '@/utils/page/panel-loop';
import { answerTabQueries } from '@/utils/page/tab-queries';

/** The host's remembered layout over the defaults. */
export function prefsFor(settings: PanelSettings, host: HostAdapter['id']): PanelPrefs {
  return { ...settings.panel, ...settings.panelByHost[host] };
}

/** The capture forms in this frame: already there, or run here by the background on first use. */
let captureUi: Promise<CaptureUi> | null = null;
function loadCapture(): Promise<CaptureUi> {
  const key = captureUiKey(browser.runtime.getManifest().version);
  const installed = () => (globalThis as Record<string, unknown>)[key] as CaptureUi | undefined;
  captureUi ??= (async () => {
    if (!installed()) {
      const answer = await sendWith(
        { type: 'capture.load' },
        contentSchemas().ContentAnswers['capture.load'],
      );
      if (!answer.ok) throw new Error(answer.error);
    }
    const ui = installed();
    if (!ui) throw new Error('the form did not load; reload the page to try again');
    return ui;
  })();
  // A failure is not kept: the next try asks again.
  captureUi.catch(() => {
    captureUi = null;
  });
  return captureUi;
}

const capture: CaptureActions = {
  loadCapture,
  async searchNeeds(query) {
    const answer = await sendWith(
      { type: 'needs.search', query },
      contentSchemas().ContentAnswers['needs.search'],
    );
    if (!answer.ok) throw new Error(answer.error);
    return answer.results;
  },
  async searchPeople(query, prefer) {
    const answer = await sendWith(
      { type: 'people.search', query, prefer },
      contentSchemas().ContentAnswers['people.search'],
    );
    if (!answer.ok) throw new Error(answer.error);
    return answer.results;
  },
  save: (kind, value) =>
    sendWith({ type: 'entity.save', kind, value }, contentSchemas().ContentAnswers['entity.save']),
  async remove(kind, id) {
    const answer = await sendWith(
      { type: 'entity.delete', kind, id },
      contentSchemas().ContentAnswers['entity.delete'],
    );
    if (!answer.ok) throw new Error(answer.error);
  },
};

export interface HostRun {
  /** The running loop, or null while the host is switched off (or settings are not read yet). */
  readonly loop: PanelLoop | null;
  /** Settings were read (or failed to be) and applied. */
  readonly ready: Promise<void>;
}

/**
 * Ends the run (the panel goes, observers and listeners with it) once the extension is reloaded,
 * updated or removed: nothing else tells an old content script that its context is gone. A port to
 * the background closes at once then, with `runtime.id` gone. It also closes when the idle service
 * worker stops, with the extension still there; reconnecting would wake the worker again every
 * 30 s for as long as the tab is open, so from then on WXT's `ctx.setInterval`, which checks
 * `runtime.id` before each tick and ends the run when it is gone, watches instead, once a second.
 */
export function watchContext(ctx: ContentScriptContext): void {
  const port = browser.runtime.connect();
  const stop = ctx.onInvalidated(() => port.disconnect());
  port.onDisconnect.addListener(() => {
    stop();
    if (!ctx.isInvalid) ctx.setInterval(() => undefined, 1000);
  });
}

export function runHost(ctx: ContentScriptContext, adapter: HostAdapter, css: string): HostRun {
  // A failure after the context is gone is the reload's, not a problem to report: the run ends.
  const fail = (error: unknown) => ctx.isInvalid || log.failure(adapter.id, error);
  let loop: PanelLoop | null = null;
  let stopLoop: AbortController | null = null;
  let settings: PanelSettings | null = null;
  let asked = 0;
  // The tab's own layout writes: a read that overlaps one may predate it and must not undo it.
  let writing = 0;
  let written = 0;

  function start(prefs: PanelPrefs): void {
    stopLoop = new AbortController();
    loop = startPanelLoop({
      adapter,
      doc: document,
      win: window,
      css,
      signal: AbortSignal.any([ctx.signal, stopLoop.signal]),
      prefs,
      async resolve(record) {
        const answer = await sendWith({ type: 'resolve', record }, contentSchemas().ContentAnswers.resolve);
        if (!answer.ok) throw new Error(answer.error);
        return answer.context;
      },
      seen(key, fields) {
        const { status, assignee, fixVersions, duedate } = fields;
        const issues = [{ key, fields: { status, assignee, fixVersions, duedate } }];
        void sendWith(
          { type: 'workStatus.seen', origin: location.origin, issues },
          contentSchemas().ContentAnswers['workStatus.seen'],
        ).catch(() => undefined);
      },
      async workStatus(record) {
        const answer = await sendWith(
          { type: 'workStatus.get', record },
          contentSchemas().ContentAnswers['workStatus.get'],
        );
        return answer.ok ? answer : null;
      },
      openOptions() {
        sendWith({ type: 'options.open' }, contentSchemas().ContentAnswers['options.open']).catch(fail);
      },
      capture,
      onPrefsChange: remember,
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
      onError: fail,
      fetch: pageFetch(),
      onMiss(miss) {
        // The background keeps it locally (rate-limited), with a landmark outline it reads itself.
        sendWith(
          { type: 'placement.miss', ...miss },
          contentSchemas().ContentAnswers['placement.miss'],
        ).catch(fail);
      },
    });
  }

  function apply(next: PanelSettings | null): void {
    if (ctx.isInvalid) return;
    settings = next;
    if (next?.disabledHosts.includes(adapter.id)) {
      stopLoop?.abort();
      stopLoop = null;
      loop = null;
      return;
    }
    const prefs = next ? prefsFor(next, adapter.id) : DEFAULT_PREFS;
    if (loop) loop.setPrefs(prefs);
    else start(prefs);
  }

  /** Asks for settings; only the latest answer counts. Without one the panel runs on defaults. */
  function refresh(): Promise<void> {
    const request = ++asked;
    const writes = written;
    const stale = () => request !== asked || writing > 0 || writes !== written;
    return sendWith({ type: 'settings.get' }, contentSchemas().PanelSettingsAnswer).then(
      (answer) => {
        if (stale()) return;
        if (!answer.ok) log.warn(adapter.id, `settings unavailable: ${answer.error}`);
        apply(answer.ok ? answer.settings : settings);
      },
      (error: unknown) => {
        if (stale()) return;
        fail(error);
        apply(settings);
      },
    );
  }

  /** The user's choice on this host, written back; other tabs on the host follow. */
  function remember(prefs: PanelPrefs): void {
    if (!settings) return;
    const panelByHost = { ...settings.panelByHost, [adapter.id]: prefs };
    settings = { ...settings, panelByHost };
    writing += 1;
    sendWith({ type: 'settings.update', patch: { panelByHost } }, contentSchemas().PanelSettingsUpdateAnswer)
      .then(
        // The answer is the settings with this write in place; a later write of ours has its own.
        (answer) => answer.ok && writing === 1 && apply(answer.settings),
        fail,
      )
      .finally(() => {
        writing -= 1;
        written += 1;
      });
  }

  const stopListening = onBroadcast((message) => {
    if (message.type === 'settings.changed') void refresh();
    else if (message.type === 'panel.toggle') loop?.toggle();
  });
  ctx.onInvalidated(stopListening);
  // The popup asks the current tab what it shows, and can bring the panel into view.
  ctx.onInvalidated(
    answerTabQueries(
      () => loop?.status() ?? null,
      () => loop?.reveal(),
    ),
  );

  watchContext(ctx);
  const ready = refresh();
  return {
    get loop() {
      return loop;
    },
    ready,
  };
}

/**
 * Same-origin REST reads with the user's session. Chromium's content-script fetch already acts for
 * the page's origin; Firefox's `content.fetch` is the page-like one (docs/hosts.md). Either way it is
 * the isolated world's function, which a page that overrides `window.fetch` cannot replace.
 */
function pageFetch(): typeof fetch {
  const firefoxContent = (globalThis as { content?: { fetch?: typeof fetch } }).content;
  const chosen = firefoxContent?.fetch ?? globalThis.fetch;
  return chosen.bind(firefoxContent?.fetch ? firefoxContent : globalThis);
}
