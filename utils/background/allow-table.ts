/**
 * Which senders may send which request: the one table the router checks before any handler runs
 * (utils/messages.ts `handleMessages`, wired in start.ts). A content script runs inside the host
 * page's renderer, so whatever it may send, a compromised page may send too: it gets what a panel
 * needs and nothing else (docs/security.md, "A compromised host page").
 *
 * Adding a request type to the protocol is one row here; the type below makes a missing row a
 * compile error, and tests/background/allow-table.test.ts checks the table against the protocol.
 */

import type { SenderClass } from '@/utils/background/senders';
import type { RequestType } from '@/utils/messages';

const PAGES = ['extension-page'] as const;
const PAGES_AND_PANELS = ['extension-page', 'content-script'] as const;
const PANELS = ['content-script'] as const;

export const ALLOWED_SENDERS: { readonly [T in RequestType]: readonly SenderClass[] } = {
  // What a panel needs: its own record, its slim settings and preferences, the picker, the capture writes.
  resolve: PAGES_AND_PANELS,
  'settings.get': PAGES_AND_PANELS,
  'settings.update': PAGES_AND_PANELS,
  'needs.search': PAGES_AND_PANELS,
  'people.search': PAGES_AND_PANELS,
  'options.open': PAGES_AND_PANELS,
  'entity.save': PAGES_AND_PANELS,
  'entity.delete': PAGES_AND_PANELS,
  // The capture forms, run in the asking panel's own frame (extension pages carry them already).
  'capture.load': PANELS,
  // Where the panel floated because no anchor matched: reported by the panel, kept locally.
  'placement.miss': PAGES_AND_PANELS,
  // Delivery status of the record's work items; what a Jira tab's own REST read saw of a status.
  'workStatus.get': PAGES_AND_PANELS,
  'workStatus.seen': PAGES_AND_PANELS,
  // The options page and the popup only.
  'catalog.import': PAGES,
  'catalog.summary': PAGES,
  'catalog.query': PAGES,
  'catalog.usedBy': PAGES,
  'catalog.overview': PAGES,
  'catalog.search': PAGES,
  'catalog.export': PAGES,
  'catalog.importRows': PAGES,
  'catalog.conflicts': PAGES,
  'teams.list': PAGES,
  'jiraDc.add': PAGES,
  'jiraDc.remove': PAGES,
  'privacy.report': PAGES,
  'sources.status': PAGES,
  'sources.add': PAGES,
  'sources.update': PAGES,
  'sources.remove': PAGES,
  'sources.move': PAGES,
  'sources.refresh': PAGES,
  'sites.list': PAGES,
  'sites.add': PAGES,
  'catalog.salvage': PAGES,
  'outcomes.query': PAGES,
  'outcomes.export': PAGES,
  'placement.misses': PAGES,
  'placement.clear': PAGES,
};

/** Whether `sender` may send `type` at all (payload rules for content scripts come after). */
export function isAllowed(type: RequestType, sender: SenderClass): boolean {
  return ALLOWED_SENDERS[type].includes(sender);
}
