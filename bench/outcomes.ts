/**
 * The outcomes page's figures: from opening `options.html#outcomes` to its first screen
 * of teams and needs drawn, with the benchmark's catalog already imported (the first open builds
 * the outcomes in the background, so it is the one timed against the budget), and the longest
 * frame while scrolling through the next pages.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { type Figure, figure } from './report';
import { recordRequestsInto, requestTimes, type TimedRequest } from './request-timing';

export const OUTCOMES_BUDGET = { firstScreenMs: 500, scrollFrameMs: 50 };

/** Records when the first need is in the DOM and the frame after it, from navigation start. */
/**
 * Source text shared with bench/outcomes-firefox.ts: `check`, which records in `state` when the
 * first need is in the DOM (`drawn`) and the frame after it painted (`painted`), and the `observer`
 * that calls it on every change.
 */
export const WATCH_FIRST_NEED = `
  const check = () => {
    if (state.drawn !== null || !document.querySelector('[data-testid="outcomes-need"]')) return;
    state.drawn = performance.now();
    requestAnimationFrame(() => setTimeout(() => { state.painted = performance.now(); }, 0));
    observer.disconnect();
  };
  const observer = new MutationObserver(check);`;

const FIRST_SCREEN_HOOK = `(() => {
  const state = { drawn: null, painted: null, requests: [] };
  window.__benchOutcomes = state;
  // Where the time goes: when the page first asks the background for each type, and when it hears.
  ${recordRequestsInto('state')}
  ${WATCH_FIRST_NEED}
  const start = () => observer.observe(document.documentElement, { childList: true, subtree: true });
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
})()`;

/** Scrolls down in steps for `ms`, recording the gaps between animation frames. */
const SCROLL_AND_WATCH = `(async (ms) => {
  const gaps = [];
  let last = performance.now();
  let running = true;
  const frame = (now) => { gaps.push(now - last); last = now; if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const end = performance.now() + ms;
  while (performance.now() < end) {
    window.scrollBy(0, 400);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  running = false;
  gaps.shift();
  const needs = document.querySelectorAll('[data-testid="outcomes-need"]').length;
  return { max: Math.max(0, ...gaps), frames: gaps.length, needs };
})`;

interface FirstScreen {
  drawn: number | null;
  painted: number | null;
  requests?: TimedRequest[];
}

async function openOutcomes(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; timing: FirstScreen }> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.addInitScript(FIRST_SCREEN_HOOK);
  await page.goto(url);
  await page.locator('[data-testid="outcomes-need"]').first().waitFor({ timeout: 30_000 });
  let timing: FirstScreen = { drawn: null, painted: null };
  for (let i = 0; i < 100 && timing.painted === null; i++) {
    timing = ((await page.evaluate('window.__benchOutcomes')) as FirstScreen | undefined) ?? timing;
    if (timing.painted === null) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { page, timing };
}

export async function measureOutcomes(
  context: BrowserContext,
  extensionUrl: (path: string) => string,
  size: { teams: number; needs: number },
): Promise<Figure[]> {
  const url = extensionUrl('options.html#outcomes');
  const cold = await openOutcomes(context, url);
  await cold.page.close();
  const warm = await openOutcomes(context, url);
  // The background's share: one request for a first page, sorted by gap (a new selection).
  const queryMs = (await warm.page.evaluate(`(async () => {
    const started = performance.now();
    const answer = await chrome.runtime.sendMessage({ type: 'outcomes.query', filters: {}, sort: 'gap', offset: 0, limit: 30 });
    return answer && answer.ok ? performance.now() - started : null;
  })()`)) as number | null;
  const scroll = (await warm.page.evaluate(`${SCROLL_AND_WATCH}(3000)`)) as {
    max: number;
    frames: number;
    needs: number;
  };
  await warm.page.close();
  const catalog = `${size.teams} teams / ${size.needs} needs`;
  return [
    figure(
      'outcomes-first-screen',
      cold.timing.painted,
      'ms',
      OUTCOMES_BUDGET.firstScreenMs,
      `options.html#outcomes opened → first needs drawn and painted, ${catalog}, the first open after the import (the background builds the outcomes); warm ${warm.timing.painted === null ? '—' : `${warm.timing.painted.toFixed(0)} ms`}; first open's requests: ${requestTimes(cold.timing.requests)}; warm: ${requestTimes(warm.timing.requests)}`,
    ),
    figure(
      'outcomes-query',
      queryMs,
      'ms',
      null,
      `one outcomes.query from the page, first page sorted by gap to target (a new selection of ${catalog}), request → answer`,
    ),
    figure(
      'outcomes-scroll-longest-frame',
      scroll.frames > 0 ? scroll.max : null,
      'ms',
      OUTCOMES_BUDGET.scrollFrameMs,
      `3 s scrolling down 400 px every 50 ms (the next pages load as the end nears): longest gap between frames of ${scroll.frames}; ${scroll.needs} needs on the page at the end`,
    ),
  ];
}
