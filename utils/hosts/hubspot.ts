/**
 * HubSpot (`app.hubspot.com` and the regional `app-eu1`, `app-na2`, … hosts). docs/hosts.md, "HubSpot".
 *
 * The URL names the record: `/contacts/{portal}/record/{objectTypeId}/{id}` (0-1 contact, 0-2
 * company, 0-3 deal, 0-5 ticket) or the legacy `/contacts/{portal}/{object}/{id}` that HubSpot
 * rewrites in place to the former; both give the same `data-record`, so the rewrite changes nothing.
 * All middle-pane tabs stay in the DOM: the panel goes at the top of the visible one.
 */
import { byTestId, firstShown, isShown } from '@/utils/hosts/dom';
import { addNames, cleanName, createNameMemory, type NameMemory } from '@/utils/hosts/freshness';
import { MAIN_LANDMARKS, shownIn } from '@/utils/hosts/ready';
import type { Detection, HostAdapter, Placement } from '@/utils/hosts/types';

/** Chrome match patterns cannot say `app-*`; the regional hosts are listed one by one. */
export const HUBSPOT_MATCHES = ['app', 'app-eu1', 'app-na2', 'app-na3', 'app-ap1'].map(
  (host) => `https://${host}.hubspot.com/*`,
);

const HOST = /^app(?:-[a-z]{2,3}\d+)?\.hubspot\.com$/i;
const RECORD = /^\/contacts\/(\d+)\/record\/(0-[1235])\/(\d+)(?=[/?#]|$)/;
const LEGACY = /^\/contacts\/(\d+)\/(contact|company|deal|ticket)\/(\d+)(?=[/?#]|$)/;

const OBJECT_TYPES: Readonly<Record<string, string>> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-5': 'ticket',
};

export interface HubSpotRecord {
  portal: string;
  object: string;
  id: string;
}

/** The record a HubSpot URL names, or null (lists, custom objects, other apps). */
export function hubspotRecord(url: URL): HubSpotRecord | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  const current = RECORD.exec(url.pathname);
  if (current?.[1] && current[2] && current[3]) {
    const object = OBJECT_TYPES[current[2]];
    return object ? { portal: current[1], object, id: current[3] } : null;
  }
  const legacy = LEGACY.exec(url.pathname);
  if (legacy?.[1] && legacy[2] && legacy[3]) return { portal: legacy[1], object: legacy[2], id: legacy[3] };
  return null;
}

export function hubspotDetection(url: URL): Detection | null {
  const record = hubspotRecord(url);
  if (!record) return null;
  return {
    host: 'hubspot',
    recordLabel: `${record.object}/${record.id}`,
    record: { kind: 'crm', host: 'hubspot', object: record.object, id: record.id },
  };
}

// ---------------------------------------------------------------------------------------------
// DOM (docs/hosts.md): match by attribute, never by heading level or styled-components class.

const NAME = [
  byTestId('highlight-record-label'),
  '[data-selenium-test="highlightTitle"]',
  'div[data-selenium-test$="-highlight-details"] h3',
].join(', ');
const MIDDLE_PANE = byTestId('middle-pane');
const TAB_CONTENT =
  '[data-test-id^="tab-"][data-test-id$="-content"], [data-testid^="tab-"][data-testid$="-content"]';
const CARD = '[data-test-id^="card-wrapper-"], [data-testid^="card-wrapper-"]';
const HIGHLIGHT_CARD = `[data-card-type="OBJECT_HIGHLIGHT"], [data-test-id^="card-wrapper-OBJECT_HIGHLIGHT"]`;
const RIGHT_SIDEBAR = byTestId('right-sidebar');

/** The record's name from the highlight card, or null. Hidden copies are ignored. */
export function readHubSpotName(doc: Document): string | null {
  const label = firstShown(doc, NAME);
  return cleanName(label?.getAttribute('title') || label?.textContent);
}

/** The element holding most cards in `tab`: the list the panel joins, so it scrolls with them. */
function cardList(tab: Element): Element {
  const counts = new Map<Element, number>();
  for (const card of tab.querySelectorAll(CARD)) {
    const parent = card.parentElement;
    if (parent) counts.set(parent, (counts.get(parent) ?? 0) + 1);
  }
  let best: Element = tab;
  let most = 0;
  for (const [parent, count] of counts) {
    if (count > most && tab.contains(parent)) [best, most] = [parent, count];
  }
  return best;
}

export function findHubSpotPlacement(doc: Document): Placement | null {
  // Only inside a record page's middle pane: list pages have tabs too.
  const pane = firstShown(doc, MIDDLE_PANE);
  const tab = pane && firstShown(pane, TAB_CONTENT);
  if (tab) return { anchor: cardList(tab), position: 'prepend', layout: 'block' };
  const highlight = firstShown(doc, HIGHLIGHT_CARD);
  if (highlight) return { anchor: highlight, position: 'after', layout: 'block' };
  const sidebar = doc.querySelector(RIGHT_SIDEBAR);
  return sidebar && isShown(sidebar) ? { anchor: sidebar, position: 'prepend', layout: 'block' } : null;
}

/**
 * An adapter with its own memory of the last name shown: React re-renders the record page in
 * place, so right after a navigation the highlight card can still name the previous record.
 */
export function createHubSpotAdapter(names: NameMemory = createNameMemory()): HostAdapter {
  return {
    id: 'hubspot',
    detect: hubspotDetection,
    findPlacement(doc, detection) {
      const name = readHubSpotName(doc);
      if (name && names.isStale(detection.recordLabel, name)) return null;
      return findHubSpotPlacement(doc);
    },
    viewReady(doc, detection) {
      // `{record name} | HubSpot`, and that name shown in the main region: not the list's title.
      const name = cleanName(/^(.+) \| HubSpot$/.exec(doc.title)?.[1]);
      if (!name || names.isStale(detection.recordLabel, name) || !shownIn(doc, MAIN_LANDMARKS, name))
        return false;
      names.remember(detection.recordLabel, name);
      return true;
    },
    anchorNames: ['middle-pane tab', 'highlight card', 'right sidebar'],
    enrich(doc, detection) {
      const name = readHubSpotName(doc);
      if (!name || detection.record.kind !== 'crm' || names.isStale(detection.recordLabel, name)) {
        return detection;
      }
      names.remember(detection.recordLabel, name);
      return addNames(detection, [name]);
    },
  };
}

export const hubspotAdapter = createHubSpotAdapter();
