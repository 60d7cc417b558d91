/**
 * Code the benchmark runs inside pages, kept as source text: tsx compiles this project with
 * esbuild's keepNames, which wraps named inner functions in a `__name()` helper the page does not
 * have (see tests/e2e/harness/panel.ts). Each source is a function expression called with one JSON
 * argument by `callInPage`.
 */
import type { Page } from 'playwright-core';

/** Evaluates `(source)(arg)` in the page's main world and awaits the result. */
export async function callInPage<T>(page: Page, source: string, arg: unknown = null): Promise<T> {
  return (await page.evaluate(`(${source})(${JSON.stringify(arg)})`)) as T;
}

/**
 * Runs before any page script on the fixture sites: a seeded Math.random, so that the fixture's
 * simulated network and render delays are the same sequence in every run and in both browsers
 * (with and without the extension), and the time of the first `fixture:rendered` event.
 */
export const FIXTURE_INIT_SCRIPT = String.raw`(() => {
  if (!/(\.atlassian\.net|\.force\.com|\.hubspot\.com|\.dynamics\.com|\.zendesk\.com)$/.test(location.hostname)) return;
  let state = 0x2545f491;
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  window.addEventListener('fixture:rendered', (event) => {
    if (window.__benchFirstRendered) return;
    const detail = event.detail || {};
    window.__benchFirstRendered = { at: performance.now(), key: detail.record ?? detail.key ?? null };
  });
})();`;

/**
 * One SPA navigation: observes the panel's attributes from before the navigation, then records
 * when the fixture says the record view is rendered and when `<tandem-panel>` shows that record
 * in one of `states` (default: ready; `['ready', 'empty']` where the catalog may link nothing to
 * the record). Resolves with both times (performance.now(), ms) or `timedOut`.
 */
export const NAVIGATE_AND_TIME = `({ path, record, timeoutMs, states = ['ready'] }) => new Promise((resolve) => {
  const result = { record, start: performance.now(), rendered: null, ready: null, timedOut: false };
  const panels = document.getElementsByTagName('tandem-panel');
  let timer = 0;
  const done = () => {
    if (result.rendered === null || result.ready === null) return;
    observer.disconnect();
    window.removeEventListener('fixture:rendered', onRendered);
    clearTimeout(timer);
    resolve(result);
  };
  const check = () => {
    if (result.ready !== null) return;
    for (const panel of panels) {
      if (panel.getAttribute('data-record') === record && states.includes(panel.getAttribute('data-state'))) {
        result.ready = performance.now();
        done();
        return;
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-record', 'data-state'] });
  const onRendered = (event) => {
    const detail = event.detail || {};
    const shown = detail.record ?? detail.key ?? null;
    if (shown !== record || result.rendered !== null) return;
    result.rendered = performance.now();
    check();
    done();
  };
  window.addEventListener('fixture:rendered', onRendered);
  timer = setTimeout(() => {
    observer.disconnect();
    window.removeEventListener('fixture:rendered', onRendered);
    result.timedOut = true;
    resolve(result);
  }, timeoutMs);
  window.__fixture.navigate(path);
})`;

/** Waits until `<tandem-panel>` shows `record` in `state` (one, or a list of them) or times out; returns whether it did. */
export const WAIT_FOR_PANEL = `({ record, state, timeoutMs }) => new Promise((resolve) => {
  const deadline = performance.now() + timeoutMs;
  const states = [].concat(state);
  const poll = () => {
    for (const panel of document.getElementsByTagName('tandem-panel')) {
      if (panel.getAttribute('data-record') === record && states.includes(panel.getAttribute('data-state'))) return resolve(true);
    }
    if (performance.now() > deadline) return resolve(false);
    setTimeout(poll, 10);
  };
  poll();
})`;

/** Resolves when the first `fixture:rendered` of this page load has happened; its time since navigation start. */
export const FIRST_RENDERED = `({ timeoutMs }) => new Promise((resolve) => {
  const deadline = performance.now() + timeoutMs;
  const poll = () => {
    if (window.__benchFirstRendered) return resolve(window.__benchFirstRendered);
    if (performance.now() > deadline) return resolve(null);
    setTimeout(poll, 5);
  };
  poll();
})`;

/**
 * Sends content-script-style resolve requests one after the other from an extension page and
 * returns each round trip in ms.
 */
export const RESOLVE_LOOP = `async ({ records }) => {
  const times = [];
  const needs = [];
  const bytes = [];
  const failures = [];
  for (const record of records) {
    const start = performance.now();
    const answer = await chrome.runtime.sendMessage({ type: 'resolve', record });
    times.push(performance.now() - start);
    if (!answer || answer.ok !== true) failures.push(JSON.stringify(answer).slice(0, 200));
    needs.push(answer && answer.context ? answer.context.needs.length : -1);
    bytes.push(JSON.stringify(answer).length);
  }
  return { times, needs, bytes, failures };
}`;

/** One resolve, timed against the epoch (performance.timeOrigin + now), for the background start. */
export const RESOLVE_ONCE_EPOCH = `async ({ record }) => {
  const sentAt = performance.timeOrigin + performance.now();
  const answer = await chrome.runtime.sendMessage({ type: 'resolve', record });
  const answeredAt = performance.timeOrigin + performance.now();
  return { sentAt, answeredAt, ok: Boolean(answer && answer.ok), needs: answer && answer.context ? answer.context.needs.length : -1, error: answer && answer.error };
}`;

/**
 * On the options page: records when the file input changes, when `import-result` appears and
 * when the stored catalog's counts show the imported one.
 */
export const IMPORT_HOOKS = `({ needsText }) => {
  const timing = { change: null, result: null, outcome: null, resultText: null, counts: null };
  window.__benchImport = timing;
  const input = document.querySelector('[data-testid="catalog-import"]');
  input.addEventListener('change', () => { if (timing.change === null) timing.change = performance.now(); }, { capture: true });
  const check = () => {
    const result = document.querySelector('[data-testid="import-result"]');
    if (result && timing.result === null && timing.change !== null) {
      timing.result = performance.now();
      timing.outcome = result.getAttribute('data-outcome');
      timing.resultText = (result.textContent || '').slice(0, 500);
    }
    const counts = document.querySelector('[data-testid="catalog-counts"]');
    const countsText = counts ? (counts.textContent || '').replace(/[^0-9a-z]/gi, '') : '';
    if (counts && timing.result !== null && timing.counts === null && countsText.includes(needsText)) {
      timing.counts = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  return true;
}`;

/**
 * A host page that never stops changing: every 16 ms a "last updated" line changes its text and its
 * class, and every tenth tick a presence chip is added (and the oldest removed), inside the issue
 * view, as live timestamps and presence indicators do on real Jira pages.
 */
export const START_MUTATOR = `() => {
  const host = document.querySelector('#ak-main-content') || document.body;
  const box = document.createElement('div');
  box.id = 'bench-mutator';
  host.append(box);
  let tick = 0;
  window.__benchMutator = setInterval(() => {
    tick += 1;
    box.textContent = 'Updated ' + tick + ' ticks ago';
    box.className = tick % 2 ? 'bench-odd' : 'bench-even';
    if (tick % 10 === 0) {
      const chip = document.createElement('span');
      chip.textContent = 'viewer ' + tick;
      box.append(chip);
    }
  }, 16);
  return true;
}`;

export const STOP_MUTATOR = `() => { clearInterval(window.__benchMutator); document.getElementById('bench-mutator')?.remove(); return true; }`;

/**
 * Popup search, per keystroke: from the keydown to the moment the answer to the search that
 * keystroke sent is in the DOM (the last DOM change after the answer arrived; the answer's own
 * arrival when the results did not change), and, for reference, to the next animation frame
 * after that. The hook wraps `chrome.runtime.sendMessage`, which the popup's message layer ends
 * in, to see `catalog.search` requests and answers; nothing else is changed.
 */
export const POPUP_KEYSTROKE_HOOKS = `() => {
  const state = { keydown: null, sentBefore: 0, sent: 0, answered: 0, lastAnswerAt: null, lastMutation: null, paintedAt: null };
  window.__benchPopup = state;
  const runtime = chrome.runtime;
  const original = runtime.sendMessage;
  const frame = () => {
    state.paintedAt = null;
    requestAnimationFrame(() => { state.paintedAt = performance.now(); });
  };
  const settle = () => {
    state.answered += 1;
    state.lastAnswerAt = performance.now();
    frame();
  };
  runtime.sendMessage = function (...args) {
    const message = args[0];
    if (!message || message.type !== 'catalog.search') return original.apply(this, args);
    state.sent += 1;
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = function (...answer) {
        settle();
        return last.apply(this, answer);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof result.then === 'function') result.then(settle, settle);
    return result;
  };
  new MutationObserver(() => {
    if (state.keydown === null) return;
    state.lastMutation = performance.now();
    frame();
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  document.addEventListener('keydown', () => {
    state.keydown = performance.now();
    state.sentBefore = state.sent;
    state.lastMutation = null;
    state.paintedAt = null;
  }, { capture: true });
  return true;
}`;

export const POPUP_KEYSTROKE_RESULT = `({ quietMs, timeoutMs }) => new Promise((resolve) => {
  const state = window.__benchPopup;
  const poll = () => {
    const now = performance.now();
    const requested = state.sent > state.sentBefore;
    const answered = requested && state.answered >= state.sent && state.lastAnswerAt >= state.keydown;
    const quietSince = Math.max(state.lastAnswerAt ?? 0, state.lastMutation ?? 0);
    if (answered && state.paintedAt !== null && now - quietSince >= quietMs) {
      const rendered = state.lastMutation !== null && state.lastMutation >= state.lastAnswerAt ? state.lastMutation : state.lastAnswerAt;
      return resolve({ latency: rendered - state.keydown, toFrame: state.paintedAt - state.keydown, requested });
    }
    if (now - state.keydown >= timeoutMs) return resolve({ latency: null, toFrame: null, requested });
    setTimeout(poll, 5);
  };
  poll();
})`;

/** One search request from the popup page, timed (the first one builds the background's index). */
export const POPUP_ONE_SEARCH = `async ({ text }) => {
  const start = performance.now();
  const answer = await chrome.runtime.sendMessage({ type: 'catalog.search', text, limit: 12 });
  return { ms: performance.now() - start, ok: Boolean(answer && answer.ok), hits: answer && answer.hits ? answer.hits.length : -1 };
}`;
