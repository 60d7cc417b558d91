/**
 * Dynamics 365 end to end: the built extension in Debian's Chromium, the demo catalog imported, and
 * a Unified Interface look-alike (tests/fixtures/dynamics) served under https://acme.crm.dynamics.com.
 * The trap: the form is torn down and rebuilt on navigation, and the new form's title briefly shows
 * the previous record. Nothing leaves the machine.
 *
 * Run after `node scripts/build-for-tests.mjs` (or any build):
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/dynamics.e2e.ts
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

const DYNAMICS = 'https://acme.crm.dynamics.com';
const APP = 'appid=4a1b2c3d-0000-4000-8000-000000000001';
const GLOBEX_ID = '6b2a3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d';
const SOYLENT_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const BAKERY_ID = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const CONTACT_ID = 'c0ffee00-1111-4222-8333-444455556666';
const record = (etn: string, id: string) => `/main.aspx?${APP}&pagetype=entityrecord&etn=${etn}&id=${id}`;
const dyn = (label: string, state: string) => ({ host: 'dynamics', record: label, state });

async function staleTitlesShown(page: CrmSession['page'], label: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      (window as unknown as { __fixture: { log: { phase: string; record: string }[] } }).__fixture.log.filter(
        (entry) => entry.phase === 'stale-title' && entry.record === wanted,
      ).length,
    label,
  );
}

describe('Dynamics 365', () => {
  let session: CrmSession;

  beforeAll(async () => {
    session = await startCrmSession({ [DYNAMICS]: 'dynamics' });
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  it('shows the account’s need and IT work, from a braced upper-case GUID in any parameter order', async () => {
    const { page } = session;
    await page.goto(
      `${DYNAMICS}/main.aspx?etn=account&id=%7B${GLOBEX_ID.toUpperCase()}%7D&pagetype=entityrecord&${APP}`,
    );
    await waitForFixture(page, `account/${GLOBEX_ID}`);
    const panel = await expectCrmPanel(
      page,
      dyn(`account/${GLOBEX_ID}`, 'ready'),
      'Globex with n-reorder',
      (p) => p.needIds.includes('n-reorder'),
    );
    expectNeedsWithWork(panel, ['n-reorder']);
    expect(panel.view).toBe(`account/${GLOBEX_ID}`);
    expect(panel.visible).toBe(true);
    const placedAfterHeader = await page.evaluate(
      () => document.querySelector('tandem-panel')?.previousElementSibling?.getAttribute('data-id') ?? null,
    );
    expect(placedAfterHeader).toBe('form-header');
    await expectNeverTwoPanels(page);
  });

  it('matches an account by its name only, never showing Globex’s form meanwhile', async () => {
    const { page } = session;
    await timeline(page, true);
    await fixtureNavigate(page, record('account', SOYLENT_ID));
    await waitForFixture(page, `account/${SOYLENT_ID}`);
    const panel = await expectCrmPanel(
      page,
      dyn(`account/${SOYLENT_ID}`, 'ready'),
      'Soylent by customer name',
      (p) => p.needIds.includes('n-payment-terms'),
    );
    expectNeedsWithWork(panel, ['n-payment-terms']);
    expect(panel.text).toContain('by customer name');
    expectNeverStale(await timeline(page), `account/${SOYLENT_ID}`, SOYLENT_ID, ['n-reorder']);
    await expectNeverTwoPanels(page);
  });

  it('never shows the previous record while the rebuilt form still carries its title', async () => {
    const { page } = session;
    await timeline(page, true);
    await fixtureNavigate(page, record('account', BAKERY_ID));
    await waitForFixture(page, `account/${BAKERY_ID}`);
    expect(await staleTitlesShown(page, `account/${BAKERY_ID}`), 'the fixture showed the stale title').toBe(
      1,
    );
    const panel = await expectCrmPanel(
      page,
      dyn(`account/${BAKERY_ID}`, 'empty'),
      'the empty state',
      (p) => p.linkAction,
    );
    expect(panel.text).toContain('Dynamics 365');
    expect(panel.text).toContain(`account/${BAKERY_ID}`);
    // Had the stale title "Soylent Foods GmbH" been read, n-payment-terms would have matched by name.
    expectNeverStale(await timeline(page), `account/${BAKERY_ID}`, BAKERY_ID, ['n-payment-terms']);
    await expectNeverTwoPanels(page);
  });

  it('follows a contact (another entity) and back to the account with the back button', async () => {
    const { page } = session;
    await fixtureNavigate(page, record('contact', CONTACT_ID));
    await waitForFixture(page, `contact/${CONTACT_ID}`);
    await expectCrmPanel(page, dyn(`contact/${CONTACT_ID}`, 'empty'), 'the contact', (p) => p.linkAction);
    await timeline(page, true);
    await page.goBack();
    await waitForFixture(page, `account/${BAKERY_ID}`);
    await expectCrmPanel(page, dyn(`account/${BAKERY_ID}`, 'empty'), 'back on the bakery');
    expectNeverStale(await timeline(page), `account/${BAKERY_ID}`, BAKERY_ID, ['n-payment-terms']);
    await expectNeverTwoPanels(page);
  });

  it('shows no panel on a list, and follows a click from the list to a record', async () => {
    const { page } = session;
    await fixtureNavigate(page, `/main.aspx?${APP}&pagetype=entitylist&etn=account`);
    await waitForFixture(page, null);
    await expect.poll(async () => (await crmPanel(page)).count, { timeout: PANEL_TIMEOUT }).toBe(0);
    await timeline(page, true);
    await page.getByRole('gridcell', { name: 'Globex Corporation' }).click();
    await waitForFixture(page, `account/${GLOBEX_ID}`);
    await expectCrmPanel(page, dyn(`account/${GLOBEX_ID}`, 'ready'), 'Globex from the list', (p) =>
      p.needIds.includes('n-reorder'),
    );
    expectNeverStale(await timeline(page), `account/${GLOBEX_ID}`, GLOBEX_ID, ['n-payment-terms']);
  });

  it('shows no panel on a create form, then the new record once saving puts its id in the URL', async () => {
    const { page } = session;
    await fixtureNavigate(page, `/main.aspx?${APP}&pagetype=entityrecord&etn=account`);
    await waitForFixture(page, null);
    await page.waitForTimeout(1_800); // longer than the loop's float delay: still nothing
    expect((await crmPanel(page)).count).toBe(0);
    await page.evaluate(() =>
      (window as unknown as { __fixture: { save(name: string): void } }).__fixture.save('Dunder Mifflin'),
    );
    const id = new URL(page.url()).searchParams.get('id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expectCrmPanel(page, dyn(`account/${id}`, 'empty'), 'the saved record');
    await expectNeverTwoPanels(page);
  });

  it('sent no request off the machine', () => {
    expectOnlyAllowedRequests(session.network, [DYNAMICS]);
    expect(blockedRequests(session.browser.context)).toEqual([]);
  });
});
