import { describe, expect, it } from 'vitest';
import { resolveRecord } from '@/utils/catalog/resolve';
import { buildResolveIndex } from '@/utils/catalog/resolve-index';
import type { CatalogInput } from '@/utils/catalog/schema';
import type { CrmRecord, JiraRecord } from '@/utils/catalog/view';
import { validCatalog } from './build';

type NeedInput = CatalogInput['needs'][number];

const need = (id: string, extra: Partial<NeedInput> = {}): NeedInput => ({
  id,
  title: `Need ${id}`,
  ...extra,
});

function resolveJira(overrides: Partial<CatalogInput>, record: Partial<JiraRecord> & { key: string }) {
  const index = buildResolveIndex(validCatalog(overrides));
  return resolveRecord(index, { kind: 'jira', host: 'jira-cloud', ...record });
}

function resolveCrm(overrides: Partial<CatalogInput>, record: Omit<CrmRecord, 'kind'>) {
  return resolveRecord(buildResolveIndex(validCatalog(overrides)), { kind: 'crm', ...record });
}

const ids = (context: { needs: { id: string }[] }) => context.needs.map((n) => n.id);

describe('resolving a Jira issue', () => {
  it('finds needs linked to the issue key, compared upper-case', () => {
    const context = resolveJira(
      { needs: [need('n-a')], links: [{ need: 'n-a', jira: { issue: 'shop-142' } }] },
      { key: 'SHOP-142' },
    );
    expect(ids(context)).toEqual(['n-a']);
    expect(context.needs[0]?.level).toBe('issue');
  });

  it('matches an epic link on the epic itself and on issues whose epic or parent it is', () => {
    const overrides = { needs: [need('n-a')], links: [{ need: 'n-a', jira: { epic: 'SHOP-100' } }] };
    expect(ids(resolveJira(overrides, { key: 'SHOP-100' }))).toEqual(['n-a']);
    expect(ids(resolveJira(overrides, { key: 'SHOP-143', epic: 'SHOP-100' }))).toEqual(['n-a']);
    expect(ids(resolveJira(overrides, { key: 'SHOP-144', parent: 'SHOP-100' }))).toEqual(['n-a']);
    expect(ids(resolveJira(overrides, { key: 'SHOP-145' }))).toEqual([]);
  });

  it('matches project + label and project + component case-insensitively, only in that project', () => {
    const overrides = {
      needs: [need('n-label'), need('n-comp')],
      links: [
        { need: 'n-label', jira: { project: 'SHOP', label: 'Invoicing' } },
        { need: 'n-comp', jira: { project: 'SHOP', component: 'Cart' } },
      ],
    };
    const context = resolveJira(overrides, { key: 'SHOP-1', labels: ['invoicing'], components: ['cart'] });
    expect(ids(context).sort()).toEqual(['n-comp', 'n-label']);
    expect(
      ids(resolveJira(overrides, { key: 'OPS-1', labels: ['invoicing'], components: ['Cart'] })),
    ).toEqual([]);
  });

  it('orders levels most specific first and lists a need once, at its most specific level', () => {
    const context = resolveJira(
      {
        needs: [need('n-project'), need('n-epic'), need('n-issue'), need('n-label')],
        links: [
          { need: 'n-project', jira: { project: 'SHOP' } },
          { need: 'n-issue', jira: { project: 'SHOP' } },
          { need: 'n-label', jira: { project: 'SHOP', label: 'x' } },
          { need: 'n-epic', jira: { epic: 'SHOP-100' } },
          { need: 'n-issue', jira: { issue: 'SHOP-142' } },
        ],
      },
      { key: 'SHOP-142', epic: 'SHOP-100', labels: ['x'] },
    );
    expect(context.needs.map((n) => [n.id, n.level])).toEqual([
      ['n-issue', 'issue'],
      ['n-epic', 'epic'],
      ['n-label', 'label'],
      ['n-project', 'project'],
    ]);
  });

  it('sorts within a level by status, then highest customer importance, then title', () => {
    const context = resolveJira(
      {
        needs: [
          need('n-parked', { status: 'parked', title: 'A' }),
          need('n-disc-nice', {
            status: 'discovery',
            title: 'A',
            customers: [{ name: 'X', importance: 'nice' }],
          }),
          need('n-disc-crit', {
            status: 'discovery',
            title: 'Z',
            customers: [
              { name: 'X', importance: 'nice' },
              { name: 'Y', importance: 'critical' },
            ],
          }),
          need('n-commit-b', { status: 'committed', title: 'B' }),
          need('n-commit-a', { status: 'committed', title: 'A' }),
          need('n-delivery', { status: 'in-delivery', title: 'Z' }),
          need('n-released', { status: 'released' }),
          need('n-adopted', { status: 'adopted' }),
        ],
        links: [
          'n-parked',
          'n-disc-nice',
          'n-disc-crit',
          'n-commit-b',
          'n-commit-a',
          'n-delivery',
          'n-released',
          'n-adopted',
        ].map((id) => ({ need: id, jira: { issue: 'SHOP-1' } })),
      },
      { key: 'SHOP-1' },
    );
    expect(ids(context)).toEqual([
      'n-delivery',
      'n-commit-a',
      'n-commit-b',
      'n-disc-crit',
      'n-disc-nice',
      'n-released',
      'n-adopted',
      'n-parked',
    ]);
  });

  it("takes owners from the need, or from its team's leads, marked as inherited", () => {
    const context = resolveJira(
      {
        needs: [
          need('n-own', { team: 't-checkout', businessOwner: 'p-zoe', itOwner: 'p-kenji' }),
          need('n-inherit', { team: 't-checkout' }),
          need('n-half', { team: 't-checkout', itOwner: 'p-kenji' }),
          need('n-none'),
        ],
        links: ['n-own', 'n-inherit', 'n-half', 'n-none'].map((id) => ({
          need: id,
          jira: { issue: 'SHOP-1' },
        })),
      },
      { key: 'SHOP-1' },
    );
    const byId = new Map(context.needs.map((n) => [n.id, n]));
    expect(byId.get('n-own')?.businessOwner).toMatchObject({ person: { id: 'p-zoe' }, fromTeam: false });
    expect(byId.get('n-inherit')?.businessOwner).toMatchObject({ person: { id: 'p-maria' }, fromTeam: true });
    expect(byId.get('n-inherit')?.itOwner).toMatchObject({ person: { id: 'p-raj' }, fromTeam: true });
    expect(byId.get('n-half')?.businessOwner?.fromTeam).toBe(true);
    expect(byId.get('n-half')?.itOwner).toMatchObject({ person: { id: 'p-kenji' }, fromTeam: false });
    expect(byId.get('n-none')?.businessOwner).toBeNull();
    expect(byId.get('n-inherit')?.team?.charter?.url).toBe('https://wiki.acme.example/checkout');
  });

  it('falls back to the most specific team link when the issue has no need', () => {
    const overrides = {
      needs: [need('n-elsewhere')],
      links: [
        { team: 't-billing', jira: { project: 'SHOP' } },
        { team: 't-checkout', jira: { project: 'SHOP', component: 'Cart' } },
        { need: 'n-elsewhere', jira: { issue: 'OPS-1' } },
      ],
    };
    const specific = resolveJira(overrides, { key: 'SHOP-9', components: ['Cart'] });
    expect(specific.needs).toEqual([]);
    expect(specific.team?.id).toBe('t-checkout');
    expect(specific.teamLevel).toBe('component');
    expect(resolveJira(overrides, { key: 'SHOP-9' }).team?.id).toBe('t-billing');
  });

  it('gives no team-link team when a need matched: the need carries its own team', () => {
    const context = resolveJira(
      {
        needs: [need('n-a')],
        links: [
          { need: 'n-a', jira: { project: 'SHOP' } },
          { team: 't-checkout', jira: { issue: 'SHOP-1' } },
        ],
      },
      { key: 'SHOP-1' },
    );
    expect(ids(context)).toEqual(['n-a']);
    expect(context.team).toBeNull();
  });

  it('answers an unlinked issue with nothing', () => {
    const context = resolveJira({ needs: [need('n-a')], links: [] }, { key: 'SHOP-200' });
    expect(context).toMatchObject({ needs: [], team: null });
  });
});

describe('resolving a CRM record', () => {
  const sfOverrides: Partial<CatalogInput> = {
    needs: [need('n-id'), need('n-name'), need('n-contact'), need('n-hubspot')],
    links: [
      { need: 'n-id', crm: { system: 'salesforce', object: 'Account', id: '001Dn00000AbCdE' } },
      { need: 'n-contact', crm: { system: 'salesforce', object: 'Contact', id: '001Dn00000AbCdEIAV' } },
      { need: 'n-name', crm: { system: 'salesforce', name: 'Globex Corporation' } },
      { need: 'n-hubspot', crm: { system: 'hubspot', name: 'Globex Corporation' } },
      { need: 'n-id', jira: { issue: 'SHOP-142' } },
      { need: 'n-id', jira: { epic: 'SHOP-100' } },
    ],
  };

  it('matches Salesforce 15- and 18-character ids of one record, respecting the object', () => {
    const context = resolveCrm(sfOverrides, {
      host: 'salesforce',
      object: 'Account',
      id: '001Dn00000AbCdEIAV',
    });
    expect(ids(context)).toEqual(['n-id']);
    expect(context.needs[0]?.level).toBe('record-id');
  });

  it('then matches the customer name case- and accent-insensitively, ignoring legal suffixes', () => {
    const context = resolveCrm(sfOverrides, {
      host: 'salesforce',
      object: 'Account',
      id: '001000000000001AAA',
      names: ['  GLOBEX corp. '],
    });
    expect(ids(context)).toEqual(['n-name']);
    expect(context.needs[0]?.level).toBe('customer-name');
  });

  it('lists id matches before name matches, each need once', () => {
    const context = resolveCrm(sfOverrides, {
      host: 'salesforce',
      object: 'Account',
      id: '001Dn00000AbCdE',
      names: ['Globex Corporation'],
    });
    expect(ids(context)).toEqual(['n-id', 'n-name']);
  });

  it('matches name links only within their own system', () => {
    const context = resolveCrm(sfOverrides, {
      host: 'hubspot',
      object: 'company',
      id: '1',
      names: ['Globex Inc.'],
    });
    expect(ids(context)).toEqual(['n-hubspot']);
  });

  it("counts a related record's id as the record's own: a Zendesk ticket's organization", () => {
    const overrides: Partial<CatalogInput> = {
      needs: [need('n-org'), need('n-user')],
      links: [
        { need: 'n-org', crm: { system: 'zendesk', object: 'organization', id: '360001' } },
        { need: 'n-user', crm: { system: 'zendesk', object: 'user', id: '360001' } },
      ],
    };
    const context = resolveCrm(overrides, {
      host: 'zendesk',
      object: 'ticket',
      id: '35436',
      related: [{ object: 'organization', id: '360001' }],
    });
    expect(ids(context)).toEqual(['n-org']);
    expect(context.needs[0]?.level).toBe('record-id');
  });

  it('matches Dynamics GUIDs regardless of case and braces', () => {
    const context = resolveCrm(
      {
        needs: [need('n-dyn')],
        links: [{ need: 'n-dyn', crm: { system: 'dynamics', id: '{6B2A3C4D-1E2F-4A5B-8C9D-0E1F2A3B4C5D}' } }],
      },
      { host: 'dynamics', object: 'account', id: '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d' },
    );
    expect(ids(context)).toEqual(['n-dyn']);
  });

  it("lists each need's IT work as links to the catalog's Jira site", () => {
    const context = resolveCrm(sfOverrides, { host: 'salesforce', object: 'Account', id: '001Dn00000AbCdE' });
    expect(context.needs[0]?.workItems).toEqual([
      { key: 'SHOP-142', url: 'https://acme.atlassian.net/browse/SHOP-142' },
      { key: 'SHOP-100', url: 'https://acme.atlassian.net/browse/SHOP-100' },
    ]);
  });

  it('lists work keys without links when the catalog names no Jira site', () => {
    const context = resolveCrm(
      { ...sfOverrides, sites: {} },
      { host: 'salesforce', object: 'Account', id: '001Dn00000AbCdE' },
    );
    expect(context.needs[0]?.workItems).toEqual([{ key: 'SHOP-142' }, { key: 'SHOP-100' }]);
  });
});
