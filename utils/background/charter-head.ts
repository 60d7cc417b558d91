/**
 * The popup's first charter links, kept ready in IndexedDB: the pinned teams and the first others
 * by name, as the popup asks for them (`teams.list` with `POPUP_TEAMS_SHOWN`), for one catalog
 * revision and one set of pinned teams. After a browser start the catalog is not in memory, and
 * even a cold read of every team and of their leads takes a quarter of a second on a large catalog
 * while the first panels want the worker too; this is one small record read with the revision.
 *
 * Kept in the `settings` store beside the settings (database version 7), untrusted when read like
 * every record: validated, and used only when its revision and pinned teams are the
 * current ones. It holds nothing the popup does not show.
 */
import { z } from 'zod';
import type { TandemDb } from '@/utils/catalog/db';
import { revisionOf } from '@/utils/catalog/stored';
import { TeamLinkView } from '@/utils/messages';

export const CHARTER_HEAD_KEY = 'charter-head';
/** Bumped when the value's shape changes; an older record is then not used, only replaced. */
export const CHARTER_HEAD_VERSION = 1;

export const CharterHead = z.object({
  revision: z.number().int().nonnegative(),
  pinned: z.array(z.string()),
  limit: z.number().int().positive(),
  total: z.number().int().nonnegative(),
  teams: z.array(TeamLinkView),
});
export type CharterHead = z.infer<typeof CharterHead>;

/** What a head is for: the same revision, limit and pinned teams (in the same order). */
export function sameFor(
  head: CharterHead,
  revision: number,
  limit: number,
  pinned: readonly string[],
): boolean {
  return (
    head.revision === revision &&
    head.limit === limit &&
    head.pinned.length === pinned.length &&
    head.pinned.every((id, i) => id === pinned[i])
  );
}

/**
 * The kept head, when it is for the stored catalog's current revision and these pinned teams;
 * null otherwise (none kept, another revision, other pins, or a record that does not parse).
 */
export async function readCharterHead(
  db: TandemDb,
  limit: number,
  pinned: readonly string[],
): Promise<CharterHead | null> {
  const tx = db.transaction(['settings', 'state'], 'readonly');
  const [record, state] = await Promise.all([
    tx.objectStore('settings').get(CHARTER_HEAD_KEY),
    tx.objectStore('state').get('revision'),
  ]);
  if (!record || record.key !== CHARTER_HEAD_KEY || !('schemaVersion' in record)) return null;
  if (record.schemaVersion !== CHARTER_HEAD_VERSION) return null;
  const parsed = CharterHead.safeParse(record.value);
  if (!parsed.success || !sameFor(parsed.data, revisionOf(state), limit, pinned)) return null;
  return parsed.data;
}

/**
 * Keeps `head`. A head that an import overtook meanwhile is harmless: reads check its revision.
 * Only the settings store is written, so cold reads of the catalog's stores never wait for this.
 */
export async function writeCharterHead(db: TandemDb, head: CharterHead): Promise<void> {
  await db.put('settings', { key: CHARTER_HEAD_KEY, schemaVersion: CHARTER_HEAD_VERSION, value: head });
}
