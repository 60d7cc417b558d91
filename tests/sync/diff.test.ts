import { describe, expect, it } from 'vitest';
import { canonicalJson, diffCatalogs, isEmptyDiff, MAX_LISTED } from '@/utils/sync/diff';
import { validCatalog } from '../catalog/build';

const base = () =>
  validCatalog({
    needs: [
      { id: 'n-a', title: 'A', status: 'committed', team: 't-checkout' },
      { id: 'n-b', title: 'B' },
    ],
    links: [
      { need: 'n-a', jira: { issue: 'SHOP-1' } },
      { need: 'n-a', jira: { issue: 'SHOP-1' } },
      { team: 't-billing', jira: { project: 'OPS' } },
    ],
  });

describe('catalog diff', () => {
  it('finds nothing between equal catalogs, whatever the key order', () => {
    const before = base();
    const after = JSON.parse(canonicalJson(base()));
    const diff = diffCatalogs(before, after);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.initial).toBe(false);
  });

  it('lists added, removed and changed entities by id with their names', () => {
    const before = base();
    const after = validCatalog({
      people: [
        ...before.people.filter((person) => person.id !== 'p-kenji'),
        { id: 'p-new', name: 'New Person' },
      ],
      teams: before.teams.map((team) => (team.id === 't-billing' ? { ...team, itLead: 'p-raj' } : team)),
      needs: [
        { id: 'n-a', title: 'A, reworded', status: 'committed', team: 't-checkout' },
        { id: 'n-c', title: 'C' },
      ],
      links: [
        { need: 'n-a', jira: { issue: 'SHOP-1' } },
        { need: 'n-c', jira: { issue: 'SHOP-3' } },
      ],
    });
    const diff = diffCatalogs(before, after);
    expect(diff.needs).toEqual({
      added: [{ id: 'n-c', label: 'C' }],
      removed: [{ id: 'n-b', label: 'B' }],
      changed: [{ id: 'n-a', label: 'A, reworded' }],
      addedCount: 1,
      removedCount: 1,
      changedCount: 1,
    });
    expect(diff.teams.changed).toEqual([{ id: 't-billing', label: 'Billing' }]);
    expect(diff.people.added).toEqual([{ id: 'p-new', label: 'New Person' }]);
    expect(diff.people.removed).toEqual([{ id: 'p-kenji', label: '山田 健二' }]);
    // Links by content, duplicates counted: one SHOP-1 link and the OPS link went, SHOP-3 came.
    expect(diff.links).toEqual({ added: 1, removed: 2 });
    expect(isEmptyDiff(diff)).toBe(false);
  });

  it('treats the first catalog as all added', () => {
    const diff = diffCatalogs(undefined, base());
    expect(diff.initial).toBe(true);
    expect(diff.needs.addedCount).toBe(2);
    expect(diff.links.added).toBe(3);
  });

  it('caps the lists but not the counts', () => {
    const needs = Array.from({ length: MAX_LISTED + 5 }, (_, i) => ({ id: `n-${i}`, title: `Need ${i}` }));
    const diff = diffCatalogs(validCatalog(), validCatalog({ needs }));
    expect(diff.needs.added).toHaveLength(MAX_LISTED);
    expect(diff.needs.addedCount).toBe(MAX_LISTED + 5);
  });
});
