/**
 * The popup's charter links, every team's, kept ready in IndexedDB for one catalog revision. After
 * a browser start the catalog is not in memory, and a cold read of every team and of their leads
 * takes a third of a second on a large catalog, right when the first panels want the worker too;
 * this is one record read with the revision. The popup's first answer (the pinned teams and the
 * first others by name) is chosen from it with the pinned teams of the moment.
 *
 * Kept in the `settings` store beside the settings under the key `charter-head` (database version
 * 7, when it held only the popup's first 40 links; value version 2 holds them all), untrusted when
 * read like every record: validated, and used only when its revision is the current one. It holds
 * nothing the popup does not show. A catalog of more than `CHARTER_LIST_MAX` teams is not kept.
 */
import { z } from 'zod';
import type { TandemDb } from '@/utils/catalog/db';
import { revisionOf } from '@/utils/catalog/stored';
import { TeamLinkView } from '@/utils/messages';

export const CHARTER_LIST_KEY = 'charter-head';
/** Bumped when the value's shape changes; an older record is then not used, only replaced. */
export const CHARTER_LIST_VERSION = 2;
/** More teams than this are read cold after a start, not kept: a record of a megabyte or so at most. */
export const CHARTER_LIST_MAX = 5_000;

export const CharterList = z.object({
  revision: z.number().int().nonnegative(),
  /** Every team of the merged catalog, sorted by name. */
  teams: z.array(TeamLinkView),
});
export type CharterList = z.infer<typeof CharterList>;

/** The kept list when it is for the stored catalog's current revision; null otherwise. */
export async function readCharterList(db: TandemDb): Promise<CharterList | null> {
  const tx = db.transaction(['settings', 'state'], 'readonly');
  const [record, state] = await Promise.all([
    tx.objectStore('settings').get(CHARTER_LIST_KEY),
    tx.objectStore('state').get('revision'),
  ]);
  if (!record || record.key !== CHARTER_LIST_KEY || !('schemaVersion' in record)) return null;
  if (record.schemaVersion !== CHARTER_LIST_VERSION) return null;
  const parsed = CharterList.safeParse(record.value);
  if (!parsed.success || parsed.data.revision !== revisionOf(state)) return null;
  return parsed.data;
}

/**
 * Keeps `list`. A list that an import overtook meanwhile is harmless: reads check its revision.
 * Only the settings store is written, so cold reads of the catalog's stores never wait for this.
 */
export async function writeCharterList(db: TandemDb, list: CharterList): Promise<void> {
  if (list.teams.length > CHARTER_LIST_MAX) return;
  await db.put('settings', { key: CHARTER_LIST_KEY, schemaVersion: CHARTER_LIST_VERSION, value: list });
}
