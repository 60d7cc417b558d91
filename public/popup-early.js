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
  const send = (message) => {
    const answer = runtime.sendMessage(message);
    // Whoever takes it handles a failure; until then it is not an unhandled rejection.
    answer.catch(() => undefined);
    return answer;
  };
  globalThis.__tandemEarlyTeamLinks = {
    teams: send({ type: 'teams.list', limit: 40 }),
    settings: send({ type: 'settings.get' }),
  };
})();
