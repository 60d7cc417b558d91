/**
 * The popup's charter links after a browser start, read cold (utils/catalog/cold-resolve.ts
 * `coldTeams`): the same teams and leads the merged catalog has, across layers whose ids collide.
 */
import { describe, expect, it } from 'vitest';
import { orderLayers } from '@/utils/background/catalog-service';
import { coldTeams } from '@/utils/catalog/cold-resolve';
import { LOCAL_LAYER, type TandemDb } from '@/utils/catalog/db';
import { mergeLayers } from '@/utils/catalog/merge';
import { readLayers, replaceLayer } from '@/utils/catalog/repo';
import { type GeneratedCatalog, generateCatalog } from '../../bench/generate-catalog';
import { freshDatabases, parsedCatalog, putLegacyLayer } from './storage';

const freshDb = freshDatabases('cold-teams');
const parsed = parsedCatalog;
const generated = (seed: number, teams = 16) =>
  generateCatalog({ seed, size: { needs: 60, people: 40, teams, links: 100 } }) as GeneratedCatalog;

/** What the full load gives `teams.list`: the merged teams, with their leads from the merged people. */
async function fullTeams(db: TandemDb, order: string[]) {
  const read = await readLayers(db);
  if (!read.ok) throw new Error('unreadable');
  const { catalog } = mergeLayers(
    orderLayers(read.layers, order).map(({ meta, catalog: layer }) => ({
      layer: meta.layer,
      catalog: layer,
    })),
  );
  const people = new Map(catalog.people.map((person) => [person.id, person]));
  return catalog.teams.map((team) => ({
    team,
    businessLead: people.get(team.businessLead),
    itLead: people.get(team.itLead),
  }));
}

const byId = <T extends { team: { id: string } }>(list: T[]) =>
  [...list].sort((a, b) => a.team.id.localeCompare(b.team.id));

describe('cold teams', () => {
  it('reads the same teams and leads as the full load, in either merge order', async () => {
    const db = await freshDb();
    // Two sources with the same ids and other contents, and a local layer of its own.
    await replaceLayer(db, 'source:a', parsed(generated(7)));
    await replaceLayer(db, 'source:b', parsed({ ...generated(8), name: 'B' }));
    await replaceLayer(db, LOCAL_LAYER, parsed({ ...generated(9, 6), name: undefined }));
    const fulls: string[] = [];
    for (const order of [
      ['source:a', 'source:b'],
      ['source:b', 'source:a'],
    ]) {
      const cold = await coldTeams(db, async () => order);
      expect(cold).not.toBeNull();
      const full = await fullTeams(db, order);
      expect(full.length).toBeGreaterThan(10);
      expect(byId(cold?.teams ?? [])).toEqual(byId(full));
      expect(full.every((entry) => entry.businessLead && entry.itLead)).toBe(true);
      fulls.push(JSON.stringify(byId(full)));
    }
    // The order decides which layer's team wins: the two answers differ.
    expect(fulls[0]).not.toBe(fulls[1]);
  });

  it('answers no teams before anything is stored', async () => {
    expect(await coldTeams(await freshDb(), async () => [])).toEqual({ revision: 0, teams: [], total: 0 });
  });

  it('gives way to the full load when an upgraded database has no snapshot yet', async () => {
    const old = await freshDb(4);
    await putLegacyLayer(old, LOCAL_LAYER, parsed(generated(12)), { revision: 3 });
    old.close();
    const db = await freshDb.reopen(old.name);
    expect(await coldTeams(db, async () => [])).toBeNull();
  });
});
