import { describe, expect, it } from 'vitest';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import { validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

async function setup() {
  const shared = validCatalog({ name: 'Shared' });
  const local = validCatalog({
    name: 'Local',
    people: [{ id: 'p-local', name: 'Local Person' }],
    teams: [],
    needs: [],
    links: [],
  });
  const background = await fakeBackground({ 'source:acme': shared, [LOCAL_LAYER]: local });
  const { handlers } = background;
  const people = async () => {
    const page = await handlers['catalog.query']?.({
      type: 'catalog.query',
      kind: 'people',
      text: '',
      offset: 0,
      limit: 50,
      layer: 'local',
    });
    return page?.ok ? page.rows.map((row) => row.value) : [];
  };
  const revision = async () => {
    const overview = await handlers['catalog.overview']?.({ type: 'catalog.overview' });
    return overview?.ok ? overview.overview?.revision : undefined;
  };
  return { ...background, people, revision };
}

describe('rows into the local layer (CSV import)', () => {
  it('adds new ids and replaces local entities with the same id, in one write', async () => {
    const { handlers, people, revision } = await setup();
    const before = await revision();
    const answer = await handlers['catalog.importRows']?.({
      type: 'catalog.importRows',
      kind: 'people',
      mode: 'merge',
      rows: [
        { id: 'p-local', name: 'Local Person, renamed' },
        { id: 'p-new', name: 'New Person', email: 'new@acme.example' },
      ],
    });
    expect(answer).toMatchObject({ ok: true, added: 1, updated: 1, total: 2 });
    expect(await revision()).toBe((before ?? 0) + 1);
    expect(await people()).toEqual([
      { id: 'p-local', name: 'Local Person, renamed' },
      { id: 'p-new', name: 'New Person', email: 'new@acme.example' },
    ]);
  });

  it('changes nothing when any row fails, and names each failing row', async () => {
    const { handlers, people, revision } = await setup();
    const before = await revision();
    const answer = await handlers['catalog.importRows']?.({
      type: 'catalog.importRows',
      kind: 'people',
      mode: 'merge',
      rows: [
        { id: 'p-fine', name: 'Fine' },
        { id: 'p-bad', name: 'Bad', email: 'nope' },
        { id: 'p-maria', name: 'Not mine' },
        { id: 'p-fine', name: 'Twice' },
      ],
    });
    expect(answer).toEqual({
      ok: false,
      errors: [
        { row: 1, path: 'email', rule: 'must be an e-mail address' },
        { row: 2, path: 'id', rule: '"p-maria" belongs to the shared catalog source:acme and is read-only' },
      ],
    });
    const duplicate = await handlers['catalog.importRows']?.({
      type: 'catalog.importRows',
      kind: 'people',
      mode: 'merge',
      rows: [
        { id: 'p-fine', name: 'Fine' },
        { id: 'p-fine', name: 'Twice' },
      ],
    });
    expect(duplicate).toEqual({
      ok: false,
      errors: [{ row: 1, path: 'id', rule: 'duplicate id "p-fine": an earlier row has it too' }],
    });
    expect(await revision()).toBe(before);
    expect(await people()).toEqual([{ id: 'p-local', name: 'Local Person' }]);
  });

  it('refuses a row nested deeper than a catalog may be, naming the row', async () => {
    const { handlers, revision } = await setup();
    const before = await revision();
    let deep: unknown = 'leaf';
    for (let i = 0; i < 62; i++) deep = [deep]; // the row is level 3 of a catalog: 62 arrays reach 65
    const answer = await handlers['catalog.importRows']?.({
      type: 'catalog.importRows',
      kind: 'people',
      mode: 'merge',
      rows: [
        { id: 'p-fine', name: 'Fine' },
        { id: 'p-deep', name: 'Deep', 'x-deep': deep },
      ],
    });
    expect(answer).toEqual({
      ok: false,
      errors: [
        {
          row: 1,
          path: 'x-deep[0][0][0][0][0][0][0]…',
          rule: 'is nested too deep: a catalog may nest at most 64 levels',
        },
      ],
    });
    expect(await revision()).toBe(before);
  });

  it('checks references across layers and names the row', async () => {
    const { handlers } = await setup();
    const answer = await handlers['catalog.importRows']?.({
      type: 'catalog.importRows',
      kind: 'needs',
      mode: 'merge',
      rows: [
        { id: 'n-1', title: 'Uses shared team', team: 't-checkout', itOwner: 'p-local' },
        { id: 'n-2', title: 'Dangling', businessOwner: 'p-ghost' },
      ],
    });
    expect(answer).toEqual({
      ok: false,
      errors: [{ row: 1, path: 'businessOwner', rule: 'no person "p-ghost"' }],
    });
  });

  it('refuses a replacement that would leave other local entities pointing at nothing', async () => {
    const { handlers } = await setup();
    await handlers['entity.save']?.({
      type: 'entity.save',
      kind: 'needs',
      value: { id: 'n-owned', title: 'Owned', itOwner: 'p-local' },
    });
    const answer = await handlers['catalog.importRows']?.({
      type: 'catalog.importRows',
      kind: 'people',
      mode: 'replace',
      rows: [{ id: 'p-other', name: 'Other' }],
    });
    expect(answer).toEqual({
      ok: false,
      errors: [{ path: 'needs[0].itOwner', rule: 'no person "p-local"' }],
    });
  });

  it('gives id-less link rows an id, and takes a row equal to an existing link as that link', async () => {
    const { handlers } = await setup();
    const rows = [{ need: 'n-x', jira: { issue: 'SHOP-1' } }];
    await handlers['entity.save']?.({ type: 'entity.save', kind: 'needs', value: { id: 'n-x', title: 'X' } });
    const first = await handlers['catalog.importRows']?.({
      type: 'catalog.importRows',
      kind: 'links',
      mode: 'merge',
      rows,
    });
    expect(first).toMatchObject({ ok: true, added: 1, updated: 0, total: 1 });
    const again = await handlers['catalog.importRows']?.({
      type: 'catalog.importRows',
      kind: 'links',
      mode: 'merge',
      rows,
    });
    expect(again).toMatchObject({ ok: true, added: 0, updated: 1, total: 1 });
    const page = await handlers['catalog.query']?.({
      type: 'catalog.query',
      kind: 'links',
      text: '',
      offset: 0,
      limit: 5,
    });
    expect(page?.ok && page.rows.map((row) => row.id)).toEqual([expect.stringMatching(/^l-local-/)]);
  });
});
