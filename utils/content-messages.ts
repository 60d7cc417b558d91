/**
 * The part of the protocol that content scripts bundle: the answers they read, the broadcasts and
 * tab queries they listen for, and `sendWith`. utils/messages.ts builds the whole protocol on top
 * of it (every request and answer, the background's router). Content scripts never import that
 * module, so no schema of the options page or the popup is built, or shipped, in a host page.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { viewSchemas } from '@/utils/catalog/view';
import { HOST_IDS } from '@/utils/hosts/host-ids';
import { lazily } from '@/utils/lazily';

/**
 * Builds the schemas below. Content scripts load this module on every host page while the host is
 * drawing itself, and building some 70 zod schemas there took about 14 ms of its main thread;
 * `contentSchemas()` builds them on first use instead, when the first answer arrives.
 */
function buildContentSchemas() {
  /**
   * What every request type may answer when the background could not do it at all: no space left
   * on disk, a database update waiting for other pages to close, a damaged store. `error` is a
   * sentence for the page to show as it is. Request types whose failures name paths (`errors`)
   * accept it beside them, so a page can always read why.
   */
  const Failure = z.object({ ok: z.literal(false), error: z.string() });

  const CatalogErrorItem = z.object({ path: z.string(), rule: z.string() });

  const HostIdSchema = z.enum(HOST_IDS);
  const PanelPrefsView = z.object({
    layout: z.optional(z.enum(['docked', 'floating'])),
    collapsed: z.optional(z.boolean()),
  });

  /**
   * The settings as a content script reads them: whether its host is on, and how the panel starts.
   * Written without `z.record`, so the bundle needs no record schema (docs/surfaces.md names the hosts).
   */
  const HostPrefs = z.optional(PanelPrefsView);
  const PanelSettings = z.object({
    disabledHosts: z.array(HostIdSchema),
    panel: z.object({ layout: z.enum(['docked', 'floating']), collapsed: z.boolean() }),
    panelByHost: z.object({
      'jira-cloud': HostPrefs,
      'jira-dc': HostPrefs,
      salesforce: HostPrefs,
      hubspot: HostPrefs,
      dynamics: HostPrefs,
      zendesk: HostPrefs,
    }),
  });
  /** The `settings.get` answer, as a content script reads it. */
  const PanelSettingsAnswer = z.union([z.object({ ok: z.literal(true), settings: PanelSettings }), Failure]);
  /** The `settings.update` answer, as a content script reads it. */
  const PanelSettingsUpdateAnswer = z.union([
    z.object({ ok: z.literal(true), settings: PanelSettings }),
    z.object({ ok: z.literal(false), errors: z.array(CatalogErrorItem) }),
    Failure,
  ]);

  const NeedHitSchema = z.object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    customers: z.array(z.string()),
    team: z.optional(z.string()),
  });
  const PersonHitSchema = z.object({
    id: z.string(),
    name: z.string(),
    title: z.optional(z.string()),
    side: z.optional(z.enum(['business', 'it'])),
  });

  /**
   * Delivery status of a record's work items, ready to draw (docs/jira-status.md):
   * `problem` is one line saying what to do when Jira could not be read; `shipped` lists the needs
   * whose work items are all done while they still say in-delivery.
   */
  const WorkItemStatus = z.object({
    key: z.string().check(z.maxLength(100)),
    category: z.enum(['new', 'indeterminate', 'done', 'unknown']),
    status: z.optional(z.string().check(z.maxLength(255))),
    assignee: z.optional(z.string().check(z.maxLength(255))),
    /** `Fix version 4.2` or `Due 2026-12-01`. */
    plan: z.optional(z.string().check(z.maxLength(300))),
    /** Set when the status comes from what the user's own Jira tab saw: `seen 3 h ago in Jira`. */
    seen: z.optional(z.string().check(z.maxLength(100))),
  });
  const WorkStatusAnswer = z.union([
    z.object({
      ok: z.literal(true),
      items: z.array(WorkItemStatus),
      problem: z.optional(z.string().check(z.maxLength(500))),
      shipped: z.array(z.string()),
    }),
    Failure,
  ]);

  /** The answers content scripts read; utils/messages.ts pairs each with its request. */
  const ContentAnswers = {
    resolve: z.union([
      // Built when the first answer arrives, not when the content script loads (view.ts).
      z.object({
        ok: z.literal(true),
        revision: z.number(),
        context: z.lazy(() => viewSchemas().ResolvedContext),
      }),
      Failure,
    ]),
    'options.open': z.union([z.object({ ok: z.literal(true) }), Failure]),
    /** The capture forms were run in the asking frame (components/Capture/contract.ts). */
    'capture.load': z.union([z.object({ ok: z.literal(true) }), Failure]),
    'entity.save': z.union([
      z.object({ ok: z.literal(true), revision: z.number(), id: z.string() }),
      z.object({ ok: z.literal(false), errors: z.array(CatalogErrorItem) }),
      Failure,
    ]),
    'entity.delete': z.union([
      z.object({ ok: z.literal(true), revision: z.number() }),
      z.object({ ok: z.literal(false), error: z.string(), usedBy: z.optional(z.array(CatalogErrorItem)) }),
    ]),
    'needs.search': z.union([z.object({ ok: z.literal(true), results: z.array(NeedHitSchema) }), Failure]),
    'people.search': z.union([z.object({ ok: z.literal(true), results: z.array(PersonHitSchema) }), Failure]),
    /** A view where no anchor matched was recorded (or dropped by the rate limit: `kept: false`). */
    'placement.miss': z.union([z.object({ ok: z.literal(true), kept: z.boolean() }), Failure]),
    'workStatus.get': WorkStatusAnswer,
    'workStatus.seen': z.union([z.object({ ok: z.literal(true) }), Failure]),
  };

  /** Background -> content scripts and extension pages: something they show has changed. */
  const Broadcast = z.union([
    z.object({ type: z.literal('catalog.changed'), revision: z.number() }),
    z.object({ type: z.literal('settings.changed') }),
    /** A shared source's refresh state changed (a result, a failure, a refresh starting). */
    z.object({ type: z.literal('sources.changed') }),
    /** The keyboard command (manifest `commands`), sent to the active tab only. */
    z.object({ type: z.literal('panel.toggle') }),
  ]);

  /**
   * Extension pages -> one tab's content script (the popup asking the current tab): what the panel
   * there shows, and a request to bring it into view. Answered by utils/page/tab-queries.ts.
   */
  const TabQuery = z.union([
    z.object({ type: z.literal('panel.status') }),
    z.object({ type: z.literal('panel.focus') }),
  ]);
  const PanelStatus = z.object({
    host: HostIdSchema,
    /** The record as `data-record` shows it (`SHOP-142`, `Account/001…`). */
    record: z.string().check(z.maxLength(500)),
    /** How many needs the panel lists for it. */
    needs: z.number(),
    state: z.optional(z.enum(['loading', 'ready', 'empty', 'error'])),
  });

  return {
    Failure,
    CatalogErrorItem,
    HostIdSchema,
    PanelPrefsView,
    PanelSettings,
    PanelSettingsAnswer,
    PanelSettingsUpdateAnswer,
    NeedHitSchema,
    PersonHitSchema,
    ContentAnswers,
    WorkItemStatus,
    Broadcast,
    TabQuery,
    PanelStatus,
  };
}

type ContentSchemas = ReturnType<typeof buildContentSchemas>;

/** The schemas of what content scripts read, built once, on the first call. */
export const contentSchemas = lazily(buildContentSchemas);

export type PanelSettings = z.infer<ContentSchemas['PanelSettings']>;
export type NeedHit = z.infer<ContentSchemas['NeedHitSchema']>;
export type PersonHit = z.infer<ContentSchemas['PersonHitSchema']>;
export type WorkItemStatus = z.infer<ContentSchemas['WorkItemStatus']>;
export type WorkStatusAnswer = z.infer<ContentSchemas['ContentAnswers']['workStatus.get']>;
export type Broadcast = z.infer<ContentSchemas['Broadcast']>;
export type TabQuery = z.infer<ContentSchemas['TabQuery']>;
export type PanelStatus = z.infer<ContentSchemas['PanelStatus']>;
/** A content script's answer to request `T`: the same schema the full protocol uses for it. */
export type ContentAnswer<T extends keyof ContentSchemas['ContentAnswers']> = z.infer<
  ContentSchemas['ContentAnswers'][T]
>;

export class MessageError extends Error {
  override name = 'MessageError';
}

export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The requests `sendWith` may send. utils/messages.ts fills this in with its protocol's request
 * union (declaration merging), so every request is type-checked while this module, which content
 * scripts bundle, imports nothing from the full protocol.
 */
// biome-ignore lint/suspicious/noEmptyInterface: utils/messages.ts adds `request` to it.
export interface KnownRequests {}
type OutgoingRequest = KnownRequests extends { request: infer R } ? R : never;

/**
 * Sends a request and parses the answer with the schema the caller names
 * (`ContentAnswers.resolve`); utils/messages.ts `sendMessage` picks it by type.
 */
export async function sendWith<S extends z.ZodMiniType>(
  request: OutgoingRequest,
  response: S,
): Promise<z.output<S>> {
  const raw: unknown = await browser.runtime.sendMessage(request);
  const parsed = response.safeParse(raw);
  if (!parsed.success)
    throw new MessageError(`bad answer to ${request.type}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];

/** Listens for broadcasts from the background; returns a function that stops listening. */
export function onBroadcast(callback: (message: Broadcast) => void): () => void {
  const listener: Listener = (message) => {
    const parsed = contentSchemas().Broadcast.safeParse(message);
    if (parsed.success) callback(parsed.data);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
