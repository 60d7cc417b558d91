import { describe, expect, it } from 'vitest';
import { crmRecordUrl, recordUrlFinder } from '@/utils/catalog/record-links';
import { validCatalog } from './build';

const sites = {
  salesforce: ['https://acme.lightning.force.com'],
  dynamics: ['https://acme.crm.dynamics.com'],
  zendesk: ['https://acme.zendesk.com'],
  hubspot: ['https://app.hubspot.com'],
};

describe('crmRecordUrl', () => {
  it('builds each system’s record address from its first site', () => {
    expect(crmRecordUrl({ system: 'salesforce', object: 'Account', id: '001Dn00000AbCdEIAV' }, sites)).toBe(
      'https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAV/view',
    );
    expect(crmRecordUrl({ system: 'dynamics', object: 'account', id: 'abc' }, sites)).toBe(
      'https://acme.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=abc',
    );
    expect(crmRecordUrl({ system: 'zendesk', object: 'ticket', id: '35436' }, sites)).toBe(
      'https://acme.zendesk.com/agent/tickets/35436',
    );
    // HubSpot needs the portal id; without a site nothing is built.
    expect(crmRecordUrl({ system: 'hubspot', object: 'company', id: '1' }, sites)).toBeUndefined();
    expect(crmRecordUrl({ system: 'salesforce', id: '001' }, {})).toBeUndefined();
  });
});

describe('recordUrlFinder', () => {
  const catalog = validCatalog({
    sites,
    needs: [
      {
        id: 'n-1',
        title: 'One',
        customers: [{ name: 'Globex Corporation' }, { name: 'Initech' }],
      },
      { id: 'n-2', title: 'Two', customers: [{ name: 'Vandelay' }] },
      { id: 'n-3', title: 'Three', customers: [{ name: 'A' }, { name: 'B' }] },
    ],
    links: [
      { need: 'n-1', crm: { system: 'salesforce', object: 'Account', id: '001A' } },
      { need: 'n-1', crm: { system: 'salesforce', name: 'Globex Corp.' } },
      { need: 'n-2', crm: { system: 'zendesk', object: 'organization', id: '7' } },
      { need: 'n-3', crm: { system: 'salesforce', object: 'Account', id: '001B' } },
    ],
  });
  const find = recordUrlFinder(catalog);

  it('gives a record to the customer the need’s name link on that system names', () => {
    expect(find('n-1', 'Globex Corporation')).toBe(
      'https://acme.lightning.force.com/lightning/r/Account/001A/view',
    );
    expect(find('n-1', 'Initech')).toBeUndefined();
  });

  it('gives a record to a need’s only customer, and guesses nothing for several', () => {
    expect(find('n-2', ' vandelay ')).toBe('https://acme.zendesk.com/agent/organizations/7');
    expect(find('n-3', 'A')).toBeUndefined();
  });
});
