/**
 * Capture from the panel, keyboard only, across two tabs: link a Jira issue to a need from the
 * searchable picker, create a new need from the record with owners from the catalog, and undo
 * each. The second tab shows every change without a reload (the background's catalog.changed).
 *
 * Run after `node scripts/build-for-tests.mjs`:
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-capture.e2e.ts
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForFixture } from './harness/hosts';
import {
  AVAILABLE_HOSTS,
  ask,
  HOST_PAGES,
  importCatalog,
  inPanel,
  JIRA,
  type PanelSession,
  panelState,
  settled,
  showing,
  startPanelSession,
  waitForPanel,
} from './panel-support';

const EMPTY_URL = `${JIRA}/browse/SHOP-200`;
const RECORD = 'SHOP-200';

interface ResolveAnswer {
  ok: boolean;
  context: { needs: { id: string; title: string; evidence: { label: string; url: string }[] }[] };
}

describe('capture from the panel, in two tabs', () => {
  let session: PanelSession;
  let first: Page;
  let second: Page;
  let secondOrigin: number;

  const resolveEmptyRecord = () =>
    ask<ResolveAnswer>(session, {
      type: 'resolve',
      record: { kind: 'jira', host: 'jira-cloud', key: RECORD },
    });

  beforeAll(async () => {
    session = await startPanelSession(HOST_PAGES.filter((host) => host.host === 'jira-cloud'));
    await importCatalog(session);
    first = await session.browser.context.newPage();
    second = await session.browser.context.newPage();
    for (const page of [first, second]) {
      await page.goto(EMPTY_URL);
      await waitForFixture(page, RECORD);
      await waitForPanel(page, 'the empty state', showing(RECORD, 'empty'));
    }
    secondOrigin = await second.evaluate(() => performance.timeOrigin);
  });

  afterAll(async () => {
    await session?.close();
  });

  async function expectSecondTab(describeIt: string, check: Parameters<typeof waitForPanel>[2]) {
    await waitForPanel(second, `second tab: ${describeIt}`, check);
    expect(await second.evaluate(() => performance.timeOrigin), 'the second tab was not reloaded').toBe(
      secondOrigin,
    );
  }

  it('links the record to a need chosen from the searchable picker', async () => {
    await first.bringToFront();
    await settled(first);
    await inPanel(first, 'tandem-link-action').focus();
    await first.keyboard.press('Enter');
    const search = inPanel(first, 'tandem-need-search');
    await expect.poll(() => panelState(first).then((p) => p.focused)).toBe('tandem-need-search');
    await first.keyboard.type('invoice');
    const option = first.locator('tandem-panel [role="option"][aria-selected="true"]');
    await expect
      .poll(() => option.textContent(), { timeout: 10_000 })
      .toContain('Consolidated monthly invoices');
    expect(await search.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    await first.keyboard.press('Enter');

    await waitForPanel(
      first,
      'the linked need',
      (p) => showing(RECORD, 'ready')(p) && p.needIds.includes('n-invoices'),
    );
    await expectSecondTab(
      'the linked need',
      (p) => showing(RECORD, 'ready')(p) && p.needIds.includes('n-invoices'),
    );
    const notice = await inPanel(first, 'tandem-notice').textContent();
    expect(notice).toContain('Linked SHOP-200 to “Consolidated monthly invoices”.');
    expect((await panelState(first)).focused, 'focus waits on Undo').toBe('tandem-undo');
  });

  it('undoes the link in both tabs', async () => {
    await first.keyboard.press('Enter');
    await waitForPanel(first, 'back to empty', showing(RECORD, 'empty'));
    await expectSecondTab('back to empty', showing(RECORD, 'empty'));
    expect((await resolveEmptyRecord()).context.needs).toEqual([]);
    expect(await inPanel(first, 'tandem-notice').textContent()).toContain('Undone.');
  });

  it('creates a new need from the record, with owners picked from the catalog, and links it', async () => {
    await settled(first);
    await inPanel(first, 'tandem-new-need').focus();
    await first.keyboard.press('Enter');
    const title = inPanel(first, 'tandem-new-need-title');
    await expect.poll(() => title.inputValue()).toBe(RECORD);
    await expect.poll(() => panelState(first).then((p) => p.focused)).toBe('tandem-new-need-title');
    await first.keyboard.press('Control+A');
    await first.keyboard.type('Reorder from the mobile app');

    await first.keyboard.press('Tab');
    await first.keyboard.type('maria');
    const active = first.locator('tandem-panel [role="option"][aria-selected="true"]');
    await expect.poll(() => active.textContent()).toContain('Maria González');
    await first.keyboard.press('Enter');
    expect(await inPanel(first, 'tandem-business-owner-search').inputValue()).toBe('Maria González');

    await first.keyboard.press('Tab');
    await first.keyboard.type('patel');
    await expect.poll(() => active.textContent()).toContain('Raj Patel');
    await first.keyboard.press('Enter');

    await first.keyboard.press('Tab');
    expect((await panelState(first)).focused).toBe('tandem-create-need');
    await first.keyboard.press('Enter');

    const created = (p: Awaited<ReturnType<typeof panelState>>) =>
      showing(RECORD, 'ready')(p) &&
      p.text.includes('Reorder from the mobile app') &&
      p.text.includes('Maria González') &&
      p.text.includes('Raj Patel');
    await waitForPanel(first, 'the new need with its owners', created);
    await expectSecondTab('the new need with its owners', created);

    const [need] = (await resolveEmptyRecord()).context.needs;
    expect(need?.id).toMatch(/^n-local-/);
    expect(need?.title).toBe('Reorder from the mobile app');
    expect(need?.evidence).toEqual([{ label: 'Jira Cloud SHOP-200', url: EMPTY_URL }]);
    expect((await panelState(first)).focused).toBe('tandem-undo');
  });

  it('undoes the new need: the link and the need are gone', async () => {
    await first.keyboard.press('Enter');
    await waitForPanel(first, 'back to empty', showing(RECORD, 'empty'));
    await expectSecondTab('back to empty', showing(RECORD, 'empty'));
    const search = await ask<{ ok: boolean; results: unknown[] }>(session, {
      type: 'needs.search',
      query: 'Reorder from the mobile app',
    });
    expect(search.results).toEqual([]);
  });

  it.skipIf(!AVAILABLE_HOSTS.some((host) => host.host === 'salesforce'))(
    'links a CRM record by its id, and the link survives a reload',
    async () => {
      await session.browser.context.close().catch(() => undefined);
      // A fresh browser with the Salesforce fixture: CRM links carry system, object and id.
      session = await startPanelSession(HOST_PAGES.filter((host) => host.host === 'salesforce'));
      await importCatalog(session);
      const page = await session.browser.context.newPage();
      const empty = HOST_PAGES.find((host) => host.host === 'salesforce')?.empty;
      if (!empty) throw new Error('no Salesforce page');
      await page.goto(empty.url);
      await waitForPanel(page, 'the empty account', showing(empty.record, 'empty'));
      await settled(page);
      await inPanel(page, 'tandem-link-action').focus();
      await page.keyboard.press('Enter');
      await page.keyboard.type('stock alerts');
      await expect
        .poll(() => page.locator('tandem-panel [role="option"][aria-selected="true"]').textContent())
        .toContain('Back-in-stock alerts');
      await page.keyboard.press('Enter');
      await waitForPanel(page, 'the linked need', (p) => p.needIds.includes('n-stock-alerts'));
      await page.reload();
      await waitForPanel(
        page,
        'still linked after a reload',
        (p) => showing(empty.record, 'ready')(p) && p.needIds.includes('n-stock-alerts'),
      );
    },
  );
});
