import { describe, expect, it } from 'vitest';
import { mergeLayers } from '@/utils/catalog/merge';
import { validCatalog } from './build';

describe('mergeLayers', () => {
  const shared = validCatalog({
    name: 'Shared',
    sites: { jira: ['https://acme.atlassian.net'] },
    needs: [{ id: 'n-1', title: 'Shared need' }],
    links: [{ id: 'l-1', need: 'n-1', jira: { issue: 'SHOP-1' } }],
  });
  const local = validCatalog({
    name: 'Mine',
    sites: { jira: ['https://other.atlassian.net', 'https://acme.atlassian.net'] },
    people: [{ id: 'p-maria', name: 'Maria (local copy)' }],
    teams: [],
    needs: [
      { id: 'n-1', title: 'Local need with a shared id' },
      { id: 'n-2', title: 'Local need' },
    ],
    links: [
      { need: 'n-2', jira: { issue: 'SHOP-2' } },
      { id: 'l-1', need: 'n-2', jira: { issue: 'SHOP-3' } },
    ],
  });

  it('lets the first layer win on an id conflict and lists every conflict', () => {
    const merged = mergeLayers([
      { layer: 'source:a', catalog: shared },
      { layer: 'local', catalog: local },
    ]);
    expect(merged.catalog.needs.map((need) => need.title)).toEqual(['Shared need', 'Local need']);
    expect(merged.catalog.people.find((person) => person.id === 'p-maria')?.name).toBe('Maria Lopez');
    expect(merged.conflicts).toEqual([
      { kind: 'people', id: 'p-maria', kept: 'source:a', dropped: 'local' },
      { kind: 'needs', id: 'n-1', kept: 'source:a', dropped: 'local' },
      { kind: 'links', id: 'l-1', kept: 'source:a', dropped: 'local' },
    ]);
  });

  it('keeps links without ids from every layer and records where entities came from', () => {
    const merged = mergeLayers([
      { layer: 'source:a', catalog: shared },
      { layer: 'local', catalog: local },
    ]);
    expect(merged.catalog.links.map((link) => link.jira?.issue)).toEqual(['SHOP-1', 'SHOP-2']);
    expect(merged.layerOf.needs.get('n-2')).toBe('local');
    expect(merged.layerOf.needs.get('n-1')).toBe('source:a');
  });

  it('takes the name from the first layer and unions the sites in order', () => {
    const merged = mergeLayers([
      { layer: 'source:a', catalog: shared },
      { layer: 'local', catalog: local },
    ]);
    expect(merged.catalog.name).toBe('Shared');
    expect(merged.catalog.sites?.jira).toEqual(['https://acme.atlassian.net', 'https://other.atlassian.net']);
  });

  it('merges nothing into an empty catalog', () => {
    expect(mergeLayers([]).catalog).toEqual({
      format: 'tandem.catalog',
      version: 1,
      people: [],
      teams: [],
      needs: [],
      links: [],
    });
  });
});
