import { describe, expect, it } from 'vitest';
import { convertFirstBucket, convertFirstLookup } from '@/utils/catalog/first-v5';
import { parseBucket, parseLookup } from '@/utils/catalog/stored';

const person = (id: string) => ({ id, name: id });
const link = (issue: string) => ({ need: 'n-a', jira: { issue } });

describe('the first version-5 layout (629a4ef), converted', () => {
  it('turns a bucket of [ordinal, value] pairs into parallel arrays that read as before', () => {
    const old = {
      layer: 'local',
      kind: 'people',
      n: 3,
      entries: [
        [0, person('p-a')],
        [4, person('p-b')],
      ],
    };
    const converted = convertFirstBucket(old);
    expect(converted).toEqual({
      layer: 'local',
      kind: 'people',
      n: 3,
      ordinals: [0, 4],
      values: [person('p-a'), person('p-b')],
    });
    expect(parseBucket(converted)).toEqual({ ordinals: [0, 4], values: [person('p-a'), person('p-b')] });
  });

  it('leaves a record already in today’s shape, or anything else, alone', () => {
    expect(
      convertFirstBucket({ layer: 'local', kind: 'people', n: 0, ordinals: [0], values: [{}] }),
    ).toBeNull();
    expect(convertFirstBucket(null)).toBeNull();
    expect(convertFirstBucket([1, 2])).toBeNull();
    expect(
      convertFirstLookup({ layer: 'local', n: 0, keys: [], ends: [], ordinals: [], values: [] }),
    ).toBeNull();
  });

  it('keeps a bucket entry that is not a pair visibly damaged instead of dropping it', () => {
    const converted = convertFirstBucket({
      layer: 'local',
      kind: 'people',
      n: 0,
      entries: [[0, person('p-a')], 'junk'],
    });
    expect(converted?.ordinals).toEqual([0, -1]);
    expect(parseBucket(converted)).toBeNull();
  });

  it('turns a snapshot bucket of [key, pairs] into keys, ends, ordinals and values', () => {
    const old = {
      layer: 'local',
      n: 0,
      entries: [
        ['jiraIssue\u0000SHOP-1', [[0, link('SHOP-1')]]],
        [
          'need\u0000n-a',
          [
            [0, link('SHOP-1')],
            [2, link('SHOP-2')],
          ],
        ],
      ],
    };
    const converted = convertFirstLookup(old);
    expect(converted).toEqual({
      layer: 'local',
      n: 0,
      keys: ['jiraIssue\u0000SHOP-1', 'need\u0000n-a'],
      ends: [1, 3],
      ordinals: [0, 0, 2],
      values: [link('SHOP-1'), link('SHOP-1'), link('SHOP-2')],
    });
    expect(parseLookup(converted)?.get('need\u0000n-a')).toEqual({
      ordinals: [0, 2],
      values: [link('SHOP-1'), link('SHOP-2')],
    });
  });

  it('drops a snapshot bucket it cannot convert (the snapshot is rebuilt from the layer)', () => {
    expect(convertFirstLookup({ layer: 'local', n: 0, entries: [['k', 'not pairs']] })).toBe('drop');
    expect(convertFirstLookup({ layer: 'local', n: 0, entries: [['k', [['x', {}]]]] })).toBe('drop');
  });
});
