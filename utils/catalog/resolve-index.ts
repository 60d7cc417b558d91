/**
 * The in-memory index the resolver reads. Built once per catalog version in the background, so
 * that answering a page is a handful of map look-ups however large the catalog is.
 */
import { normalizeCrmId, normalizeCustomerName, normalizeLabel } from '@/utils/catalog/normalize';
import type { Catalog, Link, Need, Person, Team } from '@/utils/catalog/schema';

export interface ResolveIndex {
  catalog: Catalog;
  people: Map<string, Person>;
  teams: Map<string, Team>;
  needs: Map<string, Need>;
  jiraIssue: Map<string, Link[]>;
  jiraEpic: Map<string, Link[]>;
  /** `PROJECT label` -> links; labels compared case-insensitively. */
  jiraLabel: Map<string, Link[]>;
  jiraComponent: Map<string, Link[]>;
  jiraProject: Map<string, Link[]>;
  /** `system id` -> links, ids in canonical form. */
  crmId: Map<string, Link[]>;
  /** `system name` -> links, names normalised. */
  crmName: Map<string, Link[]>;
  /** Jira issue and epic keys linked to each need, in catalog order: the IT work in flight. */
  workKeys: Map<string, string[]>;
}

export function projectScopedKey(project: string, value: string): string {
  return `${project}\u0000${normalizeLabel(value)}`;
}

export function systemScopedKey(system: string, value: string): string {
  return `${system}\u0000${value}`;
}

/** The index's maps of links by what they target, each keyed as `buildResolveIndex` keys it. */
export const TARGET_MAPS = [
  'jiraIssue',
  'jiraEpic',
  'jiraLabel',
  'jiraComponent',
  'jiraProject',
  'crmId',
  'crmName',
] as const;
export type TargetMap = (typeof TARGET_MAPS)[number];

/** Where one link is filed: one map and one key, or nowhere (a target the resolver never asks for). */
export interface Target {
  map: TargetMap;
  key: string;
}

/**
 * The one place a link's target becomes an index key. The stored resolve snapshot (lookups.ts)
 * files links with this too, so both always agree on where a link is found.
 */
export function linkTarget(link: Link): Target | undefined {
  const { jira, crm } = link;
  if (jira) {
    if (jira.issue) return { map: 'jiraIssue', key: jira.issue };
    if (jira.epic) return { map: 'jiraEpic', key: jira.epic };
    if (jira.project && jira.label)
      return { map: 'jiraLabel', key: projectScopedKey(jira.project, jira.label) };
    if (jira.project && jira.component)
      return { map: 'jiraComponent', key: projectScopedKey(jira.project, jira.component) };
    if (jira.project) return { map: 'jiraProject', key: jira.project };
    return undefined;
  }
  if (crm) {
    if (crm.id !== undefined)
      return { map: 'crmId', key: systemScopedKey(crm.system, normalizeCrmId(crm.system, crm.id)) };
    if (crm.name !== undefined)
      return { map: 'crmName', key: systemScopedKey(crm.system, normalizeCustomerName(crm.name)) };
  }
  return undefined;
}

/** The Jira key a link puts on its need's list of work in flight, if any. */
export function workKeyOf(link: Link): string | undefined {
  return link.jira ? (link.jira.issue ?? link.jira.epic) : undefined;
}

export function buildResolveIndex(catalog: Catalog): ResolveIndex {
  const steps = indexSteps(catalog);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same index, built a slice of links at a time with `pause` in between (a background load). */
export async function buildResolveIndexInSlices(
  catalog: Catalog,
  pause: () => Promise<void> | undefined,
): Promise<ResolveIndex> {
  const steps = indexSteps(catalog);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

const LINKS_PER_STEP = 5_000;

function* indexSteps(catalog: Catalog): Generator<void, ResolveIndex> {
  const index: ResolveIndex = {
    catalog,
    people: new Map(catalog.people.map((person) => [person.id, person])),
    teams: new Map(catalog.teams.map((team) => [team.id, team])),
    needs: new Map(catalog.needs.map((need) => [need.id, need])),
    jiraIssue: new Map(),
    jiraEpic: new Map(),
    jiraLabel: new Map(),
    jiraComponent: new Map(),
    jiraProject: new Map(),
    crmId: new Map(),
    crmName: new Map(),
    workKeys: new Map(),
  };
  let i = 0;
  for (const link of catalog.links) {
    if (++i % LINKS_PER_STEP === 0) yield;
    const target = linkTarget(link);
    if (target) {
      const map = index[target.map];
      const list = map.get(target.key);
      if (list) list.push(link);
      else map.set(target.key, [link]);
    }
    const key = workKeyOf(link);
    if (key && link.need) {
      const keys = index.workKeys.get(link.need) ?? [];
      if (!keys.includes(key)) keys.push(key);
      index.workKeys.set(link.need, keys);
    }
  }
  return index;
}
