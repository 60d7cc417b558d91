import { describe, expect, it } from 'vitest';
import { formatError, parseCatalog } from '@/utils/catalog/validate';
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
