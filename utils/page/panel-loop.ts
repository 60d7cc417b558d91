/**
 * One reconcile loop for every host. URL changes and DOM changes feed one scheduler; `reconcile`
 * is idempotent: the URL says which record, the adapter reads the DOM to say when that record's
 * view is ready and where the panel goes, and the panel is moved only when its anchor element
 * (not just the record) differs. Everything it starts is released when `signal` aborts.
 */

import { createPanelHost, PANEL_TAG, type PanelHost } from '@/components/Panel/mount';
import type { PanelView } from '@/components/Panel/Panel';
import { type RecordRef, type ResolvedContext, stateOf } from '../catalog/view';
import type { Detection, HostAdapter, Placement } from '../hosts/types';
import { createScheduler } from './scheduler';

/** How long to wait for the host's own anchor before showing the panel floating. */
export const FLOAT_AFTER_MS = 1500;
/** How long a same-origin REST read may take before the panel settles for what the URL gave. */
export const DETAILS_TIMEOUT_MS = 4000;
const DEBOUNCE_MS = 100;
const MAX_WAIT_MS = 500;

/** Attribute changes that show or hide views on the hosts we support (HOSTS.md §0.1). */
const WATCHED_ATTRIBUTES = ['class', 'style', 'hidden', 'aria-selected', 'data-is-active', 'data-testid'];

export interface PanelLoopOptions {
  adapter: HostAdapter;
  doc: Document;
  win: Window;
  css: string;
  signal: AbortSignal;
  resolve(record: RecordRef): Promise<ResolvedContext>;
  openOptions(): void;
  /** Calls back when the catalog changed; returns an unsubscribe function. */
  onCatalogChanged?(callback: () => void): () => void;
  /** Extra navigation signals (WXT's `wxt:locationchange`); returns an unsubscribe function. */
  onLocationChange?(callback: () => void): () => void;
  onError?(error: unknown): void;
  /** The page's fetch, for same-origin REST reads; absent in tests that do not need it. */
  fetch?: typeof fetch;
}

interface Current {
  detection: Detection;
  view: PanelView;
  floatDeadline: number;
  request: number;
}

export interface PanelLoop {
  /** Runs one reconcile now; tests and benchmarks use it to avoid waiting for timers. */
  reconcile(): void;
  readonly panel: PanelHost | null;
}

export function startPanelLoop(options: PanelLoopOptions): PanelLoop {
  const { adapter, doc, win, signal } = options;
  let panel: PanelHost | null = null;
  let current: Current | null = null;
  let lastHref = '';
  let requests = 0;
  let floatTimer: ReturnType<typeof setTimeout> | undefined;
  const cleanups: (() => void)[] = [];
  // One REST read per record for the life of this page: navigating back does not ask again.
  const details = new Map<string, Promise<Detection | null>>();

  // One panel per tab: a previous run of this script (before an extension reload) may have left one.
  for (const stale of doc.querySelectorAll(PANEL_TAG)) stale.remove();

  const scheduler = createScheduler(() => reconcile(), { debounceMs: DEBOUNCE_MS, maxWaitMs: MAX_WAIT_MS });

  function render(): void {
    if (!panel || !current) return;
    const { detection, view } = current;
    panel.setAttributes({
      'data-host': detection.host,
      'data-record': detection.recordLabel,
      'data-state': view.state,
    });
    panel.render({
      host: detection.host,
      recordLabel: detection.recordLabel,
      view,
      onLinkAction: options.openOptions,
    });
  }

  function requestContext(): void {
    if (!current) return;
    const request = ++requests;
    current.request = request;
    const target = current;
    options.resolve(target.detection.record).then(
      (context) => {
        if (current !== target || target.request !== request || signal.aborted) return;
        target.view = { state: stateOf(context), context };
        render();
      },
      (error: unknown) => {
        if (current !== target || target.request !== request || signal.aborted) return;
        options.onError?.(error);
        target.view = { state: 'error', message: error instanceof Error ? error.message : String(error) };
        render();
      },
    );
  }

  function requestDetails(target: Current): void {
    const { fetchDetails } = adapter;
    const pageFetch = options.fetch;
    if (!fetchDetails || !pageFetch) return;
    const label = target.detection.recordLabel;
    let pending = details.get(label);
    if (!pending) {
      const timeout = AbortSignal.timeout(DETAILS_TIMEOUT_MS);
      const request = {
        origin: win.location.origin,
        doc,
        fetch: pageFetch,
        signal: AbortSignal.any([signal, timeout]),
      };
      // A failure is not an error for the user: the key-level answer stands.
      pending = fetchDetails(target.detection, request).catch(() => null);
      details.set(label, pending);
    }
    void pending.then((enriched) => {
      if (!enriched || current !== target || signal.aborted) return;
      if (JSON.stringify(enriched.record) === JSON.stringify(target.detection.record)) return;
      target.detection = {
        ...target.detection,
        record: mergeRecords(target.detection.record, enriched.record),
      };
      requestContext();
    });
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
      };
      requestContext();
      requestDetails(current);
    }
    const placement = adapter.findPlacement(doc, current.detection);
    if (placement) {
      const enriched = adapter.enrich?.(doc, current.detection);
      if (enriched && JSON.stringify(enriched.record) !== JSON.stringify(current.detection.record)) {
        current.detection = {
          ...current.detection,
          record: mergeRecords(current.detection.record, enriched.record),
        };
        requestContext();
      }
      place(placement);
      return;
    }
    if (panel?.element.isConnected) return; // keep it where it is while the host re-renders
    const wait = current.floatDeadline - Date.now();
    if (wait <= 0) place(null);
    else {
      clearTimeout(floatTimer);
      floatTimer = setTimeout(() => scheduler.runSoon(), wait);
    }
  }

  const onMutations = (records: MutationRecord[]) => {
    // Our own insertions and moves must not keep the loop busy.
    if (panel && records.every((record) => isAbout(record, panel as PanelHost))) return;
    if (win.location.href !== lastHref) scheduler.runSoon();
    else scheduler.schedule();
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

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      scheduler.cancel();
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
