/**
 * The in-memory index the resolver reads. Built once per catalog version in the background, so
 * that answering a page is a handful of map look-ups however large the catalog is.
 */
import { normalizeCrmId, normalizeCustomerName, normalizeLabel } from './normalize';
import type { Catalog, Link, Need, Person, Team } from './schema';

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

function push<K>(map: Map<K, Link[]>, key: K, link: Link): void {
  const list = map.get(key);
  if (list) list.push(link);
  else map.set(key, [link]);
}

export function buildResolveIndex(catalog: Catalog): ResolveIndex {
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
  for (const link of catalog.links) {
    const { jira, crm } = link;
    if (jira) {
      if (jira.issue) push(index.jiraIssue, jira.issue, link);
      else if (jira.epic) push(index.jiraEpic, jira.epic, link);
      else if (jira.project && jira.label)
        push(index.jiraLabel, projectScopedKey(jira.project, jira.label), link);
      else if (jira.project && jira.component)
        push(index.jiraComponent, projectScopedKey(jira.project, jira.component), link);
      else if (jira.project) push(index.jiraProject, jira.project, link);
      const key = jira.issue ?? jira.epic;
      if (key && link.need) {
        const keys = index.workKeys.get(link.need) ?? [];
        if (!keys.includes(key)) keys.push(key);
        index.workKeys.set(link.need, keys);
      }
    } else if (crm) {
      if (crm.id !== undefined)
        push(index.crmId, systemScopedKey(crm.system, normalizeCrmId(crm.system, crm.id)), link);
      else if (crm.name !== undefined)
        push(index.crmName, systemScopedKey(crm.system, normalizeCustomerName(crm.name)), link);
    }
  }
  return index;
}
