/**
 * The keyboard command that shows or hides the panel: its current keys as the browser reports
 * them (`commands.getAll()`; "not set" when the user removed them or the command does not exist),
 * and how to change them. Chromium opens its shortcuts page for an extension; Firefox only says where.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { TOGGLE_PANEL_COMMAND } from '@/utils/manifest';

export interface ShortcutApi {
  commands(): Promise<{ name?: string; shortcut?: string }[]>;
  /** Opens the browser's shortcuts page; rejects where a page cannot. */
  openShortcuts(): Promise<unknown>;
  isFirefox: boolean;
}

export const browserShortcuts: ShortcutApi = {
  commands: () => browser.commands?.getAll?.() ?? Promise.resolve([]),
  openShortcuts: () => browser.tabs.create({ url: 'chrome://extensions/shortcuts' }),
  isFirefox: import.meta.env.FIREFOX === true,
};

export function KeyboardShortcut({ api = browserShortcuts }: { api?: ShortcutApi | undefined }) {
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api
      .commands()
      .then((commands) =>
        setShortcut(commands.find((command) => command.name === TOGGLE_PANEL_COMMAND)?.shortcut || null),
      )
      .catch(() => setShortcut(null));
  }, [api]);

  const instructions = api.isFirefox
    ? 'In Firefox: open about:addons, click the gear menu, then “Manage Extension Shortcuts”.'
    : 'In Chrome or Edge: open chrome://extensions/shortcuts (edge://extensions/shortcuts) and find Tandem.';

  return (
    <section class="card" aria-labelledby="shortcut-title">
      <h2 id="shortcut-title">Keyboard</h2>
      <p>
        Show or hide the panel:{' '}
        <kbd data-testid="shortcut-keys">{shortcut === undefined ? '…' : (shortcut ?? 'not set')}</kbd>
      </p>
      {!api.isFirefox && (
        <button
          type="button"
          data-testid="shortcut-change"
          onClick={() => void api.openShortcuts().catch(() => setFailed(true))}
        >
          Change keyboard shortcuts
        </button>
      )}
      <p class={failed ? 'error' : 'muted'} data-testid="shortcut-instructions">
        {failed ? 'The browser did not open its shortcuts page from here. ' : ''}
        {instructions}
      </p>
    </section>
  );
}
