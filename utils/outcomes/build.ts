/**
 * The outcomes of the whole catalog: each team with its needs' adoption against target, and the
 * hygiene flags (docs/catalog.md "Outcomes"). Pure: a function of the catalog, `now`, the limit of
 * teams one person may lead and, where known, the status of each Jira work item. Every rule the
 * panel also shows comes from its own warning functions (utils/catalog/warnings.ts), so the two
 * surfaces cannot disagree.
 */
import { personView, teamView } from '@/utils/catalog/resolve';
import type { ResolveIndex } from '@/utils/catalog/resolve-index';
import type { Need, Team } from '@/utils/catalog/schema';
import { IMPORTANCES, NEED_STATUSES } from '@/utils/catalog/schema';
import type { NeedView, OwnerView, PersonView, TeamView } from '@/utils/catalog/view';
import {
  daysSince,
  missingOwnerRoles,
  needWarnings,
  personWarnings,
  teamWarnings,
  type Warning,
} from '@/utils/catalog/warnings';
import {
  OUTCOME_FLAG_KINDS,
  type OutcomeCounts,
  type OutcomeFlag,
  type OutcomeNeed,
  type OutcomeTeam,
  type PersonFlag,
} from '@/utils/outcomes/view';
import { allWorkDone, type StatusCategories } from '@/utils/outcomes/work-done';

export interface OutcomesInput {
  index: ResolveIndex;
  now: Date;
  maxTeamsPerLead: number;
  /** Jira key -> status category; absent when statuses are unknown (no work-done flag then). */
  statuses?: StatusCategories | undefined;
  /** The shared catalog an entity comes from, by name; undefined for the local layer. */
  sourceOf?: (kind: 'people' | 'teams' | 'needs', id: string) => string | undefined;
}

export interface OutcomeTeamGroup {
  team: OutcomeTeam;
  needs: OutcomeNeed[];
}

export interface Outcomes {
  groups: OutcomeTeamGroup[];
  /** Needs without a team (or whose team is not in the catalog). */
  teamless: OutcomeNeed[];
  people: PersonFlag[];
  counts: OutcomeCounts;
  statusesKnown: boolean;
  maxTeamsPerLead: number;
}

const IMPORTANCE_RANK = { critical: 0, important: 1, nice: 2 } as const;

export function emptyCounts(): OutcomeCounts {
  return Object.fromEntries(OUTCOME_FLAG_KINDS.map((kind) => [kind, 0])) as OutcomeCounts;
}

/** How many needs one step of `outcomeSteps` works out before it offers to give way. */
export const NEEDS_PER_STEP = 500;

/** The whole catalog's outcomes, at once. */
export function buildOutcomes(input: OutcomesInput): Outcomes {
  return finishSteps(outcomeSteps(input));
}

/** Runs the remaining steps of a build at once and gives its outcomes. */
export function finishSteps(steps: Generator<void, Outcomes>): Outcomes {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same build in steps: it yields after every `NEEDS_PER_STEP` needs, so a background build
 * ahead of a visit can give way to the pages' requests between them (outcomes-service.ts).
 */
export function* outcomeSteps(input: OutcomesInput): Generator<void, Outcomes> {
  const { index, now, maxTeamsPerLead, statuses } = input;
  const counts = emptyCounts();
  const fixOf = (kind: 'people' | 'teams' | 'needs', id: string): OutcomeFlag['fix'] => {
    const source = input.sourceOf?.(kind, id);
    return source === undefined ? { kind, id } : { kind, id, source };
  };
  const flag = (
    kind: OutcomeFlag['kind'],
    warning: Pick<Warning, 'label' | 'detail'>,
    fix: OutcomeFlag['fix'],
  ): OutcomeFlag => {
    counts[kind] += 1;
    return { kind, label: warning.label, detail: warning.detail, fix };
  };

  const ledBy = teamsPerLead(index.catalog.teams);
  const people: PersonFlag[] = [];
  for (const person of index.catalog.people) {
    for (const warning of personWarnings(personView(person), now)) {
      people.push({
        id: person.id,
        name: person.name,
        flag: flag('stale', warning, fixOf('people', person.id)),
      });
    }
  }

  // Views the warning functions read, built once per person and team rather than once per need.
  const personViews = new Map<string, PersonView>();
  const personOf = (id: string | undefined): PersonView | null => {
    if (id === undefined) return null;
    let view = personViews.get(id);
    if (!view) {
      const person = index.people.get(id);
      if (!person) return null;
      view = personView(person);
      personViews.set(id, view);
    }
    return view;
  };
  const teamViews = new Map<string, TeamView>();
  const owner = (ownId: string | undefined, leadId: string | undefined): OwnerView | null => {
    const own = personOf(ownId);
    if (own) return { person: own, fromTeam: false };
    const lead = personOf(leadId);
    return lead ? { person: lead, fromTeam: true } : null;
  };
  /** What the panel's need warnings read, as resolve.ts builds it (owners fall back to the leads). */
  const warningView = (need: Need): NeedView => {
    const team = need.team === undefined ? undefined : index.teams.get(need.team);
    return {
      id: need.id,
      title: need.title,
      status: need.status,
      level: 'issue',
      customers: [],
      evidence: [],
      ...(need.adoption ? { adoption: need.adoption } : {}),
      ...(need.verifiedAt ? { verifiedAt: need.verifiedAt } : {}),
      team: (team && teamViews.get(team.id)) ?? null,
      businessOwner: owner(need.businessOwner, team?.businessLead),
      itOwner: owner(need.itOwner, team?.itLead),
      workItems: [],
    };
  };

  const groups = new Map<string, OutcomeTeamGroup>();
  const teams = [...index.catalog.teams].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id));
  for (const team of teams) {
    groups.set(team.id, { team: outcomeTeam(team), needs: [] });
  }

  function outcomeTeam(team: Team): OutcomeTeam {
    const view = teamView(index, team);
    teamViews.set(team.id, view);
    const flags: OutcomeFlag[] = [];
    for (const warning of teamWarnings(view, now)) {
      flags.push(
        flag(warning.kind === 'timebox-ended' ? 'time-box-ended' : 'stale', warning, fixOf('teams', team.id)),
      );
    }
    for (const leadId of new Set([team.businessLead, team.itLead])) {
      const led = ledBy.get(leadId) ?? 0;
      if (led <= maxTeamsPerLead) continue;
      const name = index.people.get(leadId)?.name ?? leadId;
      flags.push(
        flag(
          'leads-too-many-teams',
          {
            label: `${name} leads ${led} teams`,
            detail: `More than the ${maxTeamsPerLead} a lead can give real attention to (the setting on this page): share the lead role or hand a team over.`,
          },
          fixOf('teams', team.id),
        ),
      );
    }
    const endsOn = team.charter?.endsOn;
    const over = daysSince(endsOn, now);
    return {
      id: team.id,
      name: team.name,
      approach: team.approach,
      businessLead: view.businessLead?.name ?? null,
      itLead: view.itLead?.name ?? null,
      ...(team.charter?.startsOn ? { startsOn: team.charter.startsOn } : {}),
      ...(endsOn ? { endsOn } : {}),
      daysLeft: over === null ? null : 0 - over,
      ...(team.charter?.mission ? { mission: team.charter.mission } : {}),
      ...(team.charter?.businessGoal ? { goal: team.charter.businessGoal } : {}),
      flags,
    };
  }

  const teamless: OutcomeNeed[] = [];
  const needs = inPanelOrder(index.catalog.needs);
  let done = 0;
  for (const need of needs) {
    if (++done % NEEDS_PER_STEP === 0) yield;
    const row = outcomeNeed(need);
    const group = need.team === undefined ? undefined : groups.get(need.team);
    if (group) group.needs.push(row);
    else teamless.push(row);
  }

  function outcomeNeed(need: Need): OutcomeNeed {
    const view = warningView(need);
    const flags: OutcomeFlag[] = [];
    for (const warning of needWarnings(view, now)) {
      // The panel names one missing role too; the outcomes page flags a need nobody owns at all.
      if (warning.kind === 'no-owners' && (view.team || missingOwnerRoles(view).length < 2)) continue;
      // Shipped-but-in-delivery needs statuses: the work-done flag below is that warning here.
      if (warning.kind === 'shipped') continue;
      flags.push(
        flag(
          warning.kind === 'timebox-ended' ? 'time-box-ended' : warning.kind,
          warning,
          fixOf('needs', need.id),
        ),
      );
    }
    const keys = index.workKeys.get(need.id) ?? [];
    if (need.status === 'in-delivery' && statuses && allWorkDone(keys, statuses)) {
      flags.push(
        flag(
          'work-done',
          {
            label: 'All linked work is done',
            detail: `Every Jira item linked to this need (${keys.join(', ')}) is done, yet it is still in delivery: mark it released and add its adoption figure.`,
          },
          fixOf('needs', need.id),
        ),
      );
    }
    const adoption = need.adoption;
    const customers = [...(need.customers ?? [])]
      .sort((a, b) => IMPORTANCE_RANK[a.importance ?? 'nice'] - IMPORTANCE_RANK[b.importance ?? 'nice'])
      .map(({ name, importance }) => (importance ? { name, importance } : { name }));
    return {
      id: need.id,
      title: need.title,
      status: need.status,
      teamId: need.team !== undefined && groups.has(need.team) ? need.team : null,
      customers,
      ...(adoption
        ? {
            adoption: {
              metric: adoption.metric,
              ...(adoption.unit ? { unit: adoption.unit } : {}),
              current: adoption.current,
              target: adoption.target,
              asOf: adoption.asOf,
              ratio: adoptionRatio(adoption.current, adoption.target),
              history: (adoption.history ?? []).map(({ asOf, value }) => ({ asOf, value })),
            },
          }
        : {}),
      flags,
    };
  }

  return {
    groups: [...groups.values()],
    teamless,
    people,
    counts,
    statusesKnown: statuses !== undefined,
    maxTeamsPerLead,
  };
}

/** current ÷ target; null when there is no target to measure against. */
export function adoptionRatio(current: number, target: number): number | null {
  return target > 0 ? current / target : null;
}

/** The ratio as `data-adoption` carries it: two decimals (surfaces contract). */
export function adoptionAttribute(current: number, target: number): string | undefined {
  const ratio = adoptionRatio(current, target);
  return ratio === null ? undefined : ratio.toFixed(2);
}

/** How many teams each person leads, as business or IT lead (both on one team count once). */
export function teamsPerLead(teams: readonly Team[]): Map<string, number> {
  const led = new Map<string, number>();
  for (const team of teams) {
    for (const id of new Set([team.businessLead, team.itLead])) led.set(id, (led.get(id) ?? 0) + 1);
  }
  return led;
}

/**
 * `localeCompare` as one collator: the same order, without looking a collator up on each of the
 * few hundred thousand comparisons 20,000 needs take.
 */
const byText = new Intl.Collator().compare;

const STATUS_ORDER = new Map<string, number>(NEED_STATUSES.map((status, i) => [status, i]));
const IMPORTANCE_ORDER = new Map<string, number>(IMPORTANCES.map((importance, i) => [importance, i]));

/**
 * The needs in the panel's order (`compareNeeds`: status, highest customer importance, title),
 * with status and importance worked out once per need instead of once per comparison: 20,000
 * needs take a few hundred thousand comparisons.
 */
export function inPanelOrder(needs: readonly Need[]): Need[] {
  const keyed = needs.map((need) => {
    let importance: number = IMPORTANCES.length;
    for (const customer of need.customers ?? [])
      importance = Math.min(
        importance,
        IMPORTANCE_ORDER.get(customer.importance ?? '') ?? IMPORTANCES.length,
      );
    return { need, status: STATUS_ORDER.get(need.status) ?? 99, importance };
  });
  keyed.sort(
    (a, b) => a.status - b.status || a.importance - b.importance || byText(a.need.title, b.need.title),
  );
  return keyed.map(({ need }) => need);
}
