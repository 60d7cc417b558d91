/**
 * Fetches one shared source and turns the answer into a validated catalog, or into the reason it
 * cannot be used. A Tandem catalog file is parsed with the same rules as an import (a source layer
 * must be valid on its own, references included); a Backstage catalog is paged through, mapped
 * (backstage.ts) and then validated the same way. Nothing here stores anything.
 */
import type { Catalog } from '@/utils/catalog/schema';
import {
  type CatalogError,
  formatError,
  parseCatalog,
  parseCatalogText,
  withEntityLimit,
} from '@/utils/catalog/validate';
import type { Source } from '@/utils/settings/schema';
import { mapBackstageEntities } from '@/utils/sync/backstage';
import { type FetchTextOptions, fetchText } from '@/utils/sync/fetch-text';
import type { SourceState } from '@/utils/sync/status';

export interface FetchSourceOptions {
  fetch: typeof fetch;
  /** Tandem may read the source's origin: conditional requests and cookies are then allowed. */
  permission: boolean;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
}

export type SourceOutcome =
  | { kind: 'not-modified' }
  | {
      kind: 'catalog';
      catalog: Catalog;
      etag?: string | undefined;
      lastModified?: string | undefined;
      notes?: string[];
    }
  | { kind: 'failed'; reason: string; errors?: string[] };

/** Rules broken, as lines for the options page. */
const MAX_ERROR_LINES = 20;

export function invalidCatalog(errors: readonly CatalogError[]): SourceOutcome {
  const [first] = errors;
  const lines = errors.slice(0, MAX_ERROR_LINES).map(formatError);
  if (errors.length === 1 && first?.path === '(document)')
    return { kind: 'failed', reason: `the file ${first.rule}`, errors: lines };
  const count = errors.length === 1 ? '1 rule' : `${errors.length} rules`;
  return {
    kind: 'failed',
    reason: `the catalog breaks ${count}, first ${first ? formatError(first) : 'unknown'}`,
    errors: lines,
  };
}

function textOptions(
  options: FetchSourceOptions,
  state: SourceState | null,
  conditional: boolean,
): FetchTextOptions {
  return {
    fetch: options.fetch,
    etag: state?.etag,
    lastModified: state?.lastModified,
    conditional: conditional && options.permission,
    credentials: options.permission ? 'include' : 'omit',
    idleTimeoutMs: options.idleTimeoutMs,
    totalTimeoutMs: options.totalTimeoutMs,
    maxBytes: options.maxBytes,
    accept: 'application/json',
  };
}

/** Adds the hint a missing permission deserves to a connection failure. */
function withPermissionHint(reason: string, source: Source, permission: boolean): string {
  if (permission || !reason.startsWith('could not reach')) return reason;
  return `${reason}; Tandem is not allowed to read ${new URL(source.url).origin}: allow it in Tandem's options`;
}

export async function fetchSource(
  source: Source,
  state: SourceState | null,
  options: FetchSourceOptions,
): Promise<SourceOutcome> {
  const fresh = state && state.url === source.url && state.kind === source.kind ? state : null;
  const outcome =
    source.kind === 'backstage'
      ? await fetchBackstage(source, fresh, options)
      : await fetchCatalogFile(source, fresh, options);
  return outcome.kind === 'failed'
    ? { ...outcome, reason: withPermissionHint(outcome.reason, source, options.permission) }
    : outcome;
}

async function fetchCatalogFile(
  source: Source,
  state: SourceState | null,
  options: FetchSourceOptions,
): Promise<SourceOutcome> {
  const answer = await fetchText(source.url, textOptions(options, state, true));
  if (answer.kind !== 'body') return answer;
  const parsed = parseCatalogText(answer.text);
  if (!parsed.ok) return invalidCatalog(parsed.errors);
  return { kind: 'catalog', catalog: parsed.catalog, etag: answer.etag, lastModified: answer.lastModified };
}

// ------------------------------------------------------------------------------------------------
// Backstage

/** Entities per page; Backstage's own default is 20. */
export const BACKSTAGE_PAGE_SIZE = 500;
const MAX_PAGES = 200;

/** Where the catalog API lives: `{base}/api/catalog`, whether the URL names the site or the API. */
export function backstageCatalogBase(url: string): URL {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, '');
  const at = path.indexOf('/api/catalog');
  const base = at >= 0 ? path.slice(0, at + '/api/catalog'.length) : `${path}/api/catalog`;
  return new URL(base, parsed.origin);
}

/** The first page: users, groups, and whatever carries a Jira project key (to link it to its owner). */
export function backstageEntitiesUrl(url: string): string {
  const base = backstageCatalogBase(url);
  const entities = new URL(`${base.pathname}/entities`, base.origin);
  entities.searchParams.append('filter', 'kind=group');
  entities.searchParams.append('filter', 'kind=user');
  entities.searchParams.append('filter', 'metadata.annotations.jira/project-key');
  entities.searchParams.set('limit', String(BACKSTAGE_PAGE_SIZE));
  return entities.href;
}

/**
 * The next page from a `Link: <…>; rel="next"` header. Backstage writes the path relative to the
 * catalog router (`/entities?…&after=…`); only the source's own origin is followed.
 */
export function nextPageUrl(link: string | undefined, sourceUrl: string): string | null {
  const match = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/i);
  if (!match?.[1]) return null;
  const base = backstageCatalogBase(sourceUrl);
  const target = match[1];
  let next: URL;
  try {
    next = target.startsWith('/entities')
      ? new URL(`${base.pathname}${target}`, base.origin)
      : new URL(target, base.href);
  } catch {
    return null;
  }
  return next.origin === base.origin ? next.href : null;
}

async function fetchBackstage(
  source: Source,
  state: SourceState | null,
  options: FetchSourceOptions,
): Promise<SourceOutcome> {
  const items: unknown[] = [];
  let url: string | null = backstageEntitiesUrl(source.url);
  let bytes = 0;
  let validators: { etag?: string | undefined; lastModified?: string | undefined } = {};
  // One deadline for the whole refresh, however many pages it takes.
  const deadline = Date.now() + options.totalTimeoutMs;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const left = deadline - Date.now();
    if (left <= 0)
      return {
        kind: 'failed',
        reason: `Backstage did not answer all pages within ${options.totalTimeoutMs / 1000} s`,
      };
    // Validators describe the first page only: they are kept (and sent) only for one-page catalogs.
    const answer = await fetchText(url, {
      ...textOptions(options, state, page === 0),
      totalTimeoutMs: left,
      alreadyRead: bytes,
    });
    if (answer.kind !== 'body') return answer;
    bytes += answer.bytes;
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch (error) {
      return {
        kind: 'failed',
        reason: `Backstage answered with something that is not JSON (${String(error)})`,
      };
    }
    const list = Array.isArray(json)
      ? json
      : typeof json === 'object' && json !== null && Array.isArray((json as { items?: unknown }).items)
        ? (json as { items: unknown[] }).items
        : null;
    if (!list)
      return { kind: 'failed', reason: 'Backstage answered with something other than a list of entities' };
    // One at a time: spreading a page of any size into arguments could overflow the stack.
    for (const item of list) items.push(item);
    if (page === 0) validators = { etag: answer.etag, lastModified: answer.lastModified };
    url = nextPageUrl(answer.link, source.url);
    if (url && page === 0) validators = {};
  }
  if (url) return { kind: 'failed', reason: `Backstage returned more than ${MAX_PAGES} pages` };
  const mapped = mapBackstageEntities(items, `Backstage (${new URL(source.url).host})`);
  const parsed = withEntityLimit(parseCatalog(mapped.catalog));
  if (!parsed.ok) return invalidCatalog(parsed.errors);
  return { kind: 'catalog', catalog: parsed.catalog, ...validators, notes: mapped.notes };
}
