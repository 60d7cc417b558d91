/**
 * What a page is (a record reference) and what the panel shows for it (a resolved context).
 * These cross the message boundary into content scripts, so they are written with `zod/mini`,
 * which keeps the content-script bundles small; the catalog's own schema stays in classic zod.
 */
import * as z from 'zod/mini';

export const HOST_IDS = ['jira-cloud', 'jira-dc', 'salesforce', 'hubspot', 'dynamics', 'zendesk'] as const;
export const HostId = z.enum(HOST_IDS);
export type HostId = z.infer<typeof HostId>;

const Text = z.string().check(z.maxLength(10_000));
export const ShortText = z.string().check(z.minLength(1), z.maxLength(500));

// A record reference's schema lives in record-ref.ts: only the background parses one, so content
// scripts (which import this module) never build it.
export type { CrmRecord, JiraRecord, RecordRef } from './record-ref';

export const MATCH_LEVELS = [
  'issue',
  'epic',
  'label',
  'component',
  'project',
  'record-id',
  'customer-name',
] as const;
export const MatchLevel = z.enum(MATCH_LEVELS);
export type MatchLevel = z.infer<typeof MatchLevel>;

export const PersonView = z.object({
  id: ShortText,
  name: ShortText,
  email: z.optional(ShortText),
  title: z.optional(Text),
  side: z.optional(z.enum(['business', 'it'])),
  chat: z.optional(Text),
  verifiedAt: z.optional(ShortText),
});
export type PersonView = z.infer<typeof PersonView>;

export const OwnerView = z.object({ person: PersonView, fromTeam: z.boolean() });
export type OwnerView = z.infer<typeof OwnerView>;

const LabelledUrlView = z.object({ label: Text, url: Text });

export const TeamView = z.object({
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
export type TeamView = z.infer<typeof TeamView>;

export const WorkItemView = z.object({ key: ShortText, url: z.optional(Text) });
export type WorkItemView = z.infer<typeof WorkItemView>;

export const NeedView = z.object({
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
export type NeedView = z.infer<typeof NeedView>;

/** Everything the panel shows for one record. */
export const ResolvedContext = z.object({
  needs: z.array(NeedView),
  /** The most specific team link's team, given when no need matched. */
  team: z.nullable(TeamView),
  teamLevel: z.optional(MatchLevel),
  catalogName: z.optional(Text),
  /** Nothing was ever imported: the empty state points to the options page instead. */
  noCatalog: z.optional(z.boolean()),
});
export type ResolvedContext = z.infer<typeof ResolvedContext>;

/** `ready` when a need or, failing that, a team matched (surfaces.md). */
export function stateOf(context: ResolvedContext): 'ready' | 'empty' {
  return context.needs.length > 0 || context.team !== null ? 'ready' : 'empty';
}
