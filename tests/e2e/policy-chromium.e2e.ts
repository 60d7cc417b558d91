/**
 * Browser policy in Chromium, for real: a managed policy file in /etc/chromium/policies/managed
 * (`3rdparty.extensions.<id>`, what an administrator deploys on Linux) for the policy test build
 * (.output/e2e-policy/chrome-mv3: the e2e build with a fixed manifest `key`, so a known id of its own). The
 * shared catalog, the Jira Data Center site and the switched-off host it sets take effect, and the
 * options page shows each as set by the administrator. The file exists only while the test runs
 * (Chromium reads it again once the extension's policy schema is registered, so not only at start).
 *
 * Needs root (the policy folder belongs to root), as `.ci/run` does. Run:
 *   node scripts/build-for-tests.mjs && npx vitest run -c vitest.e2e.config.ts tests/e2e/policy-chromium.e2e.ts
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchWithExtension,
  projectRoot,
  unpackedExtensionId,
} from './harness/browser';
import { type CatalogServer, startCatalogServer } from './harness/catalog-server';
import { fixtureSite, installNetworkGuard, serveHost, waitForFixture } from './harness/hosts';
import { panelSnapshot } from './harness/panel';
import { TIMEOUT, waitForPanel } from './options-support';
import {
  extensionPolicy,
  NOT_A_POLICY_DC_SITE,
  POLICY_DC_SITE,
  SETTINGS_VIEW_SOURCE,
  type SettingsView,
  SHARED_CATALOG,
  SOURCES_VIEW_SOURCE,
  type SourcesView,
  writePolicyFile,
} from './policy-support';

const POLICY_BUILD = path.join(projectRoot, '.output/e2e-policy/chrome-mv3');
const POLICY_DIR = '/etc/chromium/policies/managed';
const JIRA = 'https://acme.atlassian.net';

describe('Chromium: a managed policy file sets sources, Data Center sites and hosts', () => {
  const extensionId = unpackedExtensionId(POLICY_BUILD);
  let server: CatalogServer;
  let removePolicy: (() => Promise<void>) | undefined;
  let browser: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    server = await startCatalogServer();
    server.set('/catalog.json', SHARED_CATALOG);
    removePolicy = await writePolicyFile(path.join(POLICY_DIR, `tandem-e2e-${extensionId}.json`), {
      '3rdparty': { extensions: { [extensionId]: extensionPolicy(server.url('/catalog.json')) } },
    });
    // The file stays until afterAll: Chromium reads it again once the extension's schema is known.
    browser = await launchWithExtension({ extensionDir: POLICY_BUILD, headless: !process.env.TANDEM_HEADED });
    // The network guard aborts what no route answers; the policy's catalog server goes to the
    // network. Both at once, before any host is served: the background fetches the policy's source
    // as soon as the policy arrives, which can be within the first second.
    await installNetworkGuard(browser.context);
    await browser.context.route(
      (url) => url.origin === server.origin,
      (route) => route.continue(),
    );
    for (const origin of [JIRA, POLICY_DC_SITE, NOT_A_POLICY_DC_SITE]) {
      const folder = origin === JIRA ? 'jira-cloud' : 'jira-dc';
      await serveHost(browser.context, origin, fixtureSite(path.join(projectRoot, 'tests/fixtures', folder)));
    }
    options = await browser.context.newPage();
  });

  afterAll(async () => {
    await removePolicy?.();
    await browser?.close();
    await server?.close();
  });

  it('runs under the id the policy names', () => {
    expect(browser.extensionId).toBe(extensionId);
  });

  it('shows the shared catalog source as set by the administrator, and fetches it', async () => {
    await options.goto(browser.extensionUrl('options.html#sources'));
    let view: SourcesView | undefined;
    await expect
      .poll(
        async () => {
          view = (await options.evaluate(SOURCES_VIEW_SOURCE)) as SourcesView;
          return view.lockedRows === 1 && view.locked.includes('shared catalog sources');
        },
        { timeout: TIMEOUT },
      )
      .toBe(true);
    expect(view?.urls).toEqual([server.url('/catalog.json')]);
    expect(view?.locked).toContain('the hosts where Tandem is off');
    expect(view?.locked).toContain('the Jira Data Center sites');
    expect(view?.removable, 'a source set by policy cannot be removed').toBe(0);
    await expect.poll(() => server.requests.length, { timeout: TIMEOUT }).toBeGreaterThan(0);
  });

  it('shows the host the policy switches off as locked in Sites & panel', async () => {
    await options.goto(browser.extensionUrl('options.html#settings'));
    let view: SettingsView | undefined;
    await expect
      .poll(
        async () => {
          view = (await options.evaluate(SETTINGS_VIEW_SOURCE)) as SettingsView;
          return view.found;
        },
        { timeout: TIMEOUT },
      )
      .toBe(true);
    expect(view?.checked).toBe(false);
    expect(view?.disabled).toBe(true);
    expect(view?.text).toContain('Set by your administrator');
  });

  it('shows the shared catalog on Jira Cloud', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${JIRA}/browse/SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    await waitForPanel(page, 'the policy catalog on SHOP-142', (p) => p.needIds.includes('n-pol-reorder'));
    await page.close();
  });

  it('runs on the Data Center site the policy lists, and not on the one it left out', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${POLICY_DC_SITE}/browse/SHOP-142`);
    await waitForPanel(page, 'the panel on the policy DC site', (p) => p.count === 1 && p.host === 'jira-dc');
    await page.goto(`${NOT_A_POLICY_DC_SITE}/jira/browse/SHOP-142`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await panelSnapshot(page)).count).toBe(0);
    await page.close();
  });
});
