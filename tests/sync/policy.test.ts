import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_IDS } from '@/utils/catalog/view';
import { DEFAULT_SETTINGS, REFRESH_MINUTES, SOURCE_KINDS, Source } from '@/utils/settings/schema';
import { MANAGED_SCHEMA_PATH, managedSchemaText } from '@/utils/sync/managed-schema';
import { applyPolicy, MANAGED_KEYS, NO_POLICY, parseManagedPolicy } from '@/utils/sync/policy';

describe('browser policy (storage.managed)', () => {
  it('takes the keys it knows, fills in source ids and defaults, and locks them', () => {
    const policy = parseManagedPolicy({
      sources: [
        { url: 'https://catalog.acme.example/tandem.json' },
        { id: 'bs', url: 'https://backstage.acme.example', kind: 'backstage', refreshMinutes: 30 },
        { url: 'https://catalog.acme.example/other.json' },
      ],
      disabledHosts: ['zendesk'],
      somethingElse: true,
    });
    expect(policy.errors).toEqual([]);
    expect(policy.locked).toEqual(['sources', 'disabledHosts']);
    expect(policy.values.sources).toEqual([
      {
        id: 'catalog-acme-example',
        url: 'https://catalog.acme.example/tandem.json',
        kind: 'catalog',
        refreshMinutes: 60,
      },
      { id: 'bs', url: 'https://backstage.acme.example', kind: 'backstage', refreshMinutes: 30 },
      {
        id: 'catalog-acme-example-2',
        url: 'https://catalog.acme.example/other.json',
        kind: 'catalog',
        refreshMinutes: 60,
      },
    ]);
  });

  it('ignores an invalid value (never wiping what users have) and says why', () => {
    const policy = parseManagedPolicy({
      sources: [{ url: 'http://catalog.acme.example/tandem.json' }],
      jiraDcOrigins: ['https://jira.acme.example'],
    });
    expect(policy.locked).toEqual(['jiraDcOrigins']);
    expect(policy.errors).toEqual([
      {
        path: 'sources[0].url',
        rule: 'must be an https:// URL (http:// only for localhost or 127.0.0.1), with no * wildcard or user name (this policy value is ignored)',
      },
    ]);
    const twice = parseManagedPolicy({
      sources: [
        { id: 'a', url: 'https://x.example/1.json' },
        { id: 'a', url: 'https://x.example/2.json' },
      ],
    });
    expect(twice.locked).toEqual([]);
    expect(twice.errors[0]?.rule).toMatch(/two sources have the id "a"/);
  });

  it('reads no policy from nothing', () => {
    expect(parseManagedPolicy(undefined)).toEqual(NO_POLICY);
    expect(parseManagedPolicy({})).toEqual({ values: {}, locked: [], errors: [] });
  });

  it('replaces only the keys the policy sets', () => {
    const user = { ...DEFAULT_SETTINGS, disabledHosts: ['hubspot' as const], pinnedTeams: ['t-a'] };
    const effective = applyPolicy(user, parseManagedPolicy({ disabledHosts: [] }));
    expect(effective.disabledHosts).toEqual([]);
    expect(effective.pinnedTeams).toEqual(['t-a']);
  });
});

describe('public/managed_schema.json', () => {
  const schema = JSON.parse(readFileSync(resolve(process.cwd(), 'public/managed_schema.json'), 'utf8'));

  /** Chrome's rules: every schema has exactly one type (or a $ref); the top level has no additionalProperties. */
  function everySchema(node: Record<string, unknown>, visit: (node: Record<string, unknown>) => void) {
    visit(node);
    for (const child of Object.values((node.properties ?? {}) as Record<string, Record<string, unknown>>))
      everySchema(child, visit);
    if (node.items) everySchema(node.items as Record<string, unknown>, visit);
  }

  it('declares exactly the keys the extension reads, in a form Chrome accepts', () => {
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(Object.keys(schema.properties)).toEqual([...MANAGED_KEYS]);
    everySchema(schema, (node) => {
      expect(typeof node.type === 'string' || typeof node.$ref === 'string').toBe(true);
      expect(['object', 'array', 'string', 'integer', 'number', 'boolean']).toContain(node.type);
    });
  });

  it('is the file `npm run schema` writes from the code', () => {
    expect(
      readFileSync(resolve(process.cwd(), MANAGED_SCHEMA_PATH), 'utf8'),
      'public/managed_schema.json is stale: run `npm run schema`',
    ).toBe(managedSchemaText());
  });

  it('lists the same hosts, kinds and bounds as the settings schema', () => {
    expect(schema.properties.disabledHosts.items.enum).toEqual([...HOST_IDS]);
    const source = schema.properties.sources.items.properties;
    expect(source.kind.enum).toEqual([...SOURCE_KINDS]);
    expect([source.refreshMinutes.minimum, source.refreshMinutes.maximum]).toEqual([
      REFRESH_MINUTES.min,
      REFRESH_MINUTES.max,
    ]);
    // The settings schema takes the same bounds.
    expect(Source.safeParse({ id: 'a', url: 'https://a.example/c.json', refreshMinutes: 4 }).success).toBe(
      false,
    );
    expect(
      Source.safeParse({ id: 'a', url: 'https://a.example/c.json', refreshMinutes: 10_080 }).success,
    ).toBe(true);
  });
});
