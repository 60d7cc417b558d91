/**
 * Many rows at once into the local layer (a CSV import): the layer's new content is built in
 * memory, every row is validated with the catalog's schema, the ids of shared entities are
 * refused, references are checked across all layers, and only then is the layer replaced in one
 * transaction. Any error and nothing is written; each error names its row.
 */
import type { z } from 'zod';
import type { LoadedCatalog } from '@/utils/background/catalog-service';
import type { Turns } from '@/utils/background/turns';
import { type EntityKind, LOCAL_LAYER, type TandemDb } from '@/utils/catalog/db';
import { replaceLayer } from '@/utils/catalog/repo';
import { type Catalog, Link, Need, Person, Team } from '@/utils/catalog/schema';
import {
  type CatalogError,
  crossReferenceIssues,
  ENTITY_LEVEL,
  formatPath,
  nestingError,
} from '@/utils/catalog/validate';
import type { Handlers, RequestOf, ResponseOf } from '@/utils/messages';

const SCHEMAS: Record<EntityKind, z.ZodType> = { people: Person, teams: Team, needs: Need, links: Link };
const MAX_ERRORS = 500;

export interface LocalRowsServiceOptions {
  openDb: () => Promise<TandemDb>;
  loaded: () => Promise<LoadedCatalog | null>;
  changed: (revision: number) => void;
  /**
   * The catalog's `inLocalTurn`: the layer is read, merged with the rows and written whole, so an
   * edit saved meanwhile must wait its turn rather than be written over.
   */
  inTurn: Turns;
  now?: () => Date;
}

export interface RowProblem {
  /** Index of the row in the request; absent for a problem elsewhere in the layer. */
  row?: number;
  path: string;
  rule: string;
}

const EMPTY: Catalog = { format: 'tandem.catalog', version: 1, people: [], teams: [], needs: [], links: [] };

function newLinkId(n: number): string {
  return `l-local-${Date.now().toString(36)}-${n.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** A link's meaning without its id: two id-less rows that say the same thing are one link. */
function linkSignature(link: Record<string, unknown>): string {
  const { id: _id, ...rest } = link;
  return `link:${stableJson(rest)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${stableJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type Item = Record<string, unknown>;

export function createLocalRowsService({ openDb, loaded, changed, inTurn, now }: LocalRowsServiceOptions) {
  const handlers: Pick<Handlers, 'catalog.importRows'> = {
    'catalog.importRows': (request) => inTurn(() => importRows(request)),
  };

  async function importRows({
    kind,
    rows,
    mode,
  }: RequestOf<'catalog.importRows'>): Promise<ResponseOf<'catalog.importRows'>> {
    const current = await loaded();
    const local = current?.layers.find((layer) => layer.meta.layer === LOCAL_LAYER)?.catalog ?? EMPTY;
    const errors: RowProblem[] = [];

    // 1. Each row on its own: the catalog's schema, and not the id of a shared entity.
    const parsed: (Item | null)[] = rows.map((row, i) => {
      const deep = nestingError(row, { level: ENTITY_LEVEL });
      if (deep) {
        errors.push({ row: i, ...deep });
        return null;
      }
      const result = SCHEMAS[kind].safeParse(row, { reportInput: true });
      if (!result.success) {
        for (const issue of result.error.issues) {
          const missing = issue.code === 'invalid_type' && issue.input === undefined;
          errors.push({ row: i, path: formatPath(issue.path), rule: missing ? 'required' : issue.message });
        }
        return null;
      }
      const item = result.data as Item;
      const id = typeof item.id === 'string' ? item.id : undefined;
      const owner = id === undefined ? undefined : current?.layerOf[kind].get(id);
      if (owner !== undefined && owner !== LOCAL_LAYER) {
        errors.push({
          row: i,
          path: 'id',
          rule: `"${id}" belongs to the shared catalog ${owner} and is read-only`,
        });
      }
      return item;
    });
    if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };

    // 2. The layer's new list: rows replace local entities with the same id, others are added.
    const list: Item[] = mode === 'replace' ? [] : [...(local[kind] as unknown as Item[])];
    const at = new Map<string, number>();
    list.forEach((item, i) => {
      if (typeof item.id === 'string') at.set(item.id, i);
      if (kind === 'links') at.set(linkSignature(item), i);
    });
    const rowAt = new Map<number, number>();
    const seen = new Map<string, number>();
    let added = 0;
    let updated = 0;
    parsed.forEach((item, i) => {
      if (!item) return;
      let key = typeof item.id === 'string' ? item.id : undefined;
      if (key === undefined && kind === 'links') {
        const signature = linkSignature(item);
        const existing = at.get(signature);
        const existingId = existing === undefined ? undefined : list[existing]?.id;
        item = { id: typeof existingId === 'string' ? existingId : newLinkId(i), ...item };
        key = item.id as string;
        if (existing !== undefined) at.set(key, existing);
      }
      if (key === undefined) return;
      if (seen.has(key)) {
        errors.push({ row: i, path: 'id', rule: `duplicate id "${key}": an earlier row has it too` });
        return;
      }
      seen.set(key, i);
      const index = at.get(key);
      if (index === undefined) {
        rowAt.set(list.length, i);
        list.push(item);
        added++;
      } else {
        rowAt.set(index, i);
        list[index] = item;
        updated++;
      }
    });
    if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };

    // 3. References across the merged layers, with the new list in place.
    const next = { ...local, [kind]: list } as Catalog;
    const others = (current?.layers ?? []).filter((layer) => layer.meta.layer !== LOCAL_LAYER);
    const ids = (pick: (catalog: Catalog) => { id: string }[]) =>
      new Set(others.flatMap((layer) => pick(layer.catalog).map((item) => item.id)));
    const known = {
      people: ids((catalog) => catalog.people),
      teams: ids((catalog) => catalog.teams),
      needs: ids((catalog) => catalog.needs),
    };
    // Problems the layer already had (a source dropped a team a local need names) are not this
    // import's doing and do not block it.
    const before = new Set(crossReferenceIssues(local, known).map((error) => identify(local, error)));
    for (const error of crossReferenceIssues(next, known)) {
      const match = /^(\w+)\[(\d+)\]\.?(.*)$/.exec(error.path);
      const row = match?.[1] === kind ? rowAt.get(Number(match[2])) : undefined;
      if (row !== undefined) errors.push({ row, path: match?.[3] || 'id', rule: error.rule });
      else if (!before.has(identify(next, error))) errors.push(error);
    }
    if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };

    const revision = await replaceLayer(await openDb(), LOCAL_LAYER, next, now?.());
    changed(revision);
    return { ok: true, revision, added, updated, total: list.length };
  }

  return { handlers };
}

/** An error named by the entity's id rather than its position, which changes between versions. */
function identify(catalog: Catalog, error: CatalogError): string {
  const match = /^(\w+)\[(\d+)\](.*)$/.exec(error.path);
  if (!match) return `${error.path}: ${error.rule}`;
  const item = (catalog[match[1] as EntityKind] as unknown as Item[] | undefined)?.[Number(match[2])];
  return `${match[1]}:${String(item?.id ?? match[2])}${match[3]}: ${error.rule}`;
}
