/**
 * The one contract every host implements. Detection is a pure function of the URL (which record);
 * placement reads the document it is given (whether the record's view is ready, and where the
 * panel goes). Adapters read pages; they never render and never resolve.
 */
import type { HostId } from '@/utils/hosts/host-ids';
import type { RecordRef } from '@/utils/hosts/record-ref';

export interface Detection {
  host: HostId;
  /** The `data-record` attribute: `PROJ-123`, `Account/001…`, `ticket/35436` (docs/surfaces.md). */
  recordLabel: string;
  record: RecordRef;
}

export type InsertPosition = 'before' | 'after' | 'prepend' | 'append';

/** Where the panel goes once the record's view is on screen. */
export interface Placement {
  anchor: Element;
  position: InsertPosition;
  /** `block` takes the width of its column; `inline` sits beside the record's title or key. */
  layout: 'block' | 'inline';
}

export interface HostAdapter {
  id: HostId;
  /** Which record the URL names, or null when the page shows none. */
  detect(url: URL): Detection | null;
  /**
   * Where to mount for this record, or null while the page does not (yet) show that record's view:
   * a null here is what keeps a panel off a stale view during SPA navigation.
   */
  findPlacement(doc: Document, detection: Detection): Placement | null;
  /**
   * Adds what only the page can tell (a customer name, an issue's labels) to the record, once
   * the view is ready. Optional: the URL alone is enough for most hosts.
   */
  enrich?(doc: Document, detection: Detection): Detection;
  /**
   * Reads what the site's own same-origin REST API adds (an issue's epic, labels and components;
   * a ticket's organization). Called once per record per page session, never before the first
   * answer is shown. Null, a rejection or a timeout all mean "key-only": the panel keeps what it has.
   */
  fetchDetails?(detection: Detection, request: DetailsRequest): Promise<Detection | null>;
  /**
   * The record's view is on screen, by signals that survive a redesign (the title naming the
   * record, its key or name shown in a landmark), whether or not an anchor matched. With no anchor
   * the panel floats at once then, instead of after the loop's last-resort wait.
   */
  viewReady?(doc: Document, detection: Detection): boolean;
  /** The anchors `findPlacement` looks for, by name, for the local record of views where none matched. */
  anchorNames?: readonly string[];
}

export interface DetailsRequest {
  /** The page's origin; requests go nowhere else. */
  origin: string;
  doc: Document;
  fetch: typeof fetch;
  signal: AbortSignal;
  /** Passes on what a Jira issue read saw of the status, for the background. */
  seen?(key: string, fields: Record<string, unknown>): void;
}
