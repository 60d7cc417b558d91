/**
 * The one protocol between content scripts, extension pages and the background. Every request
 * and every answer is parsed with zod on arrival; `sendMessage` and `handleMessages` are the only
 * places that touch `runtime.sendMessage` / `onMessage`, so every surface speaks it the same way.
 * Written with `zod/mini` because content scripts bundle it.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { RecordRef, ResolvedContext } from './catalog/view';

/** Kept equal to the catalog's byte limit (validate.ts) without importing classic zod here. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

const Failure = z.object({ ok: z.literal(false), error: z.string() });

const CatalogErrorItem = z.object({ path: z.string(), rule: z.string() });
export const EntityKindSchema = z.enum(['people', 'teams', 'needs', 'links']);
const Counts = z.object({ people: z.number(), teams: z.number(), needs: z.number(), links: z.number() });

export const CatalogSummary = z.object({
  revision: z.number(),
  importedAt: z.string(),
  name: z.optional(z.string()),
  generatedAt: z.optional(z.string()),
  counts: Counts,
  people: z.array(z.object({ id: z.string(), name: z.string(), title: z.optional(z.string()) })),
  teams: z.array(z.object({ id: z.string(), name: z.string(), approach: z.string() })),
  needs: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
});
export type CatalogSummary = z.infer<typeof CatalogSummary>;

const HostIdSchema = z.enum(['jira-cloud', 'jira-dc', 'salesforce', 'hubspot', 'dynamics', 'zendesk']);
const PanelPrefsView = z.object({
  layout: z.optional(z.enum(['docked', 'floating'])),
  collapsed: z.optional(z.boolean()),
});
const SourceView = z.object({
  id: z.string(),
  url: z.string(),
  kind: z.enum(['catalog', 'backstage']),
  refreshMinutes: z.number(),
});

/** The settings as every surface sees them (the background validates writes with the full schema). */
export const SettingsView = z.object({
  disabledHosts: z.array(HostIdSchema),
  jiraDcOrigins: z.array(z.string()),
  /** Origins a test build grants without asking (surfaces.md). */
  builtInJiraDcOrigins: z.array(z.string()),
  panel: z.object({ layout: z.enum(['docked', 'floating']), collapsed: z.boolean() }),
  panelByHost: z.partialRecord(HostIdSchema, PanelPrefsView),
  pinnedTeams: z.array(z.string()),
  sources: z.array(SourceView),
  /** Settings an administrator fixed through browser policy: shown, not editable (issue 7). */
  locked: z.optional(z.array(z.string())),
});

/** A change to some settings; what it leaves out stays as it is. Jira DC origins have their own requests. */
export const SettingsPatch = z.object({
  disabledHosts: z.optional(z.array(HostIdSchema)),
  panel: z.optional(z.object({ layout: z.enum(['docked', 'floating']), collapsed: z.boolean() })),
  panelByHost: z.optional(z.partialRecord(HostIdSchema, PanelPrefsView)),
  pinnedTeams: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(1000))),
  sources: z.optional(z.array(z.record(z.string(), z.unknown())).check(z.maxLength(50))),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;
export type SettingsView = z.infer<typeof SettingsView>;

const SettingsAnswer = z.union([z.object({ ok: z.literal(true), settings: SettingsView }), Failure]);
const OriginText = z.string().check(z.minLength(1), z.maxLength(2048));

export const Protocol = {
  resolve: {
    request: z.object({ type: z.literal('resolve'), record: RecordRef }),
    response: z.union([
      z.object({ ok: z.literal(true), revision: z.number(), context: ResolvedContext }),
      Failure,
    ]),
  },
  'catalog.import': {
    request: z.object({
      type: z.literal('catalog.import'),
      text: z.string().check(z.maxLength(MAX_IMPORT_CHARS)),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), counts: Counts, name: z.optional(z.string()) }),
      z.object({ ok: z.literal(false), errors: z.array(CatalogErrorItem) }),
    ]),
  },
  'options.open': {
    request: z.object({ type: z.literal('options.open') }),
    response: z.union([z.object({ ok: z.literal(true) }), Failure]),
  },
  'settings.get': {
    request: z.object({ type: z.literal('settings.get') }),
    response: SettingsAnswer,
  },
  'settings.update': {
    request: z.object({ type: z.literal('settings.update'), patch: SettingsPatch }),
    response: z.union([
      z.object({ ok: z.literal(true), settings: SettingsView }),
      z.object({ ok: z.literal(false), errors: z.array(CatalogErrorItem) }),
    ]),
  },
  'jiraDc.add': {
    request: z.object({ type: z.literal('jiraDc.add'), origin: OriginText }),
    response: SettingsAnswer,
  },
  'jiraDc.remove': {
    request: z.object({ type: z.literal('jiraDc.remove'), origin: OriginText }),
    response: SettingsAnswer,
  },
  'catalog.summary': {
    request: z.object({ type: z.literal('catalog.summary') }),
    response: z.union([
      z.object({ ok: z.literal(true), summary: z.nullable(CatalogSummary) }),
      z.object({ ok: z.literal(false), error: z.string(), errors: z.optional(z.array(CatalogErrorItem)) }),
    ]),
  } /**
   * Adds or replaces one person, team, need or link in the local layer. The value is validated in
   * the background with the catalog's own schema and reference rules; entities of a shared source
   * are read-only. `replaces` names the id being edited when the edit changes it.
   */,
  'entity.save': {
    request: z.object({
      type: z.literal('entity.save'),
      kind: EntityKindSchema,
      value: z.record(z.string(), z.unknown()),
      replaces: z.optional(z.string().check(z.maxLength(64))),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), revision: z.number(), id: z.string() }),
      z.object({ ok: z.literal(false), errors: z.array(CatalogErrorItem) }),
    ]),
  },
  /** Deletes one local entity; without `force`, refuses while others reference it and says which. */
  'entity.delete': {
    request: z.object({
      type: z.literal('entity.delete'),
      kind: EntityKindSchema,
      id: z.string().check(z.minLength(1), z.maxLength(64)),
      force: z.optional(z.boolean()),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), revision: z.number() }),
      z.object({ ok: z.literal(false), error: z.string(), usedBy: z.optional(z.array(CatalogErrorItem)) }),
    ]),
  },
};

export type RequestType = keyof typeof Protocol;
export type RequestOf<T extends RequestType> = z.infer<(typeof Protocol)[T]['request']>;
export type ResponseOf<T extends RequestType> = z.infer<(typeof Protocol)[T]['response']>;

export type AnyRequest = RequestOf<RequestType>;

function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(Protocol, type);
}

/** Picks the request's schema by its `type`, then parses the whole message with it. */
function parseRequest(message: unknown): { ok: true; request: AnyRequest } | { ok: false; reason: string } {
  const type =
    typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  if (!isRequestType(type))
    return { ok: false, reason: `unknown message type ${JSON.stringify(type)?.slice(0, 60)}` };
  const parsed = Protocol[type].request.safeParse(message);
  if (!parsed.success) return { ok: false, reason: `${type}: ${describeIssues(parsed.error)}` };
  return { ok: true, request: parsed.data as AnyRequest };
}

/** Background -> content scripts and extension pages: something they show has changed. */
export const Broadcast = z.discriminatedUnion('type', [
  z.object({ type: z.literal('catalog.changed'), revision: z.number() }),
  z.object({ type: z.literal('settings.changed') }),
]);
export type Broadcast = z.infer<typeof Broadcast>;

export class MessageError extends Error {
  override name = 'MessageError';
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
    .join('; ');
}

export async function sendMessage<R extends AnyRequest>(request: R): Promise<ResponseOf<R['type']>> {
  const type: R['type'] = request.type;
  const raw: unknown = await browser.runtime.sendMessage(request);
  const parsed = Protocol[type].response.safeParse(raw);
  if (!parsed.success) throw new MessageError(`bad answer to ${type}: ${describeIssues(parsed.error)}`);
  // The schema was picked by `type`, so its output is this request's response type.
  return parsed.data as ResponseOf<R['type']>;
}

export type Handlers = {
  [T in RequestType]: (request: RequestOf<T>) => Promise<ResponseOf<T>>;
};

type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];

/** Installs the background's router; returns a function that removes it. */
export function handleMessages(handlers: Handlers, onRejected?: (reason: string) => void): () => void {
  const listener: Listener = (message, sender) => {
    // Only our own extension's pages and content scripts may ask.
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = parseRequest(message);
    if (!parsed.ok) {
      onRejected?.(parsed.reason);
      return undefined;
    }
    const { request } = parsed;
    const handler = handlers[request.type] as (request: AnyRequest) => Promise<unknown>;
    return handler(request).catch((error: unknown) => ({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    }));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/**
 * Sends a broadcast to every tab (only tabs running our content script answer) and to open
 * extension pages. Tabs without a listener reject; that is expected and ignored.
 */
export async function broadcast(message: Broadcast): Promise<void> {
  const tabs = await browser.tabs.query({});
  const deliveries = tabs
    .filter((tab) => tab.id !== undefined)
    .map((tab) => browser.tabs.sendMessage(tab.id as number, message).catch(() => undefined));
  deliveries.push(browser.runtime.sendMessage(message).catch(() => undefined));
  await Promise.all(deliveries);
}

/** Listens for broadcasts from the background; returns a function that stops listening. */
export function onBroadcast(callback: (message: Broadcast) => void): () => void {
  const listener: Listener = (message) => {
    const parsed = Broadcast.safeParse(message);
    if (parsed.success) callback(parsed.data);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
