/**
 * The catalog tables' rows, answered from the merged catalog in the background: filtered by
 * words (accent- and case-folded), sorted by a column, and cut to one page, so the options page
 * never receives more than a page of a 100,000-link catalog. Pure.
 */

import { HOST_LABEL } from '@/utils/catalog/labels';
import type { ResolveIndex } from '@/utils/catalog/resolve-index';
import type { Catalog, Link } from '@/utils/catalog/schema';
import { TABLE_COLUMNS, type TableKind } from '@/utils/search/columns';
import { fold, foldQuery } from '@/utils/search/fold';

export interface TableRow {
  id: string;
  layer: string;
  /** False for shared entities and for links without an id (nothing to address them by). */
  editable: boolean;
  value: Record<string, unknown>;
  cells: Record<string, string>;
}

export interface Table {
  kind: TableKind;
  rows: readonly TableRow[];
  haystacks: readonly string[];
  /** Folded cell text by column key, by row: what sorting compares. */
  sortKeys: Readonly<Record<string, readonly string[]>>;
}

export type LayerFilter = 'all' | 'local' | 'shared';

export interface TableQuery {
  text: string;
  sort?: string | undefined;
  dir?: 'asc' | 'desc' | undefined;
  offset: number;
  limit: number;
  layer?: LayerFilter | undefined;
  /** Only the entity with this id (a deep link from the popup). */
  id?: string | undefined;
}

export interface TableSource {
  index: ResolveIndex;
  layerOf: Record<TableKind, Map<string, string>>;
  /** The layers in merge order, to tell which layer an id-less link came from. */
  layers: readonly { meta: { layer: string }; catalog: Catalog }[];
}

export function describeTarget(link: Link): string {
  const { jira, crm } = link;
  if (jira) {
    if (jira.issue) return `Jira issue ${jira.issue}`;
    if (jira.epic) return `Jira epic ${jira.epic} and its issues`;
    const scope = jira.label
      ? ` · label ${jira.label}`
      : jira.component
        ? ` · component ${jira.component}`
        : '';
    return `Jira project ${jira.project ?? ''}${scope}`;
  }
  if (crm) {
    const system = HOST_LABEL[crm.system];
    if (crm.id !== undefined) return `${system} ${crm.object ? `${crm.object} ` : ''}${crm.id}`;
    return `${system} customer “${crm.name ?? ''}”`;
  }
  return '';
}

function cellsOf(
  kind: TableKind,
  value: Record<string, unknown>,
  index: ResolveIndex,
): Record<string, string> {
  const person = (id: unknown) =>
    typeof id === 'string' ? (index.people.get(id)?.name ?? `${id} (missing)`) : '';
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (kind) {
    case 'people':
      return {
        id: text(value.id),
        name: text(value.name),
        title: text(value.title),
        email: text(value.email),
        side: value.side === 'it' ? 'IT' : value.side === 'business' ? 'Business' : '',
      };
    case 'teams':
      return {
        id: text(value.id),
        name: text(value.name),
        approach: text(value.approach),
        businessLead: person(value.businessLead),
        itLead: person(value.itLead),
      };
    case 'needs': {
      const team = typeof value.team === 'string' ? index.teams.get(value.team) : undefined;
      const customers = Array.isArray(value.customers) ? value.customers : [];
      return {
        id: text(value.id),
        title: text(value.title),
        status: text(value.status),
        team: team?.name ?? (typeof value.team === 'string' ? `${value.team} (missing)` : ''),
        customers: customers.map((customer: { name?: unknown }) => text(customer?.name)).join(', '),
      };
    }
    case 'links': {
      const link = value as Link;
      const subject = link.need
        ? `Need: ${index.needs.get(link.need)?.title ?? `${link.need} (missing)`}`
        : `Team: ${link.team ? (index.teams.get(link.team)?.name ?? `${link.team} (missing)`) : ''}`;
      return { id: text(link.id), subject, target: describeTarget(link) };
    }
  }
}

export function buildTable(kind: TableKind, source: TableSource): Table {
  const { index, layerOf, layers } = source;
  const list = index.catalog[kind] as unknown as Record<string, unknown>[];
  // Links without an id: their layer by identity (merging keeps the very objects of each layer).
  const unnamed = new Map<unknown, string>();
  if (kind === 'links') {
    for (const { meta, catalog } of layers)
      for (const link of catalog.links) if (link.id === undefined) unnamed.set(link, meta.layer);
  }
  const columns = TABLE_COLUMNS[kind];
  const rows: TableRow[] = [];
  const haystacks: string[] = [];
  const sortKeys: Record<string, string[]> = Object.fromEntries(columns.map((c) => [c.key, []]));
  list.forEach((value, i) => {
    const named = typeof value.id === 'string';
    const id = named ? (value.id as string) : `#${i}`;
    const layer = named ? (layerOf[kind].get(id) ?? 'local') : (unnamed.get(value) ?? 'local');
    const cells = cellsOf(kind, value, index);
    rows.push({ id, layer, editable: named && layer === 'local', value, cells });
    haystacks.push(foldQuery(Object.values(cells).join(' ')));
    for (const column of columns) (sortKeys[column.key] as string[]).push(fold(cells[column.key] ?? ''));
  });
  return { kind, rows, haystacks, sortKeys };
}

export interface TablePage {
  total: number;
  rows: TableRow[];
}

/**
 * Answers table queries, remembering the last filtered and sorted order, so paging through one
 * search costs a slice, not another sort.
 */
export function createTableQuerier(table: Table) {
  let lastKey = '';
  let lastOrder: number[] = [];

  function order(query: TableQuery): number[] {
    const key = JSON.stringify([query.text, query.sort, query.dir, query.layer, query.id]);
    if (key === lastKey) return lastOrder;
    const tokens = foldQuery(query.text).split(' ').filter(Boolean);
    const layer = query.layer ?? 'all';
    const picked: number[] = [];
    table.rows.forEach((row, i) => {
      if (query.id !== undefined && row.id !== query.id) return;
      if (layer === 'local' && row.layer !== 'local') return;
      if (layer === 'shared' && row.layer === 'local') return;
      const haystack = table.haystacks[i] as string;
      if (tokens.every((token) => haystack.includes(token))) picked.push(i);
    });
    const keys = query.sort ? table.sortKeys[query.sort] : undefined;
    if (keys) {
      const sign = query.dir === 'desc' ? -1 : 1;
      picked.sort((a, b) => {
        const x = keys[a] as string;
        const y = keys[b] as string;
        return (x < y ? -1 : x > y ? 1 : a - b) * (x === y ? 1 : sign);
      });
    }
    lastKey = key;
    lastOrder = picked;
    return picked;
  }

  return {
    query(query: TableQuery): TablePage {
      const picked = order(query);
      const start = Math.max(0, query.offset);
      return {
        total: picked.length,
        rows: picked.slice(start, start + query.limit).map((i) => table.rows[i] as TableRow),
      };
    },
  };
}
