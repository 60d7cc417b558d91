/**
 * One reconcile loop for every host. URL changes and DOM changes feed one scheduler; `reconcile`
 * is idempotent: the URL says which record, the adapter reads the DOM to say when that record's
 * view is ready and where the panel goes, and the panel is moved only when its anchor element
 * (not just the record) differs. Everything it starts is released when `signal` aborts.
 */

import { createPanelHost, PANEL_SELECTOR, type PanelHost } from '@/components/Panel/mount';
import type { PanelView } from '@/components/Panel/Panel';
import type { PanelActions, PanelPrefs, WorkView } from '@/components/Panel/types';
import { type HostId, type RecordRef, type ResolvedContext, stateOf } from '@/utils/catalog/view';
import type { Detection, HostAdapter, Placement } from '@/utils/hosts/types';
import { createScheduler } from '@/utils/page/scheduler';
import { detectScheme, SCHEME_ATTRIBUTES } from '@/utils/page/theme';

/**
 * The last resort: how long to wait for the host's anchor when nothing says the record's view is on
 * screen. The adapter's `viewReady` signals, or the REST answer and a quiet page, usually say so
 * much sooner (README.md, "When the host's markup is new").
 */
export const FLOAT_AFTER_MS = 1500;
/**
 * How long the page must stay quiet, after mutating since the record's URL, for the same-origin
 * REST answer to count as "the view is drawn": longer than the pauses between a host's own
 * rendering steps, so a panel whose anchor is on its way does not float first.
 */
export const SETTLE_MS = 250;
/** How long a same-origin REST read may take before the panel settles for what the URL gave. */
export const DETAILS_TIMEOUT_MS = 4000;
const DEBOUNCE_MS = 100;
/**
 * The quiet time while a record waits for its panel's place: short, so the panel goes in as soon as
 * the host has drawn its anchor, between the host's own rendering steps rather than in the middle
 * of the next one (which the usual debounce, about a step's length, tends to hit).
 */
const PLACING_DEBOUNCE_MS = 16;
const MAX_WAIT_MS = 500;

/** Attribute changes that show or hide views on the hosts we support (docs/hosts.md). */
const WATCHED_ATTRIBUTES = [
  'class',
  'style',
  'hidden',
  'aria-selected',
  'data-is-active',
  // Both spellings Jira has used: a modal's identifying test id can arrive in a later mutation.
  'data-testid',
  'data-test-id',
  // The host switching between light and dark.
  ...SCHEME_ATTRIBUTES,
];

/** How the panel starts when settings have not said otherwise (settings.panel's defaults). */
export const DEFAULT_PREFS: PanelPrefs = { layout: 'docked', collapsed: false };

export type CaptureActions = Pick<
  PanelActions,
  'searchNeeds' | 'searchPeople' | 'save' | 'remove' | 'loadCapture'
>;

const NO_CAPTURE: CaptureActions = {
  searchNeeds: async () => [],
  searchPeople: async () => [],
  save: async () => ({ ok: false, errors: [{ path: '', rule: 'linking is not available on this page' }] }),
  remove: async () => undefined,
  loadCapture: () => Promise.reject(new Error('linking is not available on this page')),
};

export interface PanelLoopOptions {
  adapter: HostAdapter;
  doc: Document;
  win: Window;
  css: string;
  signal: AbortSignal;
  resolve(record: RecordRef): Promise<ResolvedContext>;
  openOptions(): void;
  /** Searches and writes for "link this record" and "new need"; without them capture says so. */
  capture?: CaptureActions;
  /** Docked or floating, collapsed or not; `setPrefs` changes them later. */
  prefs?: PanelPrefs;
  /** The user changed the layout in the panel or with the keyboard command: remember it. */
  onPrefsChange?(prefs: PanelPrefs): void;
  /** Calls back when the catalog changed; returns an unsubscribe function. */
  onCatalogChanged?(callback: () => void): () => void;
  /** Extra navigation signals (WXT's `wxt:locationchange`); returns an unsubscribe function. */
  onLocationChange?(callback: () => void): () => void;
  onError?(error: unknown): void;
  /** The page's fetch, for same-origin REST reads; absent in tests that do not need it. */
  fetch?: typeof fetch;
  /**
   * Delivery status of the resolved needs' work items, read by the background; asked
   * after every resolve with work items, drawn when it comes, never holding up the panel.
   */
  workStatus?(record: RecordRef): Promise<WorkView | null>;
  /** What this page's own REST read saw of an issue's status, passed on to the background. */
  seen?(key: string, fields: Record<string, unknown>): void;
  /** The record's view showed with none of the adapter's anchors: once per record per page. */
  onMiss?(miss: PlacementMiss): void;
}

/** A view where no anchor matched: what the local breakage record keeps (no page content). */
export interface PlacementMiss {
  host: HostId;
  /** The kind of record view: `issue`, `Account`, `ticket`. */
  view: string;
  anchors: string[];
  /** What said the view was there: the adapter's signals, the REST answer on a quiet page, the deadline. */
  signal: 'view' | 'quiet' | 'deadline';
}

interface Current {
  detection: Detection;
  view: PanelView;
  floatDeadline: number;
  /** The latest resolve request's number; 0 while none was sent. */
  request: number;
  /** When the record's URL was first seen, and whether its REST answer (if any) has come. */
  since: number;
  detailsArrived: boolean;
  /** An anchor matched for this record; a miss is reported only if none has by the deadline. */
  anchored: boolean;
  missReported: boolean;
}

export interface PanelLoop {
  /** Runs one reconcile now; tests and benchmarks use it to avoid waiting for timers. */
  reconcile(): void;
  readonly panel: PanelHost | null;
  readonly prefs: PanelPrefs;
  /** Applies preferences that come from settings; nothing is written back. */
  setPrefs(prefs: PanelPrefs): void;
  /** The keyboard command: collapses or expands (and remembers it); focus follows when expanding. */
  toggle(): void;
  /** What the panel shows, for the popup's "this tab" (null when the page shows no record). */
  status(): { host: HostId; record: string; needs: number; state: PanelView['state'] } | null;
  /** Brings the panel into view, expanded, with focus in it (the popup's "show"). */
  reveal(): void;
}

export function startPanelLoop(options: PanelLoopOptions): PanelLoop {
  const { adapter, doc, win, signal } = options;
  let panel: PanelHost | null = null;
  let current: Current | null = null;
  let lastHref = '';
  let requests = 0;
  let floatTimer: ReturnType<typeof setTimeout> | undefined;
  let missTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last DOM change not our own: the "quiet page" signal. */
  let lastMutationAt = 0;
  let prefs: PanelPrefs = options.prefs ?? DEFAULT_PREFS;
  const cleanups: (() => void)[] = [];
  // One REST read per record for the life of this page: navigating back does not ask again.
  const details = new Map<string, Promise<Detection | null>>();

  // One panel per tab: a previous run of this script (before an extension reload) may have left one.
  for (const stale of doc.querySelectorAll(PANEL_SELECTOR)) stale.remove();

  const scheduler = createScheduler(() => reconcile(), { debounceMs: DEBOUNCE_MS, maxWaitMs: MAX_WAIT_MS });

  const actions: PanelActions = {
    ...(options.capture ?? NO_CAPTURE),
    openOptions: () => options.openOptions(),
    retry: () => requestContext(),
    setPrefs: (change) => {
      if (applyPrefs({ ...prefs, ...change })) options.onPrefsChange?.(prefs);
    },
  };

  function updateScheme(): void {
    panel?.setAttributes({ 'data-scheme': detectScheme(doc, win) });
  }

  function render(): void {
    if (!panel || !current) return;
    const { detection, view } = current;
    panel.setAttributes({
      'data-host': detection.host,
      'data-record': detection.recordLabel,
      'data-state': view.state,
      'data-collapsed': String(prefs.collapsed),
    });
    updateScheme();
    panel.render({
      host: detection.host,
      recordLabel: detection.recordLabel,
      record: detection.record,
      view,
      prefs,
      pageUrl: win.location.href,
      actions,
    });
  }

  /** True when something changed; the panel then moves (docked or floating) and redraws at once. */
  function applyPrefs(next: PanelPrefs): boolean {
    if (next.layout === prefs.layout && next.collapsed === prefs.collapsed) return false;
    prefs = { layout: next.layout, collapsed: next.collapsed };
    reconcile();
    render();
    return true;
  }

  function requestContext(): void {
    if (!current) return;
    const request = ++requests;
    current.request = request;
    const target = current;
    options.resolve(target.detection.record).then(
      (context) => {
        if (current !== target || target.request !== request || signal.aborted) return;
        // The same record resolved again keeps the status it showed until the new one comes.
        const { work } = target.view as { work?: WorkView };
        target.view = { state: stateOf(context), context, ...(work ? { work } : {}) };
        // Drawn now even while the host's view is still loading, into a panel not yet in the page:
        // placing it later is then an insertion only, not a render in the middle of the host's own.
        panel ??= createPanelHost(doc, options.css);
        render();
        requestWork(target, request, context);
      },
      (error: unknown) => {
        if (current !== target || target.request !== request || signal.aborted) return;
        options.onError?.(error);
        target.view = { state: 'error', message: error instanceof Error ? error.message : String(error) };
        render();
      },
    );
  }

  function requestWork(target: Current, request: number, context: ResolvedContext): void {
    if (!options.workStatus || !context.needs.some((need) => need.workItems.length > 0)) return;
    options.workStatus(target.detection.record).then(
      (work) => {
        if (!work || current !== target || target.request !== request || signal.aborted) return;
        if (target.view.state !== 'ready') return;
        target.view = { ...target.view, work };
        render();
      },
      (error: unknown) => options.onError?.(error),
    );
  }

  /**
   * Reads the record's details from the host's REST API, then resolves with them. Returns false
   * when the host has no such API, so the caller resolves at once with what the URL gave.
   */
  function requestDetails(target: Current): boolean {
    const { fetchDetails } = adapter;
    const pageFetch = options.fetch;
    if (!fetchDetails || !pageFetch) return false;
    const label = target.detection.recordLabel;
    let pending = details.get(label);
    if (!pending) {
      const timeout = AbortSignal.timeout(DETAILS_TIMEOUT_MS);
      const request = {
        origin: win.location.origin,
        doc,
        fetch: pageFetch,
        signal: AbortSignal.any([signal, timeout]),
        seen: options.seen,
      };
      // A failure is not an error for the user: the key-level answer stands.
      pending = fetchDetails(target.detection, request).catch(() => null);
      details.set(label, pending);
    }
    void pending.then((enriched) => {
      if (current !== target || signal.aborted) return;
      target.detailsArrived = true;
      scheduler.schedule(PLACING_DEBOUNCE_MS);
      if (enriched && JSON.stringify(enriched.record) !== JSON.stringify(target.detection.record)) {
        target.detection = {
          ...target.detection,
          record: mergeRecords(target.detection.record, enriched.record),
        };
        requestContext();
      } else if (target.request === 0) requestContext();
    });
    return true;
  }

  function removePanel(): void {
    panel?.destroy();
    panel = null;
    clearTimeout(floatTimer);
  }

  function place(placement: Placement | null): void {
    if (!panel) {
      panel = createPanelHost(doc, options.css);
      render();
    }
    if (!panel.isPlacedAt(placement)) panel.place(placement);
  }

  function reconcile(): void {
    if (signal.aborted) return;
    lastHref = win.location.href;
    let detection: Detection | null;
    try {
      detection = adapter.detect(new URL(lastHref));
    } catch (error) {
      options.onError?.(error);
      detection = null;
    }
    if (!detection) {
      removePanel();
      current = null;
      return;
    }
    if (!current || current.detection.recordLabel !== detection.recordLabel) {
      // A new record: the old panel goes at once, so it never shows the previous record's context.
      removePanel();
      current = {
        detection,
        view: { state: 'loading' },
        floatDeadline: Date.now() + FLOAT_AFTER_MS,
        request: 0,
        since: Date.now(),
        detailsArrived: false,
        anchored: false,
        missReported: false,
      };
      // Where the host has a REST API, its answer usually comes before the host's view is drawn:
      // one resolve, one parse and one render with the details, rather than two during the
      // host's own load. The panel's placement resolves at once if the details are still out.
      if (!requestDetails(current)) requestContext();
    }
    const placement = adapter.findPlacement(doc, current.detection);
    if (placement && current.request === 0) requestContext();
    if (placement) {
      current.anchored = true;
      enrich(current);
      // The scheme first: reading the page's computed style with the panel already in it would
      // make the browser style the panel inside this task.
      updateScheme();
      place(prefs.layout === 'floating' ? null : placement);
      return;
    }
    if (panel?.element.isConnected) return; // keep it where it is while the host re-renders
    const now = Date.now();
    const ready = viewSignal(current, now);
    const wait = current.floatDeadline - now;
    if (ready || wait <= 0) {
      if (ready) enrich(current);
      if (current.request === 0) requestContext();
      // The view is there without an anchor: float now (docking later if an anchor comes).
      updateScheme();
      place(null);
      noteMiss(current, ready ?? 'deadline', Math.max(0, wait));
    } else {
      clearTimeout(floatTimer);
      // Back when the page may have gone quiet, or at the deadline.
      const drawing = current.detailsArrived && lastMutationAt > current.since;
      const settle = drawing ? lastMutationAt + SETTLE_MS - now : wait;
      floatTimer = setTimeout(() => scheduler.runSoon(), Math.max(1, Math.min(wait, settle)));
    }
  }

  /** What says the record's view is on screen without an anchor, or null while nothing does. */
  function viewSignal(target: Current, now: number): PlacementMiss['signal'] | null {
    try {
      if (adapter.viewReady?.(doc, target.detection)) return 'view';
    } catch (error) {
      options.onError?.(error);
    }
    const drawn = lastMutationAt > target.since && now - lastMutationAt >= SETTLE_MS;
    return target.detailsArrived && drawn ? 'quiet' : null;
  }

  /** Adds what the page shows (a customer name) to the record; a change asks for the context again. */
  function enrich(target: Current): void {
    const enriched = adapter.enrich?.(doc, target.detection);
    if (enriched && JSON.stringify(enriched.record) !== JSON.stringify(target.detection.record)) {
      target.detection = {
        ...target.detection,
        record: mergeRecords(target.detection.record, enriched.record),
      };
      requestContext();
    }
  }

  /**
   * Records a view where no anchor matched, once no anchor has come by the deadline: an anchor
   * that is merely slower than the view's signals is not a breakage.
   */
  function noteMiss(target: Current, how: PlacementMiss['signal'], wait: number): void {
    if (target.missReported || !options.onMiss) return;
    target.missReported = true;
    clearTimeout(missTimer);
    missTimer = setTimeout(() => {
      if (current !== target || target.anchored || signal.aborted) return;
      const { record } = target.detection;
      options.onMiss?.({
        host: target.detection.host,
        view: record.kind === 'jira' ? 'issue' : record.object,
        anchors: [...(adapter.anchorNames ?? [])],
        signal: how,
      });
    }, wait);
  }

  const onMutations = (records: MutationRecord[]) => {
    // Our own insertions and moves must not keep the loop busy; the page taking the panel away must.
    const host = panel;
    if (host?.element.isConnected && records.every((record) => isAbout(record, host))) return;
    lastMutationAt = Date.now();
    if (win.location.href !== lastHref) scheduler.runSoon();
    else scheduler.schedule(current && !host?.element.isConnected ? PLACING_DEBOUNCE_MS : DEBOUNCE_MS);
  };
  const observer = new MutationObserver(onMutations);
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  const onNavigation = () => scheduler.runSoon();
  win.addEventListener('popstate', onNavigation, { signal });
  win.addEventListener('hashchange', onNavigation, { signal });
  const navigation = (win as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('currententrychange', onNavigation, { signal });
  if (options.onLocationChange) cleanups.push(options.onLocationChange(onNavigation));
  if (options.onCatalogChanged) cleanups.push(options.onCatalogChanged(() => requestContext()));
  win.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', updateScheme, { signal });

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      scheduler.cancel();
      clearTimeout(missTimer);
      for (const cleanup of cleanups.splice(0)) cleanup();
      removePanel();
      current = null;
    },
    { once: true },
  );

  reconcile();
  return {
    reconcile,
    get panel() {
      return panel;
    },
    get prefs() {
      return prefs;
    },
    setPrefs: (next) => void applyPrefs(next),
    toggle() {
      if (!current) return; // a page without a record has no panel to show or hide
      const hadFocus = panel?.hasFocus() ?? false;
      actions.setPrefs({ collapsed: !prefs.collapsed });
      // Expanding takes focus, so the command is a way into the panel; collapsing gives it back
      // only if it was inside.
      if (!prefs.collapsed || hadFocus) panel?.focus();
    },
    status() {
      if (!current) return null;
      const { detection, view } = current;
      const needs = view.state === 'ready' ? view.context.needs.length : 0;
      return { host: detection.host, record: detection.recordLabel, needs, state: view.state };
    },
    reveal() {
      if (prefs.collapsed) actions.setPrefs({ collapsed: false });
      panel?.element.scrollIntoView({ block: 'nearest' });
      panel?.focus();
    },
  };
}

/** What the DOM and the REST API each add to a record, without one erasing the other's. */
function mergeRecords(base: RecordRef, extra: RecordRef): RecordRef {
  if (base.kind === 'jira' && extra.kind === 'jira') return { ...base, ...definedOnly(extra) };
  if (base.kind === 'crm' && extra.kind === 'crm') {
    const names = [...new Set([...(base.names ?? []), ...(extra.names ?? [])])];
    return { ...base, ...definedOnly(extra), ...(names.length > 0 ? { names } : {}) };
  }
  return base;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isAbout(record: MutationRecord, panel: PanelHost): boolean {
  if (record.target === panel.element) return true;
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((node) => node === panel.element);
}
