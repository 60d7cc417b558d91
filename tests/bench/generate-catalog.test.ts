import { describe, expect, it } from 'vitest';
import {
  type CatalogSize,
  catalogText,
  DEFAULT_SEED,
  FIXTURE_ANCHORS,
  generateCatalog,
  mulberry32,
  SMALL_SIZE,
  sha256,
} from '../../bench/generate-catalog';
import { resolveRecord } from '../../utils/catalog/resolve';
import { buildResolveIndex } from '../../utils/catalog/resolve-index';
import { parseCatalog } from '../../utils/catalog/validate';

const TINY: CatalogSize = { needs: 60, people: 20, teams: 6, links: 120 };

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(990);
  });

  it('gives another sequence for another seed', () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

describe('generateCatalog', () => {
  it('is deterministic: the same seed and size give the same bytes', () => {
    const first = sha256(catalogText(generateCatalog({ seed: 7, size: SMALL_SIZE })));
    const second = sha256(catalogText(generateCatalog({ seed: 7, size: SMALL_SIZE })));
    expect(second).toBe(first);
    expect(sha256(catalogText(generateCatalog({ seed: 8, size: SMALL_SIZE })))).not.toBe(first);
  });

  it('matches the pinned output (bump GENERATOR_VERSION and this hash when the output changes)', () => {
    // Cached catalogs in bench/out are named by GENERATOR_VERSION: a changed generator with the
    // same version would silently reuse a stale file.
    expect(sha256(catalogText(generateCatalog({ seed: DEFAULT_SEED, size: TINY })))).toBe(
      '5534e5d40f5ae31d0bed892f6905db87c2207feb034641f6fcdb53c848e76cf4',
    );
  });

  it('has exactly the requested counts', () => {
    const catalog = generateCatalog({ seed: 3, size: SMALL_SIZE });
    expect({
      needs: catalog.needs.length,
      people: catalog.people.length,
      teams: catalog.teams.length,
      links: catalog.links.length,
    }).toEqual(SMALL_SIZE);
  });

  it('is valid under parseCatalog', () => {
    const result = parseCatalog(JSON.parse(catalogText(generateCatalog({ seed: 11, size: SMALL_SIZE }))));
    if (!result.ok) expect(result.errors.slice(0, 5)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('spreads links over every target kind and every CRM system', () => {
    const { links } = generateCatalog({ seed: 5, size: SMALL_SIZE }) as unknown as {
      links: { team?: string; jira?: Record<string, string>; crm?: Record<string, string> }[];
    };
    const kinds = new Set(
      links.map((link) => {
        if (link.jira?.issue) return 'issue';
        if (link.jira?.epic) return 'epic';
        if (link.jira?.label) return 'label';
        if (link.jira?.component) return 'component';
        if (link.jira?.project) return 'project';
        return link.crm?.id ? `${link.crm.system}:id` : `${link.crm?.system}:name`;
      }),
    );
    expect([...kinds].sort()).toEqual(
      [
        'component',
        'epic',
        'issue',
        'label',
        'project',
        ...['dynamics', 'hubspot', 'salesforce', 'zendesk'].flatMap((system) => [
          `${system}:id`,
          `${system}:name`,
        ]),
      ].sort(),
    );
    expect(links.some((link) => link.team !== undefined)).toBe(true);
  });

  it('links what the fixture sites show, so their pages resolve to needs', () => {
    const parsed = parseCatalog(JSON.parse(catalogText(generateCatalog({ seed: 13, size: TINY }))));
    if (!parsed.ok) throw new Error('invalid catalog');
    const index = buildResolveIndex(parsed.catalog);
    const jira = resolveRecord(index, { kind: 'jira', host: 'jira-cloud', key: 'SHOP-142' });
    expect(jira.needs.length).toBeGreaterThan(0);
    const salesforce15 = resolveRecord(index, {
      kind: 'crm',
      host: 'salesforce',
      object: 'Account',
      id: '001Dn00000AbCdE', // the 15-character form of the fixture's Globex account
    });
    expect(salesforce15.needs.length).toBeGreaterThan(0);
    const byName = resolveRecord(index, {
      kind: 'crm',
      host: 'zendesk',
      object: 'ticket',
      id: '1',
      names: ['Umbrella Retail Group'],
    });
    expect(byName.needs.length).toBeGreaterThan(0);
    expect(FIXTURE_ANCHORS.length).toBeLessThanOrEqual(TINY.links);
  });

  it('refuses sizes too small to hold the fixture links', () => {
    expect(() => generateCatalog({ size: { needs: 1, people: 2, teams: 1, links: 3 } })).toThrow(/links/);
  });
});
