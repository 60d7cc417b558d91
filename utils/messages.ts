/**
 * The one protocol between content scripts, extension pages and the background. Every request
 * and every answer is parsed with zod on arrival; `sendMessage` and `handleMessages` are the only
 * places that touch `runtime.sendMessage` / `onMessage`, so every surface speaks it the same way.
 * Written with `zod/mini`. What content scripts use (the answers they read, broadcasts, tab
 * queries, `sendWith`) lives in content-messages.ts, so their bundles never build this module's
 * schemas; this module pairs those answers with their requests and adds everything else.
 */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import {
  type Broadcast,
  contentSchemas,
  describeIssues,
  MessageError,
  sendWith,
  type TabQuery,
} from '@/utils/content-messages';
import { SITE_KEYS } from '@/utils/hosts/host-ids';
import { RecordRef } from '@/utils/hosts/record-ref';
import { MAX_NESTING, tooDeep } from '@/utils/nesting';
import { OutcomeFilters, OutcomeSort, OutcomesPage } from '@/utils/outcomes/view';
import { SourceStatus } from '@/utils/sync/status';

// Pages and the background build the content scripts' schemas at once: they compose them here.
const { CatalogErrorItem, ContentAnswers, Failure, HostIdSchema, PanelPrefsView, PanelStatus } =
  contentSchemas();

export const EntityKindSchema = z.enum(['people', 'teams', 'needs', 'links']);
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
  /** Origins a test build grants without asking (docs/surfaces.md). */
  builtInJiraDcOrigins: z.array(z.string()),
  panel: z.object({ layout: z.enum(['docked', 'floating']), collapsed: z.boolean() }),
  panelByHost: z.partialRecord(HostIdSchema, PanelPrefsView),
  pinnedTeams: z.array(z.string()),
  sources: z.array(SourceView),
  /** The outcomes page flags a person who leads more teams than this. */
  maxTeamsPerLead: z.optional(z.number()),
  /** Settings an administrator fixed through browser policy: shown, not editable. */
  locked: z.optional(z.array(z.string())),
  /** Policy values that failed validation and were ignored, so an administrator can see why. */
  policyErrors: z.optional(z.array(CatalogErrorItem)),
});
export type SettingsView = z.infer<typeof SettingsView>;

const SettingsAnswer = z.union([z.object({ ok: z.literal(true), settings: SettingsView }), Failure]);

/** Kept equal to the catalog's byte limit (validate.ts) without importing classic zod here. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;

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

/**
 * A change to some settings; what it leaves out stays as it is. Jira DC origins and shared sources
 * have their own requests, with their own checks: a patch naming them is refused.
 */
export const SettingsPatch = z.object({
  disabledHosts: z.optional(z.array(HostIdSchema)),
  panel: z.optional(z.object({ layout: z.enum(['docked', 'floating']), collapsed: z.boolean() })),
  panelByHost: z.optional(z.partialRecord(HostIdSchema, PanelPrefsView)),
  pinnedTeams: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(1000))),
  maxTeamsPerLead: z.optional(z.number()),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

const SourceId = z.string().check(z.minLength(1), z.maxLength(40));
/** A catalog `sites` key: both Jira kinds share `jira`. */
export const SiteKey = z.enum(SITE_KEYS);
const OriginText = z.string().check(z.minLength(1), z.maxLength(2048));

// ---- The options page's and the popup's reads (utils/background/query-service.ts and neighbours).
const EntityId = z.string().check(z.minLength(1), z.maxLength(64));
const LayerCounts = z.object({
  layer: z.string(),
  updatedAt: z.string(),
  name: z.optional(z.string()),
  counts: Counts,
});
/** One row of a catalog table: the entity as stored, where it came from, and its cells as text. */
export const TableRowView = z.object({
  id: z.string(),
  layer: z.string(),
  editable: z.boolean(),
  value: z.record(z.string(), z.unknown()),
  cells: z.record(z.string(), z.string()),
});
export type TableRowView = z.infer<typeof TableRowView>;
export const UsageView = z.object({
  kind: EntityKindSchema,
  id: z.string(),
  label: z.string(),
  field: z.string(),
  layer: z.string(),
});
export type UsageView = z.infer<typeof UsageView>;
export const CatalogOverview = z.object({
  revision: z.number(),
  name: z.optional(z.string()),
  generatedAt: z.optional(z.string()),
  counts: Counts,
  layers: z.array(LayerCounts),
  conflicts: z.number(),
  warnings: z.array(CatalogErrorItem),
});
export type CatalogOverview = z.infer<typeof CatalogOverview>;
export const SearchHitView = z.object({
  kind: z.enum(['need', 'team', 'person']),
  id: z.string(),
  label: z.string(),
  detail: z.string(),
  open: z.string(),
  rank: z.enum(['exact', 'prefix', 'word', 'substring', 'words']),
});
export type SearchHitView = z.infer<typeof SearchHitView>;
export const TeamLinkView = z.object({
  id: z.string(),
  name: z.string(),
  businessLead: z.string(),
  itLead: z.string(),
  charterUrl: z.optional(z.string()),
});
export type TeamLinkView = z.infer<typeof TeamLinkView>;
export const PrivacyReport = z.object({
  database: z.object({
    name: z.string(),
    version: z.number(),
    stores: z.array(z.object({ name: z.string(), records: z.number() })),
  }),
  layers: z.array(LayerCounts),
  jiraDcOrigins: z.array(z.string()),
  sources: z.array(SourceView),
  /** The catalog's Jira site the background reads work-item status from. */
  jiraStatusSites: z.optional(z.array(z.string())),
});
export type PrivacyReport = z.infer<typeof PrivacyReport>;
export const CsvKindSchema = z.enum(['people', 'needs', 'links']);
const RowProblem = z.object({ row: z.optional(z.number()), path: z.string(), rule: z.string() });
export type RowProblem = z.infer<typeof RowProblem>;

/** The longest landmark outline a content script may send with a miss. */
export const MAX_OUTLINE_CHARS = 16_000;

export const PlacementMissSummary = z.object({
  host: HostIdSchema,
  view: z.string(),
  /** Misses in the last seven days, and all that are kept (30 days at most). */
  week: z.number(),
  total: z.number(),
  lastAt: z.string(),
  anchors: z.array(z.string()),
  /** The outline of the page the last time it happened, when one was sent. */
  outline: z.optional(z.string()),
});
export type PlacementMissSummary = z.infer<typeof PlacementMissSummary>;

export const Protocol = {
  resolve: {
    request: z.object({ type: z.literal('resolve'), record: RecordRef }),
    response: ContentAnswers.resolve,
  },
  'catalog.import': {
    request: z.object({
      type: z.literal('catalog.import'),
      text: z.string().check(z.maxLength(MAX_IMPORT_CHARS)),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), counts: Counts, name: z.optional(z.string()) }),
      z.object({ ok: z.literal(false), errors: z.array(CatalogErrorItem) }),
      Failure,
    ]),
  },
  'options.open': {
    request: z.object({ type: z.literal('options.open') }),
    response: ContentAnswers['options.open'],
  },
  'capture.load': {
    request: z.object({ type: z.literal('capture.load') }),
    response: ContentAnswers['capture.load'],
  },
  'settings.get': {
    request: z.object({ type: z.literal('settings.get') }),
    response: SettingsAnswer,
  },
  'settings.update': {
    request: z.object({ type: z.literal('settings.update'), patch: z.strictObject(SettingsPatch.shape) }),
    response: z.union([
      z.object({ ok: z.literal(true), settings: SettingsView }),
      z.object({ ok: z.literal(false), errors: z.array(CatalogErrorItem) }),
      Failure,
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
    response: ContentAnswers['entity.save'],
  },
  /** Deletes one local entity; without `force`, refuses while others reference it and says which. */
  'entity.delete': {
    request: z.object({
      type: z.literal('entity.delete'),
      kind: EntityKindSchema,
      id: z.string().check(z.minLength(1), z.maxLength(64)),
      force: z.optional(z.boolean()),
    }),
    response: ContentAnswers['entity.delete'],
  },
  /** One page of a catalog table, searched and sorted in the background (options page). */
  'catalog.query': {
    request: z.object({
      type: z.literal('catalog.query'),
      kind: EntityKindSchema,
      text: z.string().check(z.maxLength(500)),
      sort: z.optional(z.string().check(z.maxLength(40))),
      dir: z.optional(z.enum(['asc', 'desc'])),
      offset: z.number().check(z.int(), z.minimum(0)),
      limit: z.number().check(z.int(), z.minimum(1), z.maximum(200)),
      layer: z.optional(z.enum(['all', 'local', 'shared'])),
      id: z.optional(EntityId),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), revision: z.number(), total: z.number(), rows: z.array(TableRowView) }),
      Failure,
    ]),
  },
  /** What refers to one entity, by name, before the options page offers to delete it. */
  'catalog.usedBy': {
    request: z.object({ type: z.literal('catalog.usedBy'), kind: EntityKindSchema, id: EntityId }),
    response: z.union([z.object({ ok: z.literal(true), usedBy: z.array(UsageView) }), Failure]),
  },
  /** Counts of the merged catalog and of each layer, without any entity. */
  'catalog.overview': {
    request: z.object({ type: z.literal('catalog.overview') }),
    response: z.union([z.object({ ok: z.literal(true), overview: z.nullable(CatalogOverview) }), Failure]),
  },
  /** The popup's search across needs, teams and people; the index is built once per revision. */
  'catalog.search': {
    request: z.object({
      type: z.literal('catalog.search'),
      text: z.string().check(z.maxLength(200)),
      limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50))),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), revision: z.number(), hits: z.array(SearchHitView) }),
      Failure,
    ]),
  },
  /**
   * Teams with their leads' names and their charter links (https only), for the popup, sorted by
   * name: every team, or with `limit` the user's pinned teams and the first `limit` others; `total`
   * counts them all.
   */
  'teams.list': {
    request: z.object({
      type: z.literal('teams.list'),
      limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), teams: z.array(TeamLinkView), total: z.number() }),
      Failure,
    ]),
  },
  /** The whole merged catalog or only the local layer, as JSON or (people, needs, links) CSV. */
  'catalog.export': {
    request: z.object({
      type: z.literal('catalog.export'),
      scope: z.enum(['merged', 'local']),
      format: z.enum(['json', 'csv']),
      kind: z.optional(CsvKindSchema),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), fileName: z.string(), mime: z.string(), text: z.string() }),
      Failure,
    ]),
  },
  /**
   * A damaged catalog (docs/storage.md): what can still be read of the local layer, as a catalog
   * file to save. Reads only: the stored records stay as they are until the user imports a file.
   */
  'catalog.salvage': {
    request: z.object({ type: z.literal('catalog.salvage') }),
    response: z.union([
      z.object({
        ok: z.literal(true),
        fileName: z.string(),
        mime: z.string(),
        text: z.string(),
        kept: z.object({ people: z.number(), teams: z.number(), needs: z.number(), links: z.number() }),
        dropped: z.number(),
      }),
      Failure,
    ]),
  },
  /**
   * Rows of one kind into the local layer, all or nothing (a CSV import): `merge` adds new ids and
   * replaces local entities with the same id; `replace` makes the rows the layer's whole list.
   * Each error names the row's index in `rows`.
   */
  'catalog.importRows': {
    request: z.object({
      type: z.literal('catalog.importRows'),
      kind: CsvKindSchema,
      rows: z.array(z.record(z.string(), z.unknown())).check(z.maxLength(150_000)),
      mode: z.enum(['merge', 'replace']),
    }),
    response: z.union([
      z.object({
        ok: z.literal(true),
        revision: z.number(),
        added: z.number(),
        updated: z.number(),
        total: z.number(),
      }),
      z.object({ ok: z.literal(false), errors: z.array(RowProblem) }),
      Failure,
    ]),
  },
  /** What is stored and where requests go, from the live database and settings (privacy page). */
  'privacy.report': {
    request: z.object({ type: z.literal('privacy.report') }),
    response: z.union([z.object({ ok: z.literal(true), report: PrivacyReport }), Failure]),
  },
  /** Needs for the panel's link picker: title, id or customer, best matches first. */
  'needs.search': {
    request: z.object({
      type: z.literal('needs.search'),
      query: z.string().check(z.maxLength(200)),
      limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50))),
    }),
    response: ContentAnswers['needs.search'],
  },
  /** People for choosing a new need's owners; `prefer` ranks that side first. */
  'people.search': {
    request: z.object({
      type: z.literal('people.search'),
      query: z.string().check(z.maxLength(200)),
      limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50))),
      prefer: z.optional(z.enum(['business', 'it'])),
    }),
    response: ContentAnswers['people.search'],
  },
  /** Shared catalog sources with their last refresh result and what it changed (docs/admin.md). */
  'sources.status': {
    request: z.object({
      type: z.literal('sources.status'),
      /** False: only each source's settings and last refresh (the popup's mark), not what it stored. */
      stored: z.optional(z.boolean()),
    }),
    response: z.union([z.object({ ok: z.literal(true), sources: z.array(SourceStatus) }), Failure]),
  },
  /** Adds a source; the options page has already asked the browser for the origin's permission. */
  'sources.add': {
    request: z.object({
      type: z.literal('sources.add'),
      url: z.string().check(z.minLength(1), z.maxLength(2048)),
      kind: z.enum(['catalog', 'backstage']),
      refreshMinutes: z.number(),
    }),
    response: z.union([z.object({ ok: z.literal(true), id: z.string(), settings: SettingsView }), Failure]),
  },
  /** Changes a source's refresh interval or kind. */
  'sources.update': {
    request: z.object({
      type: z.literal('sources.update'),
      id: SourceId,
      refreshMinutes: z.optional(z.number()),
      kind: z.optional(z.enum(['catalog', 'backstage'])),
    }),
    response: SettingsAnswer,
  },
  /** Removes a source with its stored catalog and state. */
  'sources.remove': {
    request: z.object({ type: z.literal('sources.remove'), id: SourceId }),
    response: SettingsAnswer,
  },
  /** Moves a source up (-1) or down (+1): the first listed wins on an id conflict. */
  'sources.move': {
    request: z.object({
      type: z.literal('sources.move'),
      id: SourceId,
      by: z.union([z.literal(-1), z.literal(1)]),
    }),
    response: SettingsAnswer,
  },
  /** Refreshes one source now (or all, without `id`) and answers once it is done. */
  'sources.refresh': {
    request: z.object({ type: z.literal('sources.refresh'), id: z.optional(SourceId) }),
    response: z.union([z.object({ ok: z.literal(true), sources: z.array(SourceStatus) }), Failure]),
  },
  /** The organisation's sites per host (catalog `sites`): merged, and the local layer's own. */
  'sites.list': {
    request: z.object({ type: z.literal('sites.list') }),
    response: z.union([
      z.object({
        ok: z.literal(true),
        hosts: z.array(z.object({ key: SiteKey, origins: z.array(z.string()), local: z.array(z.string()) })),
      }),
      Failure,
    ]),
  },
  /** Adds an exact origin to the local layer's `sites` for one host. */
  'sites.add': {
    request: z.object({ type: z.literal('sites.add'), key: SiteKey, origin: OriginText }),
    response: z.union([z.object({ ok: z.literal(true) }), Failure]),
  },
  /**
   * One page of the outcomes page (extension pages only): teams and their needs' adoption against
   * target, filtered and sorted, with the hygiene flags of the whole catalog counted.
   */
  'outcomes.query': {
    request: z.object({
      type: z.literal('outcomes.query'),
      filters: OutcomeFilters,
      sort: OutcomeSort,
      offset: z.number().check(z.int(), z.minimum(0)),
      limit: z.number().check(z.int(), z.minimum(1), z.maximum(500)),
    }),
    response: z.union([z.object({ ok: z.literal(true), page: OutcomesPage }), Failure]),
  },
  /** Everything the outcomes page's filters select, as CSV (formula-safe) or the chart as SVG. */
  'outcomes.export': {
    request: z.object({
      type: z.literal('outcomes.export'),
      filters: OutcomeFilters,
      sort: OutcomeSort,
      format: z.enum(['csv', 'svg']),
    }),
    response: z.union([
      z.object({ ok: z.literal(true), fileName: z.string(), mime: z.string(), text: z.string() }),
      Failure,
    ]),
  },
  /**
   * A content script found the record's view with none of its adapter's anchors: the
   * host, the kind of view, the anchors it tried and a redacted outline of the page's landmarks
   * (tag names, roles, test ids with digits masked; no text). Kept locally, rate-limited.
   */
  'placement.miss': {
    request: z.object({
      type: z.literal('placement.miss'),
      host: HostIdSchema,
      view: z.string().check(z.minLength(1), z.maxLength(60)),
      anchors: z.array(z.string().check(z.maxLength(80))).check(z.maxLength(20)),
      signal: z.enum(['view', 'quiet', 'deadline']),
      outline: z.optional(z.string().check(z.maxLength(MAX_OUTLINE_CHARS))),
    }),
    response: ContentAnswers['placement.miss'],
  },
  /** The options page's view of the breakage record: per host and view kind, this week and in all. */
  'placement.misses': {
    request: z.object({ type: z.literal('placement.misses') }),
    response: z.union([z.object({ ok: z.literal(true), misses: z.array(PlacementMissSummary) }), Failure]),
  },
  /** Forgets the breakage record. */
  'placement.clear': {
    request: z.object({ type: z.literal('placement.clear') }),
    response: z.union([z.object({ ok: z.literal(true) }), Failure]),
  },
  /**
   * Delivery status of the work items of the needs a record resolves to: the background
   * resolves the record itself and reads only those keys from the catalog's Jira site.
   */
  'workStatus.get': {
    request: z.object({ type: z.literal('workStatus.get'), record: RecordRef }),
    response: ContentAnswers['workStatus.get'],
  },
  /**
   * A Jira tab reports the status its own same-origin REST read saw, for the background to show
   * where its own read gets no session. Accepted only from a tab whose page is on `origin`.
   */
  'workStatus.seen': {
    request: z.object({
      type: z.literal('workStatus.seen'),
      origin: OriginText,
      /** Issues as the tab's REST read answered them; the background parses their fields. */
      issues: z
        .array(
          z.object({
            key: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]+-[0-9]+$/)),
            fields: z.record(z.string(), z.unknown()),
          }),
        )
        .check(z.maxLength(50)),
    }),
    response: ContentAnswers['workStatus.seen'],
  },
  /** Ids defined by more than one layer (the first wins), and references that do not resolve. */
  'catalog.conflicts': {
    request: z.object({ type: z.literal('catalog.conflicts') }),
    response: z.union([
      z.object({
        ok: z.literal(true),
        conflicts: z.array(
          z.object({ kind: EntityKindSchema, id: z.string(), kept: z.string(), dropped: z.string() }),
        ),
        warnings: z.array(CatalogErrorItem),
      }),
      Failure,
    ]),
  },
};

export type RequestType = keyof typeof Protocol;
export type RequestOf<T extends RequestType> = z.infer<(typeof Protocol)[T]['request']>;
export type ResponseOf<T extends RequestType> = z.infer<(typeof Protocol)[T]['response']>;

export type AnyRequest = RequestOf<RequestType>;

// What content-messages.ts `sendWith` accepts: any request of this protocol.
declare module '@/utils/content-messages' {
  interface KnownRequests {
    request: AnyRequest;
  }
}

function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(Protocol, type);
}

/** Picks the request's schema by its `type`, then parses the whole message with it. */
function parseRequest(message: unknown): { ok: true; request: AnyRequest } | { ok: false; reason: string } {
  const type =
    typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  if (!isRequestType(type))
    return { ok: false, reason: `unknown message type ${JSON.stringify(type)?.slice(0, 60)}` };
  // Entity values and rows keep unknown fields as they are: nothing nested deeper than a catalog
  // may be goes further (storing or exporting it would run out of stack).
  const deep = tooDeep(message, MAX_NESTING);
  if (deep)
    return {
      ok: false,
      reason: `${type}: ${deep.slice(0, 8).join('.')}…: nested more than ${MAX_NESTING} levels deep`,
    };
  const parsed = Protocol[type].request.safeParse(message);
  if (!parsed.success) return { ok: false, reason: `${type}: ${describeIssues(parsed.error)}` };
  return { ok: true, request: parsed.data as AnyRequest };
}

/** What a tab's content script answers to the popup's tab queries. */
export const TabAnswers = {
  /** `status: null`: Tandem runs on this site but the page shows no record. */
  'panel.status': z.object({ ok: z.literal(true), status: z.nullable(PanelStatus) }),
  'panel.focus': z.object({ ok: z.literal(true), focused: z.boolean() }),
};
export type TabAnswer<T extends TabQuery['type']> = z.infer<(typeof TabAnswers)[T]>;

/** Asks one tab's content script; null when no Tandem content script answers there. */
export async function sendTabQuery<Q extends TabQuery>(
  tabId: number,
  query: Q,
): Promise<TabAnswer<Q['type']> | null> {
  let raw: unknown;
  try {
    raw = await browser.tabs.sendMessage(tabId, query);
  } catch {
    return null; // no content script in that tab (a browser page, a site Tandem does not run on)
  }
  const parsed = TabAnswers[query.type].safeParse(raw);
  return parsed.success ? (parsed.data as TabAnswer<Q['type']>) : null;
}

/**
 * An answer that came without `sendMessage` (the popup's first requests, sent by its early script:
 * utils/popup-early.ts), validated as `sendMessage` validates.
 */
export function checkedAnswer<T extends RequestType>(type: T, raw: unknown): ResponseOf<T> {
  const parsed = Protocol[type].response.safeParse(raw);
  if (!parsed.success) throw new MessageError(`bad answer to ${type}: ${describeIssues(parsed.error)}`);
  return parsed.data as ResponseOf<T>;
}

export async function sendMessage<R extends AnyRequest>(request: R): Promise<ResponseOf<R['type']>> {
  // The schema is this request type's own, so its output is this request's response type.
  return (await sendWith(request, Protocol[request.type as R['type']].response)) as ResponseOf<R['type']>;
}

/** Who sent a request: handlers that must check the sending tab's page read it (`workStatus.seen`). */
export type MessageSender = Parameters<Listener>[1];

export type Handlers = {
  [T in RequestType]: (request: RequestOf<T>, sender?: MessageSender) => Promise<ResponseOf<T>>;
};

type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];

/** A thrown error as a sentence for the page: what storage refused in plain words, else its message. */
export function failureText(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError')
    return `no space left on disk: the browser refused to store more for Tandem (${message}); free some space and try again`;
  if (name === 'DataCloneError') return `this cannot be stored (${message})`;
  return message;
}

/**
 * Decides from the browser's `sender` whether and how a request is answered: refuses it, or calls
 * `answer` (the handler), perhaps with a narrowed request (utils/background/gate.ts).
 */
export type MessageGate = (
  request: AnyRequest,
  sender: Parameters<Listener>[1],
  answer: (request: AnyRequest) => Promise<unknown>,
) => Promise<unknown>;

/**
 * Installs the background's router; returns a function that removes it. With a `gate`, every
 * request passes it before any handler runs.
 */
export function handleMessages(
  handlers: Handlers,
  onRejected?: (reason: string) => void,
  gate?: MessageGate,
): () => void {
  const listener: Listener = (message, sender) => {
    // Only our own extension's pages and content scripts may ask.
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = parseRequest(message);
    if (!parsed.ok) {
      onRejected?.(parsed.reason);
      return undefined;
    }
    // Handlers that must check the sending tab's page (`workStatus.seen`) read the browser's `sender`.
    const answer = (request: AnyRequest) =>
      (handlers[request.type] as (request: AnyRequest, sender: MessageSender) => Promise<unknown>)(
        request,
        sender,
      );
    const answered = gate ? gate(parsed.request, sender, answer) : answer(parsed.request);
    // Every type's answer accepts `Failure`, so a page can read why whatever went wrong.
    return answered.catch((error: unknown) => ({ ok: false, error: failureText(error) }));
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
