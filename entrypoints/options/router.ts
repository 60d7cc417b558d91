/** The options page's views, addressed by the URL's hash: `#needs`, `#needs/n-reorder`, `#privacy`. */
import type { EntityKind } from '@/utils/catalog/kinds';

export const VIEWS = [
  { id: 'overview', label: 'Catalog & import' },
  { id: 'people', label: 'People' },
  { id: 'teams', label: 'Teams' },
  { id: 'needs', label: 'Needs' },
  { id: 'links', label: 'Links' },
  { id: 'outcomes', label: 'Outcomes' },
  { id: 'settings', label: 'Sites & panel' },
  { id: 'sources', label: 'Shared catalogs' },
  { id: 'privacy', label: 'Privacy' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

export const ENTITY_VIEWS: readonly string[] = ['people', 'teams', 'needs', 'links'];

export function isEntityView(view: ViewId): view is EntityKind & ViewId {
  return ENTITY_VIEWS.includes(view);
}

export interface Route {
  view: ViewId;
  /** An entity to open at once (entity views only). */
  id?: string;
}

export function parseHash(hash: string): Route {
  const [name = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  const view = VIEWS.find((candidate) => candidate.id === name)?.id ?? 'overview';
  const id = rest.length > 0 ? decodeURIComponent(rest.join('/')) : undefined;
  return id && isEntityView(view) ? { view, id } : { view };
}
