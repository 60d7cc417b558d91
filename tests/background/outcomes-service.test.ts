import { describe, expect, it, vi } from 'vitest';
import { buildLoaded } from '@/utils/background/catalog-service';
import { createOutcomesService, statusesKey } from '@/utils/background/outcomes-service';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import * as build from '@/utils/outcomes/build';
import { validCatalog } from '../catalog/build';

vi.mock('@/utils/outcomes/build', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/utils/outcomes/build')>();
  return { ...actual, outcomeSteps: vi.fn(actual.outcomeSteps) };
});

async function service(statuses: () => Map<string, string> | undefined, later?: (work: () => void) => void) {
  const catalog = validCatalog();
  const loaded = await buildLoaded(1, [
    { meta: { layer: LOCAL_LAYER, updatedAt: '2026-12-01T00:00:00Z', extra: {} }, catalog },
  ]);
  const { handlers, warm } = createOutcomesService({
    loaded: async () => loaded,
    settings: async () => ({ maxTeamsPerLead: 3 }),
    statuses: async () => statuses(),
    now: () => new Date('2026-12-07T12:00:00Z'),
    ...(later ? { later } : {}),
  });
  const query = (offset = 0) =>
    handlers['outcomes.query']({
      type: 'outcomes.query',
      filters: {},
      sort: 'team',
      offset,
      limit: 30,
    } as never);
  return { query, warm };
}

describe('outcomes.query', () => {
  it('builds the outcomes once while the known statuses stay the same, and again when one changes', async () => {
    const builds = vi.mocked(build.outcomeSteps);
    builds.mockClear();
    let known = new Map([['SHOP-142', 'indeterminate']]);
    // A new Map each time, as the status cache gives: the same content must not rebuild.
    const { query } = await service(() => new Map(known));
    await query();
    await query(30);
    await query();
    expect(builds).toHaveBeenCalledTimes(1);
    known = new Map([['SHOP-142', 'done']]);
    await query();
    expect(builds).toHaveBeenCalledTimes(2);
  });

  it('tells unknown statuses from none known', () => {
    expect(statusesKey(undefined)).not.toBe(statusesKey(new Map()));
    expect(statusesKey(new Map([['A-1', 'done']]))).not.toBe(statusesKey(new Map([['A-1', 'new']])));
  });
});

describe('outcomes built ahead of a visit', () => {
  it('builds once after a burst of catalog changes, and the first query then reuses it', async () => {
    const builds = vi.mocked(build.outcomeSteps);
    builds.mockClear();
    const pending: (() => void)[] = [];
    const outcomes = await service(
      () => undefined,
      (work) => pending.push(work),
    );
    outcomes.warm();
    outcomes.warm();
    expect(pending).toHaveLength(1);
    pending[0]?.();
    await vi.waitFor(() => expect(builds).toHaveBeenCalledTimes(1));
    await outcomes.query();
    expect(builds).toHaveBeenCalledTimes(1);
  });
});
