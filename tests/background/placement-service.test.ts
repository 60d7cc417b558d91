import { describe, expect, it } from 'vitest';
import { createPlacementService, MISS_INTERVAL_MS } from '@/utils/background/placement-service';
import { openTandemDb } from '@/utils/catalog/db';
import { readSettings } from '@/utils/settings/repo';

let n = 0;
function service() {
  let clock = Date.parse('2026-12-07T12:00:00Z');
  const name = `placement-${++n}`;
  const openDb = () => openTandemDb({ name });
  const { handlers } = createPlacementService({ openDb, now: () => clock });
  return {
    handlers,
    openDb,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const miss = (view = 'issue', outline?: string) => ({
  type: 'placement.miss' as const,
  host: 'jira-cloud' as const,
  view,
  anchors: ['current-issue breadcrumb', 'status row'],
  signal: 'view' as const,
  ...(outline ? { outline } : {}),
});

describe('the breakage record', () => {
  it('counts misses per host and view this week, with the anchors tried and the last outline', async () => {
    const { handlers, advance } = service();
    for (let i = 0; i < 14; i++) {
      expect(await handlers['placement.miss'](miss('issue', `main role=main\n  nav testid=v${i}`))).toEqual({
        ok: true,
        kept: true,
      });
      advance(60_000);
    }
    await handlers['placement.miss']({ ...miss('Account'), host: 'salesforce' });
    const answer = await handlers['placement.misses']({ type: 'placement.misses' });
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.misses).toHaveLength(2);
    expect(answer.misses[0]).toMatchObject({
      host: 'jira-cloud',
      view: 'issue',
      week: 14,
      total: 14,
      anchors: ['current-issue breadcrumb', 'status row'],
      outline: 'main role=main\n  nav testid=v13',
    });
    expect(answer.misses[1]).toMatchObject({ host: 'salesforce', view: 'Account', week: 1 });
    expect(answer.misses[1]?.outline).toBeUndefined();
  });

  it('keeps one miss per host and view in the rate limit, and forgets after 30 days', async () => {
    const { handlers, advance } = service();
    expect(await handlers['placement.miss'](miss())).toEqual({ ok: true, kept: true });
    expect(await handlers['placement.miss'](miss())).toEqual({ ok: true, kept: false });
    advance(MISS_INTERVAL_MS);
    expect(await handlers['placement.miss'](miss())).toEqual({ ok: true, kept: true });
    advance(8 * 24 * 60 * 60 * 1000);
    let answer = await handlers['placement.misses']({ type: 'placement.misses' });
    expect(answer.ok && answer.misses[0]).toMatchObject({ week: 0, total: 2 });
    advance(30 * 24 * 60 * 60 * 1000);
    answer = await handlers['placement.misses']({ type: 'placement.misses' });
    expect(answer.ok && answer.misses).toEqual([]);
  });

  it('lives beside the settings without touching them, and is cleared on request', async () => {
    const { handlers, openDb } = service();
    await handlers['placement.miss'](miss());
    const db = await openDb();
    expect(await readSettings(db)).toMatchObject({ ok: true });
    expect(await handlers['placement.clear']({ type: 'placement.clear' })).toEqual({ ok: true });
    const answer = await handlers['placement.misses']({ type: 'placement.misses' });
    expect(answer.ok && answer.misses).toEqual([]);
    db.close();
  });

  it('reads a damaged record as empty rather than failing', async () => {
    const { handlers, openDb } = service();
    const db = await openDb();
    await db.put('settings', { key: 'placement-misses', schemaVersion: 1, value: { misses: 'nope' } });
    const answer = await handlers['placement.misses']({ type: 'placement.misses' });
    expect(answer).toEqual({ ok: true, misses: [] });
    expect(await handlers['placement.miss'](miss())).toEqual({ ok: true, kept: true });
    db.close();
  });
});
