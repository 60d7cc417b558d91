/**
 * What the outcomes page receives (options.html#outcomes, docs/catalog.md "Outcomes"): teams with
 * their needs' adoption against target, and the hygiene flags the catalog's own data calls for.
 * Written with `zod/mini` like the rest of the protocol (utils/messages.ts); only extension pages
 * read it.
 */
import * as z from 'zod/mini';

/** The flags, in the order the page counts them. `data-kind` on each flag (surfaces contract). */
export const OUTCOME_FLAG_KINDS = [
  'time-box-ended',
  'no-owners',
  'stale',
  'no-adoption',
  'work-done',
  'leads-too-many-teams',
] as const;
export type OutcomeFlagKind = (typeof OUTCOME_FLAG_KINDS)[number];

export const OutcomeFlagKind = z.enum(OUTCOME_FLAG_KINDS);

const EntityKind = z.enum(['people', 'teams', 'needs']);

/**
 * One flag: what is wrong, what to do, and where it is fixed: the local form (`source` absent) or
 * the shared catalog it comes from (`source` names it: ask its owner).
 */
export const OutcomeFlag = z.object({
  kind: OutcomeFlagKind,
  label: z.string(),
  detail: z.string(),
  fix: z.object({ kind: EntityKind, id: z.string(), source: z.optional(z.string()) }),
});
export type OutcomeFlag = z.infer<typeof OutcomeFlag>;

export const AdoptionPointView = z.object({ asOf: z.string(), value: z.number() });

export const OutcomeNeed = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['in-delivery', 'committed', 'discovery', 'released', 'adopted', 'parked']),
  teamId: z.nullable(z.string()),
  /** Most important first. */
  customers: z.array(
    z.object({ name: z.string(), importance: z.optional(z.enum(['critical', 'important', 'nice'])) }),
  ),
  adoption: z.optional(
    z.object({
      metric: z.string(),
      unit: z.optional(z.string()),
      current: z.number(),
      target: z.number(),
      asOf: z.string(),
      /** current ÷ target; null when the target is 0. */
      ratio: z.nullable(z.number()),
      history: z.array(AdoptionPointView),
    }),
  ),
  flags: z.array(OutcomeFlag),
});
export type OutcomeNeed = z.infer<typeof OutcomeNeed>;

export const OutcomeTeam = z.object({
  id: z.string(),
  name: z.string(),
  approach: z.enum(['clean-slate', 'firewall', 'standard']),
  businessLead: z.nullable(z.string()),
  itLead: z.nullable(z.string()),
  startsOn: z.optional(z.string()),
  endsOn: z.optional(z.string()),
  /** Whole days until `endsOn` (0: ends today, negative: ended); null without an end date. */
  daysLeft: z.nullable(z.number()),
  mission: z.optional(z.string()),
  goal: z.optional(z.string()),
  flags: z.array(OutcomeFlag),
});
export type OutcomeTeam = z.infer<typeof OutcomeTeam>;

/** A team (null: needs without a team) and the needs of it on this page. */
export const OutcomeGroup = z.object({
  team: z.nullable(OutcomeTeam),
  needs: z.array(OutcomeNeed),
  /** The group began on an earlier page: its needs carry on under the header shown there. */
  continued: z.boolean(),
});
export type OutcomeGroup = z.infer<typeof OutcomeGroup>;

export const OutcomeCounts = z.record(OutcomeFlagKind, z.number());
export type OutcomeCounts = Record<OutcomeFlagKind, number>;

/** A person's own flag (stale): not about a team or a need, so listed on its own. */
export const PersonFlag = z.object({ id: z.string(), name: z.string(), flag: OutcomeFlag });
export type PersonFlag = z.infer<typeof PersonFlag>;

export const OutcomeFilters = z.object({
  team: z.optional(z.string().check(z.maxLength(64))),
  approach: z.optional(z.enum(['clean-slate', 'firewall', 'standard'])),
  status: z.optional(z.enum(['in-delivery', 'committed', 'discovery', 'released', 'adopted', 'parked'])),
  flag: z.optional(OutcomeFlagKind),
  /** Only these teams ("my teams": the pinned ones). */
  teams: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(1000))),
});
export type OutcomeFilters = z.infer<typeof OutcomeFilters>;

export const OutcomeSort = z.enum(['team', 'gap']);
export type OutcomeSort = z.infer<typeof OutcomeSort>;

export const OutcomesPage = z.object({
  revision: z.number(),
  /** Every flag of the whole catalog, whatever the filters. */
  counts: OutcomeCounts,
  /** Items (team headers and needs) matching the filters: what `offset` pages through. */
  total: z.number(),
  teams: z.number(),
  needs: z.number(),
  groups: z.array(OutcomeGroup),
  /** People flagged stale (a first few, on the first page only) and how many there are. */
  people: z.array(PersonFlag),
  peopleTotal: z.number(),
  /** Whether work statuses were known, so the page can say why no need is flagged work-done. */
  statusesKnown: z.boolean(),
  maxTeamsPerLead: z.number(),
});
export type OutcomesPage = z.infer<typeof OutcomesPage>;
