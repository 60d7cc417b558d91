import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiContext } from '@/components/Api/api';
import { PrivacyPage } from '@/components/Privacy/PrivacyPage';
import type { ShortcutApi } from '@/components/SettingsPanel/KeyboardShortcut';
import { SettingsPanel } from '@/components/SettingsPanel/SettingsPanel';
import { LOCAL_LAYER } from '@/utils/catalog/db';
import { validCatalog } from '../catalog/build';
import { fakeBackground } from '../fake-background';

afterEach(cleanup);

const shortcuts = (keys: string | undefined, opens = true): ShortcutApi => ({
  commands: async () => (keys === undefined ? [] : [{ name: 'toggle-panel', shortcut: keys }]),
  openShortcuts: vi.fn(async () => {
    if (!opens) throw new Error('not allowed');
  }),
  isFirefox: false,
});

async function show(keys?: string, opens = true) {
  const background = await fakeBackground();
  const api = shortcuts(keys, opens);
  render(
    <ApiContext.Provider value={background.api}>
      <SettingsPanel shortcuts={api} />
    </ApiContext.Provider>,
  );
  await screen.findByTestId('settings-panel');
  const stored = async () => {
    const answer = await background.handlers['settings.get']?.({ type: 'settings.get' });
    if (!answer?.ok) throw new Error('no settings');
    return answer.settings;
  };
  return { ...background, stored, shortcuts: api };
}

describe('settings', () => {
  it('switches a host off and on through settings.update, and tells open tabs', async () => {
    const { stored, api, sent } = await show();
    const broadcasts: string[] = [];
    api.onBroadcast((message) => broadcasts.push(message.type));
    const zendesk = screen.getByTestId('host-toggle-zendesk') as HTMLInputElement;
    expect(zendesk.checked).toBe(true);
    fireEvent.click(zendesk);
    await waitFor(() =>
      expect(screen.getByTestId('settings-status').textContent).toContain('Zendesk switched off'),
    );
    expect((await stored()).disabledHosts).toEqual(['zendesk']);
    expect((screen.getByTestId('host-toggle-zendesk') as HTMLInputElement).checked).toBe(false);
    expect(broadcasts).toContain('settings.changed');
    fireEvent.click(screen.getByTestId('host-toggle-zendesk'));
    await waitFor(async () => expect((await stored()).disabledHosts).toEqual([]));
    expect(sent.filter((request) => request.type === 'settings.update')).toHaveLength(2);
  });

  it('sets the panel defaults', async () => {
    const { stored } = await show();
    fireEvent.click(screen.getByTestId('panel-layout-floating'));
    await waitFor(async () =>
      expect((await stored()).panel).toEqual({ layout: 'floating', collapsed: false }),
    );
    fireEvent.click(screen.getByTestId('panel-collapsed'));
    await waitFor(async () =>
      expect((await stored()).panel).toEqual({ layout: 'floating', collapsed: true }),
    );
    expect((screen.getByTestId('panel-collapsed') as HTMLInputElement).checked).toBe(true);
  });

  it('shows the keyboard command, or "not set", and how to change it', async () => {
    const { shortcuts: api } = await show('Alt+Shift+T');
    await waitFor(() => expect(screen.getByTestId('shortcut-keys').textContent).toBe('Alt+Shift+T'));
    fireEvent.click(screen.getByTestId('shortcut-change'));
    expect(api.openShortcuts).toHaveBeenCalled();
    cleanup();
    await show(undefined, false);
    await waitFor(() => expect(screen.getByTestId('shortcut-keys').textContent).toBe('not set'));
    fireEvent.click(screen.getByTestId('shortcut-change'));
    await waitFor(() =>
      expect(screen.getByTestId('shortcut-instructions').textContent).toContain(
        'chrome://extensions/shortcuts',
      ),
    );
    expect(screen.getByTestId('shortcut-instructions').className).toBe('error');
  });
});

describe('privacy page', () => {
  it('is generated from the manifest, the granted origins and the live database', async () => {
    const background = await fakeBackground({ [LOCAL_LAYER]: validCatalog() });
    // Written as sources.add would, after its checks (settings.update never writes sources).
    await background.settings.update((old) => ({
      ...old,
      sources: [
        { id: 'acme', url: 'https://catalog.acme.example/tandem.json', kind: 'catalog', refreshMinutes: 30 },
      ],
    }));
    render(
      <ApiContext.Provider value={background.api}>
        <PrivacyPage
          sources={{
            manifest: () => ({
              permissions: ['scripting'],
              optional_host_permissions: ['https://*/*'],
              content_scripts: [{ matches: ['https://*.atlassian.net/*', 'https://*.jira.com/*'] }],
            }),
            grantedOrigins: async () => ['https://*.atlassian.net/*'],
          }}
        />
      </ApiContext.Provider>,
    );
    await screen.findByTestId('privacy-page');
    const stores = screen.getByTestId('privacy-stores');
    expect(stores.querySelector('[data-store="buckets"] td')?.textContent).toBe('2');
    expect(screen.getByTestId('privacy-runs-on').textContent).toContain('https://*.jira.com/*');
    expect(screen.getByTestId('privacy-permissions').textContent).toContain('scripting');
    const requests = screen.getByTestId('privacy-requests').textContent ?? '';
    expect(requests).toContain('https://catalog.acme.example/tandem.json');
    expect(requests).toContain('every 30 minutes');
  });
});
