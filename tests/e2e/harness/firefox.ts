/**
 * Firefox for the end-to-end tests: Debian's firefox-esr driven over WebDriver BiDi by
 * puppeteer-core (no geckodriver), with the Firefox test build (.output/e2e/firefox-mv2) installed
 * as a temporary add-on under a fixed `moz-extension://` UUID.
 *
 * How Firefox differs from the Chromium harness (browser.ts), and what the tests do about it:
 * - The background is an event page (MV2 `background.scripts`), not a service worker: nothing to
 *   wait for; the add-on is ready once `installExtension` returns.
 * - BiDi refuses to navigate a tab to a `moz-extension://` URL. A tab the extension opens itself
 *   can be scripted, so the options page is reached the way a user reaches it from a page: the
 *   panel's "link" action with no catalog yet calls `runtime.openOptionsPage()`. From there the
 *   page itself may go to `popup.html` (`location.assign`), which BiDi does not object to.
 * - BiDi reports such tabs' URL as `about:blank`; `location.href` inside them is the real one.
 * - Pages under real host names are answered by request interception on each page (puppeteer's
 *   `isNavigationRequest()`, as BiDi has no `resourceType()`); a request no served origin answers
 *   is aborted and recorded. A dead proxy (127.0.0.1:9) catches whatever interception does not
 *   see, so nothing leaves the machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { projectRoot } from './browser';
import type { HostHandler } from './hosts';

export const FIREFOX_PATH = process.env.TANDEM_FIREFOX ?? '/usr/bin/firefox-esr';

/** The add-on's `moz-extension://` host, fixed by the `extensions.webextensions.uuids` pref. */
export const FIREFOX_EXTENSION_UUID = '5f0c1c2e-7a4b-4d8e-9b1f-7e3a2d6c9b40';

/** The Firefox test build that `node scripts/build-for-tests.mjs` makes. */
export function firefoxExtensionDir(): string {
  return path.resolve(projectRoot, process.env.TANDEM_FIREFOX_EXTENSION_DIR ?? '.output/e2e/firefox-mv2');
}

export function geckoId(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json names no gecko id`);
  return id;
}

export interface FirefoxExtension {
  browser: Browser;
  extensionDir: string;
  /** `moz-extension://<uuid>/<path>` */
  extensionUrl(pathname: string): string;
  /** Serves `origin` (e.g. `https://acme.atlassian.net`) to every page this harness opens. */
  serveHost(origin: string, handler: HostHandler): void;
  /** A new tab whose requests are answered by the served hosts (others aborted and recorded). */
  newPage(): Promise<Page>;
  /** The first tab showing this extension page (`options.html`), found by its real location. */
  extensionPage(pathname: string, timeoutMs?: number): Promise<Page>;
  /** Requests no served origin answered, in order. */
  blocked: string[];
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  extensionDir?: string;
  /** Default: headless unless TANDEM_HEADED is set. */
  headless?: boolean;
  /** Extra prefs (they win over the harness's). */
  prefs?: Record<string, unknown>;
  /** For a test proxy's self-signed certificate (harness/tls-proxy.ts). */
  acceptInsecureCerts?: boolean;
}

export async function launchFirefoxWithExtension(
  options: FirefoxLaunchOptions = {},
): Promise<FirefoxExtension> {
  const extensionDir = options.extensionDir ?? firefoxExtensionDir();
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${extensionDir}: run \`node scripts/build-for-tests.mjs\` first.`);
  }
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `No Firefox at ${FIREFOX_PATH}: apt-get install -y firefox-esr (never a downloaded one).`,
    );
  }
  const profile = await mkdtemp(path.join(os.tmpdir(), 'tandem-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: options.headless ?? !process.env.TANDEM_HEADED,
    userDataDir: profile,
    acceptInsecureCerts: options.acceptInsecureCerts ?? false,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(extensionDir)]: FIREFOX_EXTENSION_UUID }),
      // Nothing leaves the machine: what interception does not answer meets a closed port.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      ...options.prefs,
    },
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  const hosts = new Map<string, HostHandler>();
  const blocked: string[] = [];

  async function answer(request: HTTPRequest): Promise<void> {
    const url = new URL(request.url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return request.continue();
    const handler = hosts.get(url.origin);
    if (!handler) {
      blocked.push(request.url());
      return request.abort();
    }
    let response: Awaited<ReturnType<HostHandler>>;
    try {
      response = await handler(url, request as never);
    } catch (error) {
      response = { status: 500, contentType: 'text/plain', body: `fixture handler failed: ${String(error)}` };
    }
    response ??= { status: 404, contentType: 'text/plain', body: `no fixture for ${url.pathname}` };
    return request.respond({
      status: response.status ?? 200,
      contentType: response.contentType ?? 'text/html; charset=utf-8',
      headers: { 'cache-control': 'no-store', ...response.headers },
      body: response.body,
    });
  }

  const intercept = async (page: Page) => {
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      answer(request).catch(() => undefined); // the page went away meanwhile
    });
  };

  const realUrl = (page: Page) => page.evaluate(() => location.href).catch(() => '');

  return {
    browser,
    extensionDir,
    blocked,
    extensionUrl: (pathname) => `moz-extension://${FIREFOX_EXTENSION_UUID}/${pathname.replace(/^\//, '')}`,
    serveHost(origin, handler) {
      hosts.set(new URL(origin).origin, handler);
    },
    async newPage() {
      const page = await browser.newPage();
      await intercept(page);
      return page;
    },
    async extensionPage(pathname, timeoutMs = 20_000) {
      const wanted = `moz-extension://${FIREFOX_EXTENSION_UUID}/${pathname}`;
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        for (const page of await browser.pages()) {
          if ((await realUrl(page)).startsWith(wanted)) return page;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`no tab shows ${wanted} after ${timeoutMs} ms`);
    },
    async close() {
      await browser.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** Waits until the fixture app rendered the current URL (and, given `key`, shows that record). */
export async function waitForFixtureIn(page: Page, key?: string | null, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const rendered = (window as { __fixture?: { rendered: { key: string | null; path: string } | null } })
        .__fixture?.rendered;
      if (!rendered || rendered.path !== location.pathname + location.search) return false;
      return wanted === undefined || rendered.key === wanted;
    },
    { timeout },
    key,
  );
}

/** Client-side navigation in the fixture app (history.pushState, as the real app does). */
export async function fixtureNavigateIn(page: Page, pathname: string): Promise<void> {
  await page.evaluate((target) => {
    const fixture = (window as { __fixture?: { navigate(path: string): void } }).__fixture;
    if (!fixture) throw new Error('not a fixture page: window.__fixture is missing');
    fixture.navigate(target);
  }, pathname);
}
