import { describe, expect, it } from 'vitest';
import {
  bucketCountFor,
  bucketOf,
  columnsOf,
  type Entry,
  entriesOf,
  entryKey,
  gather,
  hasDuplicateKeys,
  hashKey,
  MAX_BUCKETS,
  PER_BUCKET,
  spread,
} from '@/utils/catalog/buckets';

describe('hashed buckets', () => {
  it('hashes with FNV-1a over UTF-16 code units: stored buckets depend on these exact values', () => {
    // Changing the hash files entities under other buckets than stored ones: a new database version.
    expect(['', 'a', 'n-00001', 'SHOP-142', '山田'].map(hashKey)).toEqual([
      2166136261, 3826002220, 1231415103, 939172641, 4093684484,
    ]);
    expect(bucketOf('n-00001', 256)).toBe(1231415103 % 256);
  });

  it('sizes a layer in powers of two of records of a few tens of kilobytes, within bounds', () => {
    expect(
      [0, 1, 100, 101, 1_000, 5_000, 20_000, 100_000, 10_000_000].map((n) => bucketCountFor(n, 100)),
    ).toEqual([1, 1, 1, 2, 16, 64, 256, 1024, MAX_BUCKETS]);
    // The largest catalog docs/catalog-format.md sets: 256 + 128 + 2,048 + 256 records, and 2,048 for its snapshot.
    const spec = { people: 5_000, teams: 1_000, needs: 20_000, links: 100_000, lookups: 150_000 } as const;
    const counts = Object.entries(spec).map(([kind, n]) => [
      kind,
      bucketCountFor(n, PER_BUCKET[kind as keyof typeof spec]),
    ]);
    expect(Object.fromEntries(counts)).toEqual({
      people: 256,
      teams: 128,
      needs: 2048,
      links: 256,
      lookups: 2048,
    });
  });

  it('spreads a list by id and gathers it back in document order', () => {
    const items = Array.from({ length: 500 }, (_, i) =>
      i % 7 === 0 ? { need: `n-${i}` } : { id: `x-${i}` },
    );
    const buckets = spread(items, 8);
    expect(buckets.size).toBe(8);
    for (const [n, columns] of buckets)
      for (const entry of entriesOf(columns)) expect(bucketOf(entryKey(entry), 8)).toBe(n);
    const all = [...buckets.values()];
    expect(gather(all)).toEqual(items);
    expect(gather(all.reverse())).toEqual(items);
    // Stored as two parallel arrays per bucket, not one small array per entity.
    expect(Object.keys(all[0] ?? {}).sort()).toEqual(['ordinals', 'values']);
  });

  it('finds a link without an id by its position, and anything else by its id', () => {
    expect(entryKey([4, { id: 'l-1', need: 'n-1' }])).toBe('l-1');
    expect(entryKey([4, { need: 'n-1' }])).toBe('#4');
    expect(entryKey([4, 'not an entity'])).toBe('#4');
  });

  it('keeps the order of entities added and removed by edits (gaps and later ordinals)', () => {
    const entries: Entry[] = [
      [1_700_000_000_000, 'added later'],
      [0, 'first'],
      [2, 'third'],
      [5, 'moved to the end'],
    ];
    expect(gather([columnsOf(entries.slice(0, 2)), columnsOf(entries.slice(2))])).toEqual([
      'first',
      'third',
      'moved to the end',
      'added later',
    ]);
    expect(gather([])).toEqual([]);
  });

  it('tells when two entities of one kind share an id', () => {
    const lists = {
      people: [{ id: 'p-1' }],
      teams: [],
      needs: [{ id: 'n-1' }, { id: 'n-2' }],
      links: [{}, {}],
    };
    expect(hasDuplicateKeys(lists)).toBe(false);
    expect(hasDuplicateKeys({ ...lists, needs: [{ id: 'n-1' }, { id: 'n-1' }] })).toBe(true);
    // The same id in two kinds is no clash.
    expect(hasDuplicateKeys({ ...lists, teams: [{ id: 'p-1' }] })).toBe(false);
  });
});
