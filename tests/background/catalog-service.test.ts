import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createCatalogService, QUIET_MS } from '@/utils/background/catalog-service';
import { openTandemDb } from '@/utils/catalog/db';
import { catalogInput } from '../catalog/build';
import { putLegacyLayer, putRawEntry } from '../catalog/storage';

let n = 0;
function service() {
  const notifyChanged = vi.fn();
  const name = `service-${++n}`;
  return {
    notifyChanged,
    name,
    ...createCatalogService({ openDb: () => openTandemDb({ name }), notifyChanged }),
  };
}

const text = (value: unknown) => JSON.stringify(value);
const demoText = () => readFileSync(resolvePath(process.cwd(), 'demo/catalog.json'), 'utf8');

describe('catalog service', () => {
  it('answers with an empty context, marked as no catalog, before any import', async () => {
    const { resolve } = service();
    const answer = await resolve({ kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' });
    expect(answer.context).toEqual({ needs: [], team: null, noCatalog: true });
  });

  it('imports the demo catalog, tells open pages, and resolves against it', async () => {
    const { handlers, notifyChanged } = service();
    const imported = await handlers['catalog.import']({ type: 'catalog.import', text: demoText() });
    expect(imported).toMatchObject({ ok: true, name: 'Acme Corp demo catalog' });
    expect(notifyChanged).toHaveBeenCalledWith(1);
    const answer = await handlers.resolve({
      type: 'resolve',
      record: { kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' },
    });
    expect(answer.ok && answer.context.needs[0]?.id).toBe('n-reorder');
  });

  it('rebuilds its index after a new import', async () => {
    const { handlers, resolve } = service();
    const record = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-1' } as const;
    await handlers['catalog.import']({ type: 'catalog.import', text: text(catalogInput()) });
    expect((await resolve(record)).context.needs).toEqual([]);
    await handlers['catalog.import']({
      type: 'catalog.import',
      text: text(
        catalogInput({
          needs: [{ id: 'n-a', title: 'A' }],
          links: [{ need: 'n-a', jira: { issue: 'SHOP-1' } }],
        }),
      ),
    });
    const after = await resolve(record);
    expect(after.revision).toBe(2);
    expect(after.context.needs.map((need) => need.id)).toEqual(['n-a']);
  });

  it('refuses a bad file with every error and keeps the last good catalog', async () => {
    const { handlers, notifyChanged } = service();
    await handlers['catalog.import']({ type: 'catalog.import', text: demoText() });
    notifyChanged.mockClear();
    const bad = catalogInput({ needs: [{ id: 'n-x', title: 'X', itOwner: 'p-ghost' }] });
    const answer = await handlers['catalog.import']({ type: 'catalog.import', text: text(bad) });
    expect(answer).toEqual({
      ok: false,
      errors: [{ path: 'needs[0].itOwner', rule: 'no person "p-ghost"' }],
    });
    expect(notifyChanged).not.toHaveBeenCalled();
    const summary = await handlers['catalog.summary']({ type: 'catalog.summary' });
    expect(summary.ok && summary.summary?.name).toBe('Acme Corp demo catalog');
  });

  it('summarises what is stored', async () => {
    const { handlers } = service();
    await handlers['catalog.import']({ type: 'catalog.import', text: text(catalogInput()) });
    const summary = await handlers['catalog.summary']({ type: 'catalog.summary' });
    expect(summary).toMatchObject({
      ok: true,
      summary: { revision: 1, name: 'Test catalog', counts: { people: 4, teams: 2, needs: 0, links: 0 } },
    });
  });

  it('reports a damaged store as an error rather than showing wrong data', async () => {
    const { handlers, name } = service();
    await handlers['catalog.import']({ type: 'catalog.import', text: text(catalogInput()) });
    const db = await openTandemDb({ name });
    await putRawEntry(db, 'local', 'teams', [5, { id: 't-x' }]);
    db.close();
    const fresh = createCatalogService({ openDb: () => openTandemDb({ name }) });
    const summary = await fresh.handlers['catalog.summary']({ type: 'catalog.summary' });
    expect(summary.ok).toBe(false);
    if (!summary.ok) expect(summary.error).toMatch(/damaged \(local: teams\[2\]\.name: required/);
  });
});

describe('catalog service with layers', () => {
  it('checks an import against the shared layers it may reference', async () => {
    const { handlers, name } = service();
    const db = await openTandemDb({ name });
    const { replaceLayer } = await import('@/utils/catalog/repo');
    const { validCatalog } = await import('../catalog/build');
    await replaceLayer(db, 'source:acme', validCatalog({ name: 'Shared' }));
    db.close();
    const local = {
      format: 'tandem.catalog',
      version: 1,
      people: [],
      teams: [],
      needs: [{ id: 'n-local', title: 'Local', team: 't-checkout', itOwner: 'p-nobody' }],
      links: [{ need: 'n-local', jira: { issue: 'SHOP-9' } }],
    };
    const refused = await handlers['catalog.import']({ type: 'catalog.import', text: text(local) });
    expect(refused).toEqual({
      ok: false,
      errors: [{ path: 'needs[0].itOwner', rule: 'no person "p-nobody"' }],
    });
    local.needs[0] = { id: 'n-local', title: 'Local', team: 't-checkout', itOwner: 'p-raj' };
    expect(await handlers['catalog.import']({ type: 'catalog.import', text: text(local) })).toMatchObject({
      ok: true,
    });
    const answer = await handlers.resolve({
      type: 'resolve',
      record: { kind: 'jira', host: 'jira-cloud', key: 'SHOP-9' },
    });
    expect(answer.ok && answer.context.needs[0]).toMatchObject({
      id: 'n-local',
      team: { id: 't-checkout' },
      businessOwner: { person: { id: 'p-maria' }, fromTeam: true },
    });
  });
});

describe('catalog service start-up', () => {
  const shop142 = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' } as const;

  /** A service over a database another service filled: the background after a restart. */
  async function restarted(fill: (handlers: ReturnType<typeof service>['handlers']) => Promise<unknown>) {
    const first = service();
    await fill(first.handlers);
    return {
      name: first.name,
      ...createCatalogService({ openDb: () => openTandemDb({ name: first.name }) }),
    };
  }

  it('answers the first resolve from the stored snapshot, validating only what the answer uses', async () => {
    const fresh = await restarted((handlers) =>
      handlers['catalog.import']({ type: 'catalog.import', text: demoText() }),
    );
    // A team no answer to SHOP-142 shows, damaged: the full load would refuse the whole catalog.
    const db = await openTandemDb({ name: fresh.name });
    await putRawEntry(db, 'local', 'teams', [99, { id: 't-unused' }]);
    db.close();
    const answer = await fresh.handlers.resolve({ type: 'resolve', record: shop142 });
    expect(answer.ok && answer.context.needs[0]?.id).toBe('n-reorder');
    expect(answer.ok && answer.revision).toBe(1);
    const summary = await fresh.handlers['catalog.summary']({ type: 'catalog.summary' });
    expect(summary.ok).toBe(false);
  });

  it("answers the popup's team list cold after a restart, the same as from memory after the load", async () => {
    const fresh = await restarted((handlers) =>
      handlers['catalog.import']({ type: 'catalog.import', text: demoText() }),
    );
    // A need no team list shows, damaged: a cold team list reads only teams and their leads.
    const db = await openTandemDb({ name: fresh.name });
    await putRawEntry(db, 'local', 'needs', [99, { id: 'n-broken' }]);
    db.close();
    const { teams: cold, total } = await fresh.teamList();
    expect(fresh.inMemory()).toBe(false);
    expect(cold.length).toBeGreaterThan(2);
    expect(total).toBe(cold.length);
    expect(cold.every((entry) => entry.businessLead?.name && entry.itLead?.name)).toBe(true);
    // The full load refuses the damaged catalog, so compare with an intact restart's memory.
    const intact = await restarted((handlers) =>
      handlers['catalog.import']({ type: 'catalog.import', text: demoText() }),
    );
    await intact.loaded();
    expect(intact.inMemory()).toBe(true);
    const byId = (list: typeof cold) => [...list].sort((a, b) => a.team.id.localeCompare(b.team.id));
    expect(byId((await intact.teamList()).teams)).toEqual(byId(cold));
  });

  it('reads cold only the teams a list chooses, and counts them all, as from memory', async () => {
    const fresh = await restarted((handlers) =>
      handlers['catalog.import']({ type: 'catalog.import', text: demoText() }),
    );
    // A team the choice leaves out, damaged: it is counted by its id, never parsed.
    const db = await openTandemDb({ name: fresh.name });
    await putRawEntry(db, 'local', 'teams', [99, { id: 't-unchosen', name: 42 }]);
    db.close();
    const chooseOne = (teams: readonly { id: string; name: string }[]) => {
      expect(teams.find((team) => team.id === 't-unchosen')?.name).toBe('');
      return new Set(
        teams
          .filter((team) => team.id !== 't-unchosen')
          .map((team) => team.id)
          .slice(0, 1),
      );
    };
    const cold = await fresh.teamList(chooseOne);
    expect(fresh.inMemory()).toBe(false);
    expect(cold.teams).toHaveLength(1);
    expect(cold.teams[0]?.businessLead?.name).toBeTruthy();
    const intact = await restarted((handlers) =>
      handlers['catalog.import']({ type: 'catalog.import', text: demoText() }),
    );
    await intact.loaded();
    const warm = await intact.teamList((teams) => new Set(teams.slice(0, 1).map((team) => team.id)));
    expect(cold.total).toBe(warm.total + 1);
    expect(warm.teams).toEqual(cold.teams);
  });

  it('is quiet once no cold answer has been worked out for a moment, and primes the cold reads', async () => {
    const fresh = await restarted((handlers) =>
      handlers['catalog.import']({ type: 'catalog.import', text: demoText() }),
    );
    await fresh.prime();
    expect(fresh.inMemory()).toBe(false);
    const answer = await fresh.resolve(shop142);
    expect(answer.context.needs[0]?.id).toBe('n-reorder');
    const answered = performance.now();
    await fresh.quiet();
    expect(performance.now() - answered).toBeGreaterThanOrEqual(QUIET_MS - 5);
  });

  it('says when the whole catalog is in memory, once per load', async () => {
    const first = service();
    await first.handlers['catalog.import']({ type: 'catalog.import', text: demoText() });
    const onLoaded = vi.fn();
    const fresh = createCatalogService({ openDb: () => openTandemDb({ name: first.name }), onLoaded });
    await fresh.resolve(shop142);
    expect(onLoaded).not.toHaveBeenCalled(); // answered cold
    await fresh.loaded();
    await fresh.loaded();
    expect(onLoaded).toHaveBeenCalledTimes(1);
  });

  it('loads ahead of need (warm) only once pages have gone quiet, not at once', async () => {
    const fresh = await restarted((handlers) =>
      handlers['catalog.import']({ type: 'catalog.import', text: demoText() }),
    );
    const warmed = fresh.warm();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fresh.inMemory()).toBe(false);
    // A page's cold answer meanwhile puts the load off again; the warm request still settles.
    await fresh.resolve(shop142);
    expect(fresh.inMemory()).toBe(false);
    expect((await warmed)?.revision).toBe(1);
    expect(fresh.inMemory()).toBe(true);
    // Once in memory, warm is the catalog at once.
    expect((await fresh.warm())?.revision).toBe(1);
  });

  it('then loads everything in the background and answers from memory once it is there', async () => {
    const fresh = await restarted((handlers) =>
      handlers['catalog.import']({ type: 'catalog.import', text: demoText() }),
    );
    const cold = await fresh.resolve(shop142);
    expect(fresh.inMemory()).toBe(false);
    // Once pages have been quiet for a moment, without anyone asking for it.
    await expect.poll(() => fresh.inMemory(), { timeout: 3_000 }).toBe(true);
    expect((await fresh.loaded())?.revision).toBe(1);
    // Storage emptied behind its back: the answer now comes from memory, and is the same.
    const db = await openTandemDb({ name: fresh.name });
    await db.clear('lookups');
    await db.clear('buckets');
    db.close();
    expect(await fresh.resolve(shop142)).toEqual(cold);
  });

  it('keeps what an import parsed and validated as the catalog, without reading it back', async () => {
    const { handlers, name, loaded } = service();
    await handlers['catalog.import']({ type: 'catalog.import', text: demoText() });
    const db = await openTandemDb({ name });
    await db.clear('buckets');
    db.close();
    const summary = await handlers['catalog.summary']({ type: 'catalog.summary' });
    expect(summary.ok && summary.summary?.counts.needs).toBeGreaterThan(0);
    expect((await loaded())?.revision).toBe(1);
  });

  it('answers from the full load when the snapshot cannot stand in, and rebuilds the snapshot after', async () => {
    const name = `legacy-service-${++n}`;
    const v4 = await openTandemDb({ name, version: 4 });
    const parsed = JSON.parse(demoText());
    const { parseCatalog } = await import('@/utils/catalog/validate');
    const result = parseCatalog(parsed);
    if (!result.ok) throw new Error('demo catalog invalid');
    await putLegacyLayer(v4, 'local', result.catalog, { revision: 5 });
    v4.close();
    const fresh = createCatalogService({ openDb: () => openTandemDb({ name }) });
    const answer = await fresh.resolve(shop142);
    expect(answer.revision).toBe(5);
    expect(answer.context.needs[0]?.id).toBe('n-reorder');
    const db = await openTandemDb({ name });
    const { staleLayers } = await import('@/utils/catalog/repo');
    await expect.poll(() => staleLayers(db, ['local'])).toEqual([]);
    db.close();
    // The next start answers from the rebuilt snapshot: the same answer.
    const next = createCatalogService({ openDb: () => openTandemDb({ name }) });
    expect(await next.resolve(shop142)).toEqual(answer);
  });
});
