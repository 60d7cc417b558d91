/**
 * What a content script may ask, beyond its request type being allowed (allow-table.ts): a panel
 * resolves records of its own host, on a site the catalog covers; reads a slim settings view;
 * writes its own host's panel preferences; creates a new need and a link from a need to its own
 * record; and undoes exactly what its tab created, within the undo window. Everything about the
 * page (its host, origin, record) comes from the browser's `sender.url`, never from the message.
 */

import { type PanelRules, Refused } from '@/utils/background/gate';
import type { Sender } from '@/utils/background/senders';
import { linkValue } from '@/utils/catalog/capture';
import type { Sites } from '@/utils/catalog/schema';
import type { HostId, RecordRef } from '@/utils/catalog/view';
import { HOST_ADAPTERS } from '@/utils/hosts/registry';
import type { AnyRequest } from '@/utils/messages';
import { canonicalJson } from '@/utils/sync/diff';

type PanelSender = Extract<Sender, { class: 'content-script' }>;

/**
 * How long after creating a need or link a tab may still undo it. The panel offers Undo for 8 s,
 * and stops that clock while the button has focus; this is the background's outer bound.
 */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

/** The fields the panel's "new need" form writes (utils/page/capture.ts `newNeedValue`). */
const NEW_NEED_FIELDS = new Set([
  'id',
  'title',
  'status',
  'businessOwner',
  'itOwner',
  'customers',
  'evidence',
]);

/** What a panel is told on a site the catalog does not name for its host. */
export function siteNotCovered(origin: string): string {
  return `${origin} is not one of the sites this catalog covers; to show its data here, add the site in Tandem's options ("Your organisation's sites")`;
}

/** The catalog `sites` key for a host: both Jira kinds share `jira`. */
export function sitesKey(host: HostId): keyof Sites & string {
  return host === 'jira-cloud' || host === 'jira-dc' ? 'jira' : host;
}

/** Whether a page's origin is answered with catalog data: yes, unless its host's sites are named without it. */
export function siteCovered(sites: Sites | undefined, host: HostId, origin: string): boolean {
  const named = sites?.[sitesKey(host)];
  return !Array.isArray(named) || named.length === 0 || named.includes(origin);
}

export interface PanelRulesOptions {
  /** The merged catalog's `sites`. */
  sites: () => Promise<Sites | undefined>;
  /** Writes one host's panel preferences, in turn with every other settings write. */
  setPanelPrefs: (host: HostId, prefs: Record<string, unknown>) => Promise<unknown>;
  now?: () => number;
}

/** The record the tab's URL names, as its host's adapter reads it; null when it names none. */
export function pageRecord(sender: PanelSender): RecordRef | null {
  return HOST_ADAPTERS[sender.host]?.detect(sender.url)?.record ?? null;
}

/** Only what a panel reads of the settings: no source URLs, policy errors or Data Center list. */
function slimSettings(answer: unknown): unknown {
  const value = answer as { ok?: boolean; settings?: Record<string, unknown> };
  if (!value.ok || !value.settings) return answer;
  const { disabledHosts, panel, panelByHost } = value.settings;
  return { ok: true, settings: { disabledHosts, panel, panelByHost } };
}

export function createPanelRules(options: PanelRulesOptions): PanelRules {
  const now = options.now ?? Date.now;
  /** What each tab created through its panel, for its undo. */
  const created = new Map<number, { kind: string; id: string; at: number }[]>();

  function remember(tabId: number, kind: string, id: string): void {
    const list = (created.get(tabId) ?? []).filter((item) => now() - item.at <= UNDO_WINDOW_MS);
    list.push({ kind, id, at: now() });
    created.set(tabId, list);
  }

  function ownRecord(sender: PanelSender): RecordRef {
    const record = pageRecord(sender);
    if (!record) throw new Refused(`${sender.url.pathname} shows no record`);
    return record;
  }

  async function save(request: Extract<AnyRequest, { type: 'entity.save' }>, sender: PanelSender) {
    if (request.replaces !== undefined) throw new Refused('a panel cannot edit an existing entity');
    const { value } = request;
    if (request.kind === 'needs') {
      const extra = Object.keys(value).filter((key) => !NEW_NEED_FIELDS.has(key));
      if (extra.length > 0) throw new Refused(`a panel's new need has no field ${extra.join(', ')}`);
      if (typeof value.id !== 'string' || !value.id.startsWith('n-local-'))
        throw new Refused('a new need from a panel has a local id (n-local-…)');
      if (value.status !== 'discovery') throw new Refused('a new need from a panel starts in discovery');
      return;
    }
    if (request.kind === 'links') {
      if (typeof value.need !== 'string') throw new Refused('a link names its need');
      if (canonicalJson(value) !== canonicalJson(linkValue(ownRecord(sender), value.need)))
        throw new Refused('a panel links only the record its own page shows, to one need');
      return;
    }
    throw new Refused(`a panel cannot create ${request.kind}`);
  }

  return async (request, sender, answer) => {
    switch (request.type) {
      case 'resolve': {
        // Bound to the page's host and site, not to the record its URL names: after an SPA
        // navigation the browser's `sender.url` can still be the previous URL when the panel asks.
        if (request.record.host !== sender.host)
          throw new Refused(`a panel on ${sender.host} resolves only ${sender.host} records`);
        if (!siteCovered(await options.sites(), sender.host, sender.origin))
          return { ok: false, error: siteNotCovered(sender.origin) };
        return answer(request);
      }
      case 'settings.get':
        return slimSettings(await answer(request));
      case 'settings.update': {
        const { patch } = request;
        const keys = Object.keys(patch).filter((key) => patch[key as keyof typeof patch] !== undefined);
        const prefs = patch.panelByHost?.[sender.host];
        if (keys.some((key) => key !== 'panelByHost') || !prefs)
          throw new Refused(`a panel changes only its own host's layout (panelByHost.${sender.host})`);
        return slimSettings(await options.setPanelPrefs(sender.host, prefs));
      }
      case 'workStatus.get': {
        // Statuses only for a record of its own host, on a site the catalog covers (as `resolve`).
        if (request.record.host !== sender.host)
          throw new Refused(`a panel on ${sender.host} asks only about ${sender.host} records`);
        if (!siteCovered(await options.sites(), sender.host, sender.origin))
          return { ok: false, error: siteNotCovered(sender.origin) };
        return answer(request);
      }
      case 'workStatus.seen':
        // A Jira tab passes on only what its own page's origin answered.
        if (sender.host !== 'jira-cloud' && sender.host !== 'jira-dc')
          throw new Refused('only a Jira page reports what its Jira answered');
        if (request.origin !== sender.origin)
          throw new Refused(`a panel on ${sender.origin} reports only what its own site answered`);
        return answer(request);
      case 'placement.miss':
        // A panel reports only where it floated on its own host.
        if (request.host !== sender.host)
          throw new Refused(`a panel on ${sender.host} reports only ${sender.host} views`);
        return answer(request);
      case 'needs.search':
      case 'people.search':
      case 'options.open':
      case 'capture.load':
        return answer(request);
      case 'entity.save': {
        await save(request, sender);
        const saved = (await answer(request)) as { ok?: boolean; id?: string };
        if (saved.ok && typeof saved.id === 'string') remember(sender.tabId, request.kind, saved.id);
        return saved;
      }
      case 'entity.delete': {
        if (request.force) throw new Refused('a panel cannot force a delete');
        const list = created.get(sender.tabId) ?? [];
        const mine = list.find(
          (item) => item.kind === request.kind && item.id === request.id && now() - item.at <= UNDO_WINDOW_MS,
        );
        if (!mine) throw new Refused('a panel undoes only what its own tab just created');
        const removed = (await answer(request)) as { ok?: boolean };
        if (removed.ok)
          created.set(
            sender.tabId,
            list.filter((item) => item !== mine),
          );
        return removed;
      }
      default:
        throw new Refused('not a panel request');
    }
  };
}
