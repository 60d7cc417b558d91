/** Words and times for the sources UI; pure, so tests can pin them. */
import type { CatalogDiff, SourceStatus } from '@/utils/sync/status';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-27 10:42`, local time: unambiguous in every locale. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function formatCounts(counts: {
  people: number;
  teams: number;
  needs: number;
  links: number;
}): string {
  return [
    plural(counts.people, 'person', 'people'),
    plural(counts.teams, 'team', 'teams'),
    plural(counts.needs, 'need', 'needs'),
    plural(counts.links, 'link', 'links'),
  ].join(', ');
}

/** The one-line state of a source, as the options page shows it. */
export function statusLine(source: SourceStatus): { kind: 'ok' | 'error' | 'pending'; text: string } {
  const result = source.state?.result;
  if (source.refreshing) return { kind: 'pending', text: 'Refreshing…' };
  if (!result) return { kind: 'pending', text: 'Not fetched yet.' };
  if (result.ok) {
    const when = formatTime(result.at);
    return result.change === 'updated'
      ? { kind: 'ok', text: `Updated ${when}: ${formatCounts(result.counts)}.` }
      : { kind: 'ok', text: `Checked ${when}: unchanged (${formatCounts(result.counts)}).` };
  }
  const kept = source.stored
    ? ` Showing the last good catalog, from ${formatTime(source.stored.updatedAt)} (${formatCounts(source.stored.counts)}).`
    : ' No catalog from this source yet.';
  return { kind: 'error', text: `Refresh failed ${formatTime(result.at)}: ${result.reason}.${kept}` };
}

const KINDS = [
  ['needs', 'need', 'needs'],
  ['teams', 'team', 'teams'],
  ['people', 'person', 'people'],
] as const;

/** "2 needs added, 1 team changed, 1 person removed, 3 links added". */
export function diffSummary(diff: CatalogDiff): string {
  const parts: string[] = [];
  for (const [kind, one, many] of KINDS) {
    const { addedCount, changedCount, removedCount } = diff[kind];
    if (addedCount) parts.push(`${plural(addedCount, one, many)} added`);
    if (changedCount) parts.push(`${plural(changedCount, one, many)} changed`);
    if (removedCount) parts.push(`${plural(removedCount, one, many)} removed`);
  }
  if (diff.links.added) parts.push(`${plural(diff.links.added, 'link', 'links')} added`);
  if (diff.links.removed) parts.push(`${plural(diff.links.removed, 'link', 'links')} removed`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

export const KIND_LABELS = { catalog: 'Tandem catalog', backstage: 'Backstage' } as const;

export const INTERVALS = [
  [15, 'every 15 minutes'],
  [60, 'every hour'],
  [240, 'every 4 hours'],
  [720, 'every 12 hours'],
  [1440, 'every day'],
  [10080, 'every week'],
] as const;

/** Who a layer is, for people: `local` is the user's own edits; a source is its URL. */
export function layerLabel(layer: string, sources: readonly { id: string; url: string }[]): string {
  if (layer === 'local') return 'your local catalog and edits';
  const id = layer.startsWith('source:') ? layer.slice('source:'.length) : layer;
  return sources.find((source) => source.id === id)?.url ?? layer;
}
