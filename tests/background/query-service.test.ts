import { describe, expect, it } from 'vitest';
import { chooseTeams } from '@/utils/background/query-service';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import type { CatalogInput } from '@/utils/catalog/schema';
import { parseCatalogShape } from '@/utils/catalog/validate';
import { catalogInput, validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

function layer(overrides: Partial<CatalogInput>) {
  const parsed = parseCatalogShape(catalogInput(overrides));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.catalog;
}

async function setup() {
  const shared = validCatalog({
    name: 'Shared',
    needs: [{ id: 'n-reorder', title: 'One-click reorder', team: 't-checkout', businessOwner: 'p-zoe' }],
    links: [{ id: 'l-shared', need: 'n-reorder', jira: { issue: 'SHOP-142' } }],
  });
  const local = layer({
    name: 'Local',
    people: [{ id: 'p-new', name: 'Nadia New' }],
    teams: [],
    needs: [{ id: 'n-local', title: 'Local need', team: 't-checkout', itOwner: 'p-new' }],
    links: [],
  });
  return fakeBackground({ 'source:acme': shared, [LOCAL_LAYER]: local });
}

describe('catalog queries for the options page and the popup', () => {
  it('answers one page of a table, with the layer and whether it is editable', async () => {
    const { handlers } = await setup();
    const page = await handlers['catalog.query']?.({
      type: 'catalog.query',
      kind: 'people',
      text: '',
      sort: 'name',
      dir: 'asc',
      offset: 0,
      limit: 2,
    });
    expect(page).toMatchObject({ ok: true, total: 5 });
    const rows = page?.ok ? page.rows : [];
    expect(rows.map((row) => [row.id, row.layer, row.editable])).toEqual([
      ['p-maria', 'source:acme', false],
      ['p-new', 'local', true],
    ]);
    const local = await handlers['catalog.query']?.({
      type: 'catalog.query',
      kind: 'needs',
      text: 'local',
      offset: 0,
      limit: 10,
    });
    expect(local).toMatchObject({
      ok: true,
      total: 1,
      rows: [{ id: 'n-local', layer: 'local', editable: true, cells: { team: 'Checkout' } }],
    });
  });

  it('ignores an unknown sort column rather than failing', async () => {
    const { handlers } = await setup();
    const page = await handlers['catalog.query']?.({
      type: 'catalog.query',
      kind: 'teams',
      text: '',
      sort: 'nonsense',
      offset: 0,
      limit: 10,
    });
    expect(page).toMatchObject({ ok: true, total: 2 });
  });

  it('names what uses an entity, by kind, label, field and layer', async () => {
    const { handlers } = await setup();
    const answer = await handlers['catalog.usedBy']?.({
      type: 'catalog.usedBy',
      kind: 'people',
      id: 'p-new',
    });
    expect(answer).toEqual({
      ok: true,
      usedBy: [{ kind: 'needs', id: 'n-local', label: 'Local need', field: 'itOwner', layer: 'local' }],
    });
    const team = await handlers['catalog.usedBy']?.({
      type: 'catalog.usedBy',
      kind: 'teams',
      id: 't-checkout',
    });
    expect(team?.ok && team.usedBy.map((use) => `${use.kind}:${use.id}:${use.layer}`)).toEqual([
      'needs:n-reorder:source:acme',
      'needs:n-local:local',
    ]);
  });

  it('counts the merged catalog and each layer without sending any entity', async () => {
    const { handlers } = await setup();
    const answer = await handlers['catalog.overview']?.({ type: 'catalog.overview' });
    expect(answer).toMatchObject({
      ok: true,
      overview: {
        name: 'Shared',
        counts: { people: 5, teams: 2, needs: 2, links: 1 },
        layers: [
          { layer: 'source:acme', counts: { people: 4, teams: 2, needs: 1, links: 1 } },
          { layer: 'local', name: 'Local', counts: { people: 1, teams: 0, needs: 1, links: 0 } },
        ],
        conflicts: 0,
        warnings: [],
      },
    });
  });

  it('searches needs, teams and people, and rebuilds its index after a change', async () => {
    const { handlers } = await setup();
    const search = (text: string) => handlers['catalog.search']?.({ type: 'catalog.search', text });
    expect(await search('reorder')).toMatchObject({
      ok: true,
      hits: [{ kind: 'need', id: 'n-reorder', open: 'https://acme.atlassian.net/browse/SHOP-142' }],
    });
    await handlers['entity.save']?.({
      type: 'entity.save',
      kind: 'people',
      value: { id: 'p-reo', name: 'Reo Speedwagon' },
    });
    const after = await search('reo');
    expect(after?.ok && after.hits.map((hit) => hit.id)).toEqual(['p-reo', 'n-reorder']);
  });

  it('lists teams with their leads by name and https charters only', async () => {
    const { handlers } = await setup();
    expect(await handlers['teams.list']?.({ type: 'teams.list' })).toEqual({
      ok: true,
      teams: [
        {
          id: 't-billing',
          name: 'Billing',
          businessLead: 'Zoë Ångström',
          itLead: '山田 健二',
          charterUrl: undefined,
        },
        {
          id: 't-checkout',
          name: 'Checkout',
          businessLead: 'Maria Lopez',
          itLead: 'Raj Patel',
          charterUrl: 'https://wiki.acme.example/checkout',
        },
      ],
      total: 2,
    });
  });

  it('lists the first teams by name when asked for a few, and counts them all', async () => {
    const { handlers } = await setup();
    const answer = await handlers['teams.list']?.({ type: 'teams.list', limit: 1 });
    expect(answer?.ok && answer.teams.map((team) => team.id)).toEqual(['t-billing']);
    expect(answer?.ok && answer.total).toBe(2);
  });

  it('chooses the pinned teams and the first others by name', () => {
    const teams = [
      { id: 't-c', name: 'Crane' },
      { id: 't-a', name: 'Ångström' },
      { id: 't-b', name: 'Birch' },
      { id: 't-z', name: 'Zebra' },
    ];
    expect([...chooseTeams(teams, ['t-z'], 2)]).toEqual(['t-z', 't-a', 't-b']);
    expect([...chooseTeams(teams, [], undefined)]).toEqual(['t-c', 't-a', 't-b', 't-z']);
    expect(chooseTeams(teams, ['t-gone'], 1)).toEqual(new Set(['t-a']));
  });

  it('answers empty when nothing is stored', async () => {
    const { handlers } = await fakeBackground();
    expect(await handlers['catalog.overview']?.({ type: 'catalog.overview' })).toEqual({
      ok: true,
      overview: null,
    });
    expect(await handlers['catalog.search']?.({ type: 'catalog.search', text: 'x' })).toEqual({
      ok: true,
      revision: 0,
      hits: [],
    });
    expect(
      await handlers['catalog.query']?.({
        type: 'catalog.query',
        kind: 'needs',
        text: '',
        offset: 0,
        limit: 5,
      }),
    ).toEqual({ ok: true, revision: 0, total: 0, rows: [] });
  });
});
