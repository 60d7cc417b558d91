/**
 * Browser policy in Firefox, for real: `policies.json` in firefox-esr's distribution folder
 * (/usr/lib/firefox-esr/distribution, what an administrator deploys on Linux) with
 * `3rdparty.Extensions["tandem@tandem.invalid"]`. Firefox reads it once, at start: the file is
 * written just before the launch and removed right after it (and again in afterAll, whatever
 * happened), so no other Firefox on the machine sees it.
 *
 * Firefox difference: BiDi cannot open `moz-extension://` pages, so the options page is reached the
 * user's way, from the panel of a page with no catalog yet. For that the shared catalog's server
 * first answers 500 (the refresh at start is still seen, and fails); once healed, the options
 * page's "Refresh now" on the locked source brings the catalog, and the panel shows it.
 *
 * Needs root (the distribution folder belongs to root), as `.ci/run` does. Run:
 *   node scripts/build-for-tests.mjs && npx vitest run -c vitest.firefox.config.ts tests/e2e/policy-firefox.e2e.ts
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInPanel, FIREFOX_TIMEOUT, pollIn, waitForPanelIn } from './firefox-support';
import { projectRoot } from './harness/browser';
import { type CatalogServer, startCatalogServer } from './harness/catalog-server';
import {
  type FirefoxExtension,
  firefoxExtensionDir,
  geckoId,
  launchFirefoxWithExtension,
  waitForFixtureIn,
} from './harness/firefox';
import { fixtureSite } from './harness/hosts';
import { panelSnapshot } from './harness/panel';
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

const POLICY_FILE = '/usr/lib/firefox-esr/distribution/policies.json';
const JIRA = 'https://acme.atlassian.net';

describe('Firefox: policies.json sets sources, Data Center sites and hosts', () => {
  let server: CatalogServer;
  let removePolicy: (() => Promise<void>) | undefined;
  let firefox: FirefoxExtension;
  let jira: Page;
  let options: Page;

  beforeAll(async () => {
    server = await startCatalogServer();
    server.set('/catalog.json', SHARED_CATALOG);
    server.failWith('server-error', '/catalog.json');
    const id = geckoId(firefoxExtensionDir());
    removePolicy = await writePolicyFile(POLICY_FILE, {
      policies: { '3rdparty': { Extensions: { [id]: extensionPolicy(server.url('/catalog.json')) } } },
    });
    try {
      firefox = await launchFirefoxWithExtension();
    } finally {
      await removePolicy();
      removePolicy = undefined;
    }
    for (const origin of [JIRA, POLICY_DC_SITE, NOT_A_POLICY_DC_SITE]) {
      const folder = origin === JIRA ? 'jira-cloud' : 'jira-dc';
      firefox.serveHost(origin, fixtureSite(path.join(projectRoot, 'tests/fixtures', folder)));
    }
    jira = await firefox.newPage();
  });

  afterAll(async () => {
    await removePolicy?.();
    await firefox?.close();
    await server?.close();
  });

  it('tries the shared catalog the policy names at start', async () => {
    await pollIn('a request for the policy catalog', () => server.requests.length > 0);
  });

  it('opens the options page from the panel, which shows the source as set by the administrator', async () => {
    await jira.goto(`${JIRA}/browse/SHOP-142`);
    await waitForFixtureIn(jira, 'SHOP-142');
    await waitForPanelIn(jira, 'an empty panel, no catalog yet', (p) => p.state === 'empty' && p.linkAction);
    await clickInPanel(jira, 'tandem-link-action');
    options = await firefox.extensionPage('options.html');
    await options.evaluate(() => {
      location.hash = '#sources';
    });
    let view: SourcesView | undefined;
    await pollIn('the locked source', async () => {
      view = (await options.evaluate(SOURCES_VIEW_SOURCE)) as SourcesView;
      return view.lockedRows === 1;
    });
    expect(view?.urls).toEqual([server.url('/catalog.json')]);
    expect(view?.locked).toContain('shared catalog sources');
    expect(view?.locked).toContain('the hosts where Tandem is off');
    expect(view?.locked).toContain('the Jira Data Center sites');
    expect(view?.removable, 'a source set by policy cannot be removed').toBe(0);
  });

  it('brings the shared catalog once its server answers, and the open tab shows it', async () => {
    server.failWith(null, '/catalog.json');
    const refresh = await options.waitForSelector('[data-testid="source-refresh"]', {
      timeout: FIREFOX_TIMEOUT,
    });
    await refresh?.click();
    await waitForPanelIn(jira, 'the policy catalog on SHOP-142', (p) => p.needIds.includes('n-pol-reorder'));
  });

  it('shows the host the policy switches off as locked in Sites & panel', async () => {
    await options.evaluate(() => {
      location.hash = '#settings';
    });
    let view: SettingsView | undefined;
    await pollIn('the settings view', async () => {
      view = (await options.evaluate(SETTINGS_VIEW_SOURCE)) as SettingsView;
      return view.found;
    });
    expect(view?.checked).toBe(false);
    expect(view?.disabled).toBe(true);
    expect(view?.text).toContain('Set by your administrator');
  });

  it('runs on the Data Center site the policy lists, and not on the one it left out', async () => {
    const page = await firefox.newPage();
    await page.goto(`${POLICY_DC_SITE}/browse/SHOP-142`);
    await waitForPanelIn(
      page,
      'the panel on the policy DC site',
      (p) => p.count === 1 && p.host === 'jira-dc',
    );
    await page.goto(`${NOT_A_POLICY_DC_SITE}/jira/browse/SHOP-142`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await panelSnapshot(page as never)).count).toBe(0);
    await page.close();
  });
});
