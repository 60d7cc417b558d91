/**
 * What the popup's search finds, built from the merged catalog: every need, team and person, with
 * the line shown under it and what Enter opens. A need opens its first Jira work item (when the
 * catalog names a Jira site), else its first piece of evidence, else its entry in the options
 * page; a team opens its charter; a person a mail to them, else their chat profile.
 */

import { STATUS_LABEL } from '@/utils/catalog/labels';
import type { ResolveIndex } from '@/utils/catalog/resolve-index';
import { mailtoUrl, safeHttpsUrl } from '@/utils/safe-url';
import type { SearchInput } from '@/utils/search/engine';

/** The options page's address for one entity, relative to options.html. */
export function optionsEntry(kind: 'needs' | 'teams' | 'people' | 'links', id: string): string {
  return `#${kind}/${encodeURIComponent(id)}`;
}

export function searchDocs(index: ResolveIndex): SearchInput[] {
  const { catalog } = index;
  const jiraOrigin = catalog.sites?.jira?.[0];
  const name = (id: string | undefined) => (id ? (index.people.get(id)?.name ?? id) : undefined);
  const docs: SearchInput[] = [];

  for (const team of catalog.teams) {
    const leads = [name(team.businessLead), name(team.itLead)].filter(Boolean).join(' & ');
    docs.push({
      kind: 'team',
      id: team.id,
      label: team.name,
      detail: leads ? `Team · ${leads}` : 'Team',
      open: safeHttpsUrl(team.charter?.url) ?? optionsEntry('teams', team.id),
      keys: [team.charter?.capability ?? ''],
    });
  }
  for (const person of catalog.people) {
    docs.push({
      kind: 'person',
      id: person.id,
      label: person.name,
      detail: ['Person', person.title, person.email].filter(Boolean).join(' · '),
      open: mailtoUrl(person.email) ?? safeHttpsUrl(person.chat) ?? optionsEntry('people', person.id),
      keys: [person.email ?? '', person.title ?? ''],
    });
  }
  for (const need of catalog.needs) {
    const team = need.team ? index.teams.get(need.team) : undefined;
    const key = jiraOrigin ? index.workKeys.get(need.id)?.[0] : undefined;
    const evidence = need.evidence?.map((item) => safeHttpsUrl(item.url)).find(Boolean);
    docs.push({
      kind: 'need',
      id: need.id,
      label: need.title,
      detail: ['Need', STATUS_LABEL[need.status], team?.name].filter(Boolean).join(' · '),
      open: (key ? `${jiraOrigin}/browse/${key}` : evidence) ?? optionsEntry('needs', need.id),
      keys: (need.customers ?? []).map((customer) => customer.name),
    });
  }
  return docs;
}
