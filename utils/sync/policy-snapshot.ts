/**
 * The last browser policy the background saw, kept in IndexedDB. After a browser start Chromium
 * answers `storage.managed.get()` only once its policy service is up, seconds later even with no
 * policy at all; settings are answered from this snapshot meanwhile (docs/admin.md, "Policy at
 * start-up"). The raw value is stored as read and parsed again on every read, like any record.
 */
import type { TandemDb } from '@/utils/catalog/db';
import { type ManagedPolicy, parseManagedPolicy } from '@/utils/sync/policy';

export const POLICY_SNAPSHOT_KEY = 'policy';

/** The snapshot's policy, or null when none was ever seen (or the record is not one). */
export async function readPolicySnapshot(db: TandemDb): Promise<ManagedPolicy | null> {
  const record = await db.get('settings', POLICY_SNAPSHOT_KEY);
  if (!record || record.key !== POLICY_SNAPSHOT_KEY || !('seenAt' in record)) return null;
  // parseManagedPolicy validates every key as a live policy would be; anything else is "no policy".
  return parseManagedPolicy(record.value);
}

/** `raw` is what `storage.managed.get()` gave (null when the browser has none for Tandem). */
export async function writePolicySnapshot(db: TandemDb, raw: unknown, now = new Date()): Promise<void> {
  await db.put('settings', { key: POLICY_SNAPSHOT_KEY, seenAt: now.toISOString(), value: raw ?? null });
}
