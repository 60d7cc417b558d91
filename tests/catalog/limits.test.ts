import { describe, expect, it } from 'vitest';
import { formatError, parseCatalog, parseCatalogText } from '@/utils/catalog/validate';
import { catalogInput } from './build';

describe('text limits shared with what pages accept', () => {
  it('refuses a title over 500 characters and a statement over 10,000, naming each', () => {
    const result = parseCatalog(
      catalogInput({ needs: [{ id: 'n-1', title: 'T'.repeat(501), statement: 'S'.repeat(10_001) }] }),
    );
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([
      'needs[0].title: must be at most 500 characters',
      'needs[0].statement: must be at most 10,000 characters',
    ]);
  });

  it('accepts texts at the limits', () => {
    const result = parseCatalog(
      catalogInput({ needs: [{ id: 'n-1', title: 'T'.repeat(500), statement: 'S'.repeat(10_000) }] }),
    );
    expect(result.ok).toBe(true);
  });
});

describe('the entity size limit at every edge that takes catalog text', () => {
  const big = (extra: number) =>
    JSON.stringify(
      catalogInput({
        needs: [
          { id: 'n-1', title: 'Fine' },
          // A field Tandem does not know is kept as it is, so only the size limit stops it.
          { id: 'n-2', title: 'Big', notes: 'é'.repeat(extra) },
        ],
      }),
    );

  it('refuses an entity over 64 KB serialized, naming it and its size', () => {
    const result = parseCatalogText(big(40_000)); // 80,000 bytes of UTF-8 in one need
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([
      'needs[1]: is 79 KB; one entity may be at most 64 KB',
    ]);
    expect(parseCatalogText(big(40_000), { crossReferences: false }).ok).toBe(false);
  });

  it('accepts one just under it', () => {
    expect(parseCatalogText(big(32_000)).ok).toBe(true);
  });
});
