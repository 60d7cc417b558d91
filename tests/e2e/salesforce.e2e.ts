/**
 * Salesforce end to end: the built extension in Debian's Chromium, the demo catalog imported, and a
 * Lightning / Classic look-alike (tests/fixtures/salesforce) served under https://acme.lightning.force.com
 * and https://acme.my.salesforce.com. Lightning's cached hidden views and open shadow roots are
 * the traps. Nothing leaves the machine.
 *
 * Run after `node scripts/build-for-tests.mjs` (or any build):
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/salesforce.e2e.ts
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

const LIGHTNING = 'https://acme.lightning.force.com';
const CLASSIC = 'https://acme.my.salesforce.com';
const GLOBEX = 'Account/001Dn00000AbCdEIAV';
const UMBRELLA_OPP = 'Opportunity/006Dn00000XyZaBIAV';
const VANDELAY = 'Account/001Dn00000VdLyIIAV';
const KRAMERICA = 'Account/001Dn00000NoLnKIAV';
const sf = (record: string, state: string) => ({ host: 'salesforce', record, state });

describe('Salesforce', () => {
  let session: CrmSession;

  beforeAll(async () => {
    session = await startCrmSession({ [LIGHTNING]: 'salesforce', [CLASSIC]: 'salesforce' });
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  it('shows the account’s need and its IT work on a Lightning record page', async () => {
    const { page } = session;
    await page.goto(`${LIGHTNING}/lightning/r/Account/001Dn00000AbCdEIAV/view`);
    await waitForFixture(page, GLOBEX);
    const panel = await expectCrmPanel(page, sf(GLOBEX, 'ready'), 'Globex with n-reorder', (p) =>
      p.needIds.includes('n-reorder'),
    );
    // Linked by id and by name: the need is listed once.
    expectNeedsWithWork(panel, ['n-reorder']);
    expect(panel.view, 'placed in the active record view').toBe(GLOBEX);
    expect(panel.visible).toBe(true);
    expect(panel.layout).toBe('block');
    await expectNeverTwoPanels(page);
  });

  it('follows pushState to an opportunity, never showing the account meanwhile', async () => {
    const { page } = session;
    await timeline(page, true);
    await fixtureNavigate(page, '/lightning/r/Opportunity/006Dn00000XyZaBIAV/view');
    await waitForFixture(page, UMBRELLA_OPP);
    const panel = await expectCrmPanel(page, sf(UMBRELLA_OPP, 'ready'), 'the opportunity’s need', (p) =>
      p.needIds.includes('n-stock-alerts'),
    );
    expectNeedsWithWork(panel, ['n-stock-alerts']);
    expect(panel.view).toBe(UMBRELLA_OPP);
    expect(panel.visible).toBe(true);
    expectNeverStale(await timeline(page), UMBRELLA_OPP, '006Dn00000XyZaB', ['n-reorder']);
    await expectNeverTwoPanels(page);
  });

  it('goes back to the cached account view (popstate) and mounts in it, not in the hidden one', async () => {
    const { page } = session;
    const before = await page.evaluate(() => performance.timeOrigin);
    await timeline(page, true);
    await page.goBack();
    await waitForFixture(page, GLOBEX);
    const panel = await expectCrmPanel(page, sf(GLOBEX, 'ready'), 'back on Globex', (p) =>
      p.needIds.includes('n-reorder'),
    );
    expect(await page.evaluate(() => performance.timeOrigin), 'no page load').toBe(before);
    expect(await page.locator('.lafPageHost').count(), 'both views are in the DOM').toBeGreaterThanOrEqual(2);
    expect(panel.view).toBe(GLOBEX);
    expect(panel.visible).toBe(true);
    expectNeverStale(await timeline(page), GLOBEX, '001Dn00000AbCdE', ['n-stock-alerts']);
    await expectNeverTwoPanels(page);
  });

  it('matches an id-only URL by key prefix, and the account by its name only', async () => {
    const { page } = session;
    await fixtureNavigate(page, '/lightning/r/001Dn00000VdLyIIAV/view');
    await waitForFixture(page, VANDELAY);
    const panel = await expectCrmPanel(page, sf(VANDELAY, 'ready'), 'Vandelay by customer name', (p) =>
      p.needIds.includes('n-bulk-upload'),
    );
    expectNeedsWithWork(panel, ['n-bulk-upload']);
    expect(panel.text).toContain('by customer name');
    await expectNeverTwoPanels(page);
  });

  it('shows what was detected and the link action on an unlinked account', async () => {
    const { page } = session;
    await fixtureNavigate(page, '/lightning/r/Account/001Dn00000NoLnKIAV/view');
    await waitForFixture(page, KRAMERICA);
    const panel = await expectCrmPanel(page, sf(KRAMERICA, 'empty'), 'the empty state', (p) => p.linkAction);
    expect(panel.needIds).toEqual([]);
    expect(panel.text).toContain('Salesforce');
    expect(panel.text).toContain(KRAMERICA);
    await expectNeverTwoPanels(page);
  });

  it('removes the panel on a page without a record', async () => {
    const { page } = session;
    await fixtureNavigate(page, '/lightning/page/home');
    await waitForFixture(page, null);
    await expect.poll(async () => (await crmPanel(page)).count, { timeout: PANEL_TIMEOUT }).toBe(0);
    await expectNeverTwoPanels(page);
  });

  it('shows a Classic record page by its 15-character id', async () => {
    const classic = await session.browser.context.newPage();
    await classic.goto(`${CLASSIC}/001Dn00000AbCdE`);
    await waitForFixture(classic, GLOBEX);
    const panel = await expectCrmPanel(classic, sf(GLOBEX, 'ready'), 'Classic Globex', (p) =>
      p.needIds.includes('n-reorder'),
    );
    expectNeedsWithWork(panel, ['n-reorder']);
    expect(panel.view).toBe(GLOBEX);
    await classic.goto(`${CLASSIC}/setup/forcecomHomepage.apexp`);
    await waitForFixture(classic, null);
    await expect.poll(async () => (await crmPanel(classic)).count, { timeout: PANEL_TIMEOUT }).toBe(0);
    await classic.close();
  });

  it('sent no request off the machine', () => {
    expectOnlyAllowedRequests(session.network, [LIGHTNING, CLASSIC]);
    expect(blockedRequests(session.browser.context)).toEqual([]);
  });
});
