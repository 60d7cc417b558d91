/**
 * Runs content scripts in tabs that were open before they could be: a browser only injects a
 * manifest script into pages loaded after the extension was installed or updated, and a registered
 * one (a Jira Data Center site) into pages loaded after it was registered. Without this, those tabs
 * show no panel until the user reloads them.
 *
 * Needs no `tabs` permission: `tabs.query` filters by URL on the hosts Tandem may run on, and
 * `scripting.executeScript` runs the same files the manifest lists there. A tab whose script
 * already answers (it loaded after the install) is left alone; a script of the previous version
 * steps aside by itself when the new one starts (utils/page/run-host.ts, WXT's context).
 */
import type { browser as Browser } from 'wxt/browser';
import { log } from '@/utils/log';

export interface ScriptSpec {
  matches: string[];
  excludeMatches?: string[] | undefined;
  js: string[];
}

export interface OpenTabsApi {
  tabs: Pick<typeof Browser.tabs, 'query' | 'sendMessage'>;
  scripting: Pick<typeof Browser.scripting, 'executeScript'>;
}

/** The manifest's content scripts, as the browser gives them back. */
export function manifestScripts(manifest: { content_scripts?: unknown }): ScriptSpec[] {
  const scripts = Array.isArray(manifest.content_scripts) ? manifest.content_scripts : [];
  return scripts.flatMap((script: { matches?: unknown; exclude_matches?: unknown; js?: unknown }) => {
    const strings = (value: unknown) =>
      Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    const matches = strings(script.matches);
    const js = strings(script.js);
    if (matches.length === 0 || js.length === 0) return [];
    const excludeMatches = strings(script.exclude_matches);
    return [{ matches, js, ...(excludeMatches.length > 0 ? { excludeMatches } : {}) }];
  });
}

/** Whether a content script of this extension answers in the tab (the popup's `panel.status`). */
async function answers(api: OpenTabsApi, tabId: number): Promise<boolean> {
  try {
    await api.tabs.sendMessage(tabId, { type: 'panel.status' });
    return true;
  } catch {
    return false; // "Receiving end does not exist": nothing of ours runs there
  }
}

/** Injects each script into the open tabs it matches and that run nothing of ours; answers how many. */
export async function injectIntoOpenTabs(api: OpenTabsApi, scripts: readonly ScriptSpec[]): Promise<number> {
  let injected = 0;
  for (const script of scripts) {
    let tabs: { id?: number | undefined; discarded?: boolean | undefined }[];
    let excluded = new Set<number | undefined>();
    try {
      tabs = await api.tabs.query({ url: script.matches });
      if (script.excludeMatches)
        excluded = new Set((await api.tabs.query({ url: script.excludeMatches })).map((tab) => tab.id));
    } catch (error) {
      log.failure('background', error);
      continue;
    }
    for (const tab of tabs) {
      if (tab.id === undefined || excluded.has(tab.id) || tab.discarded) continue;
      if (await answers(api, tab.id)) continue;
      try {
        // The manifest's own file names: built paths, though typed as plain strings here.
        const injection = { target: { tabId: tab.id }, files: script.js };
        await api.scripting.executeScript(
          injection as Parameters<OpenTabsApi['scripting']['executeScript']>[0],
        );
        injected += 1;
      } catch (error) {
        // A tab that navigated away or shows an error page meanwhile: nothing to do there.
        log.info('background', `could not start in an open tab: ${String(error)}`);
      }
    }
  }
  return injected;
}
