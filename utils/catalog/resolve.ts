/**
 * The resolution rules ("Resolving what a page shows" in docs/catalog-format.md) as a pure function
 * of an index and a record. Most specific level first; needs found at a more specific level are
 * not repeated at a less specific one; within a level, needs sort by status, then by the highest
 * customer importance, then by title.
 */
import { normalizeCrmId, normalizeCustomerName, projectOfKey } from '@/utils/catalog/normalize';
import {
  projectScopedKey,
  type ResolveIndex,
  systemScopedKey,
  type Target,
  type TargetMap,
} from '@/utils/catalog/resolve-index';
import {
  IMPORTANCES,
  type Link,
  NEED_STATUSES,
  type Need,
  type Person,
  type Team,
} from '@/utils/catalog/schema';
import type {
  CrmRecord,
  JiraRecord,
  MatchLevel,
  NeedView,
  OwnerView,
  PersonView,
  RecordRef,
  ResolvedContext,
  TeamView,
} from '@/utils/catalog/view';

interface Candidate {
  link: Link;
  level: MatchLevel;
}

export function resolveRecord(index: ResolveIndex, record: RecordRef): ResolvedContext {
  return resolveLevels(index, candidatesOf(lookupIn(index), record));
}

/** How the candidate rules read the index: one map, one key. */
type Lookup = (map: TargetMap, key: string) => readonly Link[] | undefined;

const lookupIn =
  (index: ResolveIndex): Lookup =>
  (map, key) =>
    index[map].get(key);

function candidatesOf(lookup: Lookup, record: RecordRef): Candidate[][] {
  return record.kind === 'jira' ? jiraLevels(lookup, record) : crmLevels(lookup, record);
}

/**
 * Every index entry resolving `record` reads, found by running the candidate rules themselves
 * against an empty index: the cold path (cold-resolve.ts) fetches exactly these from storage.
 */
export function targetsOf(record: RecordRef): Target[] {
  const asked: Target[] = [];
  candidatesOf((map, key) => {
    asked.push({ map, key });
    return undefined;
  }, record);
  return asked;
}

function tag(links: readonly Link[] | undefined, level: MatchLevel): Candidate[] {
  return (links ?? []).map((link) => ({ link, level }));
}

/** Issue key, then epic/parent, then project + label or component, then project alone. */
export function jiraCandidates(index: ResolveIndex, record: JiraRecord): Candidate[][] {
  return jiraLevels(lookupIn(index), record);
}

function jiraLevels(lookup: Lookup, record: JiraRecord): Candidate[][] {
  const project = projectOfKey(record.key);
  const epicKeys = new Set([record.key, record.epic, record.parent].filter((key) => key !== undefined));
  return [
    tag(lookup('jiraIssue', record.key), 'issue'),
    [...epicKeys].flatMap((key) => tag(lookup('jiraEpic', key), 'epic')),
    [
      ...(record.labels ?? []).flatMap((label) =>
        tag(lookup('jiraLabel', projectScopedKey(project, label)), 'label'),
      ),
      ...(record.components ?? []).flatMap((component) =>
        tag(lookup('jiraComponent', projectScopedKey(project, component)), 'component'),
      ),
    ],
    tag(lookup('jiraProject', project), 'project'),
  ];
}

/** The record's id (and related records' ids), then the customer's name as read from the page. */
export function crmCandidates(index: ResolveIndex, record: CrmRecord): Candidate[][] {
  return crmLevels(lookupIn(index), record);
}

function crmLevels(lookup: Lookup, record: CrmRecord): Candidate[][] {
  const byId = [{ object: record.object, id: record.id }, ...(record.related ?? [])].flatMap(
    ({ object, id }) =>
      tag(lookup('crmId', systemScopedKey(record.host, normalizeCrmId(record.host, id))), 'record-id').filter(
        ({ link }) => {
          const linked = link.crm?.object;
          return linked === undefined || linked.toLowerCase() === object.toLowerCase();
        },
      ),
  );
  const names = new Set((record.names ?? []).map(normalizeCustomerName).filter(Boolean));
  const byName = [...names].flatMap((name) =>
    tag(lookup('crmName', systemScopedKey(record.host, name)), 'customer-name'),
  );
  return [byId, byName];
}

const STATUS_RANK = new Map<string, number>(NEED_STATUSES.map((status, i) => [status, i]));
const IMPORTANCE_RANK = new Map<string, number>(IMPORTANCES.map((importance, i) => [importance, i]));

function highestImportance(need: Need): number {
  let best: number = IMPORTANCES.length;
  for (const customer of need.customers ?? []) {
    best = Math.min(best, IMPORTANCE_RANK.get(customer.importance ?? '') ?? IMPORTANCES.length);
  }
  return best;
}

export function compareNeeds(a: Need, b: Need): number {
  return (
    (STATUS_RANK.get(a.status) ?? 99) - (STATUS_RANK.get(b.status) ?? 99) ||
    highestImportance(a) - highestImportance(b) ||
    a.title.localeCompare(b.title)
  );
}

function resolveLevels(index: ResolveIndex, levels: Candidate[][]): ResolvedContext {
  const seen = new Set<string>();
  const needs: NeedView[] = [];
  let teamLink: Candidate | undefined;
  for (const level of levels) {
    const found: { need: Need; level: MatchLevel }[] = [];
    for (const candidate of level) {
      const { need: needId, team: teamId } = candidate.link;
      if (needId !== undefined) {
        const need = index.needs.get(needId);
        if (need && !seen.has(need.id)) {
          seen.add(need.id);
          found.push({ need, level: candidate.level });
        }
      } else if (teamId !== undefined && teamLink === undefined && index.teams.has(teamId)) {
        teamLink = candidate;
      }
    }
    found.sort((a, b) => compareNeeds(a.need, b.need));
    for (const { need, level: matchLevel } of found) needs.push(needView(index, need, matchLevel));
  }
  const team = needs.length === 0 && teamLink?.link.team ? index.teams.get(teamLink.link.team) : undefined;
  return {
    needs,
    team: team ? teamView(index, team) : null,
    ...(team && teamLink ? { teamLevel: teamLink.level } : {}),
    ...(index.catalog.name ? { catalogName: index.catalog.name } : {}),
  };
}

export function personView(person: Person): PersonView {
  const { id, name, email, title, side, chat, verifiedAt } = person;
  return { id, name, email, title, side, chat, verifiedAt };
}

function personById(index: ResolveIndex, id: string | undefined): PersonView | null {
  const person = id === undefined ? undefined : index.people.get(id);
  return person ? personView(person) : null;
}

export function teamView(index: ResolveIndex, team: Team): TeamView {
  const charter = team.charter;
  return {
    id: team.id,
    name: team.name,
    approach: team.approach,
    businessLead: personById(index, team.businessLead),
    itLead: personById(index, team.itLead),
    charter: charter && {
      url: charter.url,
      mission: charter.mission,
      businessGoal: charter.businessGoal,
      capability: charter.capability,
      agreements: charter.agreements,
      startsOn: charter.startsOn,
      endsOn: charter.endsOn,
    },
    channels: (team.channels ?? []).map(({ label, url }) => ({ label, url })),
    verifiedAt: team.verifiedAt,
  };
}

/** The need's own owner, or the team's lead standing in for it (and marked so). */
function owner(index: ResolveIndex, ownId: string | undefined, leadId: string | undefined): OwnerView | null {
  const own = personById(index, ownId);
  if (own) return { person: own, fromTeam: false };
  const lead = personById(index, leadId);
  return lead ? { person: lead, fromTeam: true } : null;
}

export function needView(index: ResolveIndex, need: Need, level: MatchLevel): NeedView {
  const team = need.team === undefined ? undefined : index.teams.get(need.team);
  const jiraOrigin = index.catalog.sites?.jira?.[0];
  const adoption = need.adoption;
  return {
    id: need.id,
    title: need.title,
    statement: need.statement,
    status: need.status,
    level,
    customers: (need.customers ?? []).map(({ name, importance, revenueBand }) => ({
      name,
      importance,
      revenueBand,
    })),
    outcome: need.outcome,
    adoption: adoption && {
      metric: adoption.metric,
      unit: adoption.unit,
      target: adoption.target,
      current: adoption.current,
      asOf: adoption.asOf,
    },
    evidence: (need.evidence ?? []).map(({ label, url }) => ({ label, url })),
    verifiedAt: need.verifiedAt,
    team: team ? teamView(index, team) : null,
    businessOwner: owner(index, need.businessOwner, team?.businessLead),
    itOwner: owner(index, need.itOwner, team?.itLead),
    workItems: (index.workKeys.get(need.id) ?? []).map((key) =>
      jiraOrigin ? { key, url: `${jiraOrigin}/browse/${key}` } : { key },
    ),
  };
}
