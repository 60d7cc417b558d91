/**
 * What a refresh changed: people, teams and needs compared by id with deep equality, links counted
 * by content (their id is optional). Pure: runs in Node tests as is.
 */
import type { Catalog } from '@/utils/catalog/schema';
import type { CatalogDiff, KindDiff } from '@/utils/sync/status';

/** Each list keeps this many names; the counts say how many there were. */
export const MAX_LISTED = 100;

/** JSON with object keys sorted, so two equal values give the same text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

interface Named {
  id: string;
  name?: string;
  title?: string;
}

function diffKind(before: readonly Named[], after: readonly Named[]): KindDiff {
  const old = new Map(before.map((item) => [item.id, item]));
  const seen = new Set<string>();
  const diff: KindDiff = {
    added: [],
    removed: [],
    changed: [],
    addedCount: 0,
    removedCount: 0,
    changedCount: 0,
  };
  const label = (item: Named) => item.name ?? item.title ?? item.id;
  const note = (list: 'added' | 'removed' | 'changed', item: Named) => {
    const count = `${list}Count` as const;
    diff[count] += 1;
    if (diff[list].length < MAX_LISTED) diff[list].push({ id: item.id, label: label(item) });
  };
  for (const item of after) {
    seen.add(item.id);
    const previous = old.get(item.id);
    if (!previous) note('added', item);
    else if (canonicalJson(previous) !== canonicalJson(item)) note('changed', item);
  }
  for (const item of before) if (!seen.has(item.id)) note('removed', item);
  return diff;
}

function diffLinks(before: Catalog['links'], after: Catalog['links']): CatalogDiff['links'] {
  const counts = new Map<string, number>();
  for (const link of before) {
    const key = canonicalJson(link);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let added = 0;
  for (const link of after) {
    const key = canonicalJson(link);
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else added += 1;
  }
  let removed = 0;
  for (const left of counts.values()) removed += left;
  return { added, removed };
}

/** Compares the layer a source had (`undefined`: none yet) with the one it delivers now. */
export function diffCatalogs(before: Catalog | undefined, after: Catalog): CatalogDiff {
  return {
    initial: before === undefined,
    people: diffKind(before?.people ?? [], after.people),
    teams: diffKind(before?.teams ?? [], after.teams),
    needs: diffKind(before?.needs ?? [], after.needs),
    links: diffLinks(before?.links ?? [], after.links),
  };
}

/** True when nothing in the entity lists differs. */
export function isEmptyDiff(diff: CatalogDiff): boolean {
  const kinds = [diff.people, diff.teams, diff.needs];
  return (
    kinds.every((kind) => kind.addedCount + kind.removedCount + kind.changedCount === 0) &&
    diff.links.added + diff.links.removed === 0
  );
}
