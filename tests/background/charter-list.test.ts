import { describe, expect, it, vi } from 'vitest';
import { createCatalogService } from '@/utils/background/catalog-service';
import {
  CHARTER_LIST_KEY,
  CHARTER_LIST_VERSION,
  type CharterList,
  readCharterList,
  writeCharterList,
} from '@/utils/background/charter-list';
import { createQueryService } from '@/utils/background/query-service';
import { LOCAL_LAYER, openTandemDb } from '@/utils/catalog/db';
import { replaceLayer } from '@/utils/catalog/repo';
import { POPUP_TEAMS_SHOWN } from '@/utils/popup-early';
import { validCatalog } from '../catalog/build';

let n = 0;

/** A database holding a catalog of `count` teams at revision 1. */
async function stored(count: number) {
  const name = `charter-head-${++n}`;
  const db = await openTandemDb({ name });
  const teams = Array.from({ length: count }, (_, i) => ({
    id: `t-${String(i).padStart(3, '0')}`,
    name: `Team ${String(count - i).padStart(3, '0')}`,
    businessLead: 'p-maria',
    itLead: 'p-raj',
    charter: { url: `https://wiki.acme.example/${i}` },
  }));
  await replaceLayer(db, LOCAL_LAYER, validCatalog({ teams, needs: [], links: [] }));
  db.close();
  return { name, openDb: () => openTandemDb({ name }) };
}

/** The background's catalog and query services over `name`, as a (re)started worker wires them. */
function worker(name: string, pinned: string[] = []) {
  const openDb = () => openTandemDb({ name });
  const catalog = createCatalogService({ openDb });
  const teamList = vi.fn(catalog.teamList);
  const writes: CharterList[] = [];
  const queries = createQueryService({
    loaded: catalog.loaded,
    teamList,
    warm: catalog.warm,
    inMemory: catalog.inMemory,
    pinnedTeams: async () => pinned,
    charterLists: {
      read: async () => readCharterList(await openDb()),
      write: async (list) => {
        writes.push(list);
        await writeCharterList(await openDb(), list);
      },
    },
  });
  return { catalog, queries, teamList, writes };
}

const ask = (queries: ReturnType<typeof worker>['queries'], limit: number | 'all' = POPUP_TEAMS_SHOWN) =>
  queries.handlers['teams.list']({ type: 'teams.list', ...(limit === 'all' ? {} : { limit }) });

describe("the popup's charter links, kept between starts", () => {
  it('answers a restarted worker from the kept list, the first links and then all, without reading any team', async () => {
    const { name } = await stored(60);
    const first = worker(name);
    const head = await ask(first.queries);
    expect(head.ok && head.teams).toHaveLength(POPUP_TEAMS_SHOWN);
    expect(head.ok && head.total).toBe(60);
    expect(head.ok && head.teams[0]?.name).toBe('Team 001');
    // The whole list is what is kept: the popup asks for it right after its first links.
    const all = await ask(first.queries, 'all');
    expect(all.ok && all.teams).toHaveLength(60);
    await vi.waitFor(() => expect(first.writes).toHaveLength(1));

    const restarted = worker(name);
    expect(await ask(restarted.queries)).toEqual(head);
    expect(await ask(restarted.queries, 'all')).toEqual(all);
    expect(restarted.teamList).not.toHaveBeenCalled();
    expect(restarted.catalog.inMemory()).toBe(false);
  });

  it('chooses the first links with the pinned teams of the moment, from the same kept list', async () => {
    const { name, openDb } = await stored(50);
    await ask(worker(name).queries, 'all');
    await vi.waitFor(async () => expect(await readCharterList(await openDb())).not.toBeNull());
    const pinnedLate = worker(name, ['t-000']);
    const pinnedAnswer = await ask(pinnedLate.queries);
    expect(pinnedLate.teamList).not.toHaveBeenCalled();
    // The pinned team is the last by name: it comes beside the first 40 others.
    expect(pinnedAnswer.ok && pinnedAnswer.teams.map((team) => team.id)).toContain('t-000');
    expect(pinnedAnswer.ok && pinnedAnswer.teams).toHaveLength(POPUP_TEAMS_SHOWN + 1);
    // The same as worked out from memory.
    await pinnedLate.catalog.loaded();
    expect(await ask(pinnedLate.queries)).toEqual(pinnedAnswer);
  });

  it('works the list out again for another revision or a damaged record', async () => {
    const { name, openDb } = await stored(50);
    await ask(worker(name).queries, 'all');
    await vi.waitFor(async () => expect(await readCharterList(await openDb())).not.toBeNull());
    const db = await openDb();
    await db.put('state', { key: 'revision', value: 7 });
    expect(await readCharterList(db)).toBeNull();
    await db.put('state', { key: 'revision', value: 1 });
    expect((await readCharterList(db))?.teams).toHaveLength(50);
    for (const [schemaVersion, value] of [
      [CHARTER_LIST_VERSION, { revision: 1 }],
      [CHARTER_LIST_VERSION, 'nonsense'],
      [CHARTER_LIST_VERSION, null],
      // Version 1 held only the first links.
      [1, { revision: 1, pinned: [], limit: 40, total: 50, teams: [] }],
    ] as const) {
      await db.put('settings', { key: CHARTER_LIST_KEY, schemaVersion, value });
      expect(await readCharterList(db)).toBeNull();
    }
    db.close();
    const repaired = worker(name);
    expect((await ask(repaired.queries)).ok).toBe(true);
    expect(repaired.teamList).toHaveBeenCalledTimes(1);
  });

  it('keeps the list again after a change, once the catalog is loaded', async () => {
    const { name, openDb } = await stored(3);
    const running = worker(name);
    running.queries.keepCharterList();
    await vi.waitFor(async () => expect((await readCharterList(await openDb()))?.teams).toHaveLength(3));
    expect(running.catalog.inMemory()).toBe(true);
    // Unchanged: not written again.
    running.queries.keepCharterList();
    await ask(running.queries, 'all');
    expect(running.writes).toHaveLength(1);
  });
});
