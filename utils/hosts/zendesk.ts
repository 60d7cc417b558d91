/**
 * Zendesk Support, Agent Workspace (`{sub}.zendesk.com/agent/…`). docs/hosts.md, "Zendesk".
 *
 * The URL names the record: `/agent/tickets/N`, `/agent/organizations/N`, `/agent/users/N`, with
 * or without a sub-path (`/events`, `/requested_tickets`); `/agent/tickets/new/…` is a draft, not a
 * record. Every open ticket keeps its workspace in the DOM; only the one marked
 * `data-is-active="true"` is on screen, and the ticket's own conversation root carries its id.
 * On a ticket, the requester's organization counts as the customer too: its name is read from the
 * workspace when shown and from the site's own REST API (`include=organizations`).
 */
import * as z from 'zod/mini';
import { isShown } from '@/utils/hosts/dom';
import { addNames, cleanName } from '@/utils/hosts/freshness';
import { shownIn } from '@/utils/hosts/ready';
import type { DetailsRequest, Detection, HostAdapter, Placement } from '@/utils/hosts/types';

/** Agent pages only: the help center and the marketing site share the domain. */
export const ZENDESK_MATCHES = ['https://*.zendesk.com/agent/*'];

const HOST = /^[a-z0-9][a-z0-9-]*\.zendesk\.com$/i;
const RECORD = /^\/agent\/(tickets|organizations|users)\/(\d{1,19})(?=[/?#]|$)/;

export interface ZendeskRecord {
  object: 'ticket' | 'organization' | 'user';
  id: string;
}

/** The record a Zendesk URL names, or null. */
export function zendeskRecord(url: URL): ZendeskRecord | null {
  if (url.protocol !== 'https:' || !HOST.test(url.hostname)) return null;
  const [, kind, id] = RECORD.exec(url.pathname) ?? [];
  const object =
    kind === 'tickets'
      ? 'ticket'
      : kind === 'organizations'
        ? 'organization'
        : kind === 'users'
          ? 'user'
          : null;
  return object && id ? { object, id } : null;
}

export function zendeskDetection(url: URL): Detection | null {
  const record = zendeskRecord(url);
  if (!record) return null;
  return {
    host: 'zendesk',
    recordLabel: `${record.object}/${record.id}`,
    record: { kind: 'crm', host: 'zendesk', object: record.object, id: record.id },
  };
}

// ---------------------------------------------------------------------------------------------
// DOM (docs/hosts.md)

const LAYOUT = '.ticket-panes-grid-layout';
const ACTIVE_LAYOUT = '.ticket-panes-grid-layout[data-is-active="true"]';
const CONVERSATION_HEADER = [
  '[data-support-suite-trial-onboarding-id="conversationPane"] > div:first-child',
  '.omni-conversation-pane > div > div:first-child',
].join(', ');
const ORGANIZATION_LINK = 'a[href*="/organizations/"]';

/** The workspace on screen: the active grid layout, or (pre-2023 layout) the visible `.workspace`. */
export function activeWorkspace(doc: Document): Element | null {
  const layouts = doc.querySelectorAll(LAYOUT);
  const candidates =
    layouts.length > 0 ? doc.querySelectorAll(ACTIVE_LAYOUT) : doc.querySelectorAll('.workspace');
  for (const candidate of candidates) {
    if (isShown(candidate)) return candidate;
  }
  return null;
}

/** The ticket's own conversation root inside the active workspace, or null while another shows. */
export function ticketScope(doc: Document, ticketId: string): Element | null {
  const workspace = activeWorkspace(doc);
  return workspace?.querySelector(`[data-side-conversations-anchor-id="${ticketId}"]`) ?? null;
}

export function findZendeskPlacement(doc: Document, record: ZendeskRecord): Placement | null {
  // Users' and organizations' pages have no anchor known well enough: the panel floats there.
  if (record.object !== 'ticket') return null;
  const scope = ticketScope(doc, record.id);
  if (!scope) return null;
  const header = scope.querySelector(CONVERSATION_HEADER);
  if (header && isShown(header)) return { anchor: header, position: 'after', layout: 'block' };
  return { anchor: scope, position: 'prepend', layout: 'block' };
}

/**
 * The header tab of the record on screen: one tab per open record, the selected one by its ARIA
 * state (role and `aria-selected`, or `aria-current` in some versions), which a restyle keeps
 * when it renames classes and test ids. Taken to be selected with its workspace, not with the URL,
 * so that during a tab switch the previous record's tab is still the selected one (the look-alike's
 * model; docs/hosts.md marks it unobserved).
 */
const SELECTED_TAB = '[role="tab"][aria-selected="true"], [role="tab"][aria-current="page"]';

/**
 * The record's view is on screen, by what the selected header tab shows: a ticket's `#id`
 * (its subtitle), an organization's name as the REST answer gave it. Users' tabs show nothing the
 * URL or the answer knows: their panel waits for the quiet page.
 */
export function zendeskViewReady(doc: Document, record: ZendeskRecord, names: readonly string[]): boolean {
  if (record.object === 'ticket') return shownIn(doc, SELECTED_TAB, `#${record.id}`);
  if (record.object === 'organization') return names.some((name) => shownIn(doc, SELECTED_TAB, name));
  return false;
}

/** Organization names the ticket's workspace links to (the requester's, in its header). */
export function readTicketOrganizations(doc: Document, ticketId: string): string[] {
  const scope = ticketScope(doc, ticketId);
  const workspace = scope ? activeWorkspace(doc) : null;
  if (!workspace) return [];
  const names = new Set<string>();
  for (const link of workspace.querySelectorAll(ORGANIZATION_LINK)) {
    if (!/\/organizations\/\d+(?:[/?#]|$)/.test(link.getAttribute('href') ?? '')) continue;
    const name = cleanName(link.textContent);
    if (name) names.add(name);
    if (names.size >= 5) break;
  }
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// Same-origin REST (docs/hosts.md): untrusted input, parsed before use.

const Id = z.union([z.number(), z.string()]);
const Organization = z.object({ id: Id, name: z.string() });
const Organizations = z.optional(z.array(Organization).check(z.maxLength(100)));
const TicketAnswer = z.object({
  ticket: z.object({ id: Id, organization_id: z.optional(z.nullable(Id)) }),
  organizations: Organizations,
});
const UserAnswer = z.object({
  user: z.object({ id: Id, organization_id: z.optional(z.nullable(Id)) }),
  organizations: Organizations,
});
const OrganizationAnswer = z.object({ organization: Organization });

async function getJson(url: string, { fetch, signal }: DetailsRequest): Promise<unknown> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal,
  });
  // Signed out (401), not visible to this agent (403/404): the URL-level answer stands.
  return response.ok ? response.json() : null;
}

/** The requester's organizations: by the answer's `organization_id` when given, else every sideloaded one. */
function chosenOrganizations(
  organizations: z.infer<typeof Organizations>,
  organizationId: string | number | null | undefined,
) {
  const list = organizations ?? [];
  return organizationId === null || organizationId === undefined
    ? list
    : list.filter((organization) => String(organization.id) === String(organizationId));
}

function organizationNames(organizations: z.infer<typeof Organizations>): string[] {
  return (organizations ?? [])
    .map((organization) => cleanName(organization.name))
    .filter((name) => name !== null);
}

/** The organization a ticket or user belongs to also stands for the customer, by its id. */
function organizationIds(
  organizations: z.infer<typeof Organizations>,
  organizationId: string | number | null | undefined,
): string[] {
  const ids = new Set((organizations ?? []).map((organization) => String(organization.id)));
  if (organizationId !== null && organizationId !== undefined) ids.add(String(organizationId));
  return [...ids].filter((id) => /^\d{1,19}$/.test(id));
}

export interface ZendeskDetails {
  names: string[];
  organizationIds: string[];
}

/** What the REST API adds to a Zendesk record: customer names and organization ids. */
export async function fetchZendeskDetails(
  record: ZendeskRecord,
  request: DetailsRequest,
): Promise<ZendeskDetails> {
  const base = `${request.origin}/api/v2`;
  if (record.object === 'ticket' || record.object === 'user') {
    const answer =
      record.object === 'ticket'
        ? TicketAnswer.safeParse(
            await getJson(`${base}/tickets/${record.id}.json?include=organizations`, request),
          )
        : UserAnswer.safeParse(
            await getJson(`${base}/users/${record.id}.json?include=organizations`, request),
          );
    if (!answer.success) return { names: [], organizationIds: [] };
    const owner = 'ticket' in answer.data ? answer.data.ticket : answer.data.user;
    const chosen = chosenOrganizations(answer.data.organizations, owner.organization_id);
    return {
      names: organizationNames(chosen),
      organizationIds: organizationIds(chosen, owner.organization_id),
    };
  }
  return { names: (await fetchZendeskNames(record, request)) ?? [], organizationIds: [] };
}

/** The customer names the REST API adds to a Zendesk record, or null when it adds none. */
export async function fetchZendeskNames(
  record: ZendeskRecord,
  request: DetailsRequest,
): Promise<string[] | null> {
  const base = `${request.origin}/api/v2`;
  let names: string[] = [];
  if (record.object === 'ticket' || record.object === 'user') {
    names = (await fetchZendeskDetails(record, request)).names;
  } else {
    const answer = OrganizationAnswer.safeParse(
      await getJson(`${base}/organizations/${record.id}.json`, request),
    );
    const name = answer.success ? cleanName(answer.data.organization.name) : null;
    if (name) names = [name];
  }
  return names.length > 0 ? names : null;
}

function recordOf(detection: Detection): ZendeskRecord | null {
  const { record } = detection;
  if (record.kind !== 'crm') return null;
  const object = record.object;
  if (object !== 'ticket' && object !== 'organization' && object !== 'user') return null;
  return { object, id: record.id };
}

export const zendeskAdapter: HostAdapter = {
  id: 'zendesk',
  detect: zendeskDetection,
  findPlacement(doc, detection) {
    const record = recordOf(detection);
    return record ? findZendeskPlacement(doc, record) : null;
  },
  viewReady(doc, detection) {
    const record = recordOf(detection);
    const names = detection.record.kind === 'crm' ? (detection.record.names ?? []) : [];
    return record ? zendeskViewReady(doc, record, names) : false;
  },
  anchorNames: ['ticket conversation header', 'ticket conversation root'],
  enrich(doc, detection) {
    const record = recordOf(detection);
    if (record?.object !== 'ticket') return detection;
    return addNames(detection, readTicketOrganizations(doc, record.id));
  },
  async fetchDetails(detection, request) {
    const record = recordOf(detection);
    if (!record) return null;
    // A network failure, a timeout or a body that is not JSON: quietly, the URL-level answer stands.
    const details = await fetchZendeskDetails(record, request).catch(() => null);
    if (!details || (details.names.length === 0 && details.organizationIds.length === 0)) return null;
    const named = details.names.length > 0 ? addNames(detection, details.names) : detection;
    if (named.record.kind !== 'crm' || details.organizationIds.length === 0) return named;
    const related = details.organizationIds.map((id) => ({ object: 'organization', id }));
    return { ...named, record: { ...named.record, related } };
  },
};
