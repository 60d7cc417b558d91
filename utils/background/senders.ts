/**
 * Who sent a runtime message, in the browser's word: `sender` is filled in by the browser, never by
 * the message, so a hostile page cannot claim to be the options page. An extension page is one of
 * our own origin; a content script is one in a tab whose URL is on a host our manifest's content
 * scripts cover, or on a Jira Data Center site the user granted (docs/security.md).
 */
import type { HostId } from '@/utils/catalog/view';
import { DYNAMICS_MATCHES } from '@/utils/hosts/dynamics';
import { HUBSPOT_MATCHES } from '@/utils/hosts/hubspot';
import { JIRA_CLOUD_MATCHES } from '@/utils/hosts/jira-cloud';
import { SALESFORCE_MATCHES } from '@/utils/hosts/salesforce';
import { ZENDESK_MATCHES } from '@/utils/hosts/zendesk';

/** The classes of sender the allow table (allow-table.ts) names. */
export type SenderClass = 'extension-page' | 'content-script';

/** What the browser says about a sender; the fields of `runtime.MessageSender` used here. */
export interface SenderFacts {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { id?: number | undefined; url?: string | undefined } | undefined;
  frameId?: number | undefined;
  documentId?: string | undefined;
}

export type Sender =
  | { class: 'extension-page' }
  | {
      class: 'content-script';
      host: HostId;
      /** The page's URL and origin, from the browser; what the message says about them is ignored. */
      url: URL;
      origin: string;
      tabId: number;
    };

/** The manifest's content-script match patterns, by host (Jira Data Center sites are granted one by one). */
export const CONTENT_SCRIPT_MATCHES: readonly (readonly [HostId, readonly string[]])[] = [
  ['jira-cloud', JIRA_CLOUD_MATCHES],
  ['salesforce', SALESFORCE_MATCHES],
  ['hubspot', HUBSPOT_MATCHES],
  ['dynamics', DYNAMICS_MATCHES],
  ['zendesk', ZENDESK_MATCHES],
];

/** Whether `url` is matched by a match pattern such as `https://*.atlassian.net/*`. */
export function matchesPattern(url: URL, pattern: string): boolean {
  const parsed = /^(https?):\/\/(\*|\*\.[^/*]+|[^/*]+)(\/.*)$/.exec(pattern);
  if (!parsed) return false;
  const [, scheme, host, path] = parsed as unknown as [string, string, string, string];
  if (url.protocol !== `${scheme}:`) return false;
  const hostname = url.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    const base = host.slice(2).toLowerCase();
    if (hostname !== base && !hostname.endsWith(`.${base}`)) return false;
  } else if (host !== '*' && hostname !== host.toLowerCase()) return false;
  const glob = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return glob.test(url.pathname + url.search);
}

/** The host whose manifest content script runs on `url`, or null. */
export function manifestHostOf(url: URL): HostId | null {
  for (const [host, patterns] of CONTENT_SCRIPT_MATCHES) {
    if (patterns.some((pattern) => matchesPattern(url, pattern))) return host;
  }
  return null;
}

export interface ClassifyContext {
  /** Our runtime id (`runtime.id`). */
  extensionId: string;
  /** Our own pages' origin, `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  extensionOrigin: string;
  /** The Jira Data Center origins the user added (and granted), exact, port included. */
  jiraDcOrigins: () => Promise<readonly string[]>;
}

/** Who sent a message, or null when it is nobody Tandem answers (another extension, an unknown page). */
export async function classifySender(sender: SenderFacts, context: ClassifyContext): Promise<Sender | null> {
  if (sender.id !== context.extensionId || !sender.url) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // `URL.origin` is "null" for extension schemes outside the browser: compare scheme and host.
  if (`${url.protocol}//${url.host}` === context.extensionOrigin) return { class: 'extension-page' };
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return null;
  const host =
    manifestHostOf(url) ?? ((await context.jiraDcOrigins()).includes(url.origin) ? 'jira-dc' : null);
  if (!host) return null;
  return { class: 'content-script', host, url: currentAddress(sender, url), origin: url.origin, tabId };
}

/**
 * The top frame's current address, which follows SPA navigation: `sender.url` can still be the
 * address the document loaded with (Firefox) or, briefly, the previous one (Chromium). The tab's
 * URL is the browser's word too (our host permissions expose it); taken only on the same origin.
 */
function currentAddress(sender: SenderFacts, url: URL): URL {
  const current = sender.frameId === 0 ? sender.tab?.url : undefined;
  if (!current) return url;
  try {
    const tabUrl = new URL(current);
    return tabUrl.origin === url.origin ? tabUrl : url;
  } catch {
    return url;
  }
}
