/** Helpers the Firefox end-to-end files share (puppeteer pages; harness/firefox.ts launches). */
import type { Page } from 'puppeteer-core';
import { type PanelSnapshot, panelSnapshot } from './harness/panel';

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
