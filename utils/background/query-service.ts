/**
 * What the options page and the popup read from the merged catalog without ever receiving all of
 * it: table pages (`catalog.query`), what uses an entity (`catalog.usedBy`), counts per layer
 * (`catalog.overview`), the popup's search (`catalog.search`) and its charter links
 * (`teams.list`). Tables and the search index are built once per loaded catalog (one revision) and
 * dropped with it.
 */

import type { LoadedCatalog } from '@/utils/background/catalog-service';
import type { CharterList } from '@/utils/background/charter-list';
import { referencesTo } from '@/utils/background/entity-service';
import type { ChooseTeams, ColdTeam, TeamName } from '@/utils/catalog/cold-resolve';
import type { EntityKind } from '@/utils/catalog/db';
import { countsOf } from '@/utils/catalog/repo';
import { log } from '@/utils/log';
import type { Handlers } from '@/utils/messages';
import { safeHttpsUrl } from '@/utils/safe-url';
import { searchDocs } from '@/utils/search/catalog-docs';
import { TABLE_COLUMNS } from '@/utils/search/columns';
import { buildSearchIndex, createSearcher, type Searcher } from '@/utils/search/engine';
import { buildTable, createTableQuerier } from '@/utils/search/table';

type QueryHandlers = Pick<
  Handlers,
  'catalog.query' | 'catalog.usedBy' | 'catalog.overview' | 'catalog.search' | 'teams.list'
>;

interface Derived {
  tables: Partial<Record<EntityKind, ReturnType<typeof createTableQuerier>>>;
  searcher?: Searcher;
}

const LABEL_FIELD: Record<EntityKind, string> = {
  people: 'name',
  teams: 'name',
  needs: 'title',
  links: 'id',
};

/** As `localeCompare`, without building a collator per comparison. */
const byName = new Intl.Collator().compare;

/**
 * The teams a charter list shows: every one, or with `limit` the pinned ones and the first `limit`
 * others by name (the popup's first answer, before the rest).
 */
export function chooseTeams(
  teams: readonly TeamName[],
  pinned: readonly string[],
  limit: number | undefined,
): Set<string> {
  if (limit === undefined) return new Set(teams.map((team) => team.id));
  const isPinned = new Set(pinned);
  const others = teams.filter((team) => !isPinned.has(team.id));
  others.sort((a, b) => byName(a.name, b.name));
  return new Set([
    ...teams.filter((team) => isPinned.has(team.id)).map((team) => team.id),
    ...others.slice(0, limit).map((team) => team.id),
  ]);
}

export interface QueryServiceOptions {
  loaded: () => Promise<LoadedCatalog | null>;
  /** The merged teams with their leads, read cold before the catalog is in memory (catalog-service.ts). */
  teamList: (choose?: ChooseTeams) => Promise<{ revision: number; teams: ColdTeam[]; total: number }>;
  /** The catalog for work done ahead of need: loaded once pages are quiet (catalog-service.ts). */
  warm?: () => Promise<LoadedCatalog | null>;
  /** Whether the catalog is in memory: then a charter list costs less than reading a kept one. */
  inMemory?: () => boolean;
  /** The user's pinned teams (settings), which a limited charter list always includes. */
  pinnedTeams?: () => Promise<readonly string[]>;
  /** Where the popup's charter links are kept between starts (charter-list.ts). */
  charterLists?: {
    read(): Promise<CharterList | null>;
    write(list: CharterList): Promise<void>;
  };
}

export function createQueryService({
  loaded,
  teamList,
  warm = loaded,
  inMemory = () => false,
  pinnedTeams = async () => [],
  charterLists,
}: QueryServiceOptions) {
  const derived = new WeakMap<LoadedCatalog, Derived>();

  function derivedOf(current: LoadedCatalog): Derived {
    let found = derived.get(current);
    if (!found) {
      found = { tables: {} };
      derived.set(current, found);
    }
    return found;
  }

  function table(current: LoadedCatalog, kind: EntityKind) {
    const cache = derivedOf(current);
    cache.tables[kind] ??= createTableQuerier(
      buildTable(kind, { index: current.index, layerOf: current.layerOf, layers: current.layers }),
    );
    return cache.tables[kind];
  }

  function searcher(current: LoadedCatalog): Searcher {
    const cache = derivedOf(current);
    cache.searcher ??= createSearcher(buildSearchIndex(searchDocs(current.index)));
    return cache.searcher;
  }

  const handlers: QueryHandlers = {
    async 'catalog.query'({ kind, text, sort, dir, offset, limit, layer, id }) {
      const current = await loaded();
      if (!current) return { ok: true, revision: 0, total: 0, rows: [] };
      const known = TABLE_COLUMNS[kind].some((column) => column.key === sort);
      const page = table(current, kind).query({
        text,
        sort: known ? sort : undefined,
        dir,
        offset,
        limit,
        layer,
        id,
      });
      return { ok: true, revision: current.revision, ...page };
    },

    async 'catalog.usedBy'({ kind, id }) {
      const current = await loaded();
      if (!current) return { ok: true, usedBy: [] };
      const usedBy = referencesTo(current.catalog, kind, id).map(({ path }) => {
        // Paths look like `teams[3].businessLead` or `teams[3].members[1]`.
        const match = /^(\w+)\[(\d+)\]\.(\w+)/.exec(path);
        const usingKind = (match?.[1] ?? kind) as EntityKind;
        const item = current.catalog[usingKind][Number(match?.[2])] as Record<string, unknown> | undefined;
        const usingId = typeof item?.id === 'string' ? item.id : '';
        const label = item?.[LABEL_FIELD[usingKind]];
        return {
          kind: usingKind,
          id: usingId,
          label: typeof label === 'string' ? label : usingId || path,
          field: match?.[3] ?? path,
          layer: current.layerOf[usingKind].get(usingId) ?? 'local',
        };
      });
      return { ok: true, usedBy };
    },

    async 'catalog.overview'() {
      const current = await loaded();
      if (!current) return { ok: true, overview: null };
      return {
        ok: true,
        overview: {
          revision: current.revision,
          name: current.catalog.name,
          generatedAt: current.catalog.generatedAt,
          counts: countsOf(current.catalog),
          layers: current.layers.map(({ meta, catalog }) => ({
            layer: meta.layer,
            updatedAt: meta.updatedAt,
            name: meta.name,
            counts: countsOf(catalog),
          })),
          conflicts: current.conflicts.length,
          warnings: current.warnings.slice(0, 50),
        },
      };
    },

    async 'catalog.search'({ text, limit }) {
      // A blank search is the popup warming the index as it opens: built once the catalog is
      // loaded, and answered at once (nothing matches nothing).
      if (text.trim() === '') {
        void warm()
          .then((current) => current && searcher(current))
          .catch(() => undefined);
        return { ok: true, revision: 0, hits: [] };
      }
      const current = await loaded();
      if (!current) return { ok: true, revision: 0, hits: [] };
      return { ok: true, revision: current.revision, hits: searcher(current).search(text, limit ?? 12) };
    },

    async 'teams.list'({ limit }) {
      // The pinned teams and the kept list are two reads: side by side, not one after the other.
      const [pinned, kept] = await Promise.all([
        limit === undefined ? [] : pinnedTeams(),
        charterLists && !inMemory() ? charterLists.read().catch(() => null) : null,
      ]);
      if (kept) return { ok: true, ...chosenFrom(kept.teams, limit, pinned) };
      const list = await charterList(limit, pinned);
      if (limit === undefined) keep(list);
      return { ok: true, teams: list.teams, total: list.total };
    },
  };

  /** Teams as the popup shows them, sorted by name: all of them, or the pinned and first `limit` others. */
  async function charterList(limit: number | undefined, pinned: readonly string[]) {
    const list = await teamList((teams) => chooseTeams(teams, pinned, limit));
    const teams = list.teams.map(({ team, businessLead, itLead }) => ({
      id: team.id,
      name: team.name,
      businessLead: businessLead?.name ?? team.businessLead,
      itLead: itLead?.name ?? team.itLead,
      charterUrl: safeHttpsUrl(team.charter?.url),
    }));
    teams.sort((a, b) => byName(a.name, b.name));
    return { revision: list.revision, teams, total: list.total };
  }

  /** The list a request asks for, chosen from every team's (sorted by name) as `charterList` chooses. */
  function chosenFrom(teams: CharterList['teams'], limit: number | undefined, pinned: readonly string[]) {
    const chosen = chooseTeams(teams, pinned, limit);
    return { teams: teams.filter((team) => chosen.has(team.id)), total: teams.length };
  }

  /** The revision of the last list written, so an unchanged one is not written again. */
  let lastKept: number | undefined;
  function keep(list: CharterList): void {
    if (!charterLists || lastKept === list.revision) return;
    lastKept = list.revision;
    charterLists
      .write({ revision: list.revision, teams: list.teams })
      .catch((error: unknown) => log.failure('catalog', error));
  }

  /**
   * After a catalog change: works out every team's charter link again and keeps them, so the
   * popup after the next browser start reads one record. Once pages are quiet (warm), never ahead
   * of a page's answer.
   */
  function keepCharterList(): void {
    if (!charterLists) return;
    void warm()
      .then(async () => keep(await charterList(undefined, [])))
      .catch((error: unknown) => log.failure('catalog', error));
  }

  return { handlers, keepCharterList };
}
