/**
 * The CRM look-alikes whose anchors are renamed (app-eu1.hubspot.com, redesign.crm.dynamics.com,
 * redesign.zendesk.com; see each fixture's `REDESIGN`), shared by the Chromium and Firefox
 * no-anchor files: where each starts, the need it shows, and the SPA steps to time.
 */

export const HUBSPOT = 'https://app-eu1.hubspot.com';
export const DYNAMICS = 'https://redesign.crm.dynamics.com';
export const ZENDESK = 'https://redesign.zendesk.com';
/** The loop's last-resort wait (utils/page/panel-loop.ts): the panel must come well before it. */
export const FLOAT_AFTER_MS = 1500;

const APP = 'appid=4a1b2c3d-0000-4000-8000-000000000001';
const dynamicsPath = (id: string) => `/main.aspx?${APP}&pagetype=entityrecord&etn=account&id=${id}`;
const GLOBEX_ID = '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d';
const SOYLENT_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

export interface NoAnchorSite {
  name: string;
  host: string;
  origin: string;
  first: { path: string; record: string; need: string };
  /** Paths and records to go back and forth between, by SPA navigation, each timed. */
  hops: { path: string; record: string }[];
}

export const CRM_NO_ANCHOR_SITES: NoAnchorSite[] = [
  {
    name: 'HubSpot',
    host: 'hubspot',
    origin: HUBSPOT,
    first: {
      path: '/contacts/4711001/record/0-2/18273645012',
      record: 'company/18273645012',
      need: 'n-reorder',
    },
    hops: [
      { path: '/contacts/4711001/record/0-2/18273645099', record: 'company/18273645099' },
      { path: '/contacts/4711001/record/0-2/18273645012', record: 'company/18273645012' },
      { path: '/contacts/4711001/record/0-2/18273645099', record: 'company/18273645099' },
    ],
  },
  {
    name: 'Dynamics 365',
    host: 'dynamics',
    origin: DYNAMICS,
    first: { path: dynamicsPath(GLOBEX_ID), record: `account/${GLOBEX_ID}`, need: 'n-reorder' },
    hops: [
      { path: dynamicsPath(SOYLENT_ID), record: `account/${SOYLENT_ID}` },
      { path: dynamicsPath(GLOBEX_ID), record: `account/${GLOBEX_ID}` },
      { path: dynamicsPath(SOYLENT_ID), record: `account/${SOYLENT_ID}` },
    ],
  },
  {
    name: 'Zendesk',
    host: 'zendesk',
    origin: ZENDESK,
    first: { path: '/agent/tickets/35436', record: 'ticket/35436', need: 'n-invoices' },
    hops: [
      { path: '/agent/tickets/35501', record: 'ticket/35501' },
      { path: '/agent/tickets/35436', record: 'ticket/35436' },
      { path: '/agent/tickets/35501', record: 'ticket/35501' },
    ],
  },
];

/** A record with no need (`empty`) counts as shown too. */
export const SHOWN = ['ready', 'empty'];

export interface NavigationResult {
  rendered: number | null;
  ready: number | null;
  timedOut: boolean;
}
