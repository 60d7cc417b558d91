/**
 * Property-based tests: thousands of malformed and mutated catalogs and messages. Whatever the
 * input, parsing answers (no throw, no hang) with either a catalog or errors that each name a path
 * and a rule, and nothing reaches storage unless it validated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCatalog, parseCatalogText } from '@/utils/catalog/validate';
import { Protocol } from '@/utils/messages';
import { catalogInput } from '../catalog/build';

const PATH = /^(\(document\)|[A-Za-z]+(\[\d+\])?(\.[A-Za-z]+(\[\d+\])?)*|[A-Za-z]+\.[A-Za-z]+)$/;

function expectWellFormedAnswer(result: ReturnType<typeof parseCatalog>) {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(error.path).toMatch(PATH);
    expect(error.rule.length).toBeGreaterThan(0);
  }
}

/** A valid catalog with one value somewhere replaced by arbitrary JSON. */
const mutatedCatalog = fc
  .tuple(
    fc.constantFrom('people', 'teams', 'needs', 'links'),
    fc.nat(3),
    fc.string({ maxLength: 12 }),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([kind, index, field, value]) => {
    const base = structuredClone(
      catalogInput({
        needs: [{ id: 'n-a', title: 'A', team: 't-checkout' }],
        links: [{ need: 'n-a', jira: { issue: 'SHOP-1' } }],
      }),
    ) as unknown as Record<string, Record<string, unknown>[]>;
    const list = base[kind] ?? [];
    const target = list[index % Math.max(list.length, 1)];
    if (target) target[field || 'id'] = value;
    return base;
  });

describe('catalog parsing under arbitrary input', () => {
  it('answers any JSON value with a catalog or path-and-rule errors', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expectWellFormedAnswer(parseCatalog(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers any mutation of a valid catalog the same way', () => {
    fc.assert(
      fc.property(mutatedCatalog, (catalog) => {
        expectWellFormedAnswer(parseCatalog(catalog));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers any text, JSON or not', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expectWellFormedAnswer(parseCatalogText(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses deeply nested input quickly instead of freezing', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const started = performance.now();
    const result = parseCatalogText(deep);
    expect(result.ok).toBe(false);
    // Not a timing assertion on the code's speed: a guard that the call returns at all.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('messages under arbitrary input', () => {
  it('every request schema refuses or accepts any value without throwing', () => {
    const schemas = Object.values(Protocol).map((entry) => entry.request);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.nat(schemas.length - 1), (value, i) => {
        const result = schemas[i]?.safeParse(value);
        expect(typeof result?.success).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  it('a resolve request with a mutated record never passes with a malformed key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (key) => {
        const parsed = Protocol.resolve.request.safeParse({
          type: 'resolve',
          record: { kind: 'jira', host: 'jira-cloud', key },
        });
        if (parsed.success) expect(key).toMatch(/^[A-Z][A-Z0-9_]+-[0-9]+$/);
      }),
      { numRuns: 2000 },
    );
  });
});
