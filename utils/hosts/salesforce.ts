/**
 * Salesforce: Lightning Experience (`*.lightning.force.com`, sandboxes included) and Classic
 * (`*.my.salesforce.com`). docs/hosts.md, "Salesforce".
 *
 * The URL names the record: `/lightning/r/{Object}/{id}/view` (or `/edit`, `/related/X/view`),
 * `/lightning/r/{id}/view` after some save redirects (object from the id's key prefix), a console
 * app's `?ws=` primary tab, the pre-2018 `#/sObject/{id}`; in Classic, `/{id}`. Lightning keeps
 * earlier record pages in the DOM, hidden, so every DOM read is scoped to the ACTIVE view, and a
 * view once seen for one record is never taken for another.
 */

import { isShown } from '@/utils/hosts/dom';
import {
  addNames,
  cleanName,
  createNameMemory,
  createViewBinding,
  type NameMemory,
  type ViewBinding,
} from '@/utils/hosts/freshness';
import { salesforceId18 } from '@/utils/hosts/ids';
import type { Detection, HostAdapter, Placement } from '@/utils/hosts/types';

/** Off: see `viewReady` (docs/hosts.md, Salesforce). */
const SALESFORCE_TITLE_SIGNAL = false;

export const SALESFORCE_MATCHES = ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'];

// {mydomain}, {mydomain}--{sandbox}.sandbox, and the .develop/.scratch/… variants (docs/hosts.md).
const SUB = '[a-z0-9][a-z0-9-]*(?:\\.(?:sandbox|develop|scratch|demo|patch|trailblaze|free))?';
const LIGHTNING_HOST = new RegExp(`^${SUB}\\.lightning\\.force\\.com$`, 'i');
const CLASSIC_HOST = new RegExp(`^${SUB}\\.my\\.salesforce\\.com$`, 'i');

const ID = '[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?';
const LIGHTNING_RECORD = new RegExp(
  `^/lightning/r/(?:([A-Za-z][A-Za-z0-9_]*)/)?(${ID})/(?:view|edit|related/[^/?#]+/view)(?=[/?#]|$)`,
);
const LEGACY_HASH = new RegExp(`^#/sObject/(${ID})(?=[/?#]|$)`);
// Classic: an id at the root (`/001Dn00000AbCdE`, `/001Dn00000AbCdE/e`). The sixth character of
// every id is the reserved "0"; requiring it keeps words such as /ChangePassword1 out.
const CLASSIC_RECORD = /^\/([a-zA-Z0-9]{5}0[a-zA-Z0-9]{9}(?:[a-zA-Z0-9]{3})?)(?=[/?#]|$)/;

/** Key prefixes of standard objects, for URLs that carry only the id. */
export const KEY_PREFIXES: Readonly<Record<string, string>> = {
  '001': 'Account',
  '002': 'Note',
  '003': 'Contact',
  '005': 'User',
  '006': 'Opportunity',
  '00Q': 'Lead',
  '00T': 'Task',
  '00U': 'Event',
  '00O': 'Report',
  '01Z': 'Dashboard',
  '01t': 'Product2',
  '02i': 'Asset',
  '0Q0': 'Quote',
  '0WO': 'WorkOrder',
  '500': 'Case',
  '701': 'Campaign',
  '800': 'Contract',
  '801': 'Order',
};

export interface SalesforceRecord {
  object: string;
  /** The 18-character form. */
  id: string;
  ui: 'lightning' | 'classic';
}

function objectFor(id: string, fromUrl: string | undefined): string {
  // Custom objects' prefixes (a0X…) differ per org: without the URL's name they stay generic.
  return fromUrl ?? KEY_PREFIXES[id.slice(0, 3)] ?? 'Record';
}

function lightningPath(pathAndQuery: string): { object?: string; id: string } | null {
  const match = LIGHTNING_RECORD.exec(pathAndQuery);
  if (!match?.[2]) return null;
  return { ...(match[1] ? { object: match[1] } : {}), id: match[2] };
}

/** The record a Salesforce URL names, or null. */
export function salesforceRecord(url: URL): SalesforceRecord | null {
  if (url.protocol !== 'https:') return null;
  if (LIGHTNING_HOST.test(url.hostname)) {
    const found: { object?: string; id: string } | null =
      lightningPath(url.pathname) ??
      // Console apps: the path is the focused subtab; `ws` holds the workspace's primary tab.
      lightningPath(url.searchParams.get('ws') ?? '') ??
      (() => {
        const id = LEGACY_HASH.exec(url.hash)?.[1];
        return url.pathname.startsWith('/one/') && id ? { id } : null;
      })();
    if (!found) return null;
    const id = salesforceId18(found.id);
    return { object: objectFor(id, found.object), id, ui: 'lightning' };
  }
  if (CLASSIC_HOST.test(url.hostname)) {
    const raw = CLASSIC_RECORD.exec(url.pathname)?.[1];
    if (!raw || !/\d/.test(raw)) return null;
    const id = salesforceId18(raw);
    // An 18-character path segment must carry the right case checksum to be an id.
    if (raw.length === 18 && id !== raw) return null;
    return { object: objectFor(id, undefined), id, ui: 'classic' };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// DOM (docs/hosts.md)

const ACTIVE_VIEW =
  'div.windowViewMode-normal.oneContent.active.lafPageHost, section.oneConsoleTab div.windowViewMode-maximized.active.lafPageHost';
const HIGHLIGHTS = 'records-highlights2, force-highlights2, .forceHighlightsPanel';
const RECORD_HOME = 'one-record-home-flexipage2';
const PRIMARY_NAME = [
  'slot[name="primaryField"] lightning-formatted-text',
  'lightning-formatted-text[slot="primaryField"]',
  'lightning-formatted-name[slot="primaryField"]',
  'h1.slds-page-header__title',
  'h1 .uiOutputText',
];
const TITLE = /^(.+?) \| [^|]+ \| Salesforce$/;
const CLASSIC_TITLE = /^[^:]+: (.+?) ~ Salesforce\b/;

/** The first element matching `selector` under `root`, looking into open shadow roots too. */
export function deepQuery(root: ParentNode, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const element of root.querySelectorAll('*')) {
    if (!element.shadowRoot) continue;
    const found = deepQuery(element.shadowRoot, selector);
    if (found) return found;
  }
  return null;
}

/** Text of an element, or of its open shadow root when LWC rendered the text in there. */
export function deepText(node: Element | ShadowRoot): string {
  const own = (node.textContent ?? '').trim();
  if (own) return own;
  const shadow = node instanceof Element ? node.shadowRoot : null;
  if (shadow) return deepText(shadow);
  let text = '';
  for (const child of node.querySelectorAll('*')) {
    if (child.shadowRoot) text += ` ${deepText(child.shadowRoot)}`;
  }
  return text.trim();
}

/** Lightning's current view (not a cached, hidden one), or null. */
export function activeView(doc: Document): Element | null {
  for (const view of doc.querySelectorAll(ACTIVE_VIEW)) {
    if (isShown(view)) return view;
  }
  return null;
}

/** The outermost host of `element` that lives in the document's own tree. */
function lightTreeHost(element: Element): Element {
  let current = element;
  for (let root = current.getRootNode(); root instanceof ShadowRoot; root = current.getRootNode()) {
    current = root.host;
  }
  return current;
}

/**
 * The record's name as the active view's highlights panel shows it; null while it is not rendered.
 * `undefined` when it cannot be read here: no highlights panel (an org can remove it), or one
 * whose content sits behind a closed shadow root.
 */
export function readLightningName(view: Element): string | null | undefined {
  const highlights = deepQuery(view, HIGHLIGHTS);
  if (!highlights) return undefined;
  const scopes: ParentNode[] = highlights.shadowRoot ? [highlights.shadowRoot, highlights] : [highlights];
  for (const selector of PRIMARY_NAME) {
    for (const scope of scopes) {
      const element = deepQuery(scope, selector);
      const name = element ? cleanName(deepText(element)) : null;
      if (name) return name;
    }
  }
  // An open (or synthetic) shadow root that has no name yet is still rendering; a closed one never tells.
  return highlights.shadowRoot || highlights.childElementCount > 0 ? null : undefined;
}

export function readSalesforceTitle(doc: Document): string | null {
  const title = doc.title.trim();
  return cleanName(TITLE.exec(title)?.[1] ?? CLASSIC_TITLE.exec(title)?.[1]);
}

function lightningPlacement(view: Element): Placement | null {
  const highlights = deepQuery(view, HIGHLIGHTS);
  if (highlights && isShown(highlights)) {
    const host = lightTreeHost(highlights);
    // Never inside a shadow tree we do not own: its observers and re-renders are not ours.
    if (host === highlights) return { anchor: highlights, position: 'after', layout: 'block' };
    return { anchor: host, position: 'before', layout: 'block' };
  }
  const home = deepQuery(view, RECORD_HOME);
  if (!home) return null;
  const host = lightTreeHost(home);
  if (host === home && !home.shadowRoot) return { anchor: home, position: 'prepend', layout: 'block' };
  return { anchor: host, position: 'before', layout: 'block' };
}

function classicPlacement(doc: Document): Placement | null {
  const title = doc.querySelector('#bodyCell .bPageTitle, .bPageTitle');
  if (title && isShown(title)) return { anchor: title, position: 'after', layout: 'block' };
  const body = doc.querySelector('#bodyCell');
  return body ? { anchor: body, position: 'prepend', layout: 'block' } : null;
}

function classicName(doc: Document): string | null {
  const description = doc.querySelector('.bPageTitle .pageDescription');
  return cleanName(description?.textContent) ?? readSalesforceTitle(doc);
}

export function salesforceDetection(url: URL): Detection | null {
  const record = salesforceRecord(url);
  if (!record) return null;
  return {
    host: 'salesforce',
    recordLabel: `${record.object}/${record.id}`,
    record: { kind: 'crm', host: 'salesforce', object: record.object, id: record.id },
  };
}

/** Classic pages are server-rendered with `body.sfdcBody` (docs/hosts.md). */
const isClassicPage = (doc: Document) =>
  doc.body?.classList.contains('sfdcBody') === true || doc.querySelector('.bPageTitle') !== null;

/**
 * An adapter with its own memories (tests make fresh ones): which Lightning view showed which
 * record, and the last name read, so that a lagging `document.title` is not taken for a new record.
 */
export function createSalesforceAdapter(
  binding: ViewBinding = createViewBinding(),
  names: NameMemory = createNameMemory(),
): HostAdapter {
  function lightningName(doc: Document, view: Element, record: string): string | null {
    const fromHighlights = readLightningName(view);
    if (fromHighlights !== undefined) return fromHighlights;
    // No highlights panel: the title, unless it still names the previous record.
    const title = readSalesforceTitle(doc);
    return title && !names.isStale(record, title) ? title : null;
  }

  return {
    id: 'salesforce',
    detect: salesforceDetection,
    findPlacement(doc, detection) {
      const view = activeView(doc);
      if (!view) return isClassicPage(doc) ? classicPlacement(doc) : null;
      if (binding.ownedByAnother(view, detection.recordLabel)) return null;
      const placement = lightningPlacement(view);
      if (placement) binding.bind(view, detection.recordLabel);
      return placement;
    },
    viewReady(doc, detection) {
      // The title alone fires too early after a pushState from one record to another: the related
      // records read from the old view then join the new one's resolve (salesforce.e2e.ts). Until a
      // signal that waits for the new view's own name exists, Salesforce floats on the REST answer
      // and a quiet page, or at the deadline.
      if (!SALESFORCE_TITLE_SIGNAL) return false;
      // The title names a record (not the one shown before), over a view no other record owns.
      const title = readSalesforceTitle(doc);
      if (!title || names.isStale(detection.recordLabel, title)) return false;
      const view = activeView(doc);
      return view ? !binding.ownedByAnother(view, detection.recordLabel) : isClassicPage(doc);
    },
    anchorNames: ['highlights panel', 'record home flexipage', 'classic page title'],
    enrich(doc, detection) {
      if (detection.record.kind !== 'crm') return detection;
      const view = activeView(doc);
      const name = view
        ? lightningName(doc, view, detection.recordLabel)
        : isClassicPage(doc)
          ? classicName(doc)
          : null;
      if (!name) return detection;
      names.remember(detection.recordLabel, name);
      return addNames(detection, [name]);
    },
  };
}

export const salesforceAdapter = createSalesforceAdapter();
