/**
 * What the security and reliability end-to-end files share (docs/security.md): a browser with the test build,
 * the XSS trap installed in every page (host pages and extension pages) before their own scripts,
 * every console line and uncaught error recorded, the host fixtures served under their real names,
 * and scans for anything a payload could have become.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DANGER_SCAN_SOURCE, type DangerScan, TRAP_SOURCE } from '../security/xss-corpus';
import {
  CHROMIUM_PATH,
  chromiumArgs,
  type ExtensionBrowser,
  e2eExtensionDir,
  launchWithExtension,
  projectRoot,
} from './harness/browser';
import { fixtureSite, serveHost } from './harness/hosts';
import { type NetworkLog, recordNetwork } from './harness/network';
import { type ConsoleLog, recordConsole } from './jira-support';
import { AVAILABLE_HOSTS, type HostPage } from './panel-support';

export const TIMEOUT = 15_000;

export interface SecuritySession {
  browser: ExtensionBrowser;
  console: ConsoleLog;
  network: NetworkLog;
  /** Dialogs any page opened (alert, confirm, prompt): a payload that ran would open one. */
  dialogs: string[];
  close(): Promise<void>;
}

/**
 * Like harness/browser.ts `launchWithExtension`, but able to reload the extension the way an
 * update does (`chrome.runtime.reload()`): without Playwright's default `--disable-extensions`
 * switch, and with the profile in developer mode. Otherwise Chromium disables the reloaded unpacked
 * extension ("unsupportedDeveloperExtension") and it never comes back.
 */
async function launchReloadable(extensionDir = e2eExtensionDir()): Promise<ExtensionBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-reload-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: !process.env.TANDEM_HEADED,
    args: chromiumArgs(extensionDir),
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1280, height: 900 },
  });
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    })();
    return closed;
  };
  const first =
    context.serviceWorkers().find((worker) => worker.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(first.url()).host;
  const mine = (url: string) => url.startsWith(`chrome-extension://${extensionId}/`);
  const extensions = await context.newPage();
  await extensions.goto('chrome://extensions');
  await extensions.evaluate(
    () =>
      new Promise<void>((resolve) =>
        (
          globalThis as unknown as {
            chrome: { developerPrivate: { updateProfileConfiguration(c: object, done: () => void): void } };
          }
        ).chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve),
      ),
  );
  await extensions.close();
  return {
    context,
    extensionId,
    extensionDir,
    userDataDir,
    extensionUrl: (pathname) => `chrome-extension://${extensionId}/${pathname.replace(/^\//, '')}`,
    async serviceWorker() {
      const live = context.serviceWorkers().filter((worker) => mine(worker.url()));
      if (live.length > 0) return live[live.length - 1] as (typeof live)[number];
      const page = await context.newPage();
      try {
        await page.goto(`chrome-extension://${extensionId}/manifest.json`);
        return await context.waitForEvent('serviceworker', {
          predicate: (w) => mine(w.url()),
          timeout: 20_000,
        });
      } finally {
        await page.close();
      }
    },
    close,
  };
}

export async function startSecuritySession(
  options: {
    hosts?: readonly HostPage[];
    trap?: boolean;
    args?: string[];
    reloadable?: boolean;
    /** Reloadable only: the unpacked extension's folder (a test may replace its files, as an update does). */
    extensionDir?: string;
  } = {},
): Promise<SecuritySession> {
  const browser = options.reloadable
    ? await launchReloadable(options.extensionDir)
    : await launchWithExtension({
        extensionDir: e2eExtensionDir(),
        headless: !process.env.TANDEM_HEADED,
        ...(options.args ? { args: options.args } : {}),
      });
  const network = recordNetwork(browser.context);
  const consoleLog = recordConsole(browser.context);
  const dialogs: string[] = [];
  browser.context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()} (${page.url()})`);
      void dialog.dismiss().catch(() => undefined);
    });
  });
  if (options.trap !== false) await browser.context.addInitScript({ content: TRAP_SOURCE });
  for (const host of options.hosts ?? AVAILABLE_HOSTS) {
    await serveHost(
      browser.context,
      host.origin,
      fixtureSite(path.join(projectRoot, 'tests/fixtures', host.folder)),
    );
  }
  return { browser, console: consoleLog, network, dialogs, close: () => browser.close() };
}

/** Writes `text` to a temporary file named `name` (for the import controls) and returns its path. */
export function tempFile(name: string, text: string): string {
  const file = path.join(os.tmpdir(), `tandem-${process.pid}-${name}`);
  writeFileSync(file, text);
  return file;
}

/** Imports a catalog file through the options page's own import control; returns the result text. */
export async function importThroughOptions(
  session: SecuritySession,
  file: string,
  outcome: 'imported' | 'failed' = 'imported',
): Promise<string> {
  const options = await session.browser.context.newPage();
  try {
    await options.goto(session.browser.extensionUrl('options.html#overview'));
    await options.locator('[data-testid="catalog-import"]').setInputFiles(file);
    const result = options.locator(`[data-testid="import-result"][data-outcome="${outcome}"]`);
    await result.waitFor({ timeout: TIMEOUT });
    return (await result.textContent()) ?? '';
  } finally {
    await options.close();
  }
}

/** Sends one protocol message from an extension page, as the options page would (an answer within TIMEOUT). */
export async function ask<T = Record<string, unknown>>(page: Page, message: object): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer to ${JSON.stringify(message).slice(0, 80)} within ${TIMEOUT} ms`)),
      TIMEOUT,
    );
  });
  try {
    return await Promise.race([
      page.evaluate(
        (request) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<T> } } }
          ).chrome.runtime.sendMessage(request),
        message,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Scans `rootSelector`'s shadow root (or the whole document when null) for what payloads become. */
export async function scan(
  page: Page,
  rootSelector: string | null,
  allowedHref: RegExp,
): Promise<DangerScan> {
  return (await page.evaluate(
    `${DANGER_SCAN_SOURCE}(${JSON.stringify(rootSelector)}, ${JSON.stringify(allowedHref.source)})`,
  )) as DangerScan;
}

/** Every value a payload reported through the trap in this page (an empty list when none ran). */
export async function trapHits(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...((window as unknown as { __xssHits?: string[] }).__xssHits ?? ['(no trap)']),
  ]);
}

/** The trap works: setting it in this page is recorded (then forgotten). */
export async function expectTrapArmed(page: Page): Promise<void> {
  const recorded = await page.evaluate(() => {
    const win = window as unknown as { __xss: string; __xssHits: string[] };
    win.__xss = 'probe';
    const seen = win.__xssHits.includes('probe');
    win.__xssHits.splice(win.__xssHits.indexOf('probe'), 1);
    return seen;
  });
  expect(recorded, 'the XSS trap is installed in this page').toBe(true);
}

/** Console lines and uncaught errors that come from Tandem (its scripts, its pages, its words). */
export function extensionProblems(session: SecuritySession, extra: RegExp | null = null): string[] {
  const id = session.browser.extensionId;
  const ours = (text: string, url = '') =>
    url.startsWith(`chrome-extension://${id}`) ||
    /tandem|extension context invalidated|chrome-extension:\/\//i.test(text) ||
    (extra?.test(text) ?? false);
  return [
    ...session.console.pageErrors
      .filter((error) => ours(error.message, error.page))
      .map((error) => `uncaught: ${error.message} (${error.page})`),
    ...session.console.entries
      .filter((entry) => (entry.type === 'error' || entry.type === 'warning') && ours(entry.text, entry.url))
      .map((entry) => `${entry.type}: ${entry.text} (${entry.page})`),
  ];
}
