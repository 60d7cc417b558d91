/**
 * Keyboard commands declared in the manifest (`commands`, see utils/manifest.ts); the user can
 * change their keys in the browser's shortcuts page. The background only forwards: the active
 * tab's content script owns its panel. Needs no `tabs` permission: `query` still gives the id.
 */
import type { browser as Browser } from 'wxt/browser';
import type { Broadcast } from '@/utils/content-messages';
import { TOGGLE_PANEL_COMMAND } from '@/utils/manifest';

type Tabs = Pick<typeof Browser.tabs, 'query' | 'sendMessage'>;

export interface CommandsApi {
  commands?: { onCommand: { addListener(listener: (command: string) => void): void } };
  tabs: Tabs;
}

/** Sends `panel.toggle` to the active tab; false when there is none or it runs no Tandem panel. */
export async function togglePanelInActiveTab(tabs: Tabs): Promise<boolean> {
  const [tab] = await tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return false;
  const message: Broadcast = { type: 'panel.toggle' };
  // A tab without our content script (a new tab page, a site we do not run on) rejects.
  return tabs.sendMessage(tab.id, message).then(
    () => true,
    () => false,
  );
}

export function installCommands(api: CommandsApi): void {
  // Registered synchronously at start-up, so a command wakes a stopped service worker.
  api.commands?.onCommand.addListener((command) => {
    if (command === TOGGLE_PANEL_COMMAND) void togglePanelInActiveTab(api.tabs);
  });
}
