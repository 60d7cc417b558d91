/**
 * Zendesk end to end: the built extension in Debian's Chromium, the demo catalog imported, and an
 * Agent Workspace look-alike (tests/fixtures/zendesk) served under https://acme.zendesk.com, with
 * its REST API (rest.mjs). The traps: several workspaces in the DOM with one active, tab switches
 * that change the URL before `data-is-active`, and a requester's organization that only the API
 * knows. Nothing leaves the machine.
 *
 * Run after `node scripts/build-for-tests.mjs` (or any build):
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/zendesk.e2e.ts
 */
import type { ConsoleMessage } from 'playwright-core';
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

const ZENDESK = 'https://acme.zendesk.com';
const zd = (record: string, state: string) => ({ host: 'zendesk', record, state });

describe('Zendesk', () => {
  let session: CrmSession;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    session = await startCrmSession({ [ZENDESK]: 'zendesk' });
    session.page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
    });
  });
  afterAll(async () => {
    await session?.browser.close();
  });

  it('shows the ticket’s need and, through the requester’s organization, that customer’s need', async () => {
    const { page } = session;
    await page.goto(`${ZENDESK}/agent/tickets/35436`);
    await waitForFixture(page, 'ticket/35436');
    const panel = await expectCrmPanel(
      page,
      zd('ticket/35436', 'ready'),
      'n-invoices and n-order-status',
      (p) => ['n-invoices', 'n-order-status'].every((id) => p.needIds.includes(id)),
    );
    expectNeedsWithWork(panel, ['n-invoices', 'n-order-status']);
    expect(panel.view).toBe('ticket/35436');
    expect(panel.visible).toBe(true);
    const afterHeader = await page.evaluate(
      () =>
        document
          .querySelector('tandem-panel')
          ?.previousElementSibling?.querySelector('[data-test-id="omni-header-subject"]') !== null,
    );
    expect(afterHeader, 'placed right after the conversation header').toBe(true);
    await expectNeverTwoPanels(page);
  });

  it('opens a second ticket whose organization only the REST API knows', async () => {
    const { page } = session;
    await timeline(page, true);
    await fixtureNavigate(page, '/agent/tickets/35501');
    await waitForFixture(page, 'ticket/35501');
    const panel = await expectCrmPanel(page, zd('ticket/35501', 'ready'), 'n-order-status by name', (p) =>
      p.needIds.includes('n-order-status'),
    );
    expectNeedsWithWork(panel, ['n-order-status']);
    expect(panel.text).toContain('by customer name');
    expect(panel.view).toBe('ticket/35501');
    expect(await page.locator('.ticket-panes-grid-layout').count(), 'both workspaces stay in the DOM').toBe(
      2,
    );
    expectNeverStale(await timeline(page), 'ticket/35501', '/35501', ['n-invoices']);
    expect(session.network.urls()).toContain(`${ZENDESK}/api/v2/tickets/35501.json?include=organizations`);
    await expectNeverTwoPanels(page);
  });

  it('follows a header-tab switch back to the first ticket, whose workspace was never re-rendered', async () => {
    const { page } = session;
    await timeline(page, true);
    const requestsBefore = session.network.urls().length;
    await page.locator('[data-test-id="header-tab"]', { hasText: '#35436' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/agent/tickets/35436');
    await waitForFixture(page, 'ticket/35436');
    const panel = await expectCrmPanel(page, zd('ticket/35436', 'ready'), 'back on 35436', (p) =>
      p.needIds.includes('n-invoices'),
    );
    expect(panel.view).toBe('ticket/35436');
    expect(panel.visible).toBe(true);
    expectNeverStale(await timeline(page), 'ticket/35436', '/35436', []);
    const newRequests = session.network.urls().slice(requestsBefore);
    expect(
      newRequests.filter((url) => url.includes('/api/')),
      'no second REST read for a known ticket',
    ).toEqual([]);
    await expectNeverTwoPanels(page);
  });

  it('shows an organization’s need on its page, floating', async () => {
    const { page } = session;
    await fixtureNavigate(page, '/agent/organizations/360001');
    await waitForFixture(page, 'organization/360001');
    const panel = await expectCrmPanel(
      page,
      zd('organization/360001', 'ready'),
      'Globex’s organization',
      (p) => p.needIds.includes('n-reorder'),
    );
    expectNeedsWithWork(panel, ['n-reorder']);
    expect(panel.layout).toBe('floating');
    await expectNeverTwoPanels(page);
  });

  it('matches a user by their organization’s name', async () => {
    const { page } = session;
    await fixtureNavigate(page, '/agent/users/9001');
    await waitForFixture(page, 'user/9001');
    const panel = await expectCrmPanel(page, zd('user/9001', 'ready'), 'Gil, at Umbrella', (p) =>
      p.needIds.includes('n-order-status'),
    );
    expectNeedsWithWork(panel, ['n-order-status']);
  });

  it('keeps the empty state, quietly, when the REST API answers 401', async () => {
    const { page } = session;
    consoleErrors.length = 0;
    await fixtureNavigate(page, '/agent/tickets/35700');
    await waitForFixture(page, 'ticket/35700');
    const panel = await expectCrmPanel(
      page,
      zd('ticket/35700', 'empty'),
      'the empty state',
      (p) => p.linkAction,
    );
    expect(panel.text).toContain('Zendesk');
    expect(panel.text).toContain('ticket/35700');
    expect(panel.view).toBe('ticket/35700');
    // Chromium itself logs the failed load; Tandem adds nothing.
    expect(consoleErrors.filter((text) => !/Failed to load resource/.test(text))).toEqual([]);
    await expectNeverTwoPanels(page);
  });

  it('shows no panel on a new-ticket draft', async () => {
    const { page } = session;
    await fixtureNavigate(page, '/agent/tickets/new/1');
    await waitForFixture(page, null);
    await expect.poll(async () => (await crmPanel(page)).count, { timeout: PANEL_TIMEOUT }).toBe(0);
  });

  it('sent no request off the machine', () => {
    expectOnlyAllowedRequests(session.network, [ZENDESK]);
    expect(blockedRequests(session.browser.context)).toEqual([]);
  });
});
