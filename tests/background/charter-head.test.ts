import { describe, expect, it, vi } from 'vitest';
import { createCatalogService } from '@/utils/background/catalog-service';
import {
  CHARTER_HEAD_KEY,
  type CharterHead,
  readCharterHead,
  writeCharterHead,
} from '@/utils/background/charter-head';
import { createQueryService } from '@/utils/background/query-service';
import { LOCAL_LAYER, openTandemDb } from '@/utils/catalog/db';
import { replaceLayer } from '@/utils/catalog/repo';
import { POPUP_TEAMS_SHOWN } from '@/utils/messages';
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
  const writes: CharterHead[] = [];
  const queries = createQueryService({
    loaded: catalog.loaded,
    teamList,
    warm: catalog.warm,
    inMemory: catalog.inMemory,
    pinnedTeams: async () => pinned,
    charterHeads: {
      read: async (limit, pins) => readCharterHead(await openDb(), limit, pins),
      write: async (head) => {
        writes.push(head);
        await writeCharterHead(await openDb(), head);
      },
    },
  });
  return { catalog, queries, teamList, writes };
}

const ask = (queries: ReturnType<typeof worker>['queries']) =>
  queries.handlers['teams.list']({ type: 'teams.list', limit: POPUP_TEAMS_SHOWN });

describe("the popup's first charter links, kept between starts", () => {
  it('answers a restarted worker from the kept list, without reading any team', async () => {
    const { name } = await stored(60);
    const first = worker(name);
    const answer = await ask(first.queries);
    expect(answer.ok && answer.teams).toHaveLength(POPUP_TEAMS_SHOWN);
    expect(answer.ok && answer.total).toBe(60);
    expect(answer.ok && answer.teams[0]?.name).toBe('Team 001');
    await vi.waitFor(() => expect(first.writes).toHaveLength(1));

    const restarted = worker(name);
    expect(await ask(restarted.queries)).toEqual(answer);
    expect(restarted.teamList).not.toHaveBeenCalled();
    expect(restarted.catalog.inMemory()).toBe(false);
  });

  it('works the list out again for other pinned teams, another revision or a damaged record', async () => {
    const { name, openDb } = await stored(50);
    await ask(worker(name).queries);
    await vi.waitFor(async () =>
      expect(await readCharterHead(await openDb(), POPUP_TEAMS_SHOWN, [])).not.toBeNull(),
    );

    const pinnedLate = worker(name, ['t-000']);
    const pinnedAnswer = await ask(pinnedLate.queries);
    expect(pinnedLate.teamList).toHaveBeenCalledTimes(1);
    // The pinned team is the last by name: it comes beside the first 40 others.
    expect(pinnedAnswer.ok && pinnedAnswer.teams.map((team) => team.id)).toContain('t-000');
    expect(pinnedAnswer.ok && pinnedAnswer.teams).toHaveLength(POPUP_TEAMS_SHOWN + 1);

    const db = await openDb();
    expect(await readCharterHead(db, POPUP_TEAMS_SHOWN, ['t-000'])).not.toBeNull();
    expect(await readCharterHead(db, POPUP_TEAMS_SHOWN + 1, ['t-000'])).toBeNull();
    await db.put('state', { key: 'revision', value: 7 });
    expect(await readCharterHead(db, POPUP_TEAMS_SHOWN, ['t-000'])).toBeNull();
    await db.put('state', { key: 'revision', value: 1 });
    for (const value of [{ revision: 1 }, 'nonsense', null]) {
      await db.put('settings', { key: CHARTER_HEAD_KEY, schemaVersion: 1, value });
      expect(await readCharterHead(db, POPUP_TEAMS_SHOWN, ['t-000'])).toBeNull();
    }
    db.close();
    const repaired = worker(name, ['t-000']);
    expect(await ask(repaired.queries)).toEqual(pinnedAnswer);
    expect(repaired.teamList).toHaveBeenCalledTimes(1);
  });

  it('keeps the list again after a change, once the catalog is loaded', async () => {
    const { name, openDb } = await stored(3);
    const running = worker(name);
    running.queries.keepCharterHead();
    await vi.waitFor(async () =>
      expect((await readCharterHead(await openDb(), POPUP_TEAMS_SHOWN, []))?.total).toBe(3),
    );
    expect(running.catalog.inMemory()).toBe(true);
    // Unchanged: not written again.
    running.queries.keepCharterHead();
    await ask(running.queries);
    expect(running.writes).toHaveLength(1);
  });
});
