/**
 * Freshness warnings: what in a resolved context may no longer be true. Pure functions of the view
 * and `now`, so the panel and its tests agree on every rule. Each warning carries a short label and
 * a sentence saying why it matters and what to do, both shown as text (a tooltip alone would be
 * out of reach of keyboard and touch users).
 */
import type { NeedView, PersonView, TeamView } from '@/utils/catalog/view';

/** An entry confirmed longer ago than this is shown as possibly out of date. */
export const STALE_AFTER_DAYS = 180;

export type WarningKind = 'stale' | 'no-owners' | 'timebox-ended' | 'no-adoption' | 'shipped';

export interface Warning {
  kind: WarningKind;
  label: string;
  detail: string;
}

const DAY_MS = 86_400_000;

/** Whole days from a `YYYY-MM-DD` date (midnight UTC) to `now`; null for anything else. */
export function daysSince(date: string | undefined, now: Date): number | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? null : Math.floor((now.getTime() - time) / DAY_MS);
}

function stale(verifiedAt: string | undefined, now: Date, what: string): Warning[] {
  const days = daysSince(verifiedAt, now);
  if (days === null || days <= STALE_AFTER_DAYS) return [];
  return [
    {
      kind: 'stale',
      label: `Last verified ${verifiedAt}`,
      detail: `That is ${days} days ago, more than ${STALE_AFTER_DAYS}: ask the catalog owner to confirm ${what}.`,
    },
  ];
}

/**
 * The owner roles nobody fills, the team's leads standing in for the need's own owners. Both
 * missing is a need with no owner at all (the outcomes page flags only that).
 */
export function missingOwnerRoles(need: Pick<NeedView, 'businessOwner' | 'itOwner'>): string[] {
  return [!need.businessOwner && 'business owner', !need.itOwner && 'IT owner'].filter(
    (role): role is string => typeof role === 'string',
  );
}

export function needWarnings(need: NeedView, now: Date): Warning[] {
  const warnings = stale(need.verifiedAt, now, 'this need');
  const missing = missingOwnerRoles(need);
  if (missing.length > 0) {
    const roles = missing.join(' or ');
    warnings.push({
      kind: 'no-owners',
      label: missing.length === 2 ? 'No owners' : `No ${roles}`,
      detail: `Neither this need nor its team names a ${roles}: add one in the catalog so people know whom to ask.`,
    });
  }
  if ((need.status === 'released' || need.status === 'adopted') && !need.adoption) {
    warnings.push({
      kind: 'no-adoption',
      label: 'No adoption figure',
      detail: `This need is ${need.status} but has no adoption figure: add the current value against its target.`,
    });
  }
  return warnings;
}

export function teamWarnings(team: TeamView, now: Date): Warning[] {
  const warnings = stale(team.verifiedAt, now, 'this team');
  const endsOn = team.charter?.endsOn;
  const overBy = daysSince(endsOn, now);
  // A time box that ends today is still running.
  if (team.approach === 'firewall' && overBy !== null && overBy > 0) {
    warnings.push({
      kind: 'timebox-ended',
      label: `Time box ended ${endsOn}`,
      detail:
        'This firewall team works outside the usual governance only for its time box: renew the charter or hand the capability back.',
    });
  }
  return warnings;
}

export function personWarnings(person: PersonView, now: Date): Warning[] {
  return stale(person.verifiedAt, now, 'this person’s role and contacts');
}

/** Jira's status category keys, as its REST API names them; `unknown` until Jira has answered. */
export type StatusCategory = 'new' | 'indeterminate' | 'done' | 'unknown';

/**
 * Shipped, seen: every work item linked to the need is done in Jira while the need still
 * says `in-delivery`. A key Jira has not answered for counts as not done, so a need is never called
 * shipped on partial knowledge. The outcomes page can call this with the statuses it knows.
 */
export function isShippedButInDelivery(
  need: Pick<NeedView, 'status' | 'workItems'>,
  categoryOf: ReadonlyMap<string, StatusCategory> | ((key: string) => StatusCategory | undefined),
): boolean {
  if (need.status !== 'in-delivery' || need.workItems.length === 0) return false;
  const lookup = typeof categoryOf === 'function' ? categoryOf : (key: string) => categoryOf.get(key);
  return need.workItems.every((item) => lookup(item.key) === 'done');
}

/** The freshness warning both panels show for a need `isShippedButInDelivery` holds for. */
export const SHIPPED_WARNING: Warning = {
  kind: 'shipped',
  label: 'Shipped, still “in delivery”',
  detail:
    'Every work item linked to this need is done in Jira: ask the catalog owner to mark the need released and start measuring adoption.',
};
