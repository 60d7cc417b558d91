import { describe, expect, it, vi } from 'vitest';
import { createCatalogService } from '@/utils/background/catalog-service';
import { createEntityService } from '@/utils/background/entity-service';
import { LOCAL_LAYER, openTandemDb } from '@/utils/catalog/db';
import { replaceLayer } from '@/utils/catalog/repo';
import { validCatalog } from '../catalog/build';

let n = 0;
async function setup() {
  const name = `entities-${++n}`;
  const openDb = () => openTandemDb({ name });
  const db = await openDb();
  await replaceLayer(db, 'source:acme', validCatalog({ name: 'Shared' }));
  await replaceLayer(db, LOCAL_LAYER, validCatalog({ name: 'Local', people: [], teams: [] }));
  db.close();
  const catalog = createCatalogService({ openDb });
  const { handlers } = createEntityService({
    openDb,
    loaded: catalog.loaded,
    changed: catalog.changed,
    inTurn: catalog.inLocalTurn,
  });
  const resolve = (key: string) => catalog.resolve({ kind: 'jira', host: 'jira-cloud', key });
  return { handlers, catalog, resolve };
}

describe('editing the catalog in the browser', () => {
  it('creates a local need and a link, visible at once to pages', async () => {
    const { handlers, resolve } = await setup();
    const need = await handlers['entity.save']({
      type: 'entity.save',
      kind: 'needs',
      value: {
        id: 'n-new',
        title: 'From a record',
        team: 't-checkout',
        evidence: [{ label: 'CRM', url: 'https://acme.lightning.force.com/x' }],
      },
    });
    expect(need).toMatchObject({ ok: true, id: 'n-new' });
    const link = await handlers['entity.save']({
      type: 'entity.save',
      kind: 'links',
      value: { need: 'n-new', jira: { issue: 'shop-77' } },
    });
    expect(link.ok && link.id).toMatch(/^l-local-/);
    const context = await resolve('SHOP-77');
    expect(context.context.needs.map((n) => n.id)).toEqual(['n-new']);
  });

  it('validates with the catalog schema and names the path and the rule', async () => {
    const { handlers } = await setup();
    const answer = await handlers['entity.save']({
      type: 'entity.save',
      kind: 'teams',
      value: { id: 't-x', name: '', businessLead: 'p-maria', charter: { url: 'http://wiki' } },
    });
    expect(answer).toEqual({
      ok: false,
      errors: [
        { path: 'teams.name', rule: 'must not be empty' },
        { path: 'teams.itLead', rule: 'required' },
        { path: 'teams.charter.url', rule: 'must be an https:// URL' },
      ],
    });
  });

  it('refuses a value nested deeper than a catalog may be, as an import would', async () => {
    const { handlers } = await setup();
    const nested = (levels: number) => {
      let value: unknown = 'leaf';
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    // The entity is level 3 of a catalog document: 61 arrays in one of its fields reach level 64.
    const save = (levels: number) =>
      handlers['entity.save']({
        type: 'entity.save',
        kind: 'people',
        value: { id: `p-deep-${levels}`, name: 'Deep', 'x-deep': nested(levels) },
      });
    expect(await save(61)).toMatchObject({ ok: true });
    expect(await save(62)).toEqual({
      ok: false,
      errors: [
        {
          path: 'people.x-deep[0][0][0][0][0][0][0]…',
          rule: 'is nested too deep: a catalog may nest at most 64 levels',
        },
      ],
    });
  });

  it('refuses references that resolve nowhere in the merged catalog', async () => {
    const { handlers } = await setup();
    const answer = await handlers['entity.save']({
      type: 'entity.save',
      kind: 'needs',
      value: { id: 'n-x', title: 'X', itOwner: 'p-ghost' },
    });
    expect(answer).toEqual({ ok: false, errors: [{ path: 'needs.itOwner', rule: 'no person "p-ghost"' }] });
  });

  it('keeps shared entities read-only', async () => {
    const { handlers } = await setup();
    const save = await handlers['entity.save']({
      type: 'entity.save',
      kind: 'people',
      value: { id: 'p-maria', name: 'Someone else' },
      replaces: 'p-maria',
    });
    expect(save).toEqual({
      ok: false,
      errors: [{ path: 'people.id', rule: '"p-maria" belongs to a shared catalog and is read-only' }],
    });
    const remove = await handlers['entity.delete']({
      type: 'entity.delete',
      kind: 'teams',
      id: 't-checkout',
    });
    expect(remove).toMatchObject({
      ok: false,
      error: '"t-checkout" belongs to a shared catalog and is read-only',
    });
  });

  it('says what uses an entity before deleting it, and deletes when told to', async () => {
    const { handlers, resolve } = await setup();
    await handlers['entity.save']({
      type: 'entity.save',
      kind: 'needs',
      value: { id: 'n-del', title: 'Del' },
    });
    await handlers['entity.save']({
      type: 'entity.save',
      kind: 'links',
      value: { id: 'l-del', need: 'n-del', jira: { issue: 'SHOP-5' } },
    });
    const refused = await handlers['entity.delete']({ type: 'entity.delete', kind: 'needs', id: 'n-del' });
    expect(refused).toMatchObject({ ok: false, usedBy: [{ rule: 'uses needs "n-del"' }] });
    expect(
      await handlers['entity.delete']({ type: 'entity.delete', kind: 'links', id: 'l-del' }),
    ).toMatchObject({ ok: true });
    expect(
      await handlers['entity.delete']({ type: 'entity.delete', kind: 'needs', id: 'n-del' }),
    ).toMatchObject({ ok: true });
    expect((await resolve('SHOP-5')).context.needs).toEqual([]);
  });

  it('renames a local entity when the edit changes its id', async () => {
    const { handlers, catalog } = await setup();
    await handlers['entity.save']({
      type: 'entity.save',
      kind: 'people',
      value: { id: 'p-old', name: 'Old' },
    });
    await handlers['entity.save']({
      type: 'entity.save',
      kind: 'people',
      value: { id: 'p-new', name: 'New' },
      replaces: 'p-old',
    });
    const ids = (await catalog.loaded())?.catalog.people.map((person) => person.id);
    expect(ids).toContain('p-new');
    expect(ids).not.toContain('p-old');
  });
});

describe('entity size cap', () => {
  it('refuses an entity over 64 KB serialized, with a clear error, and stores nothing', async () => {
    const { createEntityService } = await import('@/utils/background/entity-service');
    const { MAX_ENTITY_BYTES } = await import('@/utils/catalog/validate');
    const changed = vi.fn();
    const service = createEntityService({
      openDb: async () => {
        throw new Error('must not be opened');
      },
      loaded: async () => null,
      changed,
      inTurn: (work) => work(),
    });
    const answer = await service.handlers['entity.save']({
      type: 'entity.save',
      kind: 'needs',
      value: { id: 'n-big', title: 'Big', description: 'x'.repeat(MAX_ENTITY_BYTES) },
    });
    expect(answer).toMatchObject({
      ok: false,
      errors: [{ path: 'needs', rule: expect.stringContaining('64 KB') }],
    });
    expect(changed).not.toHaveBeenCalled();
  });
});
