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
import {
  CRM_NO_ANCHOR_SITES,
  DYNAMICS,
  FLOAT_AFTER_MS,
  HUBSPOT,
  type NavigationResult,
  SHOWN,
  ZENDESK,
} from './no-anchor-support';

describe('CRM record views whose markup is new to Tandem', () => {
  let session: CrmSession;

  beforeAll(async () => {
    session = await startCrmSession({ [HUBSPOT]: 'hubspot', [DYNAMICS]: 'dynamics', [ZENDESK]: 'zendesk' });
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  for (const site of CRM_NO_ANCHOR_SITES) {
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
