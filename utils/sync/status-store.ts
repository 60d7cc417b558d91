/** Per-source refresh state in IndexedDB (`sources` store, db.ts step 4), validated on every read. */
import type { TandemDb } from '@/utils/catalog/db';
import { parseSourceState, type SourceState } from '@/utils/sync/status';

export async function readSourceStates(db: TandemDb): Promise<Map<string, SourceState>> {
  const states = new Map<string, SourceState>();
  for (const record of await db.getAll('sources')) {
    // A record this build cannot read is dropped from view, not trusted: the next refresh rewrites it.
    const state = parseSourceState(record.state);
    if (state) states.set(record.id, state);
  }
  return states;
}

export async function readSourceState(db: TandemDb, id: string): Promise<SourceState | null> {
  const record = await db.get('sources', id);
  return record ? parseSourceState(record.state) : null;
}

export async function writeSourceState(db: TandemDb, state: SourceState): Promise<void> {
  await db.put('sources', { id: state.id, state });
}

export async function deleteSourceState(db: TandemDb, id: string): Promise<void> {
  await db.delete('sources', id);
}
