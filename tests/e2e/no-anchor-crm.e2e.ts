/**
 * No anchor, no wait on CRM hosts: HubSpot, Dynamics 365 and Zendesk look-alikes served
 * under hosts whose fixtures rename every anchor the adapters know (app-eu1.hubspot.com,
 * redesign.crm.dynamics.com, redesign.zendesk.com; see each fixture's `REDESIGN`). URLs, titles,
 * names and REST answers stay. The panel shows the right record, floating, soon after the host's
 * view is drawn: on the title and name (HubSpot, Dynamics), on the selected header tab showing the
 * ticket's number (Zendesk); never at the last-resort deadline.
 *
 * Run after `node scripts/build-for-tests.mjs`:
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/no-anchor-crm.e2e.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInPage, NAVIGATE_AND_TIME } from '../../bench/page-scripts';
import { type CrmSession, expectCrmPanel, expectNeverTwoPanels, startCrmSession } from './crm-support';
import { waitForFixture } from './harness/hosts';
import { expectOnlyAllowedRequests } from './harness/network';

const HUBSPOT = 'https://app-eu1.hubspot.com';
const DYNAMICS = 'https://redesign.crm.dynamics.com';
const ZENDESK = 'https://redesign.zendesk.com';
/** The loop's last-resort wait (utils/page/panel-loop.ts): the panel must come well before it. */
const FLOAT_AFTER_MS = 1500;

const APP = 'appid=4a1b2c3d-0000-4000-8000-000000000001';
const dynamicsPath = (id: string) => `/main.aspx?${APP}&pagetype=entityrecord&etn=account&id=${id}`;
const GLOBEX_ID = '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d';
const SOYLENT_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

interface Site {
  name: string;
  host: string;
  origin: string;
  first: { path: string; record: string; need: string };
  /** Paths and records to go back and forth between, by SPA navigation. */
  hops: { path: string; record: string }[];
}

const SITES: Site[] = [
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
const SHOWN = ['ready', 'empty'];

interface NavigationResult {
  rendered: number | null;
  ready: number | null;
  timedOut: boolean;
}

describe('CRM record views whose markup is new to Tandem', () => {
  let session: CrmSession;

  beforeAll(async () => {
    session = await startCrmSession({ [HUBSPOT]: 'hubspot', [DYNAMICS]: 'dynamics', [ZENDESK]: 'zendesk' });
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  for (const site of SITES) {
    it(`${site.name}: the right record, floating, soon after each view is drawn`, async () => {
      const { page } = session;
      await page.goto(`${site.origin}${site.first.path}`);
      await waitForFixture(page, site.first.record);
      await expectCrmPanel(
        page,
        { host: site.host, record: site.first.record, state: 'ready' },
        `${site.first.record} floating with ${site.first.need}`,
        (p) => p.layout === 'floating' && p.needIds.includes(site.first.need),
      );
      const after: number[] = [];
      for (const hop of site.hops) {
        const result = await callInPage<NavigationResult>(page, NAVIGATE_AND_TIME, {
          path: hop.path,
          record: hop.record,
          timeoutMs: 10_000,
          states: SHOWN,
        });
        expect(result.timedOut, `${hop.record}: the panel showed it ready`).toBe(false);
        after.push(Math.max(0, (result.ready ?? 0) - (result.rendered ?? 0)));
      }
      after.sort((a, b) => a - b);
      console.info(
        `${site.name}, panel after the host's render (ms): ${after.map((v) => v.toFixed(0)).join(', ')}`,
      );
      // Before this change each took the 1.5 s deadline; the budget itself is the bench's to measure.
      expect(after[1] ?? Number.POSITIVE_INFINITY).toBeLessThan(FLOAT_AFTER_MS / 2);
      await expectNeverTwoPanels(page);
    });
  }

  it('sent nothing anywhere but the fixture sites', () => {
    expectOnlyAllowedRequests(session.network, [HUBSPOT, DYNAMICS, ZENDESK]);
  });
});
