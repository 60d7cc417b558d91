import { describe, expect, it } from 'vitest';
import { openTandemDb } from '@/utils/catalog/db';
import { refreshSource } from '@/utils/sync/refresh';
import { readSourceState } from '@/utils/sync/status-store';
import { catalogInput } from '../catalog/build';
import { fakeFetch, jsonResponse } from './fake-fetch';

describe('refreshSource', () => {
  it('records a refresh that throws as a failure, so it waits its backoff', async () => {
    const db = await openTandemDb({ name: `refresh-throws-${Math.random()}` });
    const source = {
      id: 'acme',
      url: 'https://catalog.acme.example/c.json',
      kind: 'catalog',
      refreshMinutes: 60,
    } as const;
    const { fetch } = fakeFetch(() => jsonResponse(JSON.stringify(catalogInput())));
    await refreshSource(source, {
      db,
      fetch: { fetch, idleTimeoutMs: 1000, totalTimeoutMs: 5000, maxBytes: 1_000_000 },
      permission: true,
      storedLayers: async () => {
        throw new Error('the stored catalog is damaged');
      },
      stillListed: async () => source,
      changed: () => undefined,
      now: () => new Date('2026-12-07T12:00:00Z'),
    });
    expect(await readSourceState(db, 'acme')).toMatchObject({
      lastAttemptAt: '2026-12-07T12:00:00.000Z',
      result: { ok: false, reason: expect.stringContaining('the stored catalog is damaged') },
    });
    db.close();
  });
});
