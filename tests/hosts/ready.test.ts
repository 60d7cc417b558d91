import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamicsAdapter } from '@/utils/hosts/dynamics';
import { createHubSpotAdapter } from '@/utils/hosts/hubspot';
import { jiraCloudAdapter } from '@/utils/hosts/jira-cloud';
import { jiraDataCenterAdapter } from '@/utils/hosts/jira-dc';
import { jiraViewReady, MAIN_LANDMARKS, shownIn } from '@/utils/hosts/ready';
import { createSalesforceAdapter } from '@/utils/hosts/salesforce';
import type { Detection } from '@/utils/hosts/types';

const jira = (key: string): Detection => ({
  host: 'jira-cloud',
  recordLabel: key,
  record: { kind: 'jira', host: 'jira-cloud', key },
});

beforeEach(() => {
  document.title = '';
  document.body.innerHTML = '';
});

describe('shownIn', () => {
  it('finds the exact text, visible, inside a landmark only', () => {
    document.body.innerHTML = `
      <div><span>SHOP-142</span></div>
      <main><p>Mentions SHOP-142 in a sentence</p><span style="display: none">SHOP-143</span><b> SHOP-144 </b></main>`;
    expect(shownIn(document, MAIN_LANDMARKS, 'SHOP-142')).toBe(false); // outside, or not alone
    expect(shownIn(document, MAIN_LANDMARKS, 'SHOP-143')).toBe(false); // hidden
    expect(shownIn(document, MAIN_LANDMARKS, 'SHOP-144')).toBe(true);
    expect(shownIn(document, MAIN_LANDMARKS, '')).toBe(false);
  });
});

describe('Jira view signals (markup renamed: no known test id)', () => {
  it('a full page: the title names the key and the main region shows it', () => {
    document.body.innerHTML = '<main><nav><a href="/browse/SHOP-142">SHOP-142</a></nav></main>';
    expect(jiraViewReady(document, 'SHOP-142')).toBe(false); // the title still names the last page
    document.title = '[SHOP-142] Reorder from the order history - Jira';
    expect(jiraViewReady(document, 'SHOP-142')).toBe(true);
    expect(jiraCloudAdapter.viewReady?.(document, jira('SHOP-142'))).toBe(true);
    expect(jiraCloudAdapter.findPlacement(document, jira('SHOP-142'))).toBeNull();
  });

  it('a full page whose title names the key before its view shows it is not ready yet', () => {
    document.title = '[SHOP-142] Reorder - Jira';
    document.body.innerHTML = '<main><div aria-busy="true">loading</div></main>';
    expect(jiraViewReady(document, 'SHOP-142')).toBe(false);
  });

  it('a board: cards in the main region do not count; the side panel showing the key does', () => {
    document.title = 'SHOP board - Shop - Jira';
    document.body.innerHTML = '<main><div><span>SHOP-142</span></div></main>';
    expect(jiraViewReady(document, 'SHOP-142')).toBe(false);
    document.body.insertAdjacentHTML('beforeend', '<aside><a href="/browse/SHOP-142">SHOP-142</a></aside>');
    expect(jiraViewReady(document, 'SHOP-142')).toBe(true);
  });

  it('Data Center: the title and the key anywhere on a classic page', () => {
    const detection: Detection = {
      host: 'jira-dc',
      recordLabel: 'OPS-7',
      record: { kind: 'jira', host: 'jira-dc', key: 'OPS-7' },
    };
    document.body.innerHTML = '<div id="content"><h1><a class="renamed">OPS-7</a></h1></div>';
    expect(jiraDataCenterAdapter.viewReady?.(document, detection)).toBe(false);
    document.title = '[OPS-7] Disk full - Jira';
    expect(jiraDataCenterAdapter.viewReady?.(document, detection)).toBe(true);
  });
});

describe('CRM view signals', () => {
  it('HubSpot: the title names the record and the main region shows that name', () => {
    const adapter = createHubSpotAdapter();
    const detection: Detection = {
      host: 'hubspot',
      recordLabel: 'company/42',
      record: { kind: 'crm', host: 'hubspot', object: 'company', id: '42' },
    };
    document.title = 'Northwind Traders | HubSpot';
    document.body.innerHTML = '<main><div class="renamed-card"><span>Northwind Traders</span></div></main>';
    expect(adapter.viewReady?.(document, detection)).toBe(true);
    document.body.innerHTML = '<main><div>Companies</div></main>';
    expect(adapter.viewReady?.(document, detection)).toBe(false);
  });

  it('Dynamics: `Entity: name - Dynamics 365` with the name on the page, not the previous record’s', () => {
    const adapter = createDynamicsAdapter();
    const detection = (id: string): Detection => ({
      host: 'dynamics',
      recordLabel: `account/${id}`,
      record: { kind: 'crm', host: 'dynamics', object: 'account', id },
    });
    document.title = 'Account: Contoso - Dynamics 365';
    document.body.innerHTML = '<div role="main"><h2>Contoso</h2></div>';
    expect(adapter.viewReady?.(document, detection('a'))).toBe(true);
    document.body.innerHTML = '<div><h1 class="renamed">Contoso- Saved</h1></div>';
    expect(adapter.viewReady?.(document, detection('a'))).toBe(true);
    // Contoso is now known as record a's name: a title still saying Contoso is stale for record b.
    expect(adapter.viewReady?.(document, detection('b'))).toBe(false);
    document.title = 'Account: Fabrikam - Dynamics 365';
    document.body.innerHTML = '<div><h1 class="renamed">Fabrikam- Saved</h1></div>';
    expect(adapter.viewReady?.(document, detection('b'))).toBe(true);
  });

  it('Salesforce: no title signal yet (it fired before the related records changed), so never ready by it', () => {
    const adapter = createSalesforceAdapter();
    const detection: Detection = {
      host: 'salesforce',
      recordLabel: 'Account/001000000000001AAA',
      record: { kind: 'crm', host: 'salesforce', object: 'Account', id: '001000000000001AAA' },
    };
    document.title = 'Acme | Account | Salesforce';
    document.body.innerHTML =
      '<div class="windowViewMode-normal oneContent active lafPageHost"><div>renamed</div></div>';
    expect(adapter.viewReady?.(document, detection)).toBe(false);
    document.title = 'Salesforce';
    expect(adapter.viewReady?.(document, detection)).toBe(false);
  });
});
