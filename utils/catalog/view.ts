/**
 * What the panel shows for a record (a resolved context). It crosses the message boundary into
 * content scripts, so it is written with `zod/mini`, which keeps their bundles small; the catalog's
 * own schema stays in classic zod.
 *
 * The schemas are built on first use (`viewSchemas()`), not when the module loads: content scripts
 * load it on every host page while the host is still drawing itself, and the first answer to
 * parse comes later.
 */
import * as z from 'zod/mini';
// The host ids and what a page is belong to the hosts (utils/hosts/); the catalog builds on them.
import { HOST_IDS, type HostId } from '@/utils/hosts/host-ids';
import { lazily } from '@/utils/lazily';

// A record reference's schema lives in utils/hosts/record-ref.ts: only the background parses one.
export type { CrmRecord, JiraRecord, RecordRef } from '@/utils/hosts/record-ref';
export { HOST_IDS, type HostId };

export const MATCH_LEVELS = [
  'issue',
  'epic',
  'label',
  'component',
  'project',
  'record-id',
  'customer-name',
] as const;
export type MatchLevel = (typeof MATCH_LEVELS)[number];

function buildViewSchemas() {
  const Text = z.string().check(z.maxLength(10_000));
  const ShortText = z.string().check(z.minLength(1), z.maxLength(500));
  const MatchLevel = z.enum(MATCH_LEVELS);

  const PersonView = z.object({
    id: ShortText,
    name: ShortText,
    email: z.optional(ShortText),
    title: z.optional(Text),
    side: z.optional(z.enum(['business', 'it'])),
    chat: z.optional(Text),
    verifiedAt: z.optional(ShortText),
  });

  const OwnerView = z.object({ person: PersonView, fromTeam: z.boolean() });

  const LabelledUrlView = z.object({ label: Text, url: Text });

  const TeamView = z.object({
    id: ShortText,
    name: ShortText,
    approach: z.enum(['clean-slate', 'firewall', 'standard']),
    businessLead: z.nullable(PersonView),
    itLead: z.nullable(PersonView),
    charter: z.optional(
      z.object({
        url: z.optional(Text),
        mission: z.optional(Text),
        businessGoal: z.optional(Text),
        capability: z.optional(Text),
        agreements: z.optional(z.array(Text)),
        startsOn: z.optional(ShortText),
        endsOn: z.optional(ShortText),
      }),
    ),
    channels: z.array(LabelledUrlView),
    verifiedAt: z.optional(ShortText),
  });

  const WorkItemView = z.object({ key: ShortText, url: z.optional(Text) });

  const NeedView = z.object({
    id: ShortText,
    title: ShortText,
    statement: z.optional(Text),
    status: z.enum(['in-delivery', 'committed', 'discovery', 'released', 'adopted', 'parked']),
    level: MatchLevel,
    customers: z.array(
      z.object({
        name: ShortText,
        importance: z.optional(z.enum(['critical', 'important', 'nice'])),
        revenueBand: z.optional(Text),
      }),
    ),
    outcome: z.optional(Text),
    adoption: z.optional(
      z.object({
        metric: Text,
        unit: z.optional(Text),
        target: z.number(),
        current: z.number(),
        asOf: ShortText,
      }),
    ),
    evidence: z.array(LabelledUrlView),
    verifiedAt: z.optional(ShortText),
    team: z.nullable(TeamView),
    businessOwner: z.nullable(OwnerView),
    itOwner: z.nullable(OwnerView),
    workItems: z.array(WorkItemView),
  });

  /**
   * Customer impact on a Jira issue (impact.ts): distinct customers across the needs, how many
   * critical, their revenue bands summed and formatted (`600k–3.5M`), each with its CRM record.
   */
  const ImpactView = z.object({
    customers: z.number(),
    critical: z.number(),
    revenue: z.optional(ShortText),
    list: z.array(
      z.object({
        name: ShortText,
        importance: z.optional(z.enum(['critical', 'important', 'nice'])),
        revenueBand: z.optional(Text),
        recordUrl: z.optional(Text),
      }),
    ),
  });

  /** Everything the panel shows for one record. */
  const ResolvedContext = z.object({
    needs: z.array(NeedView),
    /** The most specific team link's team, given when no need matched. */
    team: z.nullable(TeamView),
    teamLevel: z.optional(MatchLevel),
    catalogName: z.optional(Text),
    /** Nothing was ever imported: the empty state points to the options page instead. */
    noCatalog: z.optional(z.boolean()),
    /** On a Jira issue with needs. */
    impact: z.optional(ImpactView),
  });

  return { ShortText, PersonView, OwnerView, TeamView, WorkItemView, NeedView, ImpactView, ResolvedContext };
}

type ViewSchemas = ReturnType<typeof buildViewSchemas>;

/** The view's schemas, built once, on the first call. */
export const viewSchemas = lazily(buildViewSchemas);

export type PersonView = z.infer<ViewSchemas['PersonView']>;
export type OwnerView = z.infer<ViewSchemas['OwnerView']>;
export type TeamView = z.infer<ViewSchemas['TeamView']>;
export type WorkItemView = z.infer<ViewSchemas['WorkItemView']>;
export type NeedView = z.infer<ViewSchemas['NeedView']>;
export type ImpactView = z.infer<ViewSchemas['ImpactView']>;
export type ResolvedContext = z.infer<ViewSchemas['ResolvedContext']>;

/** `ready` when a need or, failing that, a team matched (docs/surfaces.md). */
export function stateOf(context: ResolvedContext): 'ready' | 'empty' {
  return context.needs.length > 0 || context.team !== null ? 'ready' : 'empty';
}
