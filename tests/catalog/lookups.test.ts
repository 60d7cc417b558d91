import { describe, expect, it } from 'vitest';
import { bucketOf, entriesOf } from '@/utils/catalog/buckets';
import {
  buildLookups,
  editLookups,
  LOOKUPS_VERSION,
  type LookupBucket,
  linkLookupKeys,
  lookupBucketCount,
  needLookupKey,
  targetLookupKey,
} from '@/utils/catalog/lookups';
import { targetsOf } from '@/utils/catalog/resolve';
import type { CatalogInput, Link } from '@/utils/catalog/schema';
import { validCatalog } from './build';

const links = (input: CatalogInput['links']) =>
  validCatalog({ needs: [{ id: 'n-1', title: 'One' }], links: input }).links;

describe('the resolve snapshot', () => {
  it('files each link under the keys the resolver asks for (pinned: change them only with LOOKUPS_VERSION)', () => {
    expect(LOOKUPS_VERSION).toBe(1);
    const keys = links([
      { need: 'n-1', jira: { issue: ' shop-142 ' } },
      { need: 'n-1', jira: { epic: 'SHOP-100' } },
      { need: 'n-1', jira: { project: 'SHOP', label: '  Reorder ' } },
      { team: 't-checkout', jira: { project: 'SHOP', component: 'Cart' } },
      { team: 't-checkout', jira: { project: 'SHOP' } },
      { need: 'n-1', crm: { system: 'salesforce', id: '001Dn00000AbCdE' } },
      { need: 'n-1', crm: { system: 'dynamics', id: '{6B2A3C4D-1E2F-4A5B-8C9D-0E1F2A3B4C5D}' } },
      { need: 'n-1', crm: { system: 'zendesk', name: 'Umbrella Retail Group, Inc.' } },
    ]).map(linkLookupKeys);
    expect(keys).toEqual([
      ['jiraIssue\u0000SHOP-142', 'need\u0000n-1'],
      ['jiraEpic\u0000SHOP-100', 'need\u0000n-1'],
      ['jiraLabel\u0000SHOP\u0000reorder'],
      ['jiraComponent\u0000SHOP\u0000cart'],
      ['jiraProject\u0000SHOP'],
      ['crmId\u0000salesforce\u0000001Dn00000AbCdEIAV'],
      ['crmId\u0000dynamics\u00006b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d'],
      ['crmName\u0000zendesk\u0000umbrella retail group'],
    ]);
  });

  it('asks, for a record, exactly for the keys its links are filed under', () => {
    const asked = targetsOf({
      kind: 'jira',
      host: 'jira-cloud',
      key: 'SHOP-142',
      parent: 'SHOP-100',
      labels: ['REORDER'],
      components: ['cart'],
    }).map(targetLookupKey);
    expect(asked).toEqual([
      'jiraIssue\u0000SHOP-142',
      'jiraEpic\u0000SHOP-142',
      'jiraEpic\u0000SHOP-100',
      'jiraLabel\u0000SHOP\u0000reorder',
      'jiraComponent\u0000SHOP\u0000cart',
      'jiraProject\u0000SHOP',
    ]);
    const crm = targetsOf({
      kind: 'crm',
      host: 'salesforce',
      object: 'Case',
      id: '500Dn00000CaSe1',
      names: ['Globex Corporation'],
      related: [{ object: 'Account', id: '001Dn00000AbCdEIAV' }],
    }).map(targetLookupKey);
    expect(crm).toEqual([
      'crmId\u0000salesforce\u0000500Dn00000CaSe1IAF',
      'crmId\u0000salesforce\u0000001Dn00000AbCdEIAV',
      'crmName\u0000salesforce\u0000globex',
    ]);
  });

  it('keeps document order under each key and spreads keys over buckets', () => {
    const list = links([
      { id: 'l-a', need: 'n-1', jira: { issue: 'SHOP-1' } },
      { id: 'l-b', team: 't-checkout', jira: { project: 'SHOP' } },
      { id: 'l-c', need: 'n-1', jira: { issue: 'SHOP-1' } },
      { id: 'l-d', need: 'n-1', jira: { project: 'SHOP', label: 'x' } },
    ]);
    const count = lookupBucketCount(list.length);
    const lookups = buildLookups(list, count);
    const find = (key: string) => {
      const columns = lookups.get(bucketOf(key, count))?.get(key);
      return columns && entriesOf(columns);
    };
    expect(find('jiraIssue\u0000SHOP-1')?.map(([ordinal, link]) => [ordinal, (link as Link).id])).toEqual([
      [0, 'l-a'],
      [2, 'l-c'],
    ]);
    expect(find(needLookupKey('n-1'))?.map(([ordinal]) => ordinal)).toEqual([0, 2]);
    expect(find('jiraProject\u0000SHOP')?.map(([ordinal]) => ordinal)).toEqual([1]);
    expect(find('jiraLabel\u0000SHOP\u0000x')?.map(([ordinal]) => ordinal)).toEqual([3]);
  });

  it('moves one link on an edit: out of its old keys, into its new ones, in ordinal order', () => {
    const list = links([
      { id: 'l-a', need: 'n-1', jira: { issue: 'SHOP-1' } },
      { id: 'l-b', need: 'n-1', jira: { issue: 'SHOP-1' } },
    ]);
    const buckets = 4;
    const lookups = buildLookups(list, buckets);
    const read = (n: number): LookupBucket => new Map(lookups.get(n) ?? []);
    const moved = { ...list[0], jira: { issue: 'SHOP-2' } } as Link;
    const touched = editLookups(read, buckets, 0, list[0], moved);
    const get = (key: string) => {
      const columns = touched.get(bucketOf(key, buckets))?.get(key);
      return columns && entriesOf(columns);
    };
    expect(get('jiraIssue\u0000SHOP-1')?.map(([ordinal]) => ordinal)).toEqual([1]);
    expect(get('jiraIssue\u0000SHOP-2')).toEqual([[0, moved]]);
    expect(get(needLookupKey('n-1'))?.map(([ordinal, link]) => [ordinal, link])).toEqual([
      [0, moved],
      [1, list[1]],
    ]);
    // Removing the last link under a key drops the key.
    const removed = editLookups(read, buckets, 1, list[1], undefined);
    expect(removed.get(bucketOf('jiraIssue\u0000SHOP-1', buckets))?.get('jiraIssue\u0000SHOP-1')).toEqual({
      ordinals: [0],
      values: [list[0]],
    });
  });
});
