/**
 * The panel's searches, answered from the merged catalog with the same engine as the popup's
 * search (utils/search/engine.ts): needs to link a record to, people to own a new need. Each has
 * its own index, built once per loaded catalog and dropped with it. An empty query lists needs by
 * status (work in delivery first) and people by name, so the picker has something to show at once.
 */

import type { LoadedCatalog } from '@/utils/background/catalog-service';
import { IMPORTANCES, NEED_STATUSES, type Need, type Person } from '@/utils/catalog/schema';
import type { NeedHit, PersonHit } from '@/utils/content-messages';
import type { Handlers } from '@/utils/messages';
import { buildSearchIndex, createSearcher, type Searcher } from '@/utils/search/engine';

export const MAX_RESULTS = 20;

interface Derived {
  needs: Searcher;
  people: Searcher;
}

const rankOf = (list: readonly string[], value: string | undefined) => {
  const index = list.indexOf(value ?? '');
  return index === -1 ? list.length : index;
};

function needHit(current: LoadedCatalog, need: Need): NeedHit {
  const customers = [...(need.customers ?? [])]
    .sort((a, b) => rankOf(IMPORTANCES, a.importance) - rankOf(IMPORTANCES, b.importance))
    .slice(0, 3)
    .map((customer) => customer.name);
  const team = need.team ? current.index.teams.get(need.team)?.name : undefined;
  return { id: need.id, title: need.title, status: need.status, customers, ...(team ? { team } : {}) };
}

function personHit({ id, name, title, side }: Person): PersonHit {
  return { id, name, ...(title ? { title } : {}), ...(side ? { side } : {}) };
}

function derive(current: LoadedCatalog): Derived {
  const { catalog, index } = current;
  const needDocs = catalog.needs.map((need) => ({
    kind: 'need' as const,
    id: need.id,
    label: need.title,
    detail: '',
    open: '',
    keys: [
      ...(need.customers ?? []).map((customer) => customer.name),
      need.team ? (index.teams.get(need.team)?.name ?? '') : '',
    ],
  }));
  const peopleDocs = catalog.people.map((person) => ({
    kind: 'person' as const,
    id: person.id,
    label: person.name,
    detail: '',
    open: '',
    keys: [person.email ?? '', person.title ?? ''],
  }));
  return {
    needs: createSearcher(buildSearchIndex(needDocs)),
    people: createSearcher(buildSearchIndex(peopleDocs)),
  };
}

export function createSearchService(loaded: () => Promise<LoadedCatalog | null>) {
  const derived = new WeakMap<LoadedCatalog, Derived>();
  const of = (current: LoadedCatalog) => {
    let found = derived.get(current);
    if (!found) {
      found = derive(current);
      derived.set(current, found);
    }
    return found;
  };

  const handlers: Pick<Handlers, 'needs.search' | 'people.search'> = {
    async 'needs.search'({ query, limit = MAX_RESULTS }) {
      const current = await loaded();
      if (!current) return { ok: true, results: [] };
      const needs = query.trim()
        ? of(current)
            .needs.search(query, limit)
            .map((hit) => current.index.needs.get(hit.id))
        : [...current.catalog.needs]
            .sort(
              (a, b) =>
                rankOf(NEED_STATUSES, a.status) - rankOf(NEED_STATUSES, b.status) ||
                a.title.localeCompare(b.title),
            )
            .slice(0, limit);
      return {
        ok: true,
        results: needs.filter((need) => need !== undefined).map((need) => needHit(current, need)),
      };
    },
    async 'people.search'({ query, limit = MAX_RESULTS, prefer }) {
      const current = await loaded();
      if (!current) return { ok: true, results: [] };
      const found = query.trim()
        ? of(current)
            .people.search(query, MAX_RESULTS)
            .map((hit) => current.index.people.get(hit.id))
            .filter((person) => person !== undefined)
        : [...current.catalog.people].sort((a, b) => a.name.localeCompare(b.name));
      // The side the field asks for first; the engine's order (or the name) within each side.
      const people = prefer
        ? found.filter((p) => p.side === prefer).concat(found.filter((p) => p.side !== prefer))
        : found;
      return { ok: true, results: people.slice(0, limit).map(personHit) };
    },
  };
  return { handlers };
}
