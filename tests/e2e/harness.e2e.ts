/**
 * Checks the end-to-end harness itself with a throwaway MV3 extension (no Tandem build needed):
 * loading, the extension id, routing under a real host name, the catch-all block, and that the
 * network log sees content-script and service-worker requests.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchWithExtension,
  projectRoot,
  unpackedExtensionId,
} from './harness/browser';
import { blockedRequests, fixtureNavigate, fixtureSite, serveHost, waitForFixture } from './harness/hosts';
import {
  disallowedRequests,
  expectOnlyAllowedRequests,
  type NetworkLog,
  recordNetwork,
} from './harness/network';

const JIRA = 'https://acme.atlassian.net';

const MANIFEST = {
  manifest_version: 3,
  name: 'Harness probe',
  version: '0.0.1',
  background: { service_worker: 'sw.js' },
  host_permissions: ['https://*.atlassian.net/*', 'https://example.com/*'],
  content_scripts: [{ matches: ['https://*.atlassian.net/*'], js: ['cs.js'] }],
};

// The service worker fetches one routed and one foreign URL when asked.
const SERVICE_WORKER = `
chrome.runtime.onMessage.addListener((_message, _sender, reply) => {
  Promise.allSettled([
    fetch('https://example.com/from-service-worker'),
    fetch('${JIRA}/rest/api/3/issue/SHOP-143').then((response) => response.json()),
  ]).then(([foreign, routed]) => reply({ foreign: foreign.status, key: routed.value && routed.value.key }));
  return true;
});`;

// The content script marks the page, fetches same-origin and foreign URLs, then asks the worker.
const CONTENT_SCRIPT = `
const marker = document.createElement('probe-marker');
document.documentElement.append(marker);
fetch('/rest/api/3/issue/SHOP-142').then((response) => response.json()).then((issue) => { marker.dataset.key = issue.key; });
fetch('https://example.com/from-content-script').catch(() => {});
chrome.runtime.sendMessage('go').then((answer) => { marker.dataset.worker = JSON.stringify(answer); });`;

describe('e2e harness', () => {
  let extensionDir: string;
  let browser: ExtensionBrowser;
  let network: NetworkLog;

  beforeAll(async () => {
    extensionDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-probe-extension-'));
    await writeFile(path.join(extensionDir, 'manifest.json'), JSON.stringify(MANIFEST));
    await writeFile(path.join(extensionDir, 'sw.js'), SERVICE_WORKER);
    await writeFile(path.join(extensionDir, 'cs.js'), CONTENT_SCRIPT);
    browser = await launchWithExtension({ extensionDir });
    network = recordNetwork(browser.context);
    await serveHost(browser.context, JIRA, fixtureSite(path.join(projectRoot, 'tests/fixtures/jira-cloud')));
  });

  afterAll(async () => {
    await browser?.close();
    if (extensionDir) await rm(extensionDir, { recursive: true, force: true });
  });

  it('loads the extension and reads its id from the service worker', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    // Chromium derives an unpacked extension's id from its folder path (or manifest key).
    expect(browser.extensionId).toBe(unpackedExtensionId(extensionDir));
    expect(browser.extensionUrl('/options.html')).toBe(
      `chrome-extension://${browser.extensionId}/options.html`,
    );
  });

  it('serves the Jira fixture under its real host name and routes in-app navigation', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${JIRA}/browse/SHOP-142`);
    await waitForFixture(page, 'SHOP-142');
    expect(await page.title()).toBe(
      '[SHOP-142] Reorder a past order in one click from the order history - Jira',
    );
    const current = page.locator(
      '[data-testid="issue.views.issue-base.foundation.breadcrumbs.breadcrumb-current-issue-container"] ' +
        'a[data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"][href="/browse/SHOP-142"]',
    );
    expect(await current.count()).toBe(1);

    await fixtureNavigate(page, '/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-143');
    await waitForFixture(page, 'SHOP-143');
    const preview = page.locator('section[data-testid="preview-panels.preview-panel"]');
    expect(
      await preview
        .locator('a[data-testid="platform-issue-preview-panel.preview-panel-new-tab-link"]')
        .getAttribute('href'),
    ).toBe('/browse/SHOP-143');
    expect(await page.locator('[data-testid="platform-board-kit.ui.card.card"]').count()).toBeGreaterThan(2);

    // The content script ran in the routed page, and its same-origin REST call reached the fake.
    await expect.poll(() => page.locator('probe-marker').getAttribute('data-key')).toBe('SHOP-142');
    // The service worker's routed fetch was fulfilled and its foreign one aborted.
    await expect
      .poll(async () =>
        JSON.parse((await page.locator('probe-marker').getAttribute('data-worker')) ?? 'null'),
      )
      .toEqual({ foreign: 'rejected', key: 'SHOP-143' });
    await page.close();
  });

  it('records and blocks requests from pages, content scripts and the service worker', () => {
    const foreign = disallowedRequests(network, [JIRA]);
    expect(foreign.map((entry) => [entry.url, entry.source]).sort()).toEqual([
      ['https://example.com/from-content-script', 'page'],
      ['https://example.com/from-service-worker', 'service-worker'],
    ]);
    expect(
      blockedRequests(browser.context)
        .map((entry) => entry.url)
        .sort(),
    ).toEqual(['https://example.com/from-content-script', 'https://example.com/from-service-worker']);
    const routedFromWorker = network.entries.find((entry) =>
      entry.url.endsWith('/rest/api/3/issue/SHOP-143'),
    );
    expect(routedFromWorker?.source).toBe('service-worker');
    expect(() => expectOnlyAllowedRequests(network, [JIRA])).toThrow(/example\.com\/from-service-worker/);
  });

  it('removes its temporary profile on close', async () => {
    const profile = browser.userDataDir;
    expect(existsSync(profile)).toBe(true);
    await browser.close();
    expect(existsSync(profile)).toBe(false);
  });
});
