/**
 * Real-looking URLs for every CRM host, with what each names (`data-record`, docs/surfaces.md) or null.
 * Every URL must match its own detector and no other (tests/hosts/<host>.test.ts).
 */

import { dynamicsDetection } from '@/utils/hosts/dynamics';
import { hubspotDetection } from '@/utils/hosts/hubspot';
import { jiraCloudAdapter } from '@/utils/hosts/jira-cloud';
import { salesforceDetection } from '@/utils/hosts/salesforce';
import type { Detection } from '@/utils/hosts/types';
import { zendeskDetection } from '@/utils/hosts/zendesk';

export const DETECTORS: Record<string, (url: URL) => Detection | null> = {
  'jira-cloud': (url) => jiraCloudAdapter.detect(url),
  salesforce: salesforceDetection,
  hubspot: hubspotDetection,
  dynamics: dynamicsDetection,
  zendesk: zendeskDetection,
};

/** [url, data-record] */
export const SALESFORCE_RECORDS: [string, string][] = [
  [
    'https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAV/view',
    'Account/001Dn00000AbCdEIAV',
  ],
  ['https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdE/view', 'Account/001Dn00000AbCdEIAV'],
  [
    'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn00000XyZaBIAV/edit?count=1&backgroundContext=%2Flightning%2Fpage%2Fhome',
    'Opportunity/006Dn00000XyZaBIAV',
  ],
  [
    'https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAV/related/Contacts/view',
    'Account/001Dn00000AbCdEIAV',
  ],
  ['https://acme.lightning.force.com/lightning/r/001Dn00000AbCdEIAV/view', 'Account/001Dn00000AbCdEIAV'],
  ['https://acme.lightning.force.com/lightning/r/003Dn00000ArTvAIAV/view', 'Contact/003Dn00000ArTvAIAV'],
  ['https://acme.lightning.force.com/lightning/r/006Dn00000XyZaB/view', 'Opportunity/006Dn00000XyZaBIAV'],
  ['https://acme.lightning.force.com/lightning/r/00QDn00000LeAd1MAF/view', 'Lead/00QDn00000LeAd1MAF'],
  ['https://acme.lightning.force.com/lightning/r/500Dn00000CaSe1IAF/view', 'Case/500Dn00000CaSe1IAF'],
  [
    'https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/500Dn00000CaSe1IAF/view',
    'Case/500Dn00000CaSe1IAF',
  ],
  [
    'https://acme.lightning.force.com/lightning/r/Invoice__c/a0X5e00000AbCdEEAV/view',
    'Invoice__c/a0X5e00000AbCdEEAV',
  ],
  [
    'https://acme.lightning.force.com/lightning/page/home?ws=%2Flightning%2Fr%2FAccount%2F001Dn00000AbCdEIAV%2Fview',
    'Account/001Dn00000AbCdEIAV',
  ],
  [
    'https://acme.lightning.force.com/lightning/r/Contact/003Dn00000ArTvAIAV/view?ws=%2Flightning%2Fr%2FAccount%2F001Dn00000AbCdEIAV%2Fview',
    'Contact/003Dn00000ArTvAIAV',
  ],
  [
    'https://acme.lightning.force.com/one/one.app#/sObject/001Dn00000AbCdEIAV/view',
    'Account/001Dn00000AbCdEIAV',
  ],
  ['https://acme.my.salesforce.com/001Dn00000AbCdE', 'Account/001Dn00000AbCdEIAV'],
  ['https://acme.my.salesforce.com/001Dn00000AbCdEIAV', 'Account/001Dn00000AbCdEIAV'],
  [
    'https://acme.my.salesforce.com/006Dn00000XyZaB/e?retURL=%2F006Dn00000XyZaB',
    'Opportunity/006Dn00000XyZaBIAV',
  ],
  ['https://acme--uat.sandbox.my.salesforce.com/500Dn00000CaSe1?srPos=0', 'Case/500Dn00000CaSe1IAF'],
];

export const SALESFORCE_NOT_RECORDS = [
  'https://acme.lightning.force.com/lightning/page/home',
  'https://acme.lightning.force.com/lightning/o/Account/list?filterName=Recent',
  'https://acme.lightning.force.com/lightning/o/Account/new',
  'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
  'https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCd/view',
  'https://acme.lightning.force.com/one/one.app#/home',
  'https://acme.my.salesforce.com/setup/forcecomHomepage.apexp?setupid=ForceCom',
  'https://acme.my.salesforce.com/apex/InvoicePage?id=001Dn00000AbCdE',
  'https://acme.my.salesforce.com/home/home.jsp',
  'https://acme.my.salesforce.com/001Dn00000AbCdEXXX',
  'https://acme.my.salesforce.com/ChangePassword1',
  'https://acme.my.salesforce.com/001/o',
  'http://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAV/view',
  'https://acme.lightning.force.com.evil.example/lightning/r/Account/001Dn00000AbCdEIAV/view',
  'https://acme.my.site.com/s/account/001Dn00000AbCdEIAV/globex',
];

export const HUBSPOT_RECORDS: [string, string][] = [
  ['https://app.hubspot.com/contacts/4711001/record/0-2/18273645012', 'company/18273645012'],
  ['https://app.hubspot.com/contacts/4711001/record/0-2/18273645012/view/1', 'company/18273645012'],
  ['https://app-eu1.hubspot.com/contacts/26000001/record/0-1/51', 'contact/51'],
  ['https://app-na2.hubspot.com/contacts/4711001/record/0-3/9001?interaction=note', 'deal/9001'],
  ['https://app.hubspot.com/contacts/4711001/record/0-5/7001#activity', 'ticket/7001'],
  ['https://app.hubspot.com/contacts/4711001/company/18273645012', 'company/18273645012'],
  ['https://app.hubspot.com/contacts/4711001/contact/51/', 'contact/51'],
  ['https://app.hubspot.com/contacts/4711001/deal/9001', 'deal/9001'],
  ['https://app-eu1.hubspot.com/contacts/26000001/ticket/7001', 'ticket/7001'],
];

export const HUBSPOT_NOT_RECORDS = [
  'https://app.hubspot.com/contacts/4711001/objects/0-2/views/all/list',
  'https://app.hubspot.com/contacts/4711001/record/2-1234567/55',
  'https://app.hubspot.com/contacts/4711001/record/0-4/55',
  'https://app.hubspot.com/reports-dashboard/4711001/view/1',
  'https://app.hubspot.com/contacts/4711001/companies',
  'https://knowledge.hubspot.com/contacts/4711001/record/0-2/18273645012',
  'https://app.hubspot.com.evil.example/contacts/4711001/record/0-2/18273645012',
  'http://app.hubspot.com/contacts/4711001/record/0-2/18273645012',
];

const GLOBEX = '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d';
const APP = 'appid=4a1b2c3d-0000-4000-8000-000000000001';

export const DYNAMICS_RECORDS: [string, string][] = [
  [
    `https://acme.crm.dynamics.com/main.aspx?${APP}&pagetype=entityrecord&etn=account&id=${GLOBEX}`,
    `account/${GLOBEX}`,
  ],
  [
    `https://acme.crm.dynamics.com/main.aspx?etn=account&id=%7B${GLOBEX.toUpperCase()}%7D&pagetype=entityrecord&${APP}`,
    `account/${GLOBEX}`,
  ],
  [
    `https://acme.crm.dynamics.com/main.aspx?id={${GLOBEX}}&etn=account&pagetype=entityrecord`,
    `account/${GLOBEX}`,
  ],
  [
    'https://contoso.crm4.dynamics.com/main.aspx?forceUCI=1&pagetype=entityrecord&etn=incident&id=0f1e2d3c-4b5a-4968-8778-695a4b3c2d1e',
    'incident/0f1e2d3c-4b5a-4968-8778-695a4b3c2d1e',
  ],
  [
    'https://contoso.crm11.dynamics.com/main.aspx?appid=1&pagetype=EntityRecord&etn=opportunity&id=AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
    'opportunity/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  ],
  [
    'https://org1a2b3c.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=new_project&id=12345678-1234-4234-8234-123456789012&formid=abc',
    'new_project/12345678-1234-4234-8234-123456789012',
  ],
];

export const DYNAMICS_NOT_RECORDS = [
  `https://acme.crm.dynamics.com/main.aspx?${APP}&pagetype=entitylist&etn=account&viewid=00000000-0000-0000-00aa-000010001001`,
  `https://acme.crm.dynamics.com/main.aspx?${APP}&pagetype=entityrecord&etn=account`,
  `https://acme.crm.dynamics.com/main.aspx?${APP}&pagetype=entityrecord&etn=account&id=`,
  `https://acme.crm.dynamics.com/main.aspx?${APP}&pagetype=dashboard&id=${GLOBEX}`,
  `https://acme.crm.dynamics.com/main.aspx?${APP}&pagetype=entityrecord&etn=account&id=not-a-guid`,
  `https://acme.crm.dynamics.com/main.aspx?${APP}&pagetype=entityrecord&id=${GLOBEX}`,
  `https://acme.crm.dynamics.com/apps/main.aspx.bak?pagetype=entityrecord&etn=account&id=${GLOBEX}`,
  `https://acme.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=${GLOBEX}`,
  `https://acme.crm.dynamics.com.evil.example/main.aspx?pagetype=entityrecord&etn=account&id=${GLOBEX}`,
];

export const ZENDESK_RECORDS: [string, string][] = [
  ['https://acme.zendesk.com/agent/tickets/35436', 'ticket/35436'],
  ['https://acme.zendesk.com/agent/tickets/35436/events', 'ticket/35436'],
  ['https://acme.zendesk.com/agent/tickets/35436?comment=12', 'ticket/35436'],
  ['https://acme.zendesk.com/agent/organizations/360001', 'organization/360001'],
  ['https://acme.zendesk.com/agent/organizations/360001/tickets', 'organization/360001'],
  ['https://acme.zendesk.com/agent/users/9001', 'user/9001'],
  ['https://acme-support.zendesk.com/agent/users/9001/requested_tickets', 'user/9001'],
];

export const ZENDESK_NOT_RECORDS = [
  'https://acme.zendesk.com/agent/tickets/new/1',
  'https://acme.zendesk.com/agent/dashboard',
  'https://acme.zendesk.com/agent/filters/360000001',
  'https://acme.zendesk.com/agent/search/1?q=globex',
  'https://acme.zendesk.com/hc/en-us/requests/35436',
  'https://acme.zendesk.com.evil.example/agent/tickets/35436',
  'http://acme.zendesk.com/agent/tickets/35436',
];

/** Every record URL of every host, with the host that must claim it. */
export const ALL_RECORD_URLS: [host: string, url: string][] = [
  ...SALESFORCE_RECORDS.map(([url]): [string, string] => ['salesforce', url]),
  ...HUBSPOT_RECORDS.map(([url]): [string, string] => ['hubspot', url]),
  ...DYNAMICS_RECORDS.map(([url]): [string, string] => ['dynamics', url]),
  ...ZENDESK_RECORDS.map(([url]): [string, string] => ['zendesk', url]),
];

/** A detached document built from fixture markup. */
export function page(html: string, title = ''): Document {
  const doc = document.implementation.createHTMLDocument();
  doc.title = title; // happy-dom ignores createHTMLDocument's argument
  doc.body.innerHTML = html; // test fixture markup, not data
  return doc;
}

/** Attaches an open shadow root with `html` to the element matching `selector`. */
export function shadow(root: ParentNode, selector: string, html: string): ShadowRoot {
  const host = root.querySelector(selector);
  if (!host) throw new Error(`no ${selector} in the fixture`);
  const shadowRoot = host.attachShadow({ mode: 'open' });
  shadowRoot.innerHTML = html; // test fixture markup
  return shadowRoot;
}
