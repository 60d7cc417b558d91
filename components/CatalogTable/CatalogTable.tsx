/**
 * One kind of the catalog as a table: search (words, any order, accents and case ignored), sort
 * by a column, page through. Each page is asked of the background (`catalog.query`), so a
 * 100,000-link catalog never crosses to the page whole. Rows say which layer they come from; local
 * ones can be edited and deleted, shared ones opened read-only.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorText, useApi, useBroadcast } from '@/components/Api/api';
import type { EntityKind } from '@/utils/catalog/kinds';
import type { TableRowView } from '@/utils/messages';
import { layerLabel, SINGULAR, TABLE_COLUMNS } from '@/utils/search/columns';

export const PAGE_SIZE = 50;
const LAYERS = ['all', 'local', 'shared'] as const;
const SEARCH_DELAY_MS = 150;

export interface CatalogTableProps {
  kind: EntityKind;
  onOpen(row: TableRowView): void;
  onAdd(): void;
  onDelete(row: TableRowView): void;
  /** Team ids pinned to the popup (teams table only). */
  pinned?: readonly string[];
  onTogglePin?(id: string): void;
}

type Sort = { key: string; dir: 'asc' | 'desc' };
type Page = { total: number; rows: TableRowView[] };

export function CatalogTable({ kind, onOpen, onAdd, onDelete, pinned, onTogglePin }: CatalogTableProps) {
  const api = useApi();
  const columns = TABLE_COLUMNS[kind];
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [layer, setLayer] = useState<'all' | 'local' | 'shared'>('all');
  const [sort, setSort] = useState<Sort>({ key: columns[0]?.key ?? 'id', dir: 'asc' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(text);
      setOffset(0);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const load = useCallback(async () => {
    try {
      const answer = await api.send({
        type: 'catalog.query',
        kind,
        text: query,
        sort: sort.key,
        dir: sort.dir,
        offset,
        limit: PAGE_SIZE,
        layer,
      });
      if (!answer.ok) return setError(answer.error);
      setError(null);
      setPage({ total: answer.total, rows: answer.rows });
    } catch (caught) {
      setError(errorText(caught));
    }
  }, [api, kind, query, sort, offset, layer]);

  useEffect(() => {
    void load();
  }, [load]);
  useBroadcast('catalog.changed', () => void load());

  const noun = SINGULAR[kind];
  const first = page && page.total > 0 ? offset + 1 : 0;
  const last = page ? Math.min(offset + PAGE_SIZE, page.total) : 0;
  const toggleSort = (key: string) =>
    setSort((current) => ({ key, dir: current.key === key && current.dir === 'asc' ? 'desc' : 'asc' }));

  return (
    <div class="catalog-table">
      <div class="table-tools">
        <label>
          <span>Search {kind}</span>
          <input
            type="search"
            data-testid="table-search"
            value={text}
            placeholder="Words in any column"
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </label>
        <label>
          <span>Show</span>
          <select
            data-testid="table-layer"
            value={layer}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setLayer(LAYERS.find((choice) => choice === value) ?? 'all');
              setOffset(0);
            }}
          >
            <option value="all">All</option>
            <option value="local">Local (made or imported here)</option>
            <option value="shared">Shared (read-only)</option>
          </select>
        </label>
        <button type="button" class="primary" data-testid="entity-add" onClick={onAdd}>
          Add {noun}
        </button>
      </div>
      <p class="muted" role="status" data-testid="table-count">
        {page === null
          ? 'Loading…'
          : page.total === 0
            ? `No ${kind} ${query ? `match “${query}”` : 'yet'}.`
            : `${first}–${last} of ${page.total.toLocaleString('en')}`}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="table-scroll">
        <table data-testid="catalog-table" data-kind={kind}>
          <caption class="visually-hidden">
            {kind}, sorted by {columns.find((column) => column.key === sort.key)?.label} (
            {sort.dir === 'asc' ? 'ascending' : 'descending'})
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={
                    sort.key === column.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'
                  }
                >
                  <button
                    type="button"
                    class="sort"
                    data-testid={`sort-${column.key}`}
                    onClick={() => toggleSort(column.key)}
                  >
                    {column.label}
                    <span aria-hidden="true">
                      {sort.key === column.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">Source</th>
              {onTogglePin && <th scope="col">Popup</th>}
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((row) => {
              const name = row.cells[columns[0]?.key ?? 'id'] || row.id;
              const isPinned = pinned?.includes(row.id) ?? false;
              return (
                <tr key={row.id} data-testid="catalog-row" data-id={row.id} data-layer={row.layer}>
                  {columns.map((column) => (
                    <td key={column.key}>{row.cells[column.key]}</td>
                  ))}
                  <td>
                    <span class={`layer layer--${row.layer === 'local' ? 'local' : 'shared'}`}>
                      {layerLabel(row.layer)}
                    </span>
                  </td>
                  {onTogglePin && (
                    <td>
                      <button
                        type="button"
                        class="link-button"
                        aria-pressed={isPinned}
                        data-testid="pin-team"
                        onClick={() => onTogglePin(row.id)}
                      >
                        {isPinned ? 'Pinned' : 'Pin'}
                        <span class="visually-hidden"> {name}</span>
                      </button>
                    </td>
                  )}
                  <td class="row-actions">
                    <button
                      type="button"
                      class="link-button"
                      data-testid="entity-open"
                      onClick={() => onOpen(row)}
                    >
                      {row.editable ? 'Edit' : 'View'}
                      <span class="visually-hidden"> {name}</span>
                    </button>
                    {row.editable && (
                      <button
                        type="button"
                        class="link-button danger"
                        data-testid="entity-delete"
                        onClick={() => onDelete(row)}
                      >
                        Delete<span class="visually-hidden"> {name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {page && page.total > PAGE_SIZE && (
        <nav class="pager" aria-label={`Pages of ${kind}`}>
          <button
            type="button"
            data-testid="page-previous"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Previous
          </button>
          <span class="muted">
            Page {Math.floor(offset / PAGE_SIZE) + 1} of {Math.ceil(page.total / PAGE_SIZE)}
          </span>
          <button
            type="button"
            data-testid="page-next"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
