/**
 * Accessibility: axe-core inside the panel's shadow root on every host fixture there is, in each
 * state a user meets (a need shown, nothing linked, the link picker with results, the new-need form
 * with its errors, collapsed, floating, dark, freshness warnings). No serious or critical
 * violation is allowed; the others are printed so they stay visible.
 *
 * Run after `node scripts/build-for-tests.mjs`:
 *   npx vitest run -c vitest.e2e.config.ts tests/e2e/panel-a11y.e2e.ts
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './harness/browser';
import {
  AVAILABLE_HOSTS,
  ask,
  axePanel,
  type HostPage,
  importCatalog,
  inPanel,
  type PanelSession,
  panelState,
  serious,
  settled,
  showing,
  startPanelSession,
  waitForPanel,
} from './panel-support';

const JIRA = AVAILABLE_HOSTS.find((host) => host.host === 'jira-cloud') as HostPage;

describe('accessibility of the panel (axe-core)', () => {
  let session: PanelSession;
  let page: Page;
  const summary: string[] = [];

  async function scan(label: string): Promise<void> {
    const violations = await axePanel(page);
    summary.push(
      `${label}: ${violations.length === 0 ? 'no violations' : violations.map((v) => `${v.id} (${v.impact})`).join(', ')}`,
    );
    expect(serious(violations), `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
  }

  beforeAll(async () => {
    session = await startPanelSession();
    await importCatalog(session);
    page = await session.browser.context.newPage();
  });

  afterAll(async () => {
    console.info(`axe-core inside <tandem-panel>:\n  ${summary.join('\n  ')}`);
    await session?.close();
  });

  it('sees inside the shadow root: a nameless button planted there is reported', async () => {
    await page.goto(JIRA.ready.url);
    await waitForPanel(page, 'ready', showing(JIRA.ready.record, 'ready'));
    await page.evaluate(() => {
      const planted = document.createElement('button');
      planted.id = 'planted';
      document.querySelector('tandem-panel')?.shadowRoot?.querySelector('.panel__body')?.append(planted);
    });
    const violations = await axePanel(page);
    expect(violations.map((violation) => violation.id)).toContain('button-name');
    expect(violations.find((violation) => violation.id === 'button-name')?.targets.join()).toContain(
      '#planted',
    );
  });

  for (const host of AVAILABLE_HOSTS) {
    it(`${host.host}: a record with a need, and one with nothing linked`, async () => {
      await page.goto(host.ready.url);
      await waitForPanel(page, `${host.host} ready`, showing(host.ready.record, 'ready'));
      await scan(`${host.host} ready`);
      await page.goto(host.empty.url);
      await waitForPanel(page, `${host.host} empty`, showing(host.empty.record, 'empty'));
      await scan(`${host.host} empty`);
    });
  }

  describe('every state of the panel, on Jira Cloud', () => {
    it('the link picker with results', async () => {
      await page.goto(JIRA.empty.url);
      await waitForPanel(page, 'empty', showing(JIRA.empty.record, 'empty'));
      await settled(page);
      await inPanel(page, 'tandem-link-action').click();
      await expect.poll(() => panelState(page).then((p) => p.focused)).toBe('tandem-need-search');
      await page.keyboard.type('o');
      await expect.poll(() => page.locator('tandem-panel [role="option"]').count()).toBeGreaterThan(1);
      await page.keyboard.press('ArrowDown');
      await scan('jira-cloud link picker');
    });

    it('the new-need form, with its owners list open and with an error', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await settled(page);
      await inPanel(page, 'tandem-new-need').click();
      await inPanel(page, 'tandem-new-need-title').fill('');
      await settled(page);
      await inPanel(page, 'tandem-create-need').click();
      await expect.poll(() => panelState(page).then((p) => p.text)).toContain('Give the need a title');
      await settled(page);
      await inPanel(page, 'tandem-business-owner-search').focus();
      await expect.poll(() => page.locator('tandem-panel [role="option"]').count()).toBeGreaterThan(1);
      await scan('jira-cloud new-need form');
    });

    it('a capture done, with its undo', async () => {
      await inPanel(page, 'tandem-new-need-title').fill('Accessible need');
      await settled(page);
      await inPanel(page, 'tandem-create-need').click();
      await waitForPanel(page, 'the new need', showing(JIRA.empty.record, 'ready'));
      await expect.poll(() => inPanel(page, 'tandem-undo').count()).toBe(1);
      await scan('jira-cloud after a capture (undo offered)');
      await settled(page);
      await inPanel(page, 'tandem-undo').click();
      await waitForPanel(page, 'undone', showing(JIRA.empty.record, 'empty'));
    });

    it('collapsed, floating, and dark', async () => {
      await page.goto(JIRA.ready.url);
      await waitForPanel(page, 'ready', showing(JIRA.ready.record, 'ready'));
      await settled(page);
      await inPanel(page, 'tandem-collapse').click();
      await waitForPanel(page, 'collapsed', (p) => p.collapsed === 'true');
      await scan('jira-cloud collapsed');
      await settled(page);
      await page.locator('tandem-panel button[aria-expanded="false"]').click();
      await settled(page);
      await inPanel(page, 'tandem-layout-toggle').click();
      await waitForPanel(page, 'floating', (p) => p.layout === 'floating' && p.collapsed === 'false');
      await scan('jira-cloud floating');
      await settled(page);
      await inPanel(page, 'tandem-layout-toggle').click();
      await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'dark'));
      await waitForPanel(page, 'dark', (p) => p.scheme === 'dark');
      await scan('jira-cloud dark');
      await settled(page);
      await inPanel(page, 'tandem-link-button').click();
      await expect.poll(() => page.locator('tandem-panel [role="option"]').count()).toBeGreaterThan(1);
      await scan('jira-cloud dark link picker');
    });

    it('freshness warnings, light and dark', async () => {
      await importCatalog(session, path.join(projectRoot, 'tests/fixtures/hostile/xss-catalog.json'));
      await page.goto(JIRA.ready.url);
      await waitForPanel(
        page,
        'needs with warnings',
        (p) => showing(JIRA.ready.record, 'ready')(p) && p.needIds.length === 2,
      );
      const kinds = await page.evaluate(() =>
        [
          ...(document.querySelector('tandem-panel')?.shadowRoot?.querySelectorAll('[data-warning]') ?? []),
        ].map((w) => w.getAttribute('data-warning')),
      );
      expect(new Set(kinds)).toEqual(new Set(['stale', 'timebox-ended', 'no-adoption']));
      await scan('jira-cloud warnings');
      await page.evaluate(() => document.documentElement.setAttribute('data-color-mode', 'dark'));
      await waitForPanel(page, 'dark', (p) => p.scheme === 'dark');
      await scan('jira-cloud warnings dark');
      await ask(session, { type: 'settings.update', patch: { panelByHost: {} } });
    });
  });
});
