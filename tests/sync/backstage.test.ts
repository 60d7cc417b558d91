import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '@/utils/catalog/validate';
import { mapBackstageEntities, parseEntityRef, tandemId } from '@/utils/sync/backstage';
import { backstageCatalogBase, backstageEntitiesUrl, nextPageUrl } from '@/utils/sync/fetch-source';

const fixture = (): unknown[] =>
  JSON.parse(readFileSync(resolve(process.cwd(), 'tests/fixtures/backstage/entities.json'), 'utf8'));

function mapped() {
  const result = mapBackstageEntities(fixture(), 'Backstage (backstage.acme.example)');
  const parsed = parseCatalog(result.catalog);
  if (!parsed.ok) throw new Error(`mapped catalog invalid: ${JSON.stringify(parsed.errors)}`);
  return { catalog: parsed.catalog, notes: result.notes };
}

describe('Backstage entity refs', () => {
  it('reads refs with and without kind and namespace, case-insensitively', () => {
    const defaults = { kind: 'user', namespace: 'default' };
    expect(parseEntityRef('jdoe', defaults)).toEqual({ kind: 'user', namespace: 'default', name: 'jdoe' });
    expect(parseEntityRef('Group:Ops/Team-A', defaults)).toEqual({
      kind: 'group',
      namespace: 'ops',
      name: 'team-a',
    });
    expect(parseEntityRef('ops/jdoe', defaults)).toEqual({ kind: 'user', namespace: 'ops', name: 'jdoe' });
  });

  it('makes Tandem ids, with the namespace only outside default', () => {
    expect(tandemId({ kind: 'user', namespace: 'default', name: 'jdoe' })).toBe('user:jdoe');
    expect(tandemId({ kind: 'group', namespace: 'emea', name: 'ops' })).toBe('group:emea:ops');
    expect(tandemId({ kind: 'user', namespace: 'default', name: 'x'.repeat(70) })).toBeNull();
  });
});

describe('Backstage catalog to Tandem catalog', () => {
  it('maps the recorded response to a catalog that passes every rule on its own', () => {
    const { catalog } = mapped();
    expect(catalog.name).toBe('Backstage (backstage.acme.example)');
    expect(catalog.people.map((person) => person.id).sort()).toEqual([
      'user:ines',
      'user:jdoe',
      'user:kenji',
      'user:maria',
      'user:olu',
      'user:raj',
      'user:sam',
      'user:zoe',
    ]);
    expect(catalog.teams.map((team) => team.id).sort()).toEqual([
      'group:billing',
      'group:commerce',
      'group:team-checkout',
      'group:team-ops',
    ]);
    expect(catalog.needs).toEqual([]);
  });

  it('maps users: display name, e-mail, and the name when there is no display name', () => {
    const { catalog } = mapped();
    expect(catalog.people.find((person) => person.id === 'user:jdoe')).toEqual({
      id: 'user:jdoe',
      name: 'Jenny Doe',
      email: 'jenny-doe@acme.example',
    });
    // No displayName and an e-mail that is not an address: the name stands in, the e-mail is left out.
    expect(catalog.people.find((person) => person.id === 'user:sam')).toEqual({
      id: 'user:sam',
      name: 'sam',
    });
  });

  it('maps a group with both leads to a team: leads, members, parent, approach, charter, channels', () => {
    const { catalog } = mapped();
    expect(catalog.teams.find((team) => team.id === 'group:team-checkout')).toEqual({
      id: 'group:team-checkout',
      name: 'Checkout',
      approach: 'clean-slate',
      businessLead: 'user:maria',
      itLead: 'user:raj',
      members: ['user:jdoe', 'user:maria', 'user:raj'],
      parent: 'group:commerce',
      charter: { url: 'https://wiki.acme.example/checkout', mission: 'Make buying again effortless' },
      // The http:// link is not a channel: every URL from data is https-only.
      channels: [{ label: '#checkout', url: 'https://chat.acme.example/channels/checkout' }],
    });
    expect(catalog.teams.find((team) => team.id === 'group:billing')).toMatchObject({ approach: 'firewall' });
  });

  it('links teams to the Jira projects of what they own, and of themselves', () => {
    const { catalog } = mapped();
    expect(catalog.links).toEqual([
      { team: 'group:billing', jira: { project: 'BILL' } },
      { team: 'group:team-checkout', jira: { project: 'SHOP', component: 'Cart' } },
      { team: 'group:team-checkout', jira: { project: 'SHOP', label: 'api' } },
      { team: 'group:team-checkout', jira: { project: 'SHOP', label: 'payments' } },
      { team: 'group:team-ops', jira: { project: 'OPS' } },
    ]);
  });

  it('says what it left out and why', () => {
    const { notes } = mapped();
    expect(notes).toEqual([
      'user:default/sam: e-mail "not-an-address" left out (not an address)',
      'group:default/platform is not a team in Tandem: no tandem.io/business-lead annotation; no tandem.io/it-lead annotation',
      'component:default/platform-api: jira/project-key "PLAT" not linked: no owning group is a team',
      'component:default/legacy-shop: "not a key!" is not a Jira project key',
    ]);
  });

  it('leaves out a group whose lead is not a user in the catalog', () => {
    const entities = [
      { kind: 'User', metadata: { name: 'a' }, spec: { memberOf: [] } },
      {
        kind: 'Group',
        metadata: {
          name: 'g',
          annotations: { 'tandem.io/business-lead': 'a', 'tandem.io/it-lead': 'ghost' },
        },
        spec: { type: 'team', children: [] },
      },
      { kind: 'Group', metadata: {} },
    ];
    const { catalog, notes } = mapBackstageEntities(entities, 'B');
    expect(catalog.teams).toEqual([]);
    expect(notes).toEqual([
      'entity 2: not a Backstage entity (Invalid input: expected string, received undefined)',
      'group:default/g is not a team in Tandem: tandem.io/it-lead names "ghost", who is not a User in this catalog',
    ]);
  });
});

describe('Backstage catalog API URLs', () => {
  it('finds the catalog API from a site address or from the API address', () => {
    expect(backstageCatalogBase('https://backstage.acme.example').href).toBe(
      'https://backstage.acme.example/api/catalog',
    );
    expect(backstageCatalogBase('https://acme.example/portal/').href).toBe(
      'https://acme.example/portal/api/catalog',
    );
    expect(backstageCatalogBase('https://acme.example/api/catalog/entities?x=1').href).toBe(
      'https://acme.example/api/catalog',
    );
  });

  it('asks for groups, users and what carries a Jira project key, one page at a time', () => {
    const url = new URL(backstageEntitiesUrl('https://backstage.acme.example'));
    expect(url.pathname).toBe('/api/catalog/entities');
    expect(url.searchParams.getAll('filter')).toEqual([
      'kind=group',
      'kind=user',
      'metadata.annotations.jira/project-key',
    ]);
    expect(url.searchParams.get('limit')).toBe('500');
  });

  it('follows Link rel="next" relative to the catalog API, on the same origin only', () => {
    const source = 'https://backstage.acme.example';
    expect(nextPageUrl('</entities?limit=2&after=abc>; rel="next"', source)).toBe(
      'https://backstage.acme.example/api/catalog/entities?limit=2&after=abc',
    );
    expect(nextPageUrl('<https://evil.example/entities>; rel="next"', source)).toBeNull();
    expect(nextPageUrl('</entities?after=x>; rel="prev"', source)).toBeNull();
    expect(nextPageUrl(undefined, source)).toBeNull();
  });
});
