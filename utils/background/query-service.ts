/**
 * What the options page and the popup read from the merged catalog without ever receiving all of
 * it: table pages (`catalog.query`), what uses an entity (`catalog.usedBy`), counts per layer
 * (`catalog.overview`), the popup's search (`catalog.search`) and its charter links
 * (`teams.list`). Tables and the search index are built once per loaded catalog (one revision) and
 * dropped with it.
 */

import type { LoadedCatalog } from '@/utils/background/catalog-service';
import { referencesTo } from '@/utils/background/entity-service';
import type { ColdTeam } from '@/utils/catalog/cold-resolve';
import type { EntityKind } from '@/utils/catalog/db';
import { countsOf } from '@/utils/catalog/repo';
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

export function createQueryService(
  loaded: () => Promise<LoadedCatalog | null>,
  /** The merged teams with their leads, read cold before the catalog is in memory (catalog-service.ts). */
  teamList: () => Promise<ColdTeam[]>,
) {
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
      const current = await loaded();
      if (!current) return { ok: true, revision: 0, hits: [] };
      return { ok: true, revision: current.revision, hits: searcher(current).search(text, limit ?? 12) };
    },

    async 'teams.list'() {
      const teams = (await teamList()).map(({ team, businessLead, itLead }) => ({
        id: team.id,
        name: team.name,
        businessLead: businessLead?.name ?? team.businessLead,
        itLead: itLead?.name ?? team.itLead,
        charterUrl: safeHttpsUrl(team.charter?.url),
      }));
      teams.sort((a, b) => a.name.localeCompare(b.name));
      return { ok: true, teams };
    },
  };

  return { handlers };
}
