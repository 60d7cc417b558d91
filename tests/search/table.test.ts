import { describe, expect, it } from 'vitest';
import { mergeLayers } from '@/utils/catalog/merge';
import { buildResolveIndex } from '@/utils/catalog/resolve-index';
import type { CatalogInput } from '@/utils/catalog/schema';
import { parseCatalogShape } from '@/utils/catalog/validate';
import { buildTable, createTableQuerier, describeTarget } from '@/utils/search/table';
import { catalogInput, validCatalog } from '../catalog/build';

/** One layer: its own shape only, its references may point into another layer. */
function layer(overrides: Partial<CatalogInput>) {
  const parsed = parseCatalogShape(catalogInput(overrides));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.catalog;
}

function tables() {
  const shared = validCatalog({
    needs: [{ id: 'n-shared', title: 'Shared need', team: 't-checkout' }],
    links: [{ need: 'n-shared', jira: { project: 'SHOP', label: 'reorder' } }],
  });
  const local = layer({
    people: [{ id: 'p-local', name: 'Émile Local' }],
    teams: [],
    needs: [
      { id: 'n-a', title: 'Zebra crossing', team: 't-billing', customers: [{ name: 'Globex' }] },
      { id: 'n-b', title: 'Apple picking', status: 'committed' },
    ],
    links: [
      { id: 'l-1', need: 'n-a', crm: { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' } },
      { team: 't-billing', crm: { system: 'hubspot', name: 'Initech' } },
    ],
  });
  const layers = [
    { meta: { layer: 'source:acme' }, catalog: shared },
    { meta: { layer: 'local' }, catalog: local },
  ];
  const merged = mergeLayers(layers.map(({ meta, catalog }) => ({ layer: meta.layer, catalog })));
  const source = { index: buildResolveIndex(merged.catalog), layerOf: merged.layerOf, layers };
  return (kind: 'people' | 'teams' | 'needs' | 'links') => createTableQuerier(buildTable(kind, source));
}

describe('catalog tables', () => {
  it('says which layer each row came from; only local rows with an id are editable', () => {
    const links = tables()('links').query({ text: '', offset: 0, limit: 10 });
    expect(links.rows.map((row) => [row.id, row.layer, row.editable])).toEqual([
      ['#0', 'source:acme', false],
      ['l-1', 'local', true],
      ['#2', 'local', false],
    ]);
    expect(links.rows.map((row) => row.cells.subject)).toEqual([
      'Need: Shared need',
      'Need: Zebra crossing',
      'Team: Billing',
    ]);
  });

  it('searches words in any cell, folded, and sorts by a column either way', () => {
    const needs = tables()('needs');
    expect(needs.query({ text: 'globex ZEBRA', offset: 0, limit: 10 }).rows.map((r) => r.id)).toEqual([
      'n-a',
    ]);
    expect(needs.query({ text: 'billing', offset: 0, limit: 10 }).rows.map((r) => r.id)).toEqual(['n-a']);
    const asc = needs.query({ text: '', sort: 'title', dir: 'asc', offset: 0, limit: 10 });
    expect(asc.rows.map((r) => r.cells.title)).toEqual(['Apple picking', 'Shared need', 'Zebra crossing']);
    const desc = needs.query({ text: '', sort: 'title', dir: 'desc', offset: 0, limit: 10 });
    expect(desc.rows.map((r) => r.cells.title)).toEqual(['Zebra crossing', 'Shared need', 'Apple picking']);
    expect(
      tables()('people')
        .query({ text: 'emile', offset: 0, limit: 5 })
        .rows.map((r) => r.id),
    ).toEqual(['p-local']);
  });

  it('pages, filters by layer and finds one id', () => {
    const people = tables()('people');
    const page = people.query({ text: '', sort: 'name', offset: 2, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.rows).toHaveLength(2);
    expect(people.query({ text: '', offset: 0, limit: 10, layer: 'local' }).rows.map((r) => r.id)).toEqual([
      'p-local',
    ]);
    expect(people.query({ text: '', offset: 0, limit: 10, layer: 'shared' }).total).toBe(4);
    expect(people.query({ text: '', offset: 0, limit: 10, id: 'p-raj' }).rows.map((r) => r.id)).toEqual([
      'p-raj',
    ]);
  });

  it('describes every kind of link target in words', () => {
    expect(describeTarget({ need: 'n', jira: { issue: 'SHOP-1' } })).toBe('Jira issue SHOP-1');
    expect(describeTarget({ need: 'n', jira: { epic: 'SHOP-2' } })).toBe('Jira epic SHOP-2 and its issues');
    expect(describeTarget({ team: 't', jira: { project: 'OPS', component: 'Cart' } })).toBe(
      'Jira project OPS · component Cart',
    );
    expect(describeTarget({ need: 'n', crm: { system: 'zendesk', name: 'Acme' } })).toBe(
      'Zendesk customer “Acme”',
    );
  });
});
