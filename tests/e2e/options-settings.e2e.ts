/**
 * Settings survive a browser restart: changed in the options page (a host off, the panel floating
 * and collapsed, a team pinned), the browser closed, started again on the same profile, and every
 * choice is there, in the options page and in the popup.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, e2eExtensionDir, launchWithExtension, projectRoot } from './harness/browser';
import { findRow, openView, TIMEOUT } from './options-support';

const CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');

describe('settings round trip across a browser restart', () => {
  let profile: string;
  let browser: ExtensionBrowser | undefined;

  const launch = () =>
    launchWithExtension({
      extensionDir: e2eExtensionDir(),
      userDataDir: profile,
      headless: !process.env.TANDEM_HEADED,
    });

  async function settingsPage(current: ExtensionBrowser): Promise<Page> {
    const page = await current.context.newPage();
    await page.goto(current.extensionUrl('options.html#settings'));
    await page.locator('[data-testid="settings-panel"]').waitFor({ timeout: TIMEOUT });
    return page;
  }

  beforeAll(async () => {
    profile = await mkdtemp(path.join(os.tmpdir(), 'tandem-settings-profile-'));
  });

  afterAll(async () => {
    await browser?.close();
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  });

  it('stores the choices made in the options page', async () => {
    browser = await launch();
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('[data-testid="catalog-import"]').setInputFiles(CATALOG_PATH);
    await options
      .locator('[data-testid="import-result"][data-outcome="imported"]')
      .waitFor({ timeout: TIMEOUT });

    await openView(options, 'teams');
    const row = await findRow(options, 't-billing', 'billing');
    await row.locator('[data-testid="pin-team"]').click();
    await expect
      .poll(() => row.locator('[data-testid="pin-team"]').getAttribute('aria-pressed'))
      .toBe('true');

    await openView(options, 'settings');
    const status = options.locator('[data-testid="settings-status"]');
    await options.locator('[data-testid="host-toggle-zendesk"]').uncheck();
    await expect.poll(() => status.textContent(), { timeout: TIMEOUT }).toContain('Zendesk switched off');
    await options.locator('[data-testid="panel-layout-floating"]').check();
    await expect.poll(() => status.textContent(), { timeout: TIMEOUT }).toContain('starts floating');
    await options.locator('[data-testid="panel-collapsed"]').check();
    await expect.poll(() => status.textContent(), { timeout: TIMEOUT }).toContain('starts collapsed');
    await expect
      .poll(() => options.locator('[data-testid="pinned-teams"] li').count(), { timeout: TIMEOUT })
      .toBe(1);
    await browser.close();
    browser = undefined;
  });

  it('finds every choice again after the browser starts on the same profile', async () => {
    browser = await launch();
    const options = await settingsPage(browser);
    expect(await options.locator('[data-testid="host-toggle-zendesk"]').isChecked()).toBe(false);
    expect(await options.locator('[data-testid="host-toggle-jira-cloud"]').isChecked()).toBe(true);
    expect(await options.locator('[data-testid="panel-layout-floating"]').isChecked()).toBe(true);
    expect(await options.locator('[data-testid="panel-collapsed"]').isChecked()).toBe(true);
    await expect
      .poll(() => options.locator('[data-testid="pinned-teams"] li').first().getAttribute('data-team'), {
        timeout: TIMEOUT,
      })
      .toBe('t-billing');
    const sites = await options
      .locator('[data-testid="jira-dc-origin"]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-origin')));
    expect(sites).toEqual(['https://jira.acme-dc.example', 'https://tools.acme-dc.example']);

    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    await popup.locator('[data-testid="team-entry"]').first().waitFor({ timeout: TIMEOUT });
    expect(await popup.locator('[data-testid="team-entry"]').first().getAttribute('data-team-id')).toBe(
      't-billing',
    );
    expect(await popup.locator('[data-testid="team-entry"]').first().getAttribute('data-pinned')).toBe(
      'true',
    );
  });
});
