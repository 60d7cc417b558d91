// The popup's first two requests, sent as the popup's HTML is parsed: after a browser start its own
// modules (zod, Preact, the protocol) take some 200 ms more to load, and the worker's answer is on
// its way meanwhile. Plain JavaScript, copied as it is (no build step, no imports); the popup takes
// the answers from window.__tandemEarlyTeamLinks and validates them as any answer
// (utils/popup-early.ts, components/Popup/TeamLinks.tsx). The limit is POPUP_TEAMS_SHOWN, which
// tests/popup-early.test.ts keeps equal.
(() => {
  const browserNs = globalThis.browser;
  const runtime = browserNs?.runtime?.id ? browserNs.runtime : globalThis.chrome?.runtime;
  if (!runtime?.sendMessage) return;
  const teams = runtime.sendMessage({ type: 'teams.list', limit: 40 });
  const settings = runtime.sendMessage({ type: 'settings.get' });
  // An API that answers only through callbacks gives no promise: the popup then asks itself.
  if (typeof teams?.then !== 'function' || typeof settings?.then !== 'function') return;
  // Whoever takes them handles a failure; until then it is not an unhandled rejection.
  teams.catch(() => undefined);
  settings.catch(() => undefined);
  globalThis.__tandemEarlyTeamLinks = { teams, settings };
})();
