import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EARLY_TEAM_LINKS, POPUP_TEAMS_SHOWN, takeEarlyTeamLinks } from '@/utils/popup-early';

const SCRIPT = readFileSync(path.join(process.cwd(), 'public/popup-early.js'), 'utf8');
const scope = globalThis as unknown as Record<string, unknown>;

/** Runs the shipped script as the popup's HTML would, with `chrome` standing in for the browser's API. */
function runScript(chrome: unknown, browser?: unknown): void {
  const saved = { chrome: scope.chrome, browser: scope.browser };
  scope.chrome = chrome;
  scope.browser = browser;
  try {
    new Function(SCRIPT)();
  } finally {
    scope.chrome = saved.chrome;
    scope.browser = saved.browser;
  }
}

afterEach(() => {
  delete scope[EARLY_TEAM_LINKS];
});

describe("the popup's early requests (public/popup-early.js)", () => {
  it('asks for the first charter links and the settings at once, for the popup to take once', async () => {
    const sent: unknown[] = [];
    runScript({
      runtime: {
        sendMessage: async (message: unknown) => {
          sent.push(message);
          return { answered: message };
        },
      },
    });
    // The same limit as the popup's own request, written out in the plain script.
    expect(sent).toEqual([{ type: 'teams.list', limit: POPUP_TEAMS_SHOWN }, { type: 'settings.get' }]);
    const early = takeEarlyTeamLinks(scope);
    expect(await early?.teams).toEqual({ answered: { type: 'teams.list', limit: POPUP_TEAMS_SHOWN } });
    expect(takeEarlyTeamLinks(scope)).toBeUndefined();
  });

  it("uses Firefox's `browser` when it is the extension's, and nothing without a promise-based runtime", () => {
    const sent: string[] = [];
    const runtime = (name: string) => ({
      id: 'tandem@tandem.invalid',
      sendMessage: async () => {
        sent.push(name);
      },
    });
    runScript({ runtime: runtime('chrome') }, { runtime: runtime('browser') });
    expect(sent).toEqual(['browser', 'browser']);
    delete scope[EARLY_TEAM_LINKS];
    runScript(undefined);
    expect(takeEarlyTeamLinks(scope)).toBeUndefined();
    // Callbacks only, no promise: left to the popup's own request.
    runScript({ runtime: { sendMessage: () => undefined } });
    expect(takeEarlyTeamLinks(scope)).toBeUndefined();
  });

  it('leaves no unhandled rejection when the worker cannot answer', async () => {
    runScript({ runtime: { sendMessage: () => Promise.reject(new Error('no receiver')) } });
    const early = takeEarlyTeamLinks(scope);
    await expect(early?.teams).rejects.toThrow('no receiver');
  });
});
