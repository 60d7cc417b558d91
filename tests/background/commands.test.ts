import { describe, expect, it, vi } from 'vitest';
import { installCommands, togglePanelInActiveTab } from '@/utils/background/commands';

function api(tabs: { id?: number }[], sendMessage = vi.fn(async () => undefined)) {
  const listeners: ((command: string) => void)[] = [];
  return {
    listeners,
    api: {
      commands: {
        onCommand: { addListener: (listener: (command: string) => void) => listeners.push(listener) },
      },
      tabs: { query: vi.fn(async () => tabs), sendMessage },
    },
  };
}

describe('keyboard commands', () => {
  it('sends panel.toggle to the active tab of the current window', async () => {
    const { api: fake, listeners } = api([{ id: 7 }]);
    installCommands(fake as never);
    expect(listeners).toHaveLength(1);
    listeners[0]?.('toggle-panel');
    await vi.waitFor(() => expect(fake.tabs.sendMessage).toHaveBeenCalledWith(7, { type: 'panel.toggle' }));
    expect(fake.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('ignores other commands, tabs without an id, and tabs without our content script', async () => {
    const { api: fake, listeners } = api([]);
    installCommands(fake as never);
    listeners[0]?.('something-else');
    expect(fake.tabs.query).not.toHaveBeenCalled();
    expect(await togglePanelInActiveTab(fake.tabs as never)).toBe(false);
    const refusing = api(
      [{ id: 3 }],
      vi.fn(async () => Promise.reject(new Error('Receiving end does not exist'))),
    );
    expect(await togglePanelInActiveTab(refusing.api.tabs as never)).toBe(false);
  });

  it('does nothing where the browser has no commands API', () => {
    expect(() => installCommands({ tabs: api([]).api.tabs } as never)).not.toThrow();
  });
});
