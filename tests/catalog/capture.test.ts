import { describe, expect, it } from 'vitest';
import { linkValue, localId, newNeedValue, suggestedTitle } from '@/utils/catalog/capture';
import { Link, Need } from '@/utils/catalog/schema';
import type { RecordRef } from '@/utils/catalog/view';

const JIRA: RecordRef = { kind: 'jira', host: 'jira-cloud', key: 'SHOP-200', epic: 'SHOP-100' };
const CRM: RecordRef = {
  kind: 'crm',
  host: 'dynamics',
  object: 'account',
  id: '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d',
  names: ['Globex Corporation', 'Globex'],
};
const NOW = new Date('2026-11-20T09:30:00Z');

describe('capture values', () => {
  it('links a Jira record by its issue key and a CRM record by system, object and id', () => {
    expect(linkValue(JIRA, 'n-1')).toEqual({ need: 'n-1', jira: { issue: 'SHOP-200' } });
    expect(linkValue(CRM, 'n-1')).toEqual({
      need: 'n-1',
      crm: { system: 'dynamics', object: 'account', id: '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d' },
    });
    for (const record of [JIRA, CRM]) expect(Link.safeParse(linkValue(record, 'n-1')).success).toBe(true);
  });

  it('suggests the customer name a CRM page gave, else the record', () => {
    expect(suggestedTitle(JIRA, 'SHOP-200')).toBe('SHOP-200');
    expect(suggestedTitle(CRM, 'account/6b2a')).toBe('Globex Corporation');
    expect(suggestedTitle({ ...CRM, names: undefined }, 'account/6b2a')).toBe('account/6b2a');
  });

  it('makes local ids the catalog accepts', () => {
    const id = localId('n', NOW, () => 0.123456789);
    expect(id).toMatch(/^n-local-[a-z0-9]+-[a-z0-9]{1,6}$/);
    expect(id.length).toBeLessThanOrEqual(64);
  });

  it('builds a need the catalog schema accepts, with the page as evidence only when https', () => {
    const page = {
      record: CRM,
      recordLabel: 'account/6b2a',
      hostLabel: 'Dynamics 365',
      url: 'https://acme.crm.dynamics.com/main.aspx?id=1',
    };
    const value = newNeedValue({ title: '  Reorder  ', businessOwner: 'p-maria', itOwner: '' }, page, NOW);
    expect(value).toMatchObject({
      title: 'Reorder',
      status: 'discovery',
      businessOwner: 'p-maria',
      customers: [{ name: 'Globex Corporation' }],
      evidence: [{ label: 'Dynamics 365 account/6b2a', url: 'https://acme.crm.dynamics.com/main.aspx?id=1' }],
    });
    expect(value).not.toHaveProperty('itOwner');
    expect(Need.safeParse(value).success).toBe(true);
    for (const url of ['http://jira.intranet/browse/X-1', 'javascript:alert(1)', 'not a url']) {
      expect(newNeedValue({ title: 'T' }, { ...page, url }, NOW)).not.toHaveProperty('evidence');
    }
  });
});
