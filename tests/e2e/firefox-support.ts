/** Helpers the Firefox end-to-end files share (puppeteer pages; harness/firefox.ts launches). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { projectRoot } from './harness/browser';
import type { FirefoxExtension } from './harness/firefox';
import { type PanelSnapshot, panelSnapshot } from './harness/panel';

export const DEMO_CATALOG_PATH = path.join(projectRoot, 'demo/catalog.json');

/** Firefox on the shared 2-core machine: the same patience as the Chromium files' TIMEOUT. */
export const FIREFOX_TIMEOUT = 20_000;

/** Polls `check` until it holds; fails naming `what`. */
export async function pollIn(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = FIREFOX_TIMEOUT,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`waited ${timeoutMs} ms for ${what}`);
}

/** Waits until the page's panel satisfies `predicate`; fails with the last snapshot seen. */
export async function waitForPanelIn(
  page: Page,
  describeIt: string,
  predicate: (panel: PanelSnapshot) => boolean,
): Promise<PanelSnapshot> {
  let last: PanelSnapshot | undefined;
  const until = Date.now() + FIREFOX_TIMEOUT;
  while (Date.now() < until) {
    // panelSnapshot only calls page.evaluate with page-side source text, which puppeteer takes too.
    last = await panelSnapshot(page as never).catch(() => last);
    if (last && predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${describeIt}; last panel seen: ${JSON.stringify(last, null, 2)}`);
}

/** Clicks a control inside the panel's open shadow root. */
export async function clickInPanel(page: Page, testid: string): Promise<void> {
  const button = await page.waitForSelector(`pierce/[data-testid="${testid}"]`, { timeout: FIREFOX_TIMEOUT });
  await button?.click();
}

/** Sends one protocol message from an extension page (as the options page would); fails after FIREFOX_TIMEOUT. */
export async function askIn<T>(page: Page, message: object): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no answer to ${JSON.stringify(message).slice(0, 80)} within ${FIREFOX_TIMEOUT} ms`),
        ),
      FIREFOX_TIMEOUT,
    );
  });
  try {
    return await Promise.race([
      page.evaluate(
        (request) =>
          (
            globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
          ).browser.runtime.sendMessage(request),
        message,
      ) as Promise<T>,
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Imports the demo catalog the way a new user does, and the only way into an extension page BiDi
 * allows: `page` shows an empty panel (no catalog yet), whose link action opens the options page.
 * Returns the options page once the import reports every need.
 */
export async function importDemoCatalogIn(firefox: FirefoxExtension, page: Page): Promise<Page> {
  const needs = (JSON.parse(readFileSync(DEMO_CATALOG_PATH, 'utf8')) as { needs: unknown[] }).needs.length;
  await waitForPanelIn(page, 'an empty panel, no catalog yet', (p) => p.count === 1 && p.state === 'empty');
  await clickInPanel(page, 'tandem-link-action');
  const options = await firefox.extensionPage('options.html');
  const input = await options.waitForSelector('[data-testid="catalog-import"]', { timeout: FIREFOX_TIMEOUT });
  await (input as unknown as { uploadFile(file: string): Promise<void> }).uploadFile(DEMO_CATALOG_PATH);
  await options.waitForFunction(
    (count) => (document.querySelector('[data-testid="import-result"]')?.textContent ?? '').includes(count),
    { timeout: FIREFOX_TIMEOUT },
    String(needs),
  );
  return options;
}
