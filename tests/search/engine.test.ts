import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildResolveIndex } from '@/utils/catalog/resolve-index';
import { searchDocs } from '@/utils/search/catalog-docs';
import {
  buildSearchIndex,
  createSearcher,
  MATCH_RANKS,
  type SearchIndex,
  type SearchInput,
} from '@/utils/search/engine';
import { fold, foldQuery } from '@/utils/search/fold';
import { validCatalog } from '../catalog/build';

const doc = (kind: SearchInput['kind'], id: string, label: string, keys: string[] = []): SearchInput => ({
  kind,
  id,
  label,
  detail: '',
  open: `#${kind}/${id}`,
  keys,
});

describe('fold', () => {
  it('ignores case and accents, and spells out letters Unicode does not decompose', () => {
    expect(fold('Zoë Ångström')).toBe('zoe angstrom');
    expect(fold('Größe Œuvre Søren Łódź')).toBe('grosse oeuvre soren lodz');
    expect(fold('İstanbul')).toBe('istanbul');
    expect(foldQuery('  Crème   BRÛLÉE ')).toBe('creme brulee');
  });
});

describe('search ranking', () => {
  const index = buildSearchIndex([
    doc('need', 'n-1', 'Reorder from the mobile app'),
    doc('need', 'n-2', 'One-click reorder'),
    doc('team', 't-1', 'Reorder'),
    doc('need', 'n-3', 'Bulk reorders'),
    doc('need', 'n-4', 'Preorder handling'),
    doc('person', 'p-zoe', 'Zoë Ångström', ['zoe@acme.example']),
    doc('need', 'n-5', 'Invoices by e-mail', ['Globex Corporation']),
  ]);

  it('ranks exact, then prefix, then word prefix, then substring matches', () => {
    const hits = createSearcher(index).search('reorder');
    expect(hits.map((hit) => [hit.id, hit.rank])).toEqual([
      ['t-1', 'exact'],
      ['n-1', 'prefix'],
      ['n-3', 'word'],
      ['n-2', 'word'],
      ['n-4', 'substring'],
    ]);
  });

  it('puts shorter labels first within a rank', () => {
    const words = createSearcher(index)
      .search('reorder')
      .filter((hit) => hit.rank === 'word');
    expect(words.map((hit) => hit.label)).toEqual(['Bulk reorders', 'One-click reorder']);
  });

  it('tolerates accents and case in both the query and the catalog', () => {
    expect(createSearcher(index).search('ZOE ANG')[0]).toMatchObject({ id: 'p-zoe', rank: 'prefix' });
    expect(createSearcher(index).search('ångström')[0]).toMatchObject({ id: 'p-zoe', rank: 'word' });
  });

  it('finds by id and by extra words (customers, e-mail) in any order', () => {
    expect(createSearcher(index).search('n-5')[0]).toMatchObject({ id: 'n-5', rank: 'exact' });
    expect(createSearcher(index).search('globex invoices')[0]).toMatchObject({ id: 'n-5', rank: 'words' });
    expect(createSearcher(index).search('zoe@acme')[0]).toMatchObject({ id: 'p-zoe' });
  });

  it('returns nothing for an empty query and caps results at the limit', () => {
    expect(createSearcher(index).search('   ')).toEqual([]);
    expect(createSearcher(index).search('r', 2)).toHaveLength(2);
  });

  it('gives the same answer while typing as for the whole query at once', () => {
    const labels = ['Reorder', 'Zoë', 'Größe', 'invoice', 'rè', 'a b', 'ab', 'Éa'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...labels), { minLength: 1, maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('r', 'e', 'o', 'z', 'a', ' ', 'b', 'é', 'g'), maxLength: 6 }),
        (names, query) => {
          const small = buildSearchIndex(names.map((name, i) => doc('need', `n-${i}`, name)));
          const typing = createSearcher(small);
          let last = typing.search(query.slice(0, 1));
          for (let end = 2; end <= query.length; end++) last = typing.search(query.slice(0, end));
          if (query.length > 0) expect(last).toEqual(createSearcher(small).search(query));
        },
      ),
    );
  });
});

/** The ranking spelled out plainly: every entry scanned, every rank computed. */
function rankedPlainly(index: SearchIndex, query: string, limit: number) {
  const q = foldQuery(query);
  if (q === '') return [];
  const tokens = q.split(' ');
  const isWordChar = (char: string) => /[a-z0-9]/.test(char) || char.charCodeAt(0) > 127;
  const buckets: number[][] = [[], [], [], [], []];
  index.labels.forEach((label, i) => {
    if (!tokens.every((token) => (index.haystacks[i] as string).includes(token))) return;
    let rank = 4;
    if (label === q || index.ids[i] === q) rank = 0;
    else if (label.startsWith(q)) rank = 1;
    else {
      for (let at = label.indexOf(q, 1); at > 0; at = label.indexOf(q, at + 1)) {
        if (!isWordChar(label.charAt(at - 1))) {
          rank = 2;
          break;
        }
        rank = 3;
      }
    }
    (buckets[rank] as number[]).push(i);
  });
  return buckets
    .flatMap((bucket, rank) => bucket.map((i) => ({ ...index.docs[i], rank: MATCH_RANKS[rank] })))
    .slice(0, limit);
}

describe('search shortcuts', () => {
  const letters = ['a', 'b', 'ab', 'ba', 'é', ' ', '-', 'aab', 'b a'];
  const entries = fc.array(
    fc.record({
      label: fc.string({ unit: fc.constantFrom(...letters), maxLength: 5 }),
      id: fc.constantFrom('a', 'ab', 'b', 'n-1', 'n-2', 'aba', 'x'),
      key: fc.string({ unit: fc.constantFrom(...letters), maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 40 },
  );
  const queries = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', '-', 'n'), maxLength: 5 }), {
    minLength: 1,
    maxLength: 6,
  });

  it('finds what a plain scan of every entry finds, typed or pasted, at any limit', () => {
    fc.assert(
      fc.property(entries, queries, fc.integer({ min: 1, max: 6 }), (rows, typed, limit) => {
        const index = buildSearchIndex(
          rows.map((row, i) => doc(i % 3 ? 'need' : 'team', row.id, row.label || 'x', [row.key])),
        );
        const typing = createSearcher(index);
        for (const query of typed) {
          for (let end = 1; end <= query.length; end++) {
            const prefix = query.slice(0, end);
            expect(typing.search(prefix, limit)).toEqual(rankedPlainly(index, prefix, limit));
          }
          expect(createSearcher(index).search(query, limit)).toEqual(rankedPlainly(index, query, limit));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stops early on one or two characters yet still shows an exact id found later', () => {
    const index = buildSearchIndex([
      ...Array.from({ length: 30 }, (_, i) => doc('need', `n-${i}`, `ab item ${i}`)),
      doc('team', 'ab', 'Zebra squad'),
    ]);
    const hits = createSearcher(index).search('ab', 5);
    expect(hits[0]).toMatchObject({ id: 'ab', rank: 'exact' });
    expect(hits.slice(1).map((hit) => hit.rank)).toEqual(['prefix', 'prefix', 'prefix', 'prefix']);
  });
});

describe('catalog search documents', () => {
  const catalog = validCatalog({
    needs: [
      {
        id: 'n-reorder',
        title: 'One-click reorder',
        team: 't-checkout',
        status: 'in-delivery',
        evidence: [{ label: 'Call', url: 'https://wiki.acme.example/call' }],
      },
      {
        id: 'n-evidence',
        title: 'Evidence only',
        evidence: [{ label: 'Call', url: 'https://wiki.acme.example/call' }],
      },
      { id: 'n-bare', title: 'Nothing to open' },
    ],
    links: [{ need: 'n-reorder', jira: { issue: 'SHOP-142' } }],
  });
  const docs = searchDocs(buildResolveIndex(catalog));
  const open = (id: string) => docs.find((d) => d.id === id)?.open;

  it('opens a need at its first Jira work item, else its evidence, else its options entry', () => {
    expect(open('n-reorder')).toBe('https://acme.atlassian.net/browse/SHOP-142');
    expect(open('n-evidence')).toBe('https://wiki.acme.example/call');
    expect(open('n-bare')).toBe('#needs/n-bare');
  });

  it('opens a team at its charter and a person by mail, then chat, then options', () => {
    expect(open('t-checkout')).toBe('https://wiki.acme.example/checkout');
    expect(open('t-billing')).toBe('#teams/t-billing');
    expect(open('p-maria')).toBe('mailto:maria@acme.example');
    expect(open('p-raj')).toBe('https://chat.acme.example/raj');
    expect(docs.find((d) => d.id === 't-checkout')?.detail).toBe('Team · Maria Lopez & Raj Patel');
  });
});
