/**
 * Wires the background: the catalog and settings services behind the message router. Everything
 * the other surfaces know comes through here.
 */

import type { browser as Browser } from 'wxt/browser';
import { CAPTURE_UI_FILE } from '@/components/Capture/contract';
import { loadCaptureUi } from '@/utils/background/capture-ui';
import { createCatalogService } from '@/utils/background/catalog-service';
import { readCharterList, writeCharterList } from '@/utils/background/charter-list';
import { installCommands } from '@/utils/background/commands';
import { createEntityService } from '@/utils/background/entity-service';
import { createExportService } from '@/utils/background/export-service';
import { createGate } from '@/utils/background/gate';
import { createImpactService } from '@/utils/background/impact-service';
import { JIRA_DC_SCRIPT_FILE } from '@/utils/background/jira-dc-scripts';
import { createLocalRowsService } from '@/utils/background/local-rows-service';
import { injectIntoOpenTabs, manifestScripts } from '@/utils/background/open-tabs';
import { createOutcomesService } from '@/utils/background/outcomes-service';
import { createPanelRules } from '@/utils/background/panel-rules';
import { createPlacementService } from '@/utils/background/placement-service';
import { createPrivacyService } from '@/utils/background/privacy-service';
import { createQueryService } from '@/utils/background/query-service';
import { createSalvageService } from '@/utils/background/salvage-service';
import { createSearchService } from '@/utils/background/search-service';
import { classifySender } from '@/utils/background/senders';
import { createSettingsService } from '@/utils/background/settings-service';
import { createSitesService } from '@/utils/background/sites-service';
import { createSourcesService } from '@/utils/background/sources-service';
import { createWorkStatusService } from '@/utils/background/work-status-service';
import { openTandemDb, type TandemDb } from '@/utils/catalog/db';
import { landmarkOutline } from '@/utils/hosts/outline';
import { log } from '@/utils/log';
import { broadcast, handleMessages } from '@/utils/messages';
import { originPattern } from '@/utils/settings/origin';
import { sourceLayer } from '@/utils/sync/source-id';

const jiraDcScript = (origin: string) => ({ matches: [originPattern(origin)], js: [JIRA_DC_SCRIPT_FILE] });

/**
 * The longest a request waits for a database upgrade that another page holds up before it is
 * answered why: long enough for an older Tandem page to close on `versionchange` by itself, or
 * for the upgrade to finish once the holder has gone.
 */
export const BLOCKED_UPGRADE_GRACE_MS = 1000;

/** What a page is told while a database upgrade waits for another Tandem page to close. */
export const UPGRADE_BLOCKED =
  'Tandem is being updated: close other Tandem pages to finish the update (an older options page or popup is still open), then try again';

/**
 * After a worker start, how long a shared source that is merely due waits before it is fetched
 * and written (then until pages are quiet): a browser start's first pages are answered first.
 */
export const START_REFRESH_GRACE_MS = 3_000;

export interface StartOptions {
  /** `START_REFRESH_GRACE_MS`, or less for a test harness that settles on the background's work. */
  refreshGraceMs?: number;
}

export function startBackground(browser: typeof Browser, options: StartOptions = {}) {
  const startedAt = performance.now();
  let db: Promise<TandemDb> | undefined;
  let isOpen = false;
  /** Settles once the open is blocked by a page holding the old version. */
  let blocked: Promise<void> = Promise.resolve();
  let refusedAny = false;
  /**
   * The database, opened (and upgraded) once. While another page holds the old version open, a
   * request waits up to `BLOCKED_UPGRADE_GRACE_MS`, then is refused with `UPGRADE_BLOCKED` (pages
   * see it as the answer's `error`). The open itself keeps waiting; once it goes through, every
   * request works as before, and what start-up could not do meanwhile runs again.
   */
  const openDb = (): Promise<TandemDb> => {
    if (!db) {
      let onBlocked: () => void = () => undefined;
      blocked = new Promise((resolve) => {
        onBlocked = resolve;
      });
      const opening = openTandemDb({
        onBlocked: () => {
          log.warn('background', 'database upgrade waits for another Tandem page to close');
          onBlocked();
        },
        // A closed connection is opened again by the next request, without a worker restart.
        onClosed: () => {
          if (db !== opening) return;
          db = undefined;
          isOpen = false;
        },
      });
      db = opening;
      opening.then(
        () => {
          isOpen = true;
          if (!refusedAny) return;
          void sync();
          void sources.reconcile().catch((error: unknown) => log.failure('sources', error));
        },
        // Each caller sees the failure; the next request tries to open again.
        () => {
          if (db === opening) db = undefined;
        },
      );
    }
    const opening = db;
    if (isOpen) return opening;
    return new Promise<TandemDb>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      void blocked.then(() => {
        if (settled) return;
        timer = setTimeout(() => {
          settled = true;
          refusedAny = true;
          reject(new Error(UPGRADE_BLOCKED));
        }, BLOCKED_UPGRADE_GRACE_MS);
      });
      opening.then(
        (value) => {
          settled = true;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          settled = true;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  };
  // Shared sources merge in the order the settings list them: the first wins on an id conflict.
  const sourceOrder = async () => (await settings.current()).sources.map((source) => sourceLayer(source.id));
  const catalog = createCatalogService({
    openDb,
    notifyChanged: (revision) => {
      void broadcast({ type: 'catalog.changed', revision });
      outcomes.warm();
      queries.keepCharterList();
    },
    // In memory (after a start, once pages are quiet): the outcomes page's figures, built ahead.
    onLoaded: () => outcomes.warm(),
    sourceOrder,
  });
  const settings = createSettingsService({
    db: openDb,
    api: browser,
    // Browser policy (docs/admin.md); Firefox rejects when no policies.json names Tandem, which means none.
    managed: () => browser.storage.managed.get(),
    injectNew: async (origins) => {
      await injectIntoOpenTabs(browser, origins.map(jiraDcScript));
    },
    notifyChanged: () => {
      void broadcast({ type: 'settings.changed' });
      void sources.reconcile().catch((error: unknown) => log.failure('sources', error));
    },
  });
  const entities = createEntityService({
    openDb,
    loaded: catalog.loaded,
    changed: catalog.changed,
    inTurn: catalog.inLocalTurn,
  });
  // The options page and the popup: table pages, search, exports, CSV rows, the privacy report.
  const queries = createQueryService({
    loaded: catalog.loaded,
    teamList: catalog.teamList,
    warm: catalog.warm,
    inMemory: catalog.inMemory,
    pinnedTeams: async () => (await settings.current()).pinnedTeams,
    charterLists: {
      read: async () => readCharterList(await openDb()),
      write: async (list) => writeCharterList(await openDb(), list),
    },
  });
  const exports = createExportService({ loaded: catalog.loaded });
  const salvage = createSalvageService({ openDb });
  const localRows = createLocalRowsService({
    openDb,
    loaded: catalog.loaded,
    changed: catalog.changed,
    inTurn: catalog.inLocalTurn,
  });
  const privacy = createPrivacyService({ openDb, loaded: catalog.loaded, settings: settings.current });
  const search = createSearchService(catalog.loaded);
  const sites = createSitesService({
    openDb,
    sites: catalog.sites,
    changed: catalog.changed,
    inTurn: catalog.inLocalTurn,
  });
  const outcomes = createOutcomesService({
    loaded: catalog.loaded,
    settings: settings.current,
    // The work-done flag: what the background has read of the catalog's Jira site so far.
    statuses: () => workStatus.categories(),
  });
  const placement = createPlacementService({
    openDb,
    // Read in the reporting tab's own frame, so content scripts need not carry the outline's code.
    async outlineOf(sender) {
      const tabId = sender?.tab?.id;
      if (tabId === undefined) return undefined;
      const [injected] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [sender?.frameId ?? 0] },
        func: landmarkOutline,
      });
      return typeof injected?.result === 'string' ? injected.result : undefined;
    },
  });
  const sources = createSourcesService({
    openDb,
    settings,
    catalog,
    api: browser,
    notify: () => void broadcast({ type: 'sources.changed' }),
    async whenFree() {
      const grace = options.refreshGraceMs ?? START_REFRESH_GRACE_MS;
      const left = startedAt + grace - performance.now();
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      await catalog.quiet();
    },
  });
  // Status of work items from the catalog's Jira site, and customer impact on Jira issues.
  const workStatus = createWorkStatusService({
    loaded: catalog.loaded,
    api: browser,
    fetch: (input, init) => fetch(input, init),
  });
  const impact = createImpactService({
    resolve: catalog.handlers.resolve,
    loaded: catalog.loaded,
    inMemory: catalog.inMemory,
  });
  installCommands(browser);
  // Content scripts hold a port open to learn when the extension goes away (utils/page/run-host.ts).
  browser.runtime.onConnect.addListener(() => undefined);
  handleMessages(
    {
      ...catalog.handlers,
      ...entities.handlers,
      ...queries.handlers,
      ...exports.handlers,
      ...salvage.handlers,
      ...localRows.handlers,
      ...privacy.handlers,
      ...search.handlers,
      ...settings.handlers,
      ...sources.handlers,
      ...sites.handlers,
      ...outcomes.handlers,
      ...placement.handlers,
      ...workStatus.handlers,
      ...impact.handlers,
      async 'options.open'() {
        await browser.runtime.openOptionsPage();
        return { ok: true };
      },
      // Into the asking frame only: the sender's tab and frame are the browser's word.
      'capture.load': (_request, sender) =>
        loadCaptureUi(
          (target) => browser.scripting.executeScript({ target, files: [CAPTURE_UI_FILE] }),
          sender,
        ),
    },
    (reason) => log.warn('background', `refused a message: ${reason}`),
    // Who may ask what: decided from the browser's `sender` before any handler runs.
    createGate({
      classify: (sender) =>
        classifySender(sender, {
          extensionId: browser.runtime.id,
          extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
          jiraDcOrigins: async () => (await settings.current()).jiraDcOrigins,
        }),
      panelRules: createPanelRules({
        sites: catalog.sites,
        async setPanelPrefs(host, prefs) {
          const next = await settings.update((old) => ({
            ...old,
            panelByHost: { ...old.panelByHost, [host]: prefs },
          }));
          return { ok: true, settings: await settings.answer(next) };
        },
      }),
      // A page's request beyond its rights is worth a warning; a script left behind on a site the
      // user removed is not.
      onRefused: (line, known) => (known ? log.warn('background', line) : log.info('background', line)),
    }),
  );
  const sync = () => settings.syncScripts().catch((error: unknown) => log.failure('background', error));
  // A permission taken back in the browser's own settings must stop the script at once.
  browser.permissions.onRemoved.addListener(sync);
  browser.permissions.onAdded.addListener(sync);
  void sync();
  // Shared sources: one alarm each (alarms outlive the service worker), and policy changes at once.
  browser.alarms.onAlarm.addListener((alarm) => {
    void sources.onAlarm(alarm.name).catch((error: unknown) => log.failure('sources', error));
  });
  // A policy change: read it, keep it, and (when it changes anything) sync scripts and tell pages.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    void settings.refreshPolicy().catch((error: unknown) => log.failure('settings', error));
  });
  // Tabs open before this version was installed have no script of it: start one there.
  browser.runtime.onInstalled.addListener(() => {
    void (async () => {
      const granted = await settings.syncScripts();
      const scripts = [...manifestScripts(browser.runtime.getManifest()), ...granted.map(jiraDcScript)];
      const count = await injectIntoOpenTabs(browser, scripts);
      if (count > 0) log.info('background', `started in ${count} tab(s) open before the install`);
    })().catch((error: unknown) => log.failure('background', error));
  });
  // A browser start. Chromium starts the worker for this event (it would otherwise wait for the
  // first page's message): the database opens, and the settings and the stored catalog's layout
  // are read, while the restored tabs are still loading.
  browser.runtime.onStartup.addListener(() => {
    void settings.current().catch((error: unknown) => log.failure('settings', error));
    void catalog.prime().catch((error: unknown) => log.failure('catalog', error));
  });
  void sources.reconcile().catch((error: unknown) => log.failure('sources', error));
  return { catalog, settings, sources };
}
