/**
 * Edits made in the browser: one person, team, need or link at a time, always in the local layer.
 * Each value passes the same zod schema as an import, then the reference rules against the merged
 * catalog, so an edit can never store what an import would refuse.
 */
import type { z } from 'zod';
import type { LoadedCatalog } from '@/utils/background/catalog-service';
import type { Turns } from '@/utils/background/turns';
import { type EntityKind, LOCAL_LAYER, type TandemDb } from '@/utils/catalog/db';
import { deleteEntity, putEntity } from '@/utils/catalog/repo';
import { Link, Need, Person, Team } from '@/utils/catalog/schema';
import {
  type CatalogError,
  crossReferenceIssues,
  ENTITY_LEVEL,
  formatPath,
  nestingError,
  oversizeRule,
} from '@/utils/catalog/validate';
import type { Handlers } from '@/utils/messages';

/** The most one entity may take, serialized: a store of many small records, never one huge one. */

const SCHEMAS = { people: Person, teams: Team, needs: Need, links: Link } as const;

export interface EntityServiceOptions {
  openDb: () => Promise<TandemDb>;
  loaded: () => Promise<LoadedCatalog | null>;
  changed: (revision: number) => void;
  /** The catalog's `inLocalTurn`: edits take turns with every other writer of the local layer. */
  inTurn: Turns;
}

/** Where `id` of `kind` is referenced in the merged catalog, as paths. */
export function referencesTo(
  catalog: LoadedCatalog['catalog'],
  kind: EntityKind,
  id: string,
): CatalogError[] {
  const used: CatalogError[] = [];
  const note = (path: string): void => {
    used.push({ path, rule: `uses ${kind} "${id}"` });
  };
  if (kind === 'people') {
    catalog.teams.forEach((team, i) => {
      if (team.businessLead === id) note(`teams[${i}].businessLead`);
      if (team.itLead === id) note(`teams[${i}].itLead`);
      team.members?.forEach((member, m) => {
        if (member === id) note(`teams[${i}].members[${m}]`);
      });
    });
    catalog.needs.forEach((need, i) => {
      if (need.businessOwner === id) note(`needs[${i}].businessOwner`);
      if (need.itOwner === id) note(`needs[${i}].itOwner`);
    });
  }
  if (kind === 'teams') {
    catalog.needs.forEach((need, i) => {
      if (need.team === id) note(`needs[${i}].team`);
    });
    catalog.links.forEach((link, i) => {
      if (link.team === id) note(`links[${i}].team`);
    });
  }
  if (kind === 'needs') {
    catalog.links.forEach((link, i) => {
      if (link.need === id) note(`links[${i}].need`);
    });
  }
  return used;
}

function newLinkId(): string {
  return `l-local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function createEntityService({ openDb, loaded, changed, inTurn }: EntityServiceOptions) {
  const writers: Pick<Handlers, 'entity.save' | 'entity.delete'> = {
    async 'entity.save'({ kind, value, replaces }) {
      const deep = nestingError(value, { level: ENTITY_LEVEL, base: [kind] });
      if (deep) return { ok: false, errors: [deep] };
      const input = kind === 'links' && value.id === undefined ? { ...value, id: newLinkId() } : value;
      const parsed = (SCHEMAS[kind] as z.ZodType).safeParse(input, { reportInput: true });
      if (!parsed.success) {
        return {
          ok: false,
          errors: parsed.error.issues.map((issue) => ({
            path: formatPath([kind, ...issue.path]),
            rule: issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message,
          })),
        };
      }
      const entity = parsed.data as { id: string };
      const oversize = oversizeRule(entity);
      if (oversize) return { ok: false, errors: [{ path: kind, rule: oversize }] };
      const current = await loaded();
      const owner = current?.layerOf[kind].get(entity.id);
      if (owner !== undefined && owner !== LOCAL_LAYER) {
        return {
          ok: false,
          errors: [
            { path: `${kind}.id`, rule: `"${entity.id}" belongs to a shared catalog and is read-only` },
          ],
        };
      }
      if (replaces === undefined && owner === LOCAL_LAYER && kind !== 'links') {
        return { ok: false, errors: [{ path: `${kind}.id`, rule: `duplicate id "${entity.id}"` }] };
      }
      // Reference rules, checked on the merged catalog with this entity in place.
      const base = current?.catalog ?? {
        format: 'tandem.catalog',
        version: 1,
        people: [],
        teams: [],
        needs: [],
        links: [],
      };
      const list = (base[kind] as { id?: string }[]).filter(
        (item) => item.id !== entity.id && item.id !== replaces,
      );
      const errors = crossReferenceIssues({ ...base, [kind]: [...list, entity] }).filter((error) =>
        error.path.startsWith(`${kind}[${list.length}]`),
      );
      if (errors.length > 0) {
        return {
          ok: false,
          errors: errors.map((error) => ({ ...error, path: error.path.replace(/^\w+\[\d+\]/, kind) })),
        };
      }
      const db = await openDb();
      let revision = await putEntity(db, LOCAL_LAYER, kind, entity.id, entity as never);
      if (replaces !== undefined && replaces !== entity.id)
        revision = await deleteEntity(db, LOCAL_LAYER, kind, replaces);
      changed(revision);
      return { ok: true, revision, id: entity.id };
    },
    async 'entity.delete'({ kind, id, force }) {
      const current = await loaded();
      const owner = current?.layerOf[kind].get(id);
      if (current && owner !== undefined && owner !== LOCAL_LAYER) {
        return { ok: false, error: `"${id}" belongs to a shared catalog and is read-only` };
      }
      const usedBy = current ? referencesTo(current.catalog, kind, id) : [];
      if (usedBy.length > 0 && !force) {
        return { ok: false, error: `"${id}" is still used in ${usedBy.length} places`, usedBy };
      }
      const revision = await deleteEntity(await openDb(), LOCAL_LAYER, kind, id);
      changed(revision);
      return { ok: true, revision };
    },
  };
  // Each reads the merged catalog to check the edit, then writes: in turn, so what it checked
  // against is what it writes into.
  const handlers: typeof writers = {
    'entity.save': (request) => inTurn(() => writers['entity.save'](request)),
    'entity.delete': (request) => inTurn(() => writers['entity.delete'](request)),
  };
  return { handlers };
}
