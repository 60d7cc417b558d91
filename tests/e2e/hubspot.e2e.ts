/**
 * HubSpot end to end: the built extension in Debian's Chromium, the demo catalog imported, and a
 * HubSpot look-alike (tests/fixtures/hubspot) served under https://app.hubspot.com. The traps:
 * hidden middle-pane tabs, a record page React re-renders in place, and legacy URLs rewritten
 * with replaceState. Nothing leaves the machine.
 *
 * Run after `node scripts/build-for-tests.mjs` (or any build):
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/hubspot.e2e.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CrmSession,
  crmPanel,
  expectCrmPanel,
  expectNeedsWithWork,
  expectNeverStale,
  expectNeverTwoPanels,
  PANEL_TIMEOUT,
  startCrmSession,
  timeline,
} from './crm-support';
import { blockedRequests, fixtureNavigate, waitForFixture } from './harness/hosts';
import { expectOnlyAllowedRequests } from './harness/network';

const HUBSPOT = 'https://app.hubspot.com';
const GLOBEX = 'company/18273645012';
const INITECH = 'company/18273645099';
const PETER = 'contact/5101';
const hs = (record: string, state: string) => ({ host: 'hubspot', record, state });

/** Where the panel sits: the `tab-N-content` that holds it. */
async function panelTab(page: CrmSession['page']): Promise<string | null> {
  return page.evaluate(
    () =>
      document
        .querySelector('tandem-panel')
        ?.closest('[data-test-id$="-content"]')
        ?.getAttribute('data-test-id') ?? null,
  );
}

describe('HubSpot', () => {
  let session: CrmSession;

  beforeAll(async () => {
    session = await startCrmSession({ [HUBSPOT]: 'hubspot' });
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  it('shows the company’s need and its IT work at the top of the visible tab', async () => {
    const { page } = session;
    await page.goto(`${HUBSPOT}/contacts/4711001/record/0-2/18273645012`);
    await waitForFixture(page, GLOBEX);
    const panel = await expectCrmPanel(page, hs(GLOBEX, 'ready'), 'Globex with n-reorder', (p) =>
      p.needIds.includes('n-reorder'),
    );
    expectNeedsWithWork(panel, ['n-reorder']);
    expect(panel.view).toBe(GLOBEX);
    expect(panel.visible).toBe(true);
    expect(await panelTab(page)).toBe('tab-0-content');
    await expectNeverTwoPanels(page);
  });

  it('follows a tab switch into the newly visible tab, without a URL change', async () => {
    const { page } = session;
    const url = page.url();
    await page.getByRole('tab', { name: 'Activities' }).click();
    await expect.poll(() => panelTab(page), { timeout: PANEL_TIMEOUT }).toBe('tab-1-content');
    const panel = await expectCrmPanel(page, hs(GLOBEX, 'ready'), 'still Globex after the tab switch');
    expect(panel.visible).toBe(true);
    expect(page.url()).toBe(url);
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect.poll(() => panelTab(page), { timeout: PANEL_TIMEOUT }).toBe('tab-0-content');
    await expectNeverTwoPanels(page);
  });

  it('shows what was detected on an unlinked contact, never the company meanwhile', async () => {
    const { page } = session;
    await timeline(page, true);
    await fixtureNavigate(page, '/contacts/4711001/record/0-1/5101');
    await waitForFixture(page, PETER);
    const panel = await expectCrmPanel(page, hs(PETER, 'empty'), 'the empty state', (p) => p.linkAction);
    expect(panel.needIds).toEqual([]);
    expect(panel.text).toContain('HubSpot');
    expect(panel.text).toContain(PETER);
    expectNeverStale(await timeline(page), PETER, '/0-1/5101', ['n-reorder']);
    await expectNeverTwoPanels(page);
  });

  it('matches a company by its name only, after a legacy URL HubSpot rewrites in place', async () => {
    const { page } = session;
    await timeline(page, true);
    await fixtureNavigate(page, '/contacts/4711001/company/18273645099');
    await waitForFixture(page, INITECH);
    expect(new URL(page.url()).pathname).toBe('/contacts/4711001/record/0-2/18273645099');
    const panel = await expectCrmPanel(page, hs(INITECH, 'ready'), 'Initech by customer name', (p) =>
      p.needIds.includes('n-invoices'),
    );
    expectNeedsWithWork(panel, ['n-invoices']);
    expect(panel.text).toContain('by customer name');
    const entries = await timeline(page);
    expectNeverStale(entries, INITECH, '18273645099', ['n-reorder']);
    // The rewrite changed the URL, not the record: the panel was never taken down for it.
    const shown = entries.filter((entry) => entry.url.includes('18273645099'));
    const firstReady = shown.findIndex((entry) => entry.state === 'ready');
    expect(shown.slice(firstReady).every((entry) => entry.record === INITECH)).toBe(true);
    await expectNeverTwoPanels(page);
  });

  it('opens a legacy company URL directly and goes back to it with the back button', async () => {
    const { page } = session;
    await page.goto(`${HUBSPOT}/contacts/4711001/company/18273645012`);
    await waitForFixture(page, GLOBEX);
    expect(new URL(page.url()).pathname).toBe('/contacts/4711001/record/0-2/18273645012');
    await expectCrmPanel(page, hs(GLOBEX, 'ready'), 'Globex from the legacy URL', (p) =>
      p.needIds.includes('n-reorder'),
    );
    await fixtureNavigate(page, '/contacts/4711001/record/0-2/18273645099');
    await waitForFixture(page, INITECH);
    await expectCrmPanel(page, hs(INITECH, 'ready'), 'Initech', (p) => p.needIds.includes('n-invoices'));
    await timeline(page, true);
    await page.goBack();
    await waitForFixture(page, GLOBEX);
    const panel = await expectCrmPanel(page, hs(GLOBEX, 'ready'), 'back on Globex', (p) =>
      p.needIds.includes('n-reorder'),
    );
    expect(panel.needIds).not.toContain('n-invoices');
    expectNeverStale(await timeline(page), GLOBEX, '18273645012', ['n-invoices']);
    await expectNeverTwoPanels(page);
  });

  it('removes the panel on a list page', async () => {
    const { page } = session;
    await fixtureNavigate(page, '/contacts/4711001/objects/0-2/views/all/list');
    await waitForFixture(page, null);
    await expect.poll(async () => (await crmPanel(page)).count, { timeout: PANEL_TIMEOUT }).toBe(0);
  });

  it('sent no request off the machine', () => {
    expectOnlyAllowedRequests(session.network, [HUBSPOT]);
    expect(blockedRequests(session.browser.context)).toEqual([]);
  });
});
