/**
 * The popup's first two requests are sent by a plain script of their own (public/popup-early.js),
 * run as the popup's HTML is parsed: some 200 ms before the popup's own modules (zod, Preact, the
 * protocol) have loaded after a browser start, so the worker's answer is on its way meanwhile. The
 * popup takes the answers from `window[EARLY_TEAM_LINKS]` and validates them as `sendMessage` would
 * (components/Popup/TeamLinks.tsx). Imports nothing.
 */

/**
 * How many teams (besides the pinned ones) the popup lists at first, by name; it asks for every
 * team right after. The background keeps every team's link ready for the next browser start and
 * chooses both answers from it (utils/background/charter-list.ts).
 */
export const POPUP_TEAMS_SHOWN = 40;

/** Where the early requests' answers wait for the popup's modules. */
export const EARLY_TEAM_LINKS = '__tandemEarlyTeamLinks';

export interface EarlyTeamLinks {
  teams: Promise<unknown>;
  settings: Promise<unknown>;
}

/** The early requests' answers, once: a second popup render asks again. */
export function takeEarlyTeamLinks(scope: Record<string, unknown>): EarlyTeamLinks | undefined {
  const early = scope[EARLY_TEAM_LINKS] as EarlyTeamLinks | undefined;
  delete scope[EARLY_TEAM_LINKS];
  return early;
}
