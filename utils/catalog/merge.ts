/**
 * Merges catalog layers (shared sources in their configured order, then the local layer) into the
 * one catalog pages see. The first layer to define an id wins; every id defined again later is
 * reported as a conflict, so the options page can list them. Pure: no storage, no browser.
 */
import type { EntityKind } from '@/utils/catalog/kinds';
import { LOCAL_LAYER } from '@/utils/catalog/layers';
import type { Catalog, Sites } from '@/utils/catalog/schema';
import { SITE_KEYS } from '@/utils/hosts/host-ids';

export interface Layer {
  layer: string;
  catalog: Catalog;
}

export interface Conflict {
  kind: EntityKind;
  id: string;
  kept: string;
  dropped: string;
}

export interface MergedCatalog {
  catalog: Catalog;
  /** Which layer each entity came from, by kind and id (links by their id, when they have one). */
  layerOf: Record<EntityKind, Map<string, string>>;
  conflicts: Conflict[];
}

/**
 * Layers in merge order: shared sources in the order the user listed them (unlisted ones after,
 * as found), the local layer last. Stable, so equal ranks keep the order given.
 */
export function inMergeOrder<T>(
  items: readonly T[],
  layerOf: (item: T) => string,
  sourceOrder: readonly string[],
): T[] {
  const rank = (layer: string) => {
    if (layer === LOCAL_LAYER) return Number.MAX_SAFE_INTEGER;
    const index = sourceOrder.indexOf(layer);
    return index === -1 ? Number.MAX_SAFE_INTEGER - 1 : index;
  };
  return [...items].sort((a, b) => rank(layerOf(a)) - rank(layerOf(b)));
}

/** Whether the merge order of these layers depends on the user's order of sources (two sources or more). */
export function needsSourceOrder(layers: readonly string[]): boolean {
  return layers.filter((layer) => layer !== LOCAL_LAYER).length > 1;
}

export function mergeLayers(layers: readonly Layer[]): MergedCatalog {
  const layerOf: MergedCatalog['layerOf'] = {
    people: new Map(),
    teams: new Map(),
    needs: new Map(),
    links: new Map(),
  };
  const conflicts: Conflict[] = [];
  const merged: Pick<Catalog, EntityKind> = { people: [], teams: [], needs: [], links: [] };
  const sites: Record<string, string[]> = {};
  let name: string | undefined;
  let generatedAt: string | undefined;

  for (const { layer, catalog } of layers) {
    name ??= catalog.name;
    generatedAt ??= catalog.generatedAt;
    for (const key of SITE_KEYS) {
      for (const origin of catalog.sites?.[key] ?? []) {
        const list = sites[key] ?? [];
        sites[key] = list;
        if (!list.includes(origin)) list.push(origin);
      }
    }
    const add = <K extends EntityKind>(kind: K, items: Catalog[K]) => {
      for (const item of items) {
        const id = (item as { id?: string }).id;
        if (id !== undefined) {
          const kept = layerOf[kind].get(id);
          if (kept !== undefined) {
            conflicts.push({ kind, id, kept, dropped: layer });
            continue;
          }
          layerOf[kind].set(id, layer);
        }
        (merged[kind] as Catalog[K][number][]).push(item);
      }
    };
    add('people', catalog.people);
    add('teams', catalog.teams);
    add('needs', catalog.needs);
    add('links', catalog.links);
  }

  return {
    catalog: {
      format: 'tandem.catalog',
      version: 1,
      ...(name !== undefined ? { name } : {}),
      ...(generatedAt !== undefined ? { generatedAt } : {}),
      ...(Object.keys(sites).length > 0 ? { sites: sites as Sites } : {}),
      ...merged,
    },
    layerOf,
    conflicts,
  };
}
